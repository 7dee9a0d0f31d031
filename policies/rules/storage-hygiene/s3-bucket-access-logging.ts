// s3-bucket-access-logging: every bucket records who read and wrote it (AU-2, AU-3, AU-12; cdk-nag
// NIST 800-53 rev5 S3BucketLoggingEnabled, AWS Config s3-bucket-logging-enabled), except the
// access-log bucket itself: a bucket that logs into itself logs its own log writes, without end
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html). The access-log bucket is
// the one a BucketLogging (or a bucket's inline logging block) in this stack names as targetBucket
// (log-targets.ts); the bucket ↔ logging tie is proven by the bucket's name or a property dependency,
// never assumed. An empty targetBucket is a known value that logs nowhere, read as no logging (as the
// pack reads every empty required name, e.g. alb-access-logs-enabled's bucket), not as unresolved.

import { findGlobMatch, read, S3_BUCKET_TYPES, StackResource, stackPolicy } from "../../lib";
import { accessLogTargets, LOGGING_TYPES } from "./log-targets";
import { inlineBlock, reportBucket, satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";

export const s3BucketAccessLogging = stackPolicy({
    name: "s3-bucket-access-logging",
    description:
        "Every S3 bucket must have server access logging (an aws.s3.BucketLogging tied to it by name or property dependency, " +
        "with a non-empty targetBucket, or the deprecated inline Bucket `logging` / BucketV2 `loggings`), except the access-log bucket itself — the targetBucket of a BucketLogging " +
        "or inline block in the stack, or a bucket matching accessLogBucketPatterns (AU-2, AU-3, AU-12). An empty targetBucket logs nowhere: the bucket has no logging.",
    summary: "Every S3 bucket but the access-log bucket has server access logging",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps:
        "Add an aws.s3.BucketLogging with `bucket` set to the bucket's name and `targetBucket` set to the access-log bucket " +
        "(whose bucket policy lets logging.s3 put objects for this source bucket).",
    resourceTypes: [...S3_BUCKET_TYPES, ...LOGGING_TYPES],
    options: {
        accessLogBucketPatterns: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Globs over the resource and bucket name of access-log buckets kept in another stack's BucketLogging (exempt).",
        },
    },
    noVerdict: [
        {
            when: "the bucket is the access-log bucket (a BucketLogging in the stack names it as targetBucket)",
            why: "a bucket that logs into itself logs its own log writes without end",
        },
    ],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        // targetBucket typed: a computed one is a target; one that is not a string is the unwaivable "Cannot evaluate"
        // on the logging resource (and enables nothing), never merely "no logging" (waivable).
        const { byBucket, unresolved } = satelliteVerdicts(ctx, LOGGING_TYPES, (l): Verdict => {
            const target = ctx.readString(l, "targetBucket", { quiet: true });
            return !target.ok ? (target.unknown ? "yes" : "no") : target.value !== undefined && target.value !== "" ? "yes" : "no";
        });
        // The access-log buckets: targets of this stack's logging resources and inline blocks (an empty
        // targetBucket names none: it logs nowhere, so its source bucket has no logging — a violation).
        const { buckets: targets, unresolved: unresolvedTargets } = accessLogTargets(ctx, buckets);
        for (const bucket of buckets) {
            if (targets.has(bucket.urn) || matchesPattern(bucket, ctx.config.accessLogBucketPatterns)) {
                continue;
            }
            const own = byBucket.get(bucket.urn) ?? [];
            // The deprecated inline block (Bucket `logging`, BucketV2 `loggings`): a computed target is a target, as above.
            const inlineVerdict = inlineBlock(ctx, bucket, "logging", "loggings", (path): Verdict => {
                const target = ctx.readString(bucket, `${path}.targetBucket`, { quiet: true });
                return !target.ok ? (target.unknown ? "yes" : "no") : target.value !== undefined && target.value !== "" ? "yes" : "no";
            });
            const verdict: Verdict = own.includes("yes") || inlineVerdict === "yes" ? "yes" : inlineVerdict === "unknown" ? "unknown" : "no";
            reportBucket(
                ctx,
                bucket,
                verdict,
                // An unresolved target might be this very bucket (then it is the access-log bucket).
                unresolved + unresolvedTargets,
                `the server access logging of S3 bucket "${bucket.name}"`,
                `S3 bucket "${bucket.name}" has no server access logging; add an aws.s3.BucketLogging with bucket "${bucketName(bucket)}" and targetBucket set to the access-log bucket.`,
            );
        }
    },
});

function bucketName(bucket: StackResource): string {
    const b = read(bucket.props, "bucket");
    return b.known && typeof b.value === "string" ? b.value : bucket.name;
}

function matchesPattern(bucket: StackResource, patterns: readonly string[]): boolean {
    if (patterns.length === 0) {
        return false;
    }
    const b = read(bucket.props, "bucket");
    return !!findGlobMatch(patterns, [bucket.name, ...(b.known && typeof b.value === "string" ? [b.value] : [])]);
}
