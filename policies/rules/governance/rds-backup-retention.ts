// rds-backup-retention: production RDS instances and clusters keep automated backups long enough
// (30 days by default; AWS's maximum is 35) for point-in-time recovery to undo a late-detected
// corruption (CP-9, CP-10). Prod-only: scope "prod" (advisory in staging).

import { labelOf, RDS_CLUSTER, RDS_INSTANCE, resourcePolicy } from "../../lib";

export const rdsBackupRetention = resourcePolicy({
    name: "rds-backup-retention",
    description:
        "Production RDS instances and clusters must keep automated backups for at least the configured days (30 by default; " +
        "35 is AWS's maximum), so point-in-time recovery reaches back far enough to undo a late-detected corruption (CP-9, CP-10).",
    summary: "Production RDS instances and clusters keep automated backups for at least 30 days (configurable)",
    scope: "prod",
    severity: "high",
    controls: ["CP-9", "CP-10"],
    remediationSteps: "Set `backupRetentionPeriod` to at least the configured minimum (AWS allows up to 35 days; keep longer copies with AWS Backup).",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    options: {
        minBackupRetentionDays: { type: "integer", default: 30, minimum: 1, maximum: 35, description: "Minimum automated backup retention in days." },
    },
    noVerdict: [
        {
            when: "replicateSourceDb is set (a read replica)",
            why: "a read replica is recovered from its source's backups, which are judged on the source",
        },
    ],
    validate: (ctx) => {
        const replica = ctx.readString("replicateSourceDb", { quiet: true });
        if (!replica.ok && !replica.unknown) {
            return; // malformed: reported
        }
        if (replica.ok && replica.value !== undefined && replica.value !== "") {
            return; // a read replica's recovery point is its source's
        }
        const days = ctx.readNumber("backupRetentionPeriod");
        const min = ctx.config.minBackupRetentionDays;
        if (!days.ok) {
            return;
        }
        if (days.value === undefined) {
            ctx.violation(`${labelOf(ctx, "RDS instance")} does not set backupRetentionPeriod (AWS defaults to 1 day); set it to at least ${min}.`);
        } else if (days.value < min) {
            ctx.violation(`${labelOf(ctx, "RDS instance")} keeps backups for ${days.value} day(s); set backupRetentionPeriod to at least ${min}.`);
        }
    },
});
