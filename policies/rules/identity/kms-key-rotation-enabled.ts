// kms-key-rotation-enabled: automatic rotation limits the data protected under one key version
// (SC-12, SC-13); asymmetric and HMAC keys, and keys in a custom key store, cannot rotate and are skipped.

import { KEY_SPECS, KMS_KEY, resourcePolicy } from "../../lib";

export const kmsKeyRotationEnabled = resourcePolicy({
    name: "kms-key-rotation-enabled",
    description:
        "Symmetric KMS keys must rotate automatically: rotation limits the data protected under one key version and is " +
        "what SC-12 key management expects (asymmetric and HMAC keys, and keys in a custom key store, cannot rotate and are skipped).",
    summary: "Symmetric KMS keys rotate automatically (enableKeyRotation: true)",
    severity: "medium",
    controls: ["SC-12", "SC-13"],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (optionally `rotationPeriodInDays`, 90–2560).",
    resourceTypes: [KMS_KEY],
    noVerdict: [
        {
            when: "the key spec is an asymmetric or HMAC spec KMS defines (RSA_*, ECC_*, SM2, ML_DSA_*, HMAC_*)",
            why: "KMS rotates only symmetric encryption keys automatically; a spec KMS does not define is malformed, never exempt",
        },
        {
            when: "the key is in a custom key store (customKeyStoreId is set)",
            why: "KMS cannot rotate keys in a custom key store and rejects enableKeyRotation for them (kms-key-rotation-supported)",
        },
    ],
    validate: (ctx) => {
        const rotation = ctx.readBoolean("enableKeyRotation", { quiet: true });
        if (rotation.ok && rotation.value === true) {
            return;
        }
        // The spec under either name (keySpec is the API's current one); absent or null is SYMMETRIC_DEFAULT.
        const specs = [ctx.readEnum("customerMasterKeySpec", KEY_SPECS), ctx.readEnum("keySpec", KEY_SPECS, { quiet: true })];
        if (specs.some((s) => !s.ok)) {
            if (specs[1].ok === false && specs[1].unknown && specs[0].ok) {
                ctx.cannotVerify("keySpec");
            }
            return;
        }
        const given = specs.flatMap((s) => (s.ok && s.value !== undefined ? [s.value] : []));
        // Only SYMMETRIC_DEFAULT keys rotate automatically: any other spec KMS defines is exempt (one it
        // does not define was reported above as malformed, never an exemption).
        if (given.length > 0 && given.every((s) => s !== "SYMMETRIC_DEFAULT")) {
            return;
        }
        // KMS cannot rotate a key in a custom key store (CloudHSM or external) either: asking for it
        // is what kms-key-rotation-supported blocks. A computed store id is still a store.
        const store = ctx.readString("customKeyStoreId", { quiet: true });
        if (!store.ok ? store.unknown : store.value !== undefined && store.value !== "") {
            return;
        }
        if (!rotation.ok) {
            if (rotation.unknown) {
                ctx.cannotVerify("enableKeyRotation");
            }
            return;
        }
        ctx.violation(`KMS key "${ctx.name}" does not rotate; set enableKeyRotation: true.`);
    },
});
