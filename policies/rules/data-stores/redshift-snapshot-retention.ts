// redshift-snapshot-retention: Redshift clusters keep automated snapshots (CP-9, CP-10). AWS
// CreateCluster: AutomatedSnapshotRetentionPeriod "Default: 1 … Must be a value from 0 to 35";
// "If the value is 0, automated snapshots are disabled". Unset is AWS's 1 day and passes the
// default minimum.

import { NUMBER, REDSHIFT_CLUSTER, refine, resourcePolicy } from "../../lib";

const DAYS = refine(NUMBER, "a whole number of days from 0 to 35", (n) => Number.isInteger(n) && n >= 0 && n <= 35);
/** AWS's value when automatedSnapshotRetentionPeriod is not set. */
const AWS_DEFAULT_DAYS = 1;

export const redshiftSnapshotRetention = resourcePolicy({
    name: "redshift-snapshot-retention",
    description:
        "Redshift clusters must keep automated snapshots for at least the configured number of days (1 by default): " +
        "automatedSnapshotRetentionPeriod 0 turns them off, so a dropped table or a bad load cannot be rolled back (CP-9, CP-10). " +
        "Unset is AWS's default of 1 day.",
    summary: "Redshift clusters keep automated snapshots (automatedSnapshotRetentionPeriod ≥ 1 day, configurable)",
    severity: "medium",
    controls: ["CP-9", "CP-10"],
    remediationSteps: "Set `automatedSnapshotRetentionPeriod` on the aws.redshift.Cluster to the required days (1–35), or leave it unset for AWS's 1 day.",
    resourceTypes: [REDSHIFT_CLUSTER],
    options: {
        minRetentionDays: {
            type: "integer",
            default: 1,
            minimum: 1,
            maximum: 35,
            description: "Fewest days of automated snapshots a Redshift cluster keeps (Redshift allows up to 35).",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        const days = ctx.readAs("automatedSnapshotRetentionPeriod", DAYS);
        if (!days.ok) {
            return;
        }
        const kept = days.value ?? AWS_DEFAULT_DAYS;
        const min = ctx.config.minRetentionDays;
        if (kept < min) {
            ctx.violation(
                `${ctx.label} keeps ${kept === 0 ? "no automated snapshots" : `automated snapshots for ${kept} day${kept === 1 ? "" : "s"}`}` +
                    `${days.value === undefined ? " (AWS's default)" : ""}; set automatedSnapshotRetentionPeriod to at least ${min}.`,
            );
        }
    },
});
