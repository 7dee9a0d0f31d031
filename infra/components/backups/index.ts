// Backups: the AWS Backup vault (locked), plan, selection and the copy to the DR region.
export { BACKUP_SELECTION_TAG, Backups } from "./backups";
export type { BackupsArgs, VaultLockMode } from "./backups";
