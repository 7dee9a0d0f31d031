// s3-data-bucket-replicated-or-backed-up: in prod, every S3 data bucket has a copy that survives
// the loss of its region or of the bucket itself (CP-9, CP-10, CP-6): replication to a bucket in
// the other allowed region, or an AWS Backup plan whose selection covers it (the plan's copy
// actions take it to the other region; backup-plan-cross-region-copy judges those). Which buckets
// hold data is decided in data-buckets.ts; replication in replication.ts; backup selections in
// lib/backup-selection.ts (the same resolution backup-plan-covers-database uses).

import {
    AWS_PROVIDER,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    bucketTarget,
    effectiveTags,
    S3_BUCKET_TYPES,
    selectionCovers,
    stackPolicy,
    usableSelections,
} from "../../lib";
import { bucketKinds, DATA_BUCKET_OPTIONS, LOG_DESTINATION_TYPES } from "./data-buckets";
import { replicationView } from "./replication";
import { Verdict } from "./verdict";
import { S3_BUCKET_REPLICATION_CONFIG } from "./resource-types";

export const s3DataBucketReplicatedOrBackedUp = stackPolicy({
    name: "s3-data-bucket-replicated-or-backed-up",
    description:
        "Every S3 data bucket (any bucket not marked as a log or audit bucket by the logTagKey tag, logNamePatterns, or being a " +
        "server access logging target — of a BucketLogging or a bucket's inline logging block — or CloudTrail bucket of the stack) must either replicate — an aws.s3.BucketReplicationConfig tied to " +
        "it (or the inline replicationConfiguration; BucketV2: replicationConfigurations) with an Enabled rule whose destination bucket is in another allowed region — " +
        "or be covered by an AWS Backup selection (selectionTags or resources) of a plan with rules, so its data survives the loss " +
        "of the bucket or the region (CP-9, CP-10, CP-6). A destination whose region cannot be proven is a cannot-verify.",
    summary: "Production S3 data buckets replicate to the other allowed region or are in an AWS Backup plan",
    scope: "prod",
    severity: "high",
    controls: ["CP-9", "CP-10", "CP-6"],
    remediationSteps:
        "Either tag the bucket into an AWS Backup plan (e.g. `tags: { Backup: \"daily\" }` with an aws.backup.Selection whose " +
        "`selectionTags` select it, and the S3 backup permissions on the selection's role; AWS Backup needs versioning on), or add " +
        "an aws.s3.BucketReplicationConfig with `bucket` set to the bucket, a `role`, and a rule `status: \"Enabled\"` whose " +
        "`destination.bucket` is the ARN of a versioned bucket in the other allowed region (its provider's or its own `region`).",
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_REPLICATION_CONFIG, BACKUP_SELECTION, BACKUP_PLAN, ...LOG_DESTINATION_TYPES, AWS_PROVIDER],
    options: {
        ...DATA_BUCKET_OPTIONS,
        allowedRegions: {
            type: "array",
            items: { type: "string" },
            default: ["us-gov-west-1", "us-gov-east-1"],
            description: "Regions a replica may be in (provider-allowed-regions' list); it must also differ from the source's.",
        },
    },
    noVerdict: [
        {
            when: "the bucket is a log or audit bucket (log purpose tag, a name matching logNamePatterns, a server access logging target of a BucketLogging or inline block, or a CloudTrail bucket)",
            why: "it holds records, not data: Object Lock and retention protect it (s3-audit-bucket-object-lock, the lifecycle policies)",
        },
        {
            when: "the bucket is the destination of a replication rule in the stack",
            why: "it is the copy; the source is judged",
        },
    ],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const kindOf = bucketKinds(ctx);
        const replication = replicationView(ctx, ctx.config.allowedRegions);
        let selections: ReturnType<typeof usableSelections> | undefined;
        for (const bucket of buckets) {
            const kind = kindOf(bucket);
            if (kind === "log" || replication.destinations.has(bucket.urn)) {
                continue;
            }
            const replicated = replication.verdictOf(bucket);
            if (replicated === "yes") {
                continue;
            }
            selections ??= usableSelections(ctx);
            const { tags, malformed } = effectiveTags(bucket);
            malformed.forEach((m) => ctx.settle(bucket, m));
            // The bucket's name is what a selection's ARNs name: a value of the wrong type is reported
            // (mandatory, unwaivable) and the bucket is judged by tags and dependencies only.
            const name = ctx.readString(bucket, "bucket", { quiet: true });
            const target = bucketTarget(name.ok ? name.value : undefined);
            const backed = selections.map((s) => selectionCovers(s, bucket, tags, target));
            if (backed.includes("covered")) {
                continue;
            }
            const verdict: Verdict = replicated === "unknown" || backed.includes("unknown") ? "unknown" : "no";
            if (kind === "unknown") {
                ctx.cannotVerify(bucket, `whether S3 bucket "${bucket.name}" is a data bucket (its tags or name are unknown) that needs replication or a backup plan`);
            } else if (verdict === "unknown") {
                ctx.cannotVerify(bucket, `whether S3 data bucket "${bucket.name}" is replicated to another allowed region or in an AWS Backup plan`);
            } else {
                const allowed = ctx.config.allowedRegions.join(", ");
                ctx.violation(
                    bucket,
                    `S3 data bucket "${bucket.name}" is neither replicated to another allowed region nor in an AWS Backup plan; add an ` +
                        `aws.s3.BucketReplicationConfig with an Enabled rule to a bucket in another allowed region (${allowed}), or tag it into an ` +
                        "aws.backup.Selection (e.g. Backup=daily).",
                );
            }
        }
    },
});
