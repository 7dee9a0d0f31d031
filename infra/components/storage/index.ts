// Storage: the access-logs and backups buckets.
export { ALB_LOG_PREFIX, S3_ACCESS_LOG_PREFIX, S3_AUDIT_ACCESS_LOG_PREFIX, Storage } from "./storage";
export type { StorageArgs } from "./storage";
