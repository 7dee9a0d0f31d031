// rds-multi-az: production RDS instances are Multi-AZ, so a standby in a second Availability Zone
// takes over when the primary's zone fails (CP-7, CP-10). Aurora clusters are judged by
// aurora-cluster-multi-az. Prod-only: scope "prod" (advisory in staging).

import { labelOf, RDS_INSTANCE, requireTrue, resourcePolicy } from "../../lib";

export const rdsMultiAz = resourcePolicy({
    name: "rds-multi-az",
    description:
        "Production RDS instances must be Multi-AZ: a standby in a second Availability Zone takes over within minutes when " +
        "the primary's zone fails (CP-7, CP-10). Aurora clusters are judged by aurora-cluster-multi-az.",
    summary: "Production RDS instances are Multi-AZ (a standby in a second Availability Zone)",
    scope: "prod",
    severity: "high",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Set `multiAz: true` on the aws.rds.Instance.",
    resourceTypes: [RDS_INSTANCE],
    noVerdict: [],
    validate: (ctx) => requireTrue(ctx, "multiAz", `${labelOf(ctx, "RDS instance")} is not Multi-AZ; set multiAz to true.`),
});
