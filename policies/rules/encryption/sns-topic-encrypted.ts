// sns-topic-encrypted: SNS topics (alarm and event payloads) encrypted at rest under a
// customer-managed key (SC-28, SC-12); SNS does not encrypt at rest unless a key is set.

import { resourcePolicy, SNS_TOPIC } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const snsTopicEncrypted = resourcePolicy({
    name: "sns-topic-encrypted",
    description: "SNS topics must be encrypted at rest (kmsMasterKeyId), with a customer-managed KMS key where config requires it.",
    summary: "SNS topics encrypted at rest with a customer-managed KMS key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `kmsMasterKeyId` to a customer-managed key whose policy lets the publishing services (CloudWatch alarms, " +
        "EventBridge) use it.",
    resourceTypes: [SNS_TOPIC],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const key = ctx.readString("kmsMasterKeyId", { quiet: true });
        if (!key.ok && !key.unknown) {
            return; // malformed: reported
        }
        if (key.ok && !key.value) {
            ctx.violation(`SNS topic "${ctx.name}" is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.`);
            return;
        }
        checkCmk(ctx, "kmsMasterKeyId", `SNS topic "${ctx.name}"`);
    },
});
