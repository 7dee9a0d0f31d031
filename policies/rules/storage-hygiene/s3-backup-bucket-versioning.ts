// s3-backup-bucket-versioning: an overwritten or deleted backup stays recoverable, including from
// ransomware-style deletes, only when versioning is Enabled by every resource that sets it
// (CP-9, CP-10, SI-12). Versioning resources are linked to buckets by the explicit bucket name
// (known at preview) or, failing that, by the engine's property dependencies.

import {
    findGlobMatch,
    S3_BUCKET_REF_KEYS,
    S3_BUCKET_TYPES,
    S3_BUCKET_VERSIONING_V2,
    StackContext,
    stackPolicy,
    StackResource,
} from "../../lib";
import {
    bucketNames,
    purposeTag,
} from "./purpose-tag";
import { inlineVersioning } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_VERSIONING } from "./resource-types";

const VERSIONING_TYPES = [S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2] as const;

export const s3BackupBucketVersioning = stackPolicy({
    name: "s3-backup-bucket-versioning",
    description:
        "Backup buckets (tagged Purpose=backups, on the bucket or through the provider's defaultTags, or named like *backup*) " +
        "must have versioning Enabled, by every versioning resource that sets it: an overwritten or deleted backup stays " +
        "recoverable, including from ransomware-style deletes (CP-9, CP-10).",
    summary: "Backup S3 buckets (tagged Purpose=backups or named *backup*) have versioning Enabled",
    severity: "high",
    controls: ["CP-9", "CP-10", "SI-12"],
    remediationSteps: 'Add an aws.s3.BucketVersioning for the bucket with `versioningConfiguration: { status: "Enabled" }`.',
    resourceTypes: [...S3_BUCKET_TYPES, ...VERSIONING_TYPES],
    noVerdict: [
        {
            when: "a bucket is not a backup bucket: no purpose tag with a backup value, and no name, bucket name or prefix matching backupNamePatterns",
            why: "versioning is required of backup buckets; other buckets' recoverability is their owner's choice (CP-9 applies to backups)",
        },
    ],
    options: {
        backupTagKey: { type: "string", default: "Purpose", description: "Tag that marks a bucket's purpose." },
        backupTagValues: {
            type: "array",
            items: { type: "string" },
            default: ["backups", "backup"],
            description: "Values of the purpose tag (case-insensitive) that mark a backup bucket.",
        },
        backupNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: ["*backup*"],
            description: "Globs over the resource name, the bucket name and its bucketPrefix that mark a backup bucket.",
        },
    },
    validate: (ctx) => {
        const values = new Set(ctx.config.backupTagValues.map((v) => v.toLowerCase()));
        const backups: { bucket: StackResource; certain: boolean }[] = [];
        for (const bucket of ctx.ofType(...S3_BUCKET_TYPES)) {
            const kind = backupBucket(ctx, bucket, ctx.config.backupTagKey, values, ctx.config.backupNamePatterns);
            if (kind !== "no") {
                backups.push({ bucket, certain: kind === "yes" });
            }
        }
        if (backups.length === 0) {
            return;
        }
        // AWS keeps one versioning state per bucket: when several BucketVersioning resources set
        // it, the last apply wins, so a Suspended/Disabled one wins over an Enabled one here.
        const explicit = new Map<string, Verdict[]>();
        let unresolved = 0;
        for (const v of ctx.ofType(...VERSIONING_TYPES)) {
            const refs = ctx.resolveRefs(v, "bucket", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
            unresolved += refs.unresolved;
            // Anything but "Enabled" (Suspended, Disabled, a misspelling) leaves overwritten backups unrecoverable.
            const status = ctx.readString(v, "versioningConfiguration.status", { quiet: true });
            const verdict: Verdict = !status.ok ? (status.unknown ? "unknown" : "no") : status.value === "Enabled" ? "yes" : "no";
            refs.resources.forEach((b) => explicit.set(b.urn, [...(explicit.get(b.urn) ?? []), verdict]));
        }
        for (const { bucket, certain } of backups) {
            const own = explicit.get(bucket.urn) ?? [];
            // The deprecated inline `versioning` block (BucketV2: `versionings`) counts when no resource sets it.
            const inlineVerdict = inlineVersioning(ctx, bucket);
            const verdict: Verdict = own.includes("no") ? "no" : own.includes("unknown") ? "unknown" : own.includes("yes") ? "yes" : inlineVerdict;
            if (verdict === "yes") {
                continue;
            }
            if (!certain) {
                ctx.cannotVerify(bucket, `whether S3 bucket "${bucket.name}" is a backup bucket (its tags or name are unknown) that needs versioning`);
            } else if (verdict === "unknown" || unresolved > 0) {
                ctx.cannotVerify(bucket, `the versioning of backup bucket "${bucket.name}"`);
            } else if (own.includes("no") && own.includes("yes")) {
                ctx.violation(
                    bucket,
                    `Backup bucket "${bucket.name}" has several versioning resources and one does not enable versioning (the last applied wins); keep one aws.s3.BucketVersioning with status "Enabled".`,
                );
            } else {
                ctx.violation(bucket, `Backup bucket "${bucket.name}" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".`);
            }
        }
    },
});

/**
 * Whether a bucket is a backup bucket: its purpose tag (own tags over the provider's defaultTags)
 * or a name (resource name, bucket name, bucketPrefix) matching the patterns. "maybe" when that
 * depends on a tag or name not known yet.
 */
function backupBucket(ctx: StackContext<unknown>, bucket: StackResource, tagKey: string, tagValues: ReadonlySet<string>, patterns: readonly string[]): Verdict {
    const { names, unknown } = bucketNames(ctx, bucket);
    if (findGlobMatch(patterns, names)) {
        return "yes";
    }
    // Tags that are not a map (or a purpose tag that is not a string) are reported, and the bucket
    // is judged as a backup bucket: a malformed tag must not take it out of scope.
    const value = purposeTag(ctx, bucket, tagKey);
    if (value === "malformed") {
        return "yes";
    }
    if (value === "unknown") {
        return "unknown";
    }
    if (value.value !== undefined && tagValues.has(value.value.toLowerCase())) {
        return "yes";
    }
    return unknown ? "unknown" : "no";
}
