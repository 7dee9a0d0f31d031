// efs-encrypted: EFS file systems encrypted at rest under a customer-managed key (SC-28/SC-28(1),
// SC-12); encryption is fixed when the file system is created.

import { requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";
import { EFS_FILE_SYSTEM } from "./resource-types";

export const efsEncrypted = resourcePolicy({
    name: "efs-encrypted",
    description: "EFS file systems must be encrypted at rest, with a customer-managed KMS key where config requires it.",
    summary: "EFS file systems encrypted at rest with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` on the aws.efs.FileSystem (encryption is fixed at creation: migrate the data).",
    resourceTypes: [EFS_FILE_SYSTEM],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = `EFS file system "${ctx.name}"`;
        if (requireTrue(ctx, "encrypted", `${what} is not encrypted; set encrypted: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});
