// elasticache-snapshot-retention: Redis and Valkey caches keep automatic daily snapshots for at
// least the configured number of days (CP-9 backup, CP-10 recovery): without them a lost node group
// or a bad write cannot be rolled back.

import {
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_SERVERLESS_CACHE,
    NUMBER,
    refine,
    resourcePolicy,
} from "../../lib";

/**
 * Engines (the provider's valid values; ElastiCache's API takes them as free strings): snapshots
 * exist for Redis OSS and Valkey only; Memcached keeps no data to restore. A replication group's
 * engine defaults to redis; a cluster that joins a replication group takes the group's engine and
 * snapshot settings. SnapshotRetentionLimit defaults to 0, "backups are turned off" (ElastiCache
 * CreateReplicationGroup / CreateCacheCluster; the provider docs say the same).
 */
const ENGINES = ["redis", "valkey", "memcached"] as const;
const DAYS = refine(NUMBER, "a whole number of days, 0 or more", (n) => Number.isInteger(n) && n >= 0);

export const elasticacheSnapshotRetention = resourcePolicy({
    name: "elasticache-snapshot-retention",
    description:
        "ElastiCache Redis and Valkey replication groups, standalone clusters and serverless caches must keep automatic snapshots " +
        "(snapshotRetentionLimit) for at least the configured number of days — 1 by default, 7 in prod's pack config. The default, 0, " +
        "turns backups off, so a failed node group, a FLUSHALL or a bad deploy cannot be undone (CP-9, CP-10). Memcached keeps no " +
        "snapshots and is not judged; an engine ElastiCache does not define is never an exemption.",
    summary: "ElastiCache Redis/Valkey keeps automatic snapshots for at least 1 day (configurable; 7 in prod)",
    severity: "medium",
    controls: ["CP-9", "CP-10"],
    remediationSteps:
        "Set `snapshotRetentionLimit` to the required days (and a `snapshotWindow`) on the aws.elasticache.ReplicationGroup (or the " +
        "standalone Cluster, or the ServerlessCache).",
    resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CLUSTER, ELASTICACHE_SERVERLESS_CACHE],
    options: {
        minSnapshotRetentionDays: {
            type: "integer",
            default: 1,
            minimum: 1,
            maximum: 35,
            description: "Fewest days of automatic snapshots a Redis or Valkey cache keeps (ElastiCache allows up to 35).",
        },
    },
    noVerdict: [
        { when: "the engine is memcached", why: "Memcached has no snapshots to keep" },
        { when: "a cluster joins a replication group (replicationGroupId)", why: "the group's snapshot settings apply and the group is judged" },
    ],
    validate: (ctx) => {
        if (ctx.type === ELASTICACHE_CLUSTER) {
            const group = ctx.readString("replicationGroupId", { quiet: true });
            // A computed group id is still a group: the member inherits its snapshot settings.
            if (group.ok ? group.value !== undefined && group.value !== "" : group.unknown) {
                return;
            }
        }
        const engine = ctx.readEnum("engine", ENGINES, { ignoreCase: true });
        if (!engine.ok) {
            return;
        }
        const name = engine.value ?? (ctx.type === ELASTICACHE_REPLICATION_GROUP ? "redis" : undefined);
        if (name === "memcached") {
            return;
        }
        if (name === undefined) {
            ctx.advisory(`Cannot verify ${ctx.label}'s snapshots: it sets no engine; set engine ("redis" or "valkey" keep snapshots).`);
            return;
        }
        const days = ctx.readAs("snapshotRetentionLimit", DAYS);
        if (!days.ok) {
            return;
        }
        const min = ctx.config.minSnapshotRetentionDays;
        const kept = days.value ?? 0;
        if (kept < min) {
            ctx.violation(
                `${ctx.label} keeps ${kept === 0 ? "no automatic snapshots" : `automatic snapshots for ${kept} day${kept === 1 ? "" : "s"}`}; ` +
                    `set snapshotRetentionLimit to at least ${min}.`,
            );
        }
    },
});
