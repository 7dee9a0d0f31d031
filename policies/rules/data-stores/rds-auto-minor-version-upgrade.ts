// rds-auto-minor-version-upgrade: RDS, DocumentDB and Neptune apply minor engine versions — the
// security patches — in the maintenance window (SI-2 flaw remediation).

import {
    DOCDB_CLUSTER_INSTANCE,
    NEPTUNE_CLUSTER_INSTANCE,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    resourcePolicy,
} from "../../lib";

// autoMinorVersionUpgrade defaults to true on every one of these types (RDS CreateDBInstance and
// CreateDBCluster for Multi-AZ DB clusters, DocumentDB and Neptune CreateDBInstance; the provider
// docs say the same), so only an explicit false is a violation. Which minor version a stack starts
// from is the engineVersion pin's business (declare the major only), not this policy's.

export const rdsAutoMinorVersionUpgrade = resourcePolicy({
    name: "rds-auto-minor-version-upgrade",
    description:
        "RDS instances, Multi-AZ DB clusters and Aurora, DocumentDB and Neptune cluster instances must not turn off automatic minor " +
        "version upgrades (autoMinorVersionUpgrade: false): minor versions carry the engine's security fixes, and RDS applies them in " +
        "the maintenance window only while the setting is on (SI-2). Unset is AWS's default, on.",
    summary: "RDS, Aurora, DocumentDB and Neptune databases keep automatic minor version upgrades on (not false)",
    severity: "medium",
    controls: ["SI-2", "CM-6"],
    remediationSteps:
        "Remove `autoMinorVersionUpgrade` or set it to true, and declare only the major in engineVersion (e.g. \"16\") so the provider " +
        "does not try to roll back a minor version RDS applied.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, DOCDB_CLUSTER_INSTANCE, NEPTUNE_CLUSTER_INSTANCE],
    noVerdict: [{ when: "autoMinorVersionUpgrade is unset", why: "AWS's default for every judged type is true" }],
    validate: (ctx) => {
        const upgrade = ctx.readBoolean("autoMinorVersionUpgrade");
        if (upgrade.ok && upgrade.value === false) {
            ctx.violation(`${ctx.label} turns off automatic minor version upgrades; remove autoMinorVersionUpgrade or set it to true.`);
        }
    },
});
