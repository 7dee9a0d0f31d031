// eks-secrets-cmk: Kubernetes secrets of an EKS cluster are envelope-encrypted with a
// customer-managed KMS key, so who can decrypt them is governed by a key policy the account owns
// and every use of the key is logged in CloudTrail (SC-28, SC-28(1), SC-12).

import { EKS_CLUSTER, resourcePolicy } from "../../lib";

export const eksSecretsCmk = resourcePolicy({
    name: "eks-secrets-cmk",
    description:
        "EKS clusters must envelope-encrypt Kubernetes secrets with a customer-managed KMS key (`encryptionConfig: { resources: " +
        "[\"secrets\"], provider: { keyArn } }`): the key policy then decides who can decrypt them, and every use is logged in " +
        "CloudTrail (SC-28, SC-28(1), SC-12).",
    summary: "EKS clusters encrypt Kubernetes secrets with a customer-managed KMS key (encryptionConfig)",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps:
        "Set `encryptionConfig: { resources: [\"secrets\"], provider: { keyArn: <customer-managed KMS key ARN> } }` (it cannot be " +
        "removed once set).",
    resourceTypes: [EKS_CLUSTER],
    noVerdict: [
        {
            when: "the encryption key ARN is unknown at preview",
            why: "a computed key ARN comes from a key of the stack, a customer-managed key",
        },
    ],
    validate: (ctx) => {
        const config = ctx.readObject("encryptionConfig");
        if (!config.ok) {
            return;
        }
        if (config.value === undefined) {
            return ctx.violation(
                `${ctx.label} does not encrypt Kubernetes secrets with a customer-managed key; set encryptionConfig with resources: ["secrets"] and provider.keyArn.`,
            );
        }
        const resources = ctx.readArray("encryptionConfig.resources");
        if (!resources.ok) {
            return;
        }
        const covered: string[] = [];
        let unknownEntry = false;
        let malformed = false;
        (resources.value ?? []).forEach((_, i) => {
            const r = ctx.readString(`encryptionConfig.resources.${i}`, { quiet: true });
            if (r.ok) {
                covered.push(r.value ?? "");
            } else if (r.unknown) {
                unknownEntry = true;
            } else {
                malformed = true;
            }
        });
        if (malformed) {
            return;
        }
        if (unknownEntry) {
            return ctx.cannotVerify("encryptionConfig.resources");
        }
        if (!covered.includes("secrets")) {
            return ctx.violation(`${ctx.label} encryptionConfig does not cover secrets; set encryptionConfig.resources: ["secrets"].`);
        }
        // A computed key ARN (a key of this stack) counts as set.
        const key = ctx.readString("encryptionConfig.provider.keyArn", { quiet: true });
        if (key.ok && (key.value === undefined || key.value === "")) {
            ctx.violation(`${ctx.label} encryptionConfig names no KMS key; set encryptionConfig.provider.keyArn to a customer-managed key.`);
        }
    },
});
