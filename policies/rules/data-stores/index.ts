// Data store operations: audit logs out of the database (AU-2, AU-12), host monitoring (SI-4),
// security patches applied (SI-2) and backups that can be restored (CP-9, CP-10) for RDS, Aurora,
// DocumentDB, Neptune, ElastiCache and DynamoDB. Exposure and encryption of the same stores are
// judged in databases/ and encryption/.
//
// One file per policy; resource-types.ts holds the tokens and RDS engines several share. The
// order of `dataStorePolicies` is the pack's and docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { dynamodbPointInTimeRecovery } from "./dynamodb-point-in-time-recovery";
import { elasticacheSnapshotRetention } from "./elasticache-snapshot-retention";
import { rdsAutoMinorVersionUpgrade } from "./rds-auto-minor-version-upgrade";
import { rdsEnhancedMonitoring } from "./rds-enhanced-monitoring";
import { rdsLogExportsEnabled } from "./rds-log-exports-enabled";

export { dynamodbPointInTimeRecovery, elasticacheSnapshotRetention, rdsAutoMinorVersionUpgrade, rdsEnhancedMonitoring, rdsLogExportsEnabled };

export const dataStorePolicies: GovPolicy[] = [
    rdsLogExportsEnabled,
    rdsEnhancedMonitoring,
    rdsAutoMinorVersionUpgrade,
    elasticacheSnapshotRetention,
    dynamodbPointInTimeRecovery,
];
