// s3-bucket-event-notifications (advisory): a bucket tells someone when objects change — an
// aws.s3.BucketNotification tied to it (by name or property dependency) that sends events to
// EventBridge, an SNS topic, an SQS queue or a Lambda function — so unexpected writes and deletes
// can be monitored (SI-4, AU-12). Advisory only, never mandatory: AWS does not need it, and what
// to watch is the owner's choice (the issue: "Event notifications: advisory").

import { S3_BUCKET_TYPES, StackContext, stackPolicy, StackResource } from "../../lib";
import { satelliteVerdicts } from "./satellites";
import { Verdict } from "./verdict";
import { S3_BUCKET_NOTIFICATION } from "./resource-types";

const TARGET_LISTS = ["topics", "queues", "lambdaFunctions"] as const;

export const s3BucketEventNotifications = stackPolicy({
    name: "s3-bucket-event-notifications",
    description:
        "Every S3 bucket should have event notifications: an aws.s3.BucketNotification tied to it (by name or property dependency) " +
        "with eventbridge: true or at least one topic, queue or Lambda function, so changes to its objects can be monitored " +
        "(SI-4, AU-12). Advisory: it never blocks.",
    summary: "S3 buckets send event notifications (EventBridge, SNS, SQS or Lambda) — advisory",
    enforcementLevel: "advisory",
    severity: "low",
    controls: ["SI-4", "AU-12"],
    remediationSteps:
        "Add an aws.s3.BucketNotification with `bucket` set to the bucket and `eventbridge: true` (then route the events with an " +
        "EventBridge rule), or `topics` / `queues` / `lambdaFunctions` with the events to watch (e.g. s3:ObjectRemoved:*).",
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_NOTIFICATION],
    noVerdict: [],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const { byBucket, unresolved } = satelliteVerdicts(ctx, [S3_BUCKET_NOTIFICATION], (n) => sends(ctx, n));
        for (const bucket of buckets) {
            const verdicts = byBucket.get(bucket.urn) ?? [];
            if (verdicts.includes("yes")) {
                continue;
            }
            if (verdicts.includes("unknown") || unresolved > 0) {
                ctx.cannotVerify(bucket, `the event notifications of S3 bucket "${bucket.name}"`);
            } else {
                ctx.violation(
                    bucket,
                    `S3 bucket "${bucket.name}" sends no event notifications; add an aws.s3.BucketNotification with eventbridge: true ` +
                        "or a topic, queue or Lambda function.",
                );
            }
        }
    },
});

/** Whether a notification configuration sends events anywhere. */
function sends(ctx: StackContext<unknown>, n: StackResource): Verdict {
    const eventbridge = ctx.readBoolean(n, "eventbridge", { quiet: true });
    if (eventbridge.ok && eventbridge.value === true) {
        return "yes";
    }
    let unknown = !eventbridge.ok && eventbridge.unknown;
    for (const list of TARGET_LISTS) {
        const targets = ctx.readArray(n, list, { quiet: true });
        if (targets.ok && (targets.value ?? []).length > 0) {
            return "yes";
        }
        unknown ||= !targets.ok && targets.unknown;
    }
    return unknown ? "unknown" : "no";
}
