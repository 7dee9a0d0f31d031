// backup-vault-cmk: AWS Backup vaults encrypt recovery points under a customer-managed key (SC-28,
// CP-9, CP-9(8), SC-12); the vault's key is fixed when it is created.

import { cmkPolicy } from "./cmk";
import { BACKUP_VAULT } from "../../lib";

export const backupVaultCmk = cmkPolicy({
    name: "backup-vault-cmk",
    noun: "Backup vault",
    type: BACKUP_VAULT,
    path: "kmsKeyArn",
    description: "AWS Backup vaults must encrypt recovery points with a customer-managed KMS key where config requires it.",
    summary: "AWS Backup vaults encrypt recovery points with a customer-managed KMS key",
    remediationSteps: "Set `kmsKeyArn` on the aws.backup.Vault (fixed at creation: create a new vault and copy recovery points).",
    controls: ["SC-28", "CP-9", "CP-9(8)", "SC-12"],
});
