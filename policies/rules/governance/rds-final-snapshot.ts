// rds-final-snapshot: production RDS instances and clusters take a final snapshot when deleted, so
// a deletion always leaves a restorable copy (CP-9, SI-12). Prod-only: scope "prod" (advisory in
// staging).

import { labelOf, RDS_CLUSTER, RDS_INSTANCE, resourcePolicy } from "../../lib";

export const rdsFinalSnapshot = resourcePolicy({
    name: "rds-final-snapshot",
    description:
        "Production RDS instances and clusters must take a final snapshot when deleted (skipFinalSnapshot false and a " +
        "finalSnapshotIdentifier), so a deletion always leaves a restorable copy (CP-9, SI-12).",
    summary: "Production RDS instances and clusters take a final snapshot (with an identifier) when deleted",
    scope: "prod",
    severity: "medium",
    controls: ["CP-9", "SI-12"],
    remediationSteps: "Leave `skipFinalSnapshot` false (the default) and set `finalSnapshotIdentifier` (e.g. `${name}-final`).",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    noVerdict: [],
    validate: (ctx) => {
        const skip = ctx.readBoolean("skipFinalSnapshot", { quiet: true });
        const id = ctx.readString("finalSnapshotIdentifier", { quiet: true });
        if (skip.ok && skip.value === true) {
            ctx.violation(`${labelOf(ctx, "RDS instance")} skips the final snapshot; set skipFinalSnapshot to false and a finalSnapshotIdentifier.`);
        } else if ((!skip.ok && !skip.unknown) || (!id.ok && !id.unknown)) {
            return; // malformed: reported
        } else if (!skip.ok || !id.ok) {
            ctx.cannotVerify("skipFinalSnapshot or finalSnapshotIdentifier");
        } else if (id.value === undefined || id.value === "") {
            ctx.violation(`${labelOf(ctx, "RDS instance")} has no finalSnapshotIdentifier, so it cannot be deleted with a final snapshot; set one.`);
        }
    },
});
