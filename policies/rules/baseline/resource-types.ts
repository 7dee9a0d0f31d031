// Type tokens only the baseline policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const BACKUP_VAULT_LOCK_CONFIGURATION = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
