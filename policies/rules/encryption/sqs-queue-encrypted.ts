// sqs-queue-encrypted: SQS queues encrypted at rest under a customer-managed key (SC-28, SC-12).
// New queues get SQS-managed SSE by default, which the customer cannot audit or revoke; it passes
// only when `allowSqsManagedSse` is on.

import { resourcePolicy, SQS_QUEUE } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const sqsQueueEncrypted = resourcePolicy({
    name: "sqs-queue-encrypted",
    description:
        "SQS queues must be encrypted at rest with a customer-managed KMS key where config requires it; SQS-managed SSE is " +
        "accepted only when `allowSqsManagedSse` is on.",
    summary: "SQS queues encrypted at rest with a customer-managed KMS key (SQS-managed SSE only where allowed)",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `kmsMasterKeyId` to a customer-managed key (and `sqsManagedSseEnabled: false`).",
    resourceTypes: [SQS_QUEUE],
    options: {
        ...REQUIRE_CMK,
        allowSqsManagedSse: { type: "boolean", default: false, description: "Accept SQS-managed SSE (SSE-SQS) instead of SSE-KMS." },
    },
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "no kmsMasterKeyId and SQS-managed SSE, with allowSqsManagedSse on (pack config)",
            why: "the stack's config accepts SSE-SQS: the queue is still encrypted at rest, under a key AWS manages",
        },
    ],
    validate: (ctx) => {
        const what = `SQS queue "${ctx.name}"`;
        const key = ctx.readString("kmsMasterKeyId", { quiet: true });
        if (!key.ok && !key.unknown) {
            return; // malformed: reported
        }
        if (!key.ok || key.value) {
            checkCmk(ctx, "kmsMasterKeyId", what);
            return;
        }
        const managed = ctx.readBoolean("sqsManagedSseEnabled");
        if (!managed.ok) {
            return;
        }
        if (managed.value === false) {
            ctx.violation(`${what} is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.`);
        } else if (!ctx.config.allowSqsManagedSse) {
            // Absent means SSE-SQS: AWS enables it on new queues by default.
            ctx.violation(`${what} uses SQS-managed encryption; set kmsMasterKeyId to a customer-managed KMS key.`);
        }
    },
});
