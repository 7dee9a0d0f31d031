// The KMS key types the keys policies judge (KMS_KEY and KMS_KEY_POLICY, which identity also
// judges, live in policies/lib/resource-types.ts), and the values AWS defines for a key's spec and
// usage (the key specs, which identity reads too, are in policies/lib/kms-key-specs.ts). The enums are
// botocore's KMS service model (boto/botocore botocore/data/kms/2014-11-01/service-2.json at
// 0e6e2404b85d, shapes KeySpec and KeyUsageType),
// which is AWS's own API definition: a value outside them is one KMS rejects, so a policy reads it
// as malformed ("Cannot evaluate"), never as an exemption.

import { KeySpec, KMS_KEY } from "../../lib";

export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_REPLICA_EXTERNAL_KEY = "aws:kms/replicaExternalKey:ReplicaExternalKey";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";

/** Every resource that creates a KMS key (each carries its own `policy` and `deletionWindowInDays`). */
export const KEY_TYPES = [KMS_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_KEY, KMS_REPLICA_EXTERNAL_KEY] as const;


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
