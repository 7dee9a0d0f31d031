// The security baseline a FedRAMP-Moderate assessor asks for next to the workload (issue 7): an
// audit trail whose log files can be validated (AU-9, SI-7), a backup plan that covers the
// database (CP-9, CP-10), backup vaults locked so recovery points cannot be deleted early (AU-9,
// CP-9) and a copy of each recovery point in the second region (CP-6).
//
// Prod-only rules, switched like the governance ones: every policy is mandatory by default (a
// stack without pack config fails closed); each says so in its spec (`scope: "prod"`), and
// policies/config/staging.json sets exactly the `scope: "prod"` policies to "advisory" while
// prod.json leaves them mandatory. Unencrypted vaults are judged by the encryption area's
// backup-vault-cmk (mandatory in both stacks), not repeated here.
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { backupPlanCoversDatabase } from "./backup-plan-covers-database";
import { backupPlanCrossRegionCopy } from "./backup-plan-cross-region-copy";
import { backupVaultLocked } from "./backup-vault-locked";
import { cloudtrailCloudwatchLogs } from "./cloudtrail-cloudwatch-logs";
import { cloudtrailCmkEncrypted } from "./cloudtrail-cmk-encrypted";
import { cloudtrailLogFileValidation } from "./cloudtrail-log-file-validation";
import { cloudtrailS3DataEvents } from "./cloudtrail-s3-data-events";
import { cloudtrailTrailPresent } from "./cloudtrail-trail-present";

export {
    backupPlanCoversDatabase,
    backupPlanCrossRegionCopy,
    backupVaultLocked,
    cloudtrailCloudwatchLogs,
    cloudtrailCmkEncrypted,
    cloudtrailLogFileValidation,
    cloudtrailS3DataEvents,
    cloudtrailTrailPresent,
};

export const baselinePolicies: GovPolicy[] = [
    cloudtrailLogFileValidation,
    cloudtrailTrailPresent,
    cloudtrailCloudwatchLogs,
    cloudtrailCmkEncrypted,
    cloudtrailS3DataEvents,
    backupPlanCoversDatabase,
    backupVaultLocked,
    backupPlanCrossRegionCopy,
];
