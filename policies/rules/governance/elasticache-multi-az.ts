// elasticache-multi-az: production ElastiCache replication groups are Multi-AZ with automatic
// failover, so a replica in another zone is promoted when the primary fails; a stand-alone cache
// cluster has no such replica (CP-7, CP-10). Prod-only: scope "prod" (advisory in staging).

import { resourcePolicy, ResourceContext } from "../../lib";

const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

/**
 * An aws.elasticache.Cluster outside a replication group is a single Redis/Valkey node (no
 * replica, no failover: its zone's outage is the cache's outage) or a Memcached cluster, which
 * spreads its nodes over zones only with azMode "cross-az" and at least two nodes.
 */
function judgeStandaloneCacheCluster(ctx: ResourceContext<unknown>): void {
    const group = ctx.read("replicationGroupId");
    const engine = ctx.read("engine");
    if (!group.known) {
        return ctx.cannotVerify("replicationGroupId");
    }
    if (typeof group.value === "string" && group.value !== "") {
        return; // a member: the replication group is judged
    }
    if (!engine.known) {
        return ctx.cannotVerify("engine");
    }
    if (engine.value !== "memcached") {
        return ctx.violation(
            `ElastiCache cluster "${ctx.name}" is a single ${String(engine.value ?? "cache")} node outside a replication group (no replica, no failover); ` +
                "use an aws.elasticache.ReplicationGroup with Multi-AZ and automatic failover.",
        );
    }
    const mode = ctx.read("azMode");
    const nodes = ctx.read("numCacheNodes");
    if (!mode.known || !nodes.known) {
        return ctx.cannotVerify("azMode or numCacheNodes");
    }
    if (mode.value !== "cross-az" || typeof nodes.value !== "number" || nodes.value < 2) {
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
    anchors: [
        "6db03a91-f933-4f13-ab38-a8b87a7de54d", // KICS: ElastiCache Nodes Not Created Across Multi AZ
    ],
    remediationSteps: "Set `automaticFailoverEnabled: true`, `multiAzEnabled: true` and `numCacheClusters` ≥ 2 (or replicasPerNodeGroup ≥ 1).",
    resourceTypes: ["aws:elasticache/replicationGroup:ReplicationGroup", ELASTICACHE_CLUSTER],
    validate: (ctx) => {
        if (ctx.type === ELASTICACHE_CLUSTER) {
            return judgeStandaloneCacheCluster(ctx);
        }
        const failover = ctx.read("automaticFailoverEnabled");
        const multiAz = ctx.read("multiAzEnabled");
        const off = [
            ...(failover.known && failover.value !== true ? ["automaticFailoverEnabled"] : []),
            ...(multiAz.known && multiAz.value !== true ? ["multiAzEnabled"] : []),
        ];
        if (off.length > 0) {
            ctx.violation(`Replication group "${ctx.name}" does not set ${off.join(" and ")} to true; enable Multi-AZ with automatic failover.`);
        } else if (!failover.known || !multiAz.known) {
            ctx.cannotVerify("automaticFailoverEnabled or multiAzEnabled");
        }
    },
});
