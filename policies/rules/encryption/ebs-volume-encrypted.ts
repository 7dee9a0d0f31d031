// ebs-volume-encrypted: EBS volumes encrypted at rest under a customer-managed key (SC-28/SC-28(1),
// SC-12); an existing volume can only be encrypted by re-creating it from an encrypted snapshot.

import { requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";
import { EBS_VOLUME } from "./resource-types";

export const ebsVolumeEncrypted = resourcePolicy({
    name: "ebs-volume-encrypted",
    description: "EBS volumes must be encrypted at rest, with a customer-managed KMS key where config requires it.",
    summary: "EBS volumes encrypted at rest with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` on the aws.ebs.Volume (an existing volume is re-created from an encrypted snapshot).",
    resourceTypes: [EBS_VOLUME],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = `EBS volume "${ctx.name}"`;
        if (requireTrue(ctx, "encrypted", `${what} is not encrypted; set encrypted: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});
