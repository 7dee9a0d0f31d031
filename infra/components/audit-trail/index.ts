// AuditTrail: CloudTrail, its bucket, key and log group, and the audit alarms.
export { AUDIT_ALARMS, AuditTrail, auditBucketName, CLOUDTRAIL_PREFIX, CONFIG_PREFIX } from "./audit-trail";
export type { AuditTrailArgs } from "./audit-trail";
