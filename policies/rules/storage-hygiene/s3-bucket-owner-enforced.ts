// s3-bucket-owner-enforced: object ownership BucketOwnerEnforced turns ACLs off, so the bucket
// policy alone decides access and no object written by another account stays out of the owner's
// control (AC-3, AC-6; AWS's recommended setting and the default for new buckets since April 2023 —
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html). Declared
// explicitly here so the program, not a default, says so; tied to the bucket by name or property
// dependency.

import { S3_BUCKET_TYPES, stackPolicy } from "../../lib";
import { lastApplyWins, reportBucket, satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_OWNERSHIP_CONTROLS } from "./resource-types";

// S3's ObjectOwnership values (botocore); anything else is malformed: mandatory, never waived.
const VALUES = ["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"] as const;

export const s3BucketOwnerEnforced = stackPolicy({
    name: "s3-bucket-owner-enforced",
    description:
        "Every S3 bucket must have an aws.s3.BucketOwnershipControls (tied to it by name or property dependency) with " +
        "objectOwnership BucketOwnerEnforced: ACLs are off and the bucket policy alone decides access (AC-3, AC-6).",
    summary: "Every S3 bucket has object ownership BucketOwnerEnforced (ACLs disabled)",
    severity: "medium",
    controls: ["AC-3", "AC-6"],
    remediationSteps: 'Add an aws.s3.BucketOwnershipControls for the bucket with `rule: { objectOwnership: "BucketOwnerEnforced" }`.',
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_OWNERSHIP_CONTROLS],
    noVerdict: [],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const { byBucket, unresolved } = satelliteVerdicts(ctx, [S3_BUCKET_OWNERSHIP_CONTROLS], (o): Verdict => {
            const v = ctx.readEnum(o, "rule.objectOwnership", VALUES, { quiet: true });
            if (!v.ok) {
                return v.unknown ? "unknown" : "no";
            }
            return v.value === "BucketOwnerEnforced" ? "yes" : "no";
        });
        for (const bucket of buckets) {
            reportBucket(
                ctx,
                bucket,
                lastApplyWins(byBucket.get(bucket.urn)) ?? "no",
                unresolved,
                `the object ownership of S3 bucket "${bucket.name}"`,
                `S3 bucket "${bucket.name}" does not enforce bucket-owner object ownership; add an aws.s3.BucketOwnershipControls with objectOwnership "BucketOwnerEnforced".`,
            );
        }
    },
});
