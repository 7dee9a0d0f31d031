// Governance: inventory tags (CM-8), where the estate may run (CM-6: GovCloud regions and FIPS
// endpoints only), and the production resilience settings (CP-9/CP-10 backups and recovery,
// AU-11 retention, CM-5 protection against deletion).
//
// Prod-only rules: every policy is mandatory by default (a stack without pack config fails
// closed). A prod-only policy says so in its spec (`scope: "prod"`); policies/config/staging.json
// sets exactly those to "advisory", so staging shows the gap without being blocked, and prod.json
// leaves them at their defaults (tests/policies/pack.test.ts derives the set from `scope`).
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { albDeletionProtection } from "./alb-deletion-protection";
import { auroraClusterMultiAz } from "./aurora-cluster-multi-az";
import { cloudwatchLogRetention } from "./cloudwatch-log-retention";
import { elasticacheMultiAz } from "./elasticache-multi-az";
import { providerAllowedRegions } from "./provider-allowed-regions";
import { providerFipsEndpoints } from "./provider-fips-endpoints";
import { rdsBackupRetention } from "./rds-backup-retention";
import { rdsDeletionProtection } from "./rds-deletion-protection";
import { rdsFinalSnapshot } from "./rds-final-snapshot";
import { rdsMultiAz } from "./rds-multi-az";
import { requiredTags } from "./required-tags";
import { requiredTagsOtherTypes } from "./required-tags-other-types";

export { DEFAULT_REQUIRED_TAGS } from "./missing-tags";
export { TAGGABLE_TYPES } from "./taggable-types";
export {
    albDeletionProtection,
    auroraClusterMultiAz,
    cloudwatchLogRetention,
    elasticacheMultiAz,
    providerAllowedRegions,
    providerFipsEndpoints,
    rdsBackupRetention,
    rdsDeletionProtection,
    rdsFinalSnapshot,
    rdsMultiAz,
    requiredTags,
    requiredTagsOtherTypes,
};

export const governancePolicies: GovPolicy[] = [
    requiredTags,
    requiredTagsOtherTypes,
    providerAllowedRegions,
    providerFipsEndpoints,
    // Production resilience (scope "prod")
    rdsMultiAz,
    auroraClusterMultiAz,
    rdsDeletionProtection,
    rdsBackupRetention,
    rdsFinalSnapshot,
    cloudwatchLogRetention,
    albDeletionProtection,
    elasticacheMultiAz,
];
