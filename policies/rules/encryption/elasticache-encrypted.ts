// elasticache-encrypted: ElastiCache replication groups (Redis/Valkey) encrypt at rest under a
// customer-managed key (SC-28, SC-12) and in transit (SC-8/SC-8(1)); the "preferred" transit mode
// still accepts plaintext clients, so only "required" passes.

import { ELASTICACHE_REPLICATION_GROUP, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const elasticacheEncrypted = resourcePolicy({
    name: "elasticache-encrypted",
    description:
        "ElastiCache replication groups must encrypt data at rest and in transit (TLS between clients and nodes), with a " +
        "customer-managed KMS key where config requires it.",
    summary: "ElastiCache replication groups encrypted at rest with a customer-managed KMS key and in transit (TLS required)",
    severity: "high",
    controls: ["SC-28", "SC-8", "SC-8(1)", "SC-12"],
    remediationSteps:
        "Set `atRestEncryptionEnabled: true`, `transitEncryptionEnabled: true` (clients connect with TLS) and `kmsKeyId` " +
        "on the aws.elasticache.ReplicationGroup.",
    resourceTypes: [ELASTICACHE_REPLICATION_GROUP],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = `ElastiCache replication group "${ctx.name}"`;
        if (requireTrue(ctx, "atRestEncryptionEnabled", `${what} is not encrypted at rest; set atRestEncryptionEnabled: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
        if (requireTrue(ctx, "transitEncryptionEnabled", `${what} does not encrypt in transit; set transitEncryptionEnabled: true.`)) {
            // "preferred" is the migration mode: TLS is offered but plaintext clients are still accepted.
            const mode = ctx.readEnum("transitEncryptionMode", ["preferred", "required"]);
            if (mode.ok && mode.value === "preferred") {
                ctx.violation(`${what} still accepts unencrypted connections (transitEncryptionMode = "preferred"); set it to "required".`);
            }
        }
    },
});
