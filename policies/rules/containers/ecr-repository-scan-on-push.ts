// ecr-repository-scan-on-push: scanning on push reports a known-vulnerable image before it is
// deployed (RA-5, SI-2, SI-3).

import { ECR_REPOSITORY, requireTrue, resourcePolicy } from "../../lib";

export const ecrRepositoryScanOnPush = resourcePolicy({
    name: "ecr-repository-scan-on-push",
    description:
        "ECR repositories must scan images on push, so a known-vulnerable image is reported before it is deployed (RA-5, SI-2).",
    summary: "ECR repositories scan images on push (imageScanningConfiguration.scanOnPush: true)",
    severity: "medium",
    controls: ["RA-5", "SI-2", "SI-3"],
    remediationSteps:
        "Set `imageScanningConfiguration: { scanOnPush: true }` on the aws.ecr.Repository (or waive this policy where a " +
        "registry-level enhanced scanning configuration covers the repository).",
    resourceTypes: [ECR_REPOSITORY],
    noVerdict: [],
    validate: (ctx) => {
        requireTrue(ctx, "imageScanningConfiguration.scanOnPush", `ECR repository "${ctx.name}" does not scan images on push; set imageScanningConfiguration.scanOnPush to true.`);
    },
});
