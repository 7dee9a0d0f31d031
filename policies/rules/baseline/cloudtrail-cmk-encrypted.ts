// cloudtrail-cmk-encrypted: trail log files are encrypted with SSE-KMS under a customer-managed key
// (AU-9 protection of audit information, SC-28; cdk-nag NIST 800-53 rev5 CloudTrailEncryptionEnabled,
// AWS Config cloud-trail-encryption-enabled). Without kmsKeyId, CloudTrail writes with SSE-S3, so
// anyone who can read the bucket reads the trail; an AWS-managed alias cannot be scoped or revoked.
// A computed key (unknown at preview) counts as set, as in the encryption area's CMK checks: it
// comes from a key of the stack, and AWS-managed keys are named by literal aliases.

import { CLOUDTRAIL_TRAIL, resourcePolicy } from "../../lib";

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

export const cloudtrailCmkEncrypted = resourcePolicy({
    name: "cloudtrail-cmk-encrypted",
    description:
        "CloudTrail trails must encrypt their log files with a customer-managed KMS key (`kmsKeyId`, not an AWS-managed " +
        "alias/aws/… key): the key policy then decides who can read the audit trail, and access to it can be revoked (AU-9, SC-28).",
    summary: "CloudTrail trails encrypt log files with a customer-managed KMS key",
    severity: "high",
    controls: ["AU-9", "SC-28", "SC-12"],
    remediationSteps:
        "Set `kmsKeyId` to the ARN of a customer-managed KMS key whose key policy lets cloudtrail.amazonaws.com " +
        "kms:GenerateDataKey* for this trail (aws:SourceArn) and lets the log readers kms:Decrypt.",
    resourceTypes: [CLOUDTRAIL_TRAIL],
    noVerdict: [
        {
            when: "kmsKeyId is unknown at preview",
            why: "a computed key comes from a key of the stack, a customer-managed key; AWS-managed keys are literal aliases",
        },
    ],
    validate: (ctx) => {
        const label = `CloudTrail trail "${ctx.name}"`;
        // Quiet: a computed key counts as set (noVerdict). A non-string is malformed (mandatory, never waived).
        const key = ctx.readString("kmsKeyId", { quiet: true });
        if (!key.ok) {
            return;
        }
        if (key.value === undefined || key.value === "") {
            ctx.violation(`${label} has no kmsKeyId, so its log files are encrypted only with SSE-S3; set kmsKeyId to a customer-managed KMS key.`);
        } else if (AWS_MANAGED_ALIAS.test(key.value)) {
            ctx.violation(`${label} uses the AWS-managed key "${key.value}"; set kmsKeyId to a customer-managed KMS key.`);
        }
    },
});
