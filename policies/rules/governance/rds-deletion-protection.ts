// rds-deletion-protection: production RDS instances and clusters have deletion protection, so
// neither a mistaken `pulumi destroy` nor a replacement deletes the database (CM-5, SI-12).
// Prod-only: scope "prod" (advisory in staging).

import { labelOf, RDS_CLUSTER, RDS_INSTANCE, requireTrue, resourcePolicy } from "../../lib";

export const rdsDeletionProtection = resourcePolicy({
    name: "rds-deletion-protection",
    description:
        "Production RDS instances and clusters must have deletion protection, so neither a mistaken `pulumi destroy` nor a " +
        "replacement can delete the database (CM-5, SI-12).",
    summary: "Production RDS instances and clusters have deletion protection",
    scope: "prod",
    severity: "high",
    controls: ["CM-5", "SI-12"],
    remediationSteps: "Set `deletionProtection: true` (and `protect: true` on the Pulumi resource).",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER],
    noVerdict: [],
    validate: (ctx) => requireTrue(ctx, "deletionProtection", `${labelOf(ctx, "RDS instance")} has no deletion protection; set deletionProtection to true.`),
});
