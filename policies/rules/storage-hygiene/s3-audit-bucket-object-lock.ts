// s3-audit-bucket-object-lock: audit-log buckets (CloudTrail, load-balancer and access logs, AWS
// Config) are created with Object Lock enabled in prod, so a retention (or legal hold) can make
// audit records immutable even to the account's administrators (AU-9, AU-9(4), AU-11). Object Lock
// can only be turned on with versioning and, through Pulumi, at bucket creation (objectLockEnabled
// forces a new bucket). Audit buckets are found by a purpose tag or a name, as backup buckets are.

import { findGlobMatch, ownValue, resourcePolicy, S3_BUCKET_TYPES, STRING, typedProviderDefaultTags, typedTags } from "../../lib";

export const s3AuditBucketObjectLock = resourcePolicy({
    name: "s3-audit-bucket-object-lock",
    description:
        "Production audit-log S3 buckets (CloudTrail, load-balancer and S3 access logs, AWS Config; found by the auditTagKey " +
        "tag or auditNamePatterns) must be created with objectLockEnabled: true, so retention can make audit records " +
        "immutable (AU-9, AU-11).",
    summary: "Production audit-log S3 buckets are created with Object Lock enabled",
    scope: "prod",
    severity: "high",
    controls: ["AU-9", "AU-11"],
    remediationSteps:
        "Set `objectLockEnabled: true` on the aws.s3.Bucket (a new bucket: it cannot be added in place through Pulumi) with " +
        "versioning Enabled; optionally an aws.s3.BucketObjectLockConfiguration with a GOVERNANCE or COMPLIANCE default retention.",
    resourceTypes: [...S3_BUCKET_TYPES],
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
        // The names and tags that decide whether it is an audit bucket are typed: a malformed one is
        // reported (mandatory) and never takes the bucket out of scope (a list `bucket` hid the name).
        const names = [ctx.name];
        let nameUnknown = false;
        for (const key of ["bucket", "bucketPrefix"]) {
            const v = ctx.readString(key, { quiet: true });
            if (!v.ok) {
                if (!v.unknown) {
                    return;
                }
                nameUnknown = true;
            } else if (v.value !== undefined && v.value !== "") {
                names.push(v.value);
            }
        }
        let audit: "yes" | "no" | "unknown" = findGlobMatch(ctx.config.auditNamePatterns, names) ? "yes" : "no";
        if (audit === "no") {
            const own = ctx.settle(typedTags(ctx.read("tags"), "tags"), { quiet: true });
            const defaults = ctx.settle(typedProviderDefaultTags(ctx.args.provider), { quiet: true });
            if ((!own.ok && !own.unknown) || (!defaults.ok && !defaults.unknown)) {
                return;
            }
            if (!own.ok || !defaults.ok) {
                audit = "unknown";
            } else {
                const ownTag = ownValue(own.value ?? {}, ctx.config.auditTagKey);
                const raw = ownTag !== undefined && ownTag !== null ? ownTag : ownValue(defaults.value ?? {}, ctx.config.auditTagKey);
                const value = ctx.check(raw, STRING, `tags.${ctx.config.auditTagKey}`, { quiet: true });
                if (!value.ok && !value.unknown) {
                    return;
                }
                const values = new Set(ctx.config.auditTagValues.map((v) => v.toLowerCase()));
                audit = !value.ok ? "unknown" : value.value !== undefined && values.has(value.value.toLowerCase()) ? "yes" : nameUnknown ? "unknown" : "no";
            }
        }
        if (audit === "no") {
            return;
        }
        // Typed: unknown → advisory; anything but a boolean → mandatory, never waived.
        const lock = ctx.readBoolean("objectLockEnabled");
        if (!lock.ok || lock.value === true) {
            return;
        }
        if (audit === "unknown") {
            return ctx.cannotVerify(`whether S3 bucket "${ctx.name}" is an audit-log bucket (its tags or name are unknown) that needs Object Lock`);
        }
        ctx.violation(`Audit-log S3 bucket "${ctx.name}" is not created with Object Lock; set objectLockEnabled: true (a new bucket) with versioning Enabled.`);
    },
});
