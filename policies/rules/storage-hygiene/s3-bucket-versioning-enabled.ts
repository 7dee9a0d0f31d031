// s3-bucket-versioning-enabled: every bucket keeps object versions, so an overwrite or delete can
// be undone (CP-9, CP-10, SI-12, AU-9 for log buckets). Extends s3-backup-bucket-versioning (backup
// buckets only, severity high) to every bucket; cdk-nag NIST 800-53 rev5 S3BucketVersioningEnabled.

import { S3_BUCKET_TYPES, S3_BUCKET_VERSIONING_V2, stackPolicy } from "../../lib";
import { inlineVersioning, lastApplyWins, reportBucket, satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_VERSIONING } from "./resource-types";

const VERSIONING_TYPES = [S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2] as const;
// S3's BucketVersioningStatus (botocore: Enabled, Suspended) and the provider's "Disabled" (a new
// bucket that never had versioning). Anything else is malformed: mandatory, never waived.
const STATUSES = ["Enabled", "Suspended", "Disabled"] as const;

export const s3BucketVersioningEnabled = stackPolicy({
    name: "s3-bucket-versioning-enabled",
    description:
        "Every S3 bucket must have versioning Enabled by every versioning resource tied to it (by name or property " +
        "dependency), or, when none is, by the deprecated inline block (Bucket `versioning`, BucketV2 `versionings`): an " +
        "overwritten or deleted object stays recoverable (CP-9, CP-10, SI-12).",
    summary: "Every S3 bucket has versioning Enabled",
    severity: "medium",
    controls: ["CP-9", "CP-10", "SI-12"],
    remediationSteps: 'Add an aws.s3.BucketVersioning for the bucket with `versioningConfiguration: { status: "Enabled" }`.',
    resourceTypes: [...S3_BUCKET_TYPES, ...VERSIONING_TYPES],
    noVerdict: [],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const { byBucket, unresolved } = satelliteVerdicts(ctx, VERSIONING_TYPES, (v): Verdict => {
            const status = ctx.readEnum(v, "versioningConfiguration.status", STATUSES, { quiet: true });
            if (!status.ok) {
                return status.unknown ? "unknown" : "no";
            }
            return status.value === "Enabled" ? "yes" : "no";
        });
        for (const bucket of buckets) {
            // The deprecated inline `versioning` block (BucketV2: `versionings`) counts when no resource sets it.
            const verdict = lastApplyWins(byBucket.get(bucket.urn)) ?? inlineVersioning(ctx, bucket);
            reportBucket(
                ctx,
                bucket,
                verdict,
                unresolved,
                `the versioning of S3 bucket "${bucket.name}"`,
                `S3 bucket "${bucket.name}" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".`,
            );
        }
    },
});

