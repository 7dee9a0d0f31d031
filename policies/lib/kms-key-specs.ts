// The key specs KMS defines, for every policy that reads a key's spec (the keys area's
// kms-key-encryption-symmetric and kms-key-rotation-supported, identity's kms-key-rotation-enabled). The enum is botocore's KMS
// service model (boto/botocore botocore/data/kms/2014-11-01/service-2.json at 0e6e2404b85d, shape
// KeySpec), AWS's own API definition, in its order: a value outside it is one KMS rejects, so a
// policy reads it as malformed ("Cannot evaluate"), never as an exemption.

/** KeySpec (CreateKey `KeySpec`; the provider's `customerMasterKeySpec`, its deprecated name, and `keySpec` send it). */
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
