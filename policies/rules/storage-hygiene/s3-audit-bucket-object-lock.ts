// s3-audit-bucket-object-lock: audit-log buckets (CloudTrail, load-balancer and access logs, AWS
// Config) have Object Lock enabled in prod, so a retention (or legal hold) can make audit records
// immutable even to the account's administrators (AU-9, AU-9(4), AU-11). Object Lock needs
// versioning; it is enabled at creation (the bucket's objectLockEnabled, or the deprecated inline
// objectLockConfiguration.objectLockEnabled "Enabled") or, since S3 allows it on existing buckets, by
// an aws.s3.BucketObjectLockConfiguration (objectLockEnabled defaults to "Enabled") tied to the
// bucket by name or property dependency. Audit buckets are found by a purpose tag or a name, as
// backup buckets are.

import { findGlobMatch, S3_BUCKET_TYPES, StackContext, stackPolicy, StackResource } from "../../lib";
import { purposeTag } from "./purpose-tag";
import { satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_OBJECT_LOCK_CONFIGURATION, S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2 } from "./resource-types";

const LOCK_TYPES = [
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
] as const;

// S3's ObjectLockEnabled (botocore: the single value "Enabled"); anything else is malformed.
const ENABLED = ["Enabled"] as const;

interface AuditOptions {
    readonly auditTagKey: string;
    readonly auditTagValues: readonly string[];
    readonly auditNamePatterns: readonly string[];
}

/**
 * Whether a bucket is an audit-log bucket. The names and tags that decide it are typed: a malformed
 * one is reported (mandatory) and never takes the bucket out of scope ("malformed": judged no further).
 */
function auditKind(ctx: StackContext<AuditOptions>, bucket: StackResource): Verdict | "malformed" {
    const names = [bucket.name];
    let nameUnknown = false;
    for (const key of ["bucket", "bucketPrefix"]) {
        const v = ctx.readString(bucket, key, { quiet: true });
        if (!v.ok) {
            if (!v.unknown) {
                return "malformed";
            }
            nameUnknown = true;
        } else if (v.value !== undefined && v.value !== "") {
            names.push(v.value);
        }
    }
    if (findGlobMatch(ctx.config.auditNamePatterns, names)) {
        return "yes";
    }
    const value = purposeTag(ctx, bucket, ctx.config.auditTagKey);
    if (value === "malformed" || value === "unknown") {
        return value;
    }
    const values = new Set(ctx.config.auditTagValues.map((v) => v.toLowerCase()));
    return value.value !== undefined && values.has(value.value.toLowerCase()) ? "yes" : nameUnknown ? "unknown" : "no";
}

/** The bucket's own Object Lock switches: objectLockEnabled, and the deprecated inline objectLockConfiguration. */
function ownLock(ctx: StackContext<AuditOptions>, bucket: StackResource): Verdict | "malformed" {
    const flag = ctx.readBoolean(bucket, "objectLockEnabled", { quiet: true });
    const inline = ctx.readEnum(bucket, "objectLockConfiguration.objectLockEnabled", ENABLED, { quiet: true });
    if ((!flag.ok && !flag.unknown) || (!inline.ok && !inline.unknown)) {
        return "malformed";
    }
    if ((flag.ok && flag.value === true) || (inline.ok && inline.value === "Enabled")) {
        return "yes";
    }
    return !flag.ok || !inline.ok ? "unknown" : "no";
}

export const s3AuditBucketObjectLock = stackPolicy({
    name: "s3-audit-bucket-object-lock",
    description:
        "Production audit-log S3 buckets (CloudTrail, load-balancer and S3 access logs, AWS Config; found by the auditTagKey " +
        "tag or auditNamePatterns) must have Object Lock enabled — objectLockEnabled: true on the bucket (or the deprecated inline " +
        "objectLockConfiguration), or an aws.s3.BucketObjectLockConfiguration tied to it by name or property dependency — so " +
        "retention can make audit records immutable (AU-9, AU-11).",
    summary: "Production audit-log S3 buckets have Object Lock enabled",
    scope: "prod",
    severity: "high",
    controls: ["AU-9", "AU-11"],
    remediationSteps:
        "Set `objectLockEnabled: true` on the aws.s3.Bucket (at creation), or add an aws.s3.BucketObjectLockConfiguration for the " +
        "bucket (S3 enables Object Lock on an existing bucket; versioning must be Enabled), optionally with a GOVERNANCE or " +
        "COMPLIANCE default retention.",
    resourceTypes: [...S3_BUCKET_TYPES, ...LOCK_TYPES],
    options: {
        auditTagKey: { type: "string", default: "Purpose", description: "Tag that marks a bucket's purpose." },
        auditTagValues: {
            type: "array",
            items: { type: "string" },
            default: ["audit", "audit-logs", "access-logs", "logs"],
            description: "Values of the purpose tag (case-insensitive) that mark an audit-log bucket.",
        },
        auditNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: ["*audit*", "*cloudtrail*", "*access-log*", "*alb-log*", "*config-log*"],
            description: "Globs over the resource name and bucket name that mark an audit-log bucket.",
        },
    },
    noVerdict: [
        {
            when: "a bucket is not an audit-log bucket (no audit purpose tag, no matching name)",
            why: "Object Lock is required of audit records (AU-9); other buckets are judged by the versioning and lifecycle policies",
        },
    ],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        // A lock configuration's objectLockEnabled defaults to "Enabled"; a malformed one is reported and enables nothing.
        const { byBucket, unresolved } = satelliteVerdicts(ctx, LOCK_TYPES, (l): Verdict => {
            const v = ctx.readEnum(l, "objectLockEnabled", ENABLED, { quiet: true });
            return v.ok ? "yes" : v.unknown ? "unknown" : "no";
        });
        for (const bucket of buckets) {
            const audit = auditKind(ctx, bucket);
            if (audit === "no" || audit === "malformed") {
                continue;
            }
            const own = ownLock(ctx, bucket);
            const tied = byBucket.get(bucket.urn) ?? [];
            if (own === "yes" || own === "malformed" || tied.includes("yes")) {
                continue;
            }
            if (audit === "unknown") {
                ctx.cannotVerify(bucket, `whether S3 bucket "${bucket.name}" is an audit-log bucket (its tags or name are unknown) that needs Object Lock`);
            } else if (own === "unknown" || tied.includes("unknown") || unresolved > 0) {
                ctx.cannotVerify(bucket, `the Object Lock of audit-log S3 bucket "${bucket.name}"`);
            } else {
                ctx.violation(
                    bucket,
                    `Audit-log S3 bucket "${bucket.name}" does not have Object Lock enabled; set objectLockEnabled: true (a new bucket) or add an ` +
                        "aws.s3.BucketObjectLockConfiguration for it, with versioning Enabled.",
                );
            }
        }
    },
});
