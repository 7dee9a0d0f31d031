// elasticache-multi-az: production ElastiCache replication groups are Multi-AZ with automatic
// failover, so a replica in another zone is promoted when the primary fails; a stand-alone cache
// cluster has no such replica (CP-7, CP-10). Prod-only: scope "prod" (advisory in staging).

import { CACHE_ENGINES, ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, resourcePolicy, ResourceContext } from "../../lib";

/**
 * An aws.elasticache.Cluster outside a replication group is a single Redis/Valkey node (no
 * replica, no failover: its zone's outage is the cache's outage) or a Memcached cluster, which
 * spreads its nodes over zones only with azMode "cross-az" and at least two nodes.
 */
function judgeStandaloneCacheCluster(ctx: ResourceContext<unknown>): void {
    const group = ctx.readString("replicationGroupId");
    if (!group.ok) {
        return;
    }
    if (group.value !== undefined && group.value !== "") {
        return; // a member: the replication group is judged
    }
    const engine = ctx.readEnum("engine", CACHE_ENGINES);
    if (!engine.ok) {
        return;
    }
    if (engine.value !== "memcached") {
        return ctx.violation(
            `ElastiCache cluster "${ctx.name}" is a single ${engine.value ?? "cache"} node outside a replication group (no replica, no failover); ` +
                "use an aws.elasticache.ReplicationGroup with Multi-AZ and automatic failover.",
        );
    }
    const mode = ctx.readEnum("azMode", ["single-az", "cross-az"], { quiet: true });
    const nodes = ctx.readNumber("numCacheNodes", { quiet: true });
    if ((!mode.ok && !mode.unknown) || (!nodes.ok && !nodes.unknown)) {
        return; // malformed: reported
    }
    if (!mode.ok || !nodes.ok) {
        return ctx.cannotVerify("azMode or numCacheNodes");
    }
    if (mode.value !== "cross-az" || nodes.value === undefined || nodes.value < 2) {
        ctx.violation(`Memcached cluster "${ctx.name}" keeps its nodes in one Availability Zone; set azMode to "cross-az" with numCacheNodes ≥ 2.`);
    }
}

export const elasticacheMultiAz = resourcePolicy({
    name: "elasticache-multi-az",
    description:
        "Production ElastiCache replication groups must be Multi-AZ with automatic failover, so a replica in another zone " +
        "is promoted when the primary fails; a stand-alone cache cluster (a single Redis/Valkey node, or Memcached not " +
        "cross-az) is not (CP-7, CP-10).",
    summary: "Production ElastiCache is Multi-AZ with automatic failover (no single-node or single-zone cache)",
    scope: "prod",
    severity: "medium",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Set `automaticFailoverEnabled: true`, `multiAzEnabled: true` and `numCacheClusters` ≥ 2 (or replicasPerNodeGroup ≥ 1).",
    resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER],
    noVerdict: [
        {
            when: "an aws.elasticache.Cluster has a replicationGroupId (a member of a replication group)",
            why: "the member takes the group's Multi-AZ and failover settings, which are judged on the replication group",
        },
    ],
    validate: (ctx) => {
        if (ctx.type === ELASTICACHE_CLUSTER) {
            return judgeStandaloneCacheCluster(ctx);
        }
        const failover = ctx.readBoolean("automaticFailoverEnabled", { quiet: true });
        const multiAz = ctx.readBoolean("multiAzEnabled", { quiet: true });
        if ((!failover.ok && !failover.unknown) || (!multiAz.ok && !multiAz.unknown)) {
            return; // malformed: reported
        }
        const off = [
            ...(failover.ok && failover.value !== true ? ["automaticFailoverEnabled"] : []),
            ...(multiAz.ok && multiAz.value !== true ? ["multiAzEnabled"] : []),
        ];
        if (off.length > 0) {
            ctx.violation(`Replication group "${ctx.name}" does not set ${off.join(" and ")} to true; enable Multi-AZ with automatic failover.`);
        } else if (!failover.ok || !multiAz.ok) {
            ctx.cannotVerify("automaticFailoverEnabled or multiAzEnabled");
        }
    },
});
