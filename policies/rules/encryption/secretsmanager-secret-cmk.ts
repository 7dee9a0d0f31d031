// secretsmanager-secret-cmk: secrets under a customer-managed key (SC-28, SC-12), not
// aws/secretsmanager, so kms:Decrypt can be granted to exactly the roles that read the secret.

import { cmkPolicy } from "./cmk";
import { SECRETSMANAGER_SECRET } from "../../lib";

export const secretsManagerSecretCmk = cmkPolicy({
    name: "secretsmanager-secret-cmk",
    noun: "Secret",
    type: SECRETSMANAGER_SECRET,
    path: "kmsKeyId",
    description: "Secrets Manager secrets must be encrypted with a customer-managed KMS key (not aws/secretsmanager) where config requires it.",
    summary: "Secrets Manager secrets encrypted with a customer-managed KMS key, not aws/secretsmanager",
    remediationSteps: "Set `kmsKeyId` to the secrets key; grant kms:Decrypt on it only to the roles that read the secret.",
    controls: ["SC-28", "SC-12"],
});
