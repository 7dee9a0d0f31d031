// Which S3 buckets hold data, for the prod resilience rule on buckets: every bucket is a data bucket
// unless something marks it as a log or audit bucket — a purpose tag with a log value (its own tags
// over the provider's defaultTags), a name (resource name, bucket name, bucketPrefix) matching a log
// pattern, or being the log destination of this stack's server access logging (a BucketLogging's
// targetBucket, or a bucket's inline `logging.targetBucket` / `loggings[].targetBucket`:
// log-targets.ts, as s3-bucket-access-logging reads them) or CloudTrail trail (s3BucketName). Log
// buckets are judged by the audit rules (Object Lock, retention); their loss loses records, not data. A tag or name not known yet gives
// "unknown"; a malformed one is reported and never takes a bucket out of scope.

import { CLOUDTRAIL_TRAIL, findGlobMatch, OptionSpecs, S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, StackContext, StackResource } from "../../lib";
import { accessLogTargets, LOGGING_TYPES } from "./log-targets";
import { bucketNames, purposeTag } from "./purpose-tag";

/** Types the classification reads besides the buckets (for the policy's resourceTypes). */
export const LOG_DESTINATION_TYPES = [...LOGGING_TYPES, CLOUDTRAIL_TRAIL] as const;

export const DATA_BUCKET_OPTIONS = {
    logTagKey: { type: "string", default: "Purpose", description: "Tag that marks a bucket's purpose." },
    logTagValues: {
        type: "array",
        items: { type: "string" },
        default: ["audit", "audit-logs", "access-logs", "logs", "log"],
        description: "Values of the purpose tag (case-insensitive) that mark a log or audit bucket (not a data bucket).",
    },
    logNamePatterns: {
        type: "array",
        items: { type: "string" },
        default: ["*audit*", "*cloudtrail*", "*access-log*", "*alb-log*", "*elb-log*", "*flow-log*", "*config-log*", "*-logs", "*-logs-*", "logs-*"],
        description: "Globs over the resource name, bucket name and bucketPrefix that mark a log or audit bucket.",
    },
} as const satisfies OptionSpecs;

export type BucketKind = "data" | "log" | "unknown";

/** The classifier for one stack: log destinations are resolved once. */
export function bucketKinds<C extends { logTagKey: string; logTagValues: readonly string[]; logNamePatterns: readonly string[] }>(
    ctx: StackContext<C>,
): (bucket: StackResource) => BucketKind {
    // Server access log targets, from BucketLogging resources and the buckets' inline blocks alike.
    const logTargets = new Set<string>(accessLogTargets(ctx, ctx.ofType(...S3_BUCKET_TYPES)).buckets);
    for (const t of ctx.ofType(CLOUDTRAIL_TRAIL)) {
        ctx.resolveRefs(t, "s3BucketName", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS).resources.forEach((b) => logTargets.add(b.urn));
    }
    const values = new Set(ctx.config.logTagValues.map((v) => v.toLowerCase()));
    return (bucket) => {
        if (logTargets.has(bucket.urn)) {
            return "log";
        }
        const { names, unknown } = bucketNames(ctx, bucket);
        if (findGlobMatch(ctx.config.logNamePatterns, names)) {
            return "log";
        }
        const tag = purposeTag(ctx, bucket, ctx.config.logTagKey);
        if (tag === "malformed") {
            return "data"; // malformed tags: reported, and judged as data
        }
        if (tag === "unknown") {
            return "unknown";
        }
        const value = tag;
        if (value.value !== undefined && values.has(value.value.toLowerCase())) {
            return "log";
        }
        return unknown ? "unknown" : "data";
    };
}
