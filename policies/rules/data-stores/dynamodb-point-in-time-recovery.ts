// dynamodb-point-in-time-recovery: DynamoDB tables and their global-table replicas keep continuous
// backups restorable to any second of the recovery period (CP-9, CP-10).

import {
    DYNAMODB_TABLE,
    DYNAMODB_TABLE_REPLICA,
    requireTrue,
    resourcePolicy,
} from "../../lib";

// Point-in-time recovery is off unless asked for: "If the pointInTimeRecovery block is not
// provided, this defaults to false"; a replica's pointInTimeRecovery "Default is false" (provider
// docs; DynamoDB UpdateContinuousBackups). Each replica of a global table has its own setting.

export const dynamodbPointInTimeRecovery = resourcePolicy({
    name: "dynamodb-point-in-time-recovery",
    description:
        "DynamoDB tables, each replica of a global table (replicas[] or aws.dynamodb.TableReplica) included, must have point-in-time " +
        "recovery on: continuous backups restorable to any second of the last 35 days (or the configured recovery period), which is " +
        "what undoes an accidental delete or a bad write (CP-9, CP-10). It is off unless asked for.",
    summary: "DynamoDB tables and global-table replicas have point-in-time recovery on",
    severity: "medium",
    controls: ["CP-9", "CP-10"],
    remediationSteps:
        "Set `pointInTimeRecovery: { enabled: true }` on the aws.dynamodb.Table, `pointInTimeRecovery: true` on each entry of " +
        "`replicas`, and `pointInTimeRecovery: true` on each aws.dynamodb.TableReplica.",
    resourceTypes: [DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA],
    noVerdict: [],
    validate: (ctx) => {
        if (ctx.type === DYNAMODB_TABLE_REPLICA) {
            requireTrue(ctx, "pointInTimeRecovery", `${ctx.label} has no point-in-time recovery; set pointInTimeRecovery: true.`);
            return;
        }
        requireTrue(ctx, "pointInTimeRecovery.enabled", `${ctx.label} has no point-in-time recovery; set pointInTimeRecovery: { enabled: true }.`);
        const replicas = ctx.readArray("replicas");
        if (!replicas.ok) {
            return;
        }
        (replicas.value ?? []).forEach((replica, i) => {
            const at = `replicas[${i}]`;
            const replicaOn = ctx.readBoolean("pointInTimeRecovery", { from: replica, at });
            if (replicaOn.ok && replicaOn.value !== true) {
                const region = ctx.readString("regionName", { from: replica, at, quiet: true });
                const where = region.ok && region.value !== undefined ? ` (${region.value})` : "";
                ctx.violation(`${ctx.label} replica ${i}${where} has no point-in-time recovery; set ${at}.pointInTimeRecovery: true.`);
            }
        });
    },
});
