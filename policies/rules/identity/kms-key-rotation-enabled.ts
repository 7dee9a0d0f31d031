// kms-key-rotation-enabled: automatic rotation limits the data protected under one key version
// (SC-12, SC-13); asymmetric and HMAC keys cannot rotate, so only symmetric keys are judged.

import { resourcePolicy } from "../../lib";

export const kmsKeyRotationEnabled = resourcePolicy({
    name: "kms-key-rotation-enabled",
    description:
        "Symmetric KMS keys must rotate automatically: rotation limits the data protected under one key version and is " +
        "what SC-12 key management expects (asymmetric and HMAC keys cannot rotate and are skipped).",
    summary: "Symmetric KMS keys rotate automatically (enableKeyRotation: true)",
    severity: "medium",
    controls: ["SC-12", "SC-13"],
    anchors: [
        "NIST.800.53.R5-KMSBackingKeyRotationEnabled",
        "aws-kms-key-enable-key-rotation",
        "cmk-backing-key-rotation-enabled",
        "22fbfeac-7b5a-421a-8a27-7a2178bb910b", // KICS: CMK Rotation Disabled
    ],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (optionally `rotationPeriodInDays`, 90–2560).",
    resourceTypes: ["aws:kms/key:Key"],
    validate: (ctx) => {
        const rotation = ctx.read("enableKeyRotation");
        if (rotation.known && rotation.value === true) {
            return;
        }
        const spec = ctx.read("customerMasterKeySpec");
        if (!spec.known) {
            ctx.cannotVerify("customerMasterKeySpec");
            return;
        }
        if (spec.value !== undefined && spec.value !== "SYMMETRIC_DEFAULT") {
            return;
        }
        if (!rotation.known) {
            ctx.cannotVerify("enableKeyRotation");
            return;
        }
        ctx.violation(`KMS key "${ctx.name}" does not rotate; set enableKeyRotation: true.`);
    },
});
