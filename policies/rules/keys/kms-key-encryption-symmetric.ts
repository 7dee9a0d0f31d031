// kms-key-encryption-symmetric: an encryption key is a symmetric AES-256-GCM key unless the pack
// config allows another spec (SC-12, SC-13). AWS services that encrypt data with KMS accept only
// symmetric keys; an asymmetric ENCRYPT_DECRYPT key exposes its public half for anyone to encrypt
// with, outside KMS's logging and key policy.

import { KEY_SPECS, KMS_KEY, resourcePolicy } from "../../lib";
import { DEFAULT_KEY_SPEC, DEFAULT_KEY_USAGE, KEY_SPEC_PATH, KEY_USAGES, KMS_EXTERNAL_KEY } from "./resource-types";

export const kmsKeyEncryptionSymmetric = resourcePolicy({
    name: "kms-key-encryption-symmetric",
    description:
        "A KMS key used to encrypt and decrypt (keyUsage ENCRYPT_DECRYPT, the default) must have the SYMMETRIC_DEFAULT key spec " +
        "(AES-256-GCM inside the FIPS 140-3 validated KMS HSMs), unless the pack config allows another spec (allowedEncryptionKeySpecs). " +
        "AWS services that integrate with KMS encrypt only under symmetric keys; an RSA or SM2 encryption key hands out a public " +
        "key anyone can encrypt with outside KMS's key policy and CloudTrail record (SC-12, SC-13). Signing, MAC and key-agreement " +
        "keys do not encrypt data and are not judged; a key spec or usage KMS does not define is never an exemption.",
    summary: "KMS encryption keys are SYMMETRIC_DEFAULT unless pack config allows another key spec",
    severity: "medium",
    controls: ["SC-12", "SC-13"],
    remediationSteps:
        'Remove `customerMasterKeySpec` (ExternalKey: `keySpec`) or set it to "SYMMETRIC_DEFAULT" for an encryption key. A key spec ' +
        "cannot change after creation: create a new key and re-encrypt under it. If an asymmetric encryption key is intended, add its " +
        "spec to allowedEncryptionKeySpecs in the stack's pack config.",
    resourceTypes: [KMS_KEY, KMS_EXTERNAL_KEY],
    options: {
        allowedEncryptionKeySpecs: {
            type: "array",
            items: { type: "string", enum: KEY_SPECS },
            default: [DEFAULT_KEY_SPEC],
            description: "Key specs allowed for ENCRYPT_DECRYPT keys (KMS KeySpec values).",
        },
    },
    noVerdict: [
        {
            when: "keyUsage is SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT",
            why: "such a key cannot encrypt or decrypt data, which is all this policy judges; a usage KMS does not define is malformed, not skipped",
        },
    ],
    validate: (ctx) => {
        const usage = ctx.readEnum("keyUsage", KEY_USAGES);
        const specPath = KEY_SPEC_PATH[ctx.type];
        const spec = ctx.readEnum(specPath, KEY_SPECS);
        if (!usage.ok || !spec.ok) {
            return;
        }
        if ((usage.value ?? DEFAULT_KEY_USAGE) !== "ENCRYPT_DECRYPT") {
            return;
        }
        const keySpec = spec.value ?? DEFAULT_KEY_SPEC;
        const allowed = ctx.config.allowedEncryptionKeySpecs;
        if (!allowed.includes(keySpec)) {
            const use = allowed.length > 0 ? `use ${allowed.map((s) => `"${s}"`).join(" or ")} (remove ${specPath} for SYMMETRIC_DEFAULT), or` : "the pack config allows no key spec for encryption keys;";
            ctx.violation(`${ctx.label} is an ENCRYPT_DECRYPT key with key spec ${keySpec}; ${use} allow ${keySpec} in allowedEncryptionKeySpecs.`);
        }
    },
});
