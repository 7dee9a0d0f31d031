// kinesis-stream-encrypted: Kinesis data streams use server-side encryption with KMS under a
// customer-managed key (SC-28, SC-12); streams are unencrypted unless encryptionType is "KMS".

import { resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";
import { KINESIS_STREAM } from "./resource-types";

export const kinesisStreamEncrypted = resourcePolicy({
    name: "kinesis-stream-encrypted",
    description: "Kinesis data streams must use server-side encryption with KMS, with a customer-managed key where config requires it.",
    summary: "Kinesis data streams encrypted with KMS and a customer-managed key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `encryptionType: \"KMS\"` and `kmsKeyId` to a customer-managed key on the aws.kinesis.Stream.",
    resourceTypes: [KINESIS_STREAM],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = `Kinesis stream "${ctx.name}"`;
        const type = ctx.readString("encryptionType");
        if (!type.ok) {
            return;
        }
        if (type.value !== "KMS") {
            ctx.violation(`${what} is not encrypted; set encryptionType: "KMS".`);
        } else {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});
