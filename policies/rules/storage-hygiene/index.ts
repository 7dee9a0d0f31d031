// S3 hygiene beyond encryption: no public exposure (AC-3, AC-21, SC-7), TLS-only access (SC-8)
// and recoverable backups (CP-9). Buckets are linked to their public access blocks, policies and
// versioning by the explicit bucket name (known at preview) or, failing that, by the engine's
// property dependencies.
//
// One file per policy; public-access-block.ts, tls-deny.ts (with resource-globs.ts) and verdict.ts
// hold what several of them share. The order of `storageHygienePolicies` is the pack's and
// docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { s3AclNoGroupAcpGrants } from "./s3-acl-no-group-acp-grants";
import { s3AuditBucketObjectLock } from "./s3-audit-bucket-object-lock";
import { s3BackupBucketVersioning } from "./s3-backup-bucket-versioning";
import { s3BucketAccessLogging } from "./s3-bucket-access-logging";
import { s3BucketEventNotifications } from "./s3-bucket-event-notifications";
import { s3BucketLifecycleConfigured } from "./s3-bucket-lifecycle-configured";
import { s3BucketOwnerEnforced } from "./s3-bucket-owner-enforced";
import { s3BucketPublicAccessBlockPresent } from "./s3-bucket-public-access-block-present";
import { s3BucketTlsOnlyPolicy } from "./s3-bucket-tls-only-policy";
import { s3NoPublicAcl } from "./s3-no-public-acl";
import { s3PublicAccessBlockAllFlags } from "./s3-public-access-block-all-flags";
import { s3BucketVersioningEnabled } from "./s3-bucket-versioning-enabled";
import { s3DataBucketReplicatedOrBackedUp } from "./s3-data-bucket-replicated-or-backed-up";

export {
    s3AclNoGroupAcpGrants,
    s3AuditBucketObjectLock,
    s3BackupBucketVersioning,
    s3BucketAccessLogging,
    s3BucketEventNotifications,
    s3BucketLifecycleConfigured,
    s3BucketOwnerEnforced,
    s3BucketPublicAccessBlockPresent,
    s3BucketTlsOnlyPolicy,
    s3BucketVersioningEnabled,
    s3DataBucketReplicatedOrBackedUp,
    s3NoPublicAcl,
    s3PublicAccessBlockAllFlags,
};

export const storageHygienePolicies: GovPolicy[] = [
    s3PublicAccessBlockAllFlags,
    s3NoPublicAcl,
    s3BucketPublicAccessBlockPresent,
    s3BucketTlsOnlyPolicy,
    s3BackupBucketVersioning,
    s3BucketVersioningEnabled,
    s3BucketLifecycleConfigured,
    s3BucketAccessLogging,
    s3BucketOwnerEnforced,
    s3AclNoGroupAcpGrants,
    s3AuditBucketObjectLock,
    s3DataBucketReplicatedOrBackedUp,
    s3BucketEventNotifications,
];
