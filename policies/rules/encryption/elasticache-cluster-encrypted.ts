// elasticache-cluster-encrypted: a stand-alone aws.elasticache.Cluster cannot encrypt Redis/Valkey
// data at rest (only a replication group can), so such data must live in a replication group
// (SC-28); Memcached clusters must at least encrypt in transit (SC-8).

import { CACHE_ENGINES, ELASTICACHE_CLUSTER, requireTrue, resourcePolicy } from "../../lib";

export const elasticacheClusterEncrypted = resourcePolicy({
    name: "elasticache-cluster-encrypted",
    description:
        "Stand-alone ElastiCache clusters must not hold Redis/Valkey data outside a replication group (a stand-alone " +
        "cluster cannot encrypt at rest) and Memcached clusters must encrypt in transit.",
    summary: "No stand-alone Redis/Valkey clusters (they cannot encrypt at rest); Memcached clusters encrypt in transit",
    severity: "high",
    controls: ["SC-28", "SC-8", "SC-8(1)"],
    remediationSteps:
        "Create Redis/Valkey as an aws.elasticache.ReplicationGroup with `atRestEncryptionEnabled` and " +
        "`transitEncryptionEnabled`; for Memcached set `transitEncryptionEnabled: true`.",
    resourceTypes: [ELASTICACHE_CLUSTER],
    noVerdict: [
        {
            when: "replicationGroupId is set, or unknown at preview",
            why: "a member of a replication group takes the group's encryption settings, which elasticache-encrypted judges; a computed id comes from such a group in the program",
        },
    ],
    validate: (ctx) => {
        const group = ctx.readString("replicationGroupId", { quiet: true });
        if (!group.ok || (group.value !== undefined && group.value !== "")) {
            // A member of a replication group: the group's settings apply and are judged there.
            return;
        }
        const what = `ElastiCache cluster "${ctx.name}"`;
        const engine = ctx.readEnum("engine", CACHE_ENGINES);
        if (!engine.ok) {
            return;
        }
        if (engine.value === "memcached") {
            requireTrue(ctx, "transitEncryptionEnabled", `${what} does not encrypt in transit; set transitEncryptionEnabled: true.`);
        } else {
            ctx.violation(
                `${what} runs ${engine.value ?? "redis"} outside a replication group, which cannot encrypt at rest; ` +
                    "create it as an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled and transitEncryptionEnabled.",
            );
        }
    },
});
