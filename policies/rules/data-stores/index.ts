// Data store operations: audit logs out of the database (AU-2, AU-12), host monitoring (SI-4),
// security patches applied (SI-2) and backups that can be restored (CP-9, CP-10) for RDS, Aurora,
// DocumentDB, Neptune, ElastiCache, DynamoDB, OpenSearch and Redshift, who may connect to a cache
// as an ElastiCache RBAC user (IA-2, IA-5, AC-3), and dead-letter queues for SQS (advisory).
// Exposure and encryption of the same stores are judged in databases/ and encryption/.
//
// One file per policy; resource-types.ts holds the area's own tokens and the RDS engines. The
// order of `dataStorePolicies` is the pack's and docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { dynamodbPointInTimeRecovery } from "./dynamodb-point-in-time-recovery";
import { elasticacheSnapshotRetention } from "./elasticache-snapshot-retention";
import { elasticacheUserAuthentication } from "./elasticache-user-authentication";
import { rdsAutoMinorVersionUpgrade } from "./rds-auto-minor-version-upgrade";
import { rdsEnhancedMonitoring } from "./rds-enhanced-monitoring";
import { rdsLogExportsEnabled } from "./rds-log-exports-enabled";
import { opensearchLogsToCloudwatch } from "./opensearch-logs-to-cloudwatch";
import { redshiftAuditLogging } from "./redshift-audit-logging";
import { redshiftSnapshotRetention } from "./redshift-snapshot-retention";
import { sqsQueueDeadLetterQueue } from "./sqs-queue-dead-letter-queue";

export {
    dynamodbPointInTimeRecovery,
    elasticacheSnapshotRetention,
    elasticacheUserAuthentication,
    opensearchLogsToCloudwatch,
    rdsAutoMinorVersionUpgrade,
    rdsEnhancedMonitoring,
    rdsLogExportsEnabled,
    redshiftAuditLogging,
    redshiftSnapshotRetention,
    sqsQueueDeadLetterQueue,
};

export const dataStorePolicies: GovPolicy[] = [
    rdsLogExportsEnabled,
    rdsEnhancedMonitoring,
    rdsAutoMinorVersionUpgrade,
    elasticacheSnapshotRetention,
    elasticacheUserAuthentication,
    dynamodbPointInTimeRecovery,
    opensearchLogsToCloudwatch,
    redshiftAuditLogging,
    redshiftSnapshotRetention,
    sqsQueueDeadLetterQueue,
];
