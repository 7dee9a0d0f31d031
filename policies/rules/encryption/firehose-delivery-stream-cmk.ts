// firehose-delivery-stream-cmk: Kinesis Data Firehose encrypts the records it buffers at rest under
// a customer-managed key (SC-28, SC-12): a direct-put stream holds up to a day of data in transit
// to its destination.

import { KINESIS_FIREHOSE_DELIVERY_STREAM, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

/**
 * Firehose's key types (botocore firehose model, shape KeyType). "You can enable SSE for a Firehose
 * stream only if it's a Firehose stream that uses DirectPut as its source" (StartDeliveryStreamEncryption):
 * a stream reading a Kinesis data stream or an MSK topic keeps the data at rest in that source, whose
 * own encryption applies (kinesis-stream-encrypted judges Kinesis streams).
 */
const KEY_TYPES = ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"] as const;
const SOURCES = ["kinesisSourceConfiguration", "mskSourceConfiguration"] as const;

export const firehoseDeliveryStreamCmk = resourcePolicy({
    name: "firehose-delivery-stream-cmk",
    description:
        "Kinesis Data Firehose delivery streams that take records directly (DirectPut) must have server-side encryption on with a " +
        "customer-managed KMS key (keyType CUSTOMER_MANAGED_CMK and keyArn) where config requires one: the buffered records are data at " +
        "rest, and an AWS-owned key can be neither scoped, audited nor revoked (SC-28, SC-12). A stream whose source is a Kinesis data " +
        "stream or an MSK topic cannot enable SSE (AWS) and keeps the data in its source's encryption.",
    summary: "Firehose delivery streams (direct put) encrypt at rest with a customer-managed KMS key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `serverSideEncryption: { enabled: true, keyType: \"CUSTOMER_MANAGED_CMK\", keyArn: <key ARN> }` on the " +
        "aws.kinesis.FirehoseDeliveryStream (the key policy must let Firehose create a grant).",
    resourceTypes: [KINESIS_FIREHOSE_DELIVERY_STREAM],
    options: REQUIRE_CMK,
    noVerdict: [
        {
            when: "the stream's source is a Kinesis data stream or an MSK topic",
            why: "AWS allows SSE only on direct-put streams; the data stays encrypted by its source (kinesis-stream-encrypted for Kinesis)",
        },
        ...CMK_NO_VERDICT,
    ],
    validate: (ctx) => {
        for (const source of SOURCES) {
            // Present, even if computed, means the stream reads that source: SSE does not apply. A
            // source that is not an object is malformed (reported), never a silent exemption.
            const configured = ctx.readObject(source, { quiet: true });
            if (!configured.ok || configured.value !== undefined) {
                return;
            }
        }
        const what = ctx.label;
        if (!requireTrue(ctx, "serverSideEncryption.enabled", `${what} is not encrypted at rest; set serverSideEncryption.enabled: true with a customer-managed key.`)) {
            return;
        }
        if (!ctx.config.requireCmk) {
            return;
        }
        const keyType = ctx.readEnum("serverSideEncryption.keyType", KEY_TYPES);
        if (!keyType.ok) {
            return;
        }
        if ((keyType.value ?? "AWS_OWNED_CMK") === "AWS_OWNED_CMK") {
            ctx.violation(`${what} is encrypted with an AWS-owned key; set serverSideEncryption.keyType to "CUSTOMER_MANAGED_CMK" and keyArn to a customer-managed KMS key.`);
            return;
        }
        checkCmk(ctx, "keyArn", what, ctx.props.serverSideEncryption, "serverSideEncryption");
    },
});
