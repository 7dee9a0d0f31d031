// redshift-cluster-encrypted: Redshift clusters stay encrypted at rest (the provider's default, which
// a program can switch off) under a customer-managed key (SC-28/SC-28(1), SC-12).

import { REDSHIFT_CLUSTER, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const redshiftClusterEncrypted = resourcePolicy({
    name: "redshift-cluster-encrypted",
    description: "Redshift clusters must be encrypted at rest (the default), with a customer-managed KMS key where config requires it.",
    summary: "Redshift clusters encrypted at rest with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Leave `encrypted` at its default (\"true\") and set `kmsKeyId` to the data key's ARN.",
    resourceTypes: [REDSHIFT_CLUSTER],
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = `Redshift cluster "${ctx.name}"`;
        const encrypted = ctx.readBoolean("encrypted");
        if (!encrypted.ok) {
            return;
        }
        if (encrypted.value === false) {
            ctx.violation(`${what} is not encrypted at rest; set encrypted: "true".`);
        } else {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});
