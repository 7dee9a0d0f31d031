// s3-bucket-lifecycle-configured: every bucket declares what happens to its objects over time
// (transition, expiry, noncurrent versions, aborted uploads), so retention is a decision rather than
// "forever" (AU-11, SI-12; cdk-nag NIST 800-53 rev5 S3BucketLifecycle… / AWS Config
// s3-lifecycle-policy-check). A lifecycle configuration whose rules are all Disabled does nothing.

import {
    BOOLEAN,
    Guard,
    oneOf,
    readTyped,
    S3_BUCKET_LIFECYCLE_CONFIGURATION_V2,
    S3_BUCKET_TYPES,
    StackContext,
    stackPolicy,
    StackResource,
} from "../../lib";
import { reportBucket, satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_LIFECYCLE_CONFIGURATION } from "./resource-types";

// A rule's status is S3's ExpirationStatus (botocore: Enabled, Disabled); anything else is malformed.
const STATUS = oneOf(["Enabled", "Disabled"]);

const LIFECYCLE_TYPES = [
    S3_BUCKET_LIFECYCLE_CONFIGURATION,
    S3_BUCKET_LIFECYCLE_CONFIGURATION_V2,
] as const;

export const s3BucketLifecycleConfigured = stackPolicy({
    name: "s3-bucket-lifecycle-configured",
    description:
        "Every S3 bucket must have a lifecycle configuration (tied to it by name or property dependency) with at least one " +
        "Enabled rule: how long objects and their old versions are kept is decided, not left to grow forever (AU-11, SI-12).",
    summary: "Every S3 bucket has a lifecycle configuration with an Enabled rule",
    severity: "low",
    controls: ["AU-11", "SI-12"],
    remediationSteps:
        'Add an aws.s3.BucketLifecycleConfiguration for the bucket with at least one rule of `status: "Enabled"` (expiration, ' +
        "noncurrentVersionExpiration, transitions, abortIncompleteMultipartUpload as the data needs).",
    resourceTypes: [...S3_BUCKET_TYPES, ...LIFECYCLE_TYPES],
    noVerdict: [],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const { byBucket, unresolved } = satelliteVerdicts(ctx, LIFECYCLE_TYPES, (l): Verdict => enabledRule(ctx, l, "rules", "status", STATUS, "Enabled"));
        for (const bucket of buckets) {
            // A bucket holds one lifecycle configuration; any resource with an Enabled rule (or the
            // deprecated inline lifecycleRules) is one.
            const own = byBucket.get(bucket.urn) ?? [];
            const inline = enabledRule(ctx, bucket, "lifecycleRules", "enabled", BOOLEAN, true);
            const verdict: Verdict = own.includes("yes") || inline === "yes" ? "yes" : own.includes("unknown") || inline === "unknown" ? "unknown" : "no";
            reportBucket(
                ctx,
                bucket,
                verdict,
                unresolved,
                `the lifecycle configuration of S3 bucket "${bucket.name}"`,
                `S3 bucket "${bucket.name}" has no lifecycle configuration with an Enabled rule; add an aws.s3.BucketLifecycleConfiguration with a rule of status "Enabled".`,
            );
        }
    },
});

/**
 * "yes" when a rule of `resource`'s `list` is enabled (`status: "Enabled"`, or the inline rules'
 * `enabled: true`). Every value is typed: a malformed one is reported against the resource
 * (mandatory, never waived) and enables nothing; an unknown one makes the answer "unknown".
 */
function enabledRule<C, T>(ctx: StackContext<C>, resource: StackResource, list: string, flag: string, guard: Guard<T>, enabled: T): Verdict {
    const rules = ctx.readArray(resource, list, { quiet: true });
    if (!rules.ok) {
        return rules.unknown ? "unknown" : "no";
    }
    let unknown = false;
    for (const [i, rule] of (rules.value ?? []).entries()) {
        const v = ctx.settle(resource, readTyped(rule, flag, guard, `${list}[${i}]`), { quiet: true });
        if (!v.ok) {
            unknown ||= v.unknown;
        } else if (v.value === enabled) {
            return "yes";
        }
    }
    return unknown ? "unknown" : "no";
}
