// The KMS key types the keys policies judge (KMS_KEY and KMS_KEY_POLICY, which identity also
// judges, live in policies/lib/resource-types.ts), and the values AWS defines for a key's spec and
// usage. The enums are botocore's KMS service model (boto/botocore
// botocore/data/kms/2014-11-01/service-2.json at 0e6e2404b85d, shapes KeySpec and KeyUsageType),
// which is AWS's own API definition: a value outside them is one KMS rejects, so a policy reads it
// as malformed ("Cannot evaluate"), never as an exemption.

import { KMS_KEY } from "../../lib";

export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_REPLICA_EXTERNAL_KEY = "aws:kms/replicaExternalKey:ReplicaExternalKey";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";

/** Every resource that creates a KMS key (each carries its own `policy` and `deletionWindowInDays`). */
export const KEY_TYPES = [KMS_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_KEY, KMS_REPLICA_EXTERNAL_KEY] as const;

/** KeySpec (CreateKey `KeySpec`; the provider's `customerMasterKeySpec` and `keySpec` send it). */
export const KEY_SPECS = [
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "ECC_NIST_P256",
    "ECC_NIST_P384",
    "ECC_NIST_P521",
    "ECC_SECG_P256K1",
    "SYMMETRIC_DEFAULT",
    "HMAC_224",
    "HMAC_256",
    "HMAC_384",
    "HMAC_512",
    "SM2",
    "ML_DSA_44",
    "ML_DSA_65",
    "ML_DSA_87",
    "ECC_NIST_EDWARDS25519",
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

/** KeyUsageType (CreateKey `KeyUsage`). */
export const KEY_USAGES = ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] as const;

/** KMS's defaults when a key omits them (CreateKey: KeySpec "SYMMETRIC_DEFAULT", KeyUsage "ENCRYPT_DECRYPT"). */
export const DEFAULT_KEY_SPEC: KeySpec = "SYMMETRIC_DEFAULT";
export const DEFAULT_KEY_USAGE = "ENCRYPT_DECRYPT";

/** The property that holds the key spec on each key type that has one. */
export const KEY_SPEC_PATH: Readonly<Record<string, string>> = {
    [KMS_KEY]: "customerMasterKeySpec",
    [KMS_EXTERNAL_KEY]: "keySpec",
};
