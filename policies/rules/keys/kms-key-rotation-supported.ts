// kms-key-rotation-supported: automatic rotation only where KMS can rotate. A key that asks for it
// anyway fails at the API, so the plan should say why before anything is created (SC-12, CM-6).

import { KEY_SPECS, KMS_KEY, resourcePolicy } from "../../lib";
import { DEFAULT_KEY_SPEC } from "./resource-types";

// EnableKeyRotation (botocore KMS model): "Automatic key rotation is supported only on symmetric
// encryption KMS keys. You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys,
// KMS keys with imported key material, or KMS keys in a custom key store."
// https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
// (Imported key material is aws.kms.ExternalKey, which has no rotation input.)

export const kmsKeyRotationSupported = resourcePolicy({
    name: "kms-key-rotation-supported",
    description:
        "Automatic rotation (enableKeyRotation: true) is blocked on a key KMS cannot rotate: asymmetric (RSA, ECC, ML-DSA, SM2) and " +
        "HMAC keys, and keys in a custom key store (CloudHSM or external). KMS rejects EnableKeyRotation for them, so such a key " +
        "fails at creation; rotation of those keys is a manual re-key (SC-12, CM-6). A key spec KMS does not define is never an exemption.",
    summary: "Automatic rotation is not requested on asymmetric, HMAC or custom-key-store KMS keys (AWS rejects it)",
    severity: "low",
    controls: ["SC-12", "CM-6"],
    remediationSteps:
        "Remove `enableKeyRotation` (or set it to false) on an asymmetric, HMAC or custom-key-store aws.kms.Key, and rotate it " +
        "manually (a new key and an alias switch). For a symmetric encryption key, remove `customerMasterKeySpec` or set it to " +
        '"SYMMETRIC_DEFAULT" and keep rotation on.',
    resourceTypes: [KMS_KEY],
    noVerdict: [{ when: "enableKeyRotation is false or unset", why: "nothing is requested that KMS could reject; kms-key-rotation-enabled judges whether a symmetric key rotates" }],
    validate: (ctx) => {
        const rotation = ctx.readBoolean("enableKeyRotation");
        if (!rotation.ok || rotation.value !== true) {
            return;
        }
        const spec = ctx.readEnum("customerMasterKeySpec", KEY_SPECS);
        if (spec.ok) {
            const keySpec = spec.value ?? DEFAULT_KEY_SPEC;
            if (keySpec !== "SYMMETRIC_DEFAULT") {
                const kind = keySpec.startsWith("HMAC_") ? "an HMAC" : "an asymmetric";
                ctx.violation(
                    `${ctx.label} is ${kind} key (${keySpec}) with enableKeyRotation: true; KMS rotates only symmetric encryption keys and ` +
                        "rejects this, so remove enableKeyRotation and rotate the key manually.",
                );
            }
        }
        // A computed store id is still a store id: the key is in a custom key store either way.
        const store = ctx.readString("customKeyStoreId", { quiet: true });
        const inStore = store.ok ? store.value !== undefined && store.value !== "" : store.unknown;
        if (inStore) {
            const which = store.ok ? `custom key store "${store.value}"` : "a custom key store";
            ctx.violation(
                `${ctx.label} is in ${which} with enableKeyRotation: true; KMS cannot rotate keys in a custom ` +
                    "key store and rejects this, so remove enableKeyRotation and rotate the key manually.",
            );
        }
    },
});
