// s3-bucket-lifecycle-configured: every bucket declares what happens to its objects over time
// (transition, expiry, noncurrent versions, aborted uploads), so retention is a decision rather than
// "forever" (AU-11, SI-12; cdk-nag NIST 800-53 rev5 S3BucketLifecycle… / AWS Config
// s3-lifecycle-policy-check). A lifecycle configuration whose rules are all Disabled does nothing.

import { cannotEvaluateMessage, isUnknown, S3_BUCKET_TYPES, stackPolicy } from "../../lib";
import { reportBucket, satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";

const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
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
        const { byBucket, unresolved } = satelliteVerdicts(ctx, LIFECYCLE_TYPES, (l): Verdict => enabledRule(ctx.read(l.props, "rules"), (bad) => {
            ctx.violation(l, cannotEvaluateMessage(`S3 bucket lifecycle configuration "${l.name}"`, bad.path, bad.value, bad.expected));
        }));
        for (const bucket of buckets) {
            // A bucket holds one lifecycle configuration; any resource with an Enabled rule (or the
            // deprecated inline lifecycleRules) is one.
            const own = byBucket.get(bucket.urn) ?? [];
            const inline = enabledRule(ctx.read(bucket.props, "lifecycleRules"), () => undefined, "enabled");
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

interface Bad {
    path: string;
    value: unknown;
    expected: string;
}

/** "yes" when a rule is enabled (`status: "Enabled"`, or inline `enabled: true`). */
function enabledRule(rules: { known: boolean; value?: unknown }, malformed: (bad: Bad) => void, flag: "status" | "enabled" = "status"): Verdict {
    if (!rules.known) {
        return "unknown";
    }
    if (rules.value === undefined || rules.value === null) {
        return "no";
    }
    if (!Array.isArray(rules.value)) {
        malformed({ path: "rules", value: rules.value, expected: "a list of rules" });
        return "unknown";
    }
    let unknown = false;
    for (const [i, rule] of rules.value.entries()) {
        const v = rule !== null && typeof rule === "object" ? (rule as Record<string, unknown>)[flag] : undefined;
        if (isUnknown(v)) {
            unknown = true;
        } else if (flag === "status" ? v === "Enabled" : v === true) {
            return "yes";
        } else if (flag === "status" && v !== "Disabled") {
            malformed({ path: `rules[${i}].status`, value: v, expected: 'one of "Enabled", "Disabled"' });
            unknown = true;
        }
    }
    return unknown ? "unknown" : "no";
}
