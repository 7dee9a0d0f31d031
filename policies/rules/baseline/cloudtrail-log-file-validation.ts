// cloudtrail-log-file-validation: CloudTrail trails enable log file validation, so CloudTrail
// writes a signed digest every hour and any deletion or change of a delivered log file is
// detectable (AU-9, SI-7). Prod-only: scope "prod" (advisory in staging).

import {
    CLOUDTRAIL_TRAIL,
    requireTrue,
    resourcePolicy,
} from "../../lib";

export const cloudtrailLogFileValidation = resourcePolicy({
    name: "cloudtrail-log-file-validation",
    description:
        "CloudTrail trails must enable log file validation: CloudTrail then writes a signed digest every hour, so any " +
        "deletion or change of a delivered log file is detectable (`aws cloudtrail validate-logs`) (AU-9, SI-7).",
    summary: "CloudTrail trails enable log file validation (hourly signed digests that expose changed log files)",
    scope: "prod",
    severity: "high",
    controls: ["AU-9", "SI-7", "AU-12"],
    remediationSteps: "Set `enableLogFileValidation: true` on the aws.cloudtrail.Trail.",
    resourceTypes: [CLOUDTRAIL_TRAIL],
    noVerdict: [],
    validate: (ctx) => {
        requireTrue(ctx, "enableLogFileValidation", `CloudTrail trail "${ctx.name}" does not validate its log files; set enableLogFileValidation to true.`);
    },
});
