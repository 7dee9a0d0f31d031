// kms-key-rotation-enabled: automatic rotation limits the data protected under one key version
// (SC-12, SC-13); asymmetric and HMAC keys, and keys in a custom key store, cannot rotate and are skipped.

import { KMS_KEY, resourcePolicy } from "../../lib";

/**
 * The key specs KMS defines (CreateKey KeySpec; CustomerMasterKeySpec is its deprecated name with the
 * same values). Only SYMMETRIC_DEFAULT keys can rotate automatically; anything else here is exempt,
 * and a value not in this list is malformed — never an exemption.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
const KEY_SPECS = [
    "SYMMETRIC_DEFAULT",
    "HMAC_224",
    "HMAC_256",
    "HMAC_384",
    "HMAC_512",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "ECC_NIST_P256",
    "ECC_NIST_P384",
    "ECC_NIST_P521",
    "ECC_SECG_P256K1",
    "ECC_NIST_EDWARDS25519",
    "SM2",
    "ML_DSA_44",
    "ML_DSA_65",
    "ML_DSA_87",
] as const;

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
