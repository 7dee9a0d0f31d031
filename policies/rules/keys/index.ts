// Key management (SC-12, SC-13): the lifecycle and access control of the KMS keys themselves — how
// long a deletion waits, which key specs encrypt, rotation only where KMS can rotate, a declared key
// policy that hands full control and plaintext only to the account (through IAM) and its key
// administrators, and the lockout safety check. kms-key-rotation-enabled stays in identity/.
//
// One file per policy; resource-types.ts holds the key types and KMS's enums, key-policy-grants.ts
// what a key policy statement grants to whom. The order of `keyPolicies` is the pack's and
// docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { kmsKeyDeletionWindow } from "./kms-key-deletion-window";
import { kmsKeyEncryptionSymmetric } from "./kms-key-encryption-symmetric";
import { kmsKeyExplicitPolicy } from "./kms-key-explicit-policy";
import { kmsKeyPolicyLeastPrivilege } from "./kms-key-policy-least-privilege";
import { kmsKeyPolicyLockoutCheck } from "./kms-key-policy-lockout-check";
import { kmsKeyRotationSupported } from "./kms-key-rotation-supported";

export {
    kmsKeyDeletionWindow,
    kmsKeyEncryptionSymmetric,
    kmsKeyExplicitPolicy,
    kmsKeyPolicyLeastPrivilege,
    kmsKeyPolicyLockoutCheck,
    kmsKeyRotationSupported,
};

export const keyPolicies: GovPolicy[] = [
    kmsKeyExplicitPolicy,
    kmsKeyPolicyLeastPrivilege,
    kmsKeyPolicyLockoutCheck,
    kmsKeyDeletionWindow,
    kmsKeyEncryptionSymmetric,
    kmsKeyRotationSupported,
];
