// kms-key-deletion-window: a scheduled key deletion waits long enough to be noticed and cancelled
// (SC-12, CP-9): once KMS deletes a key, everything encrypted under it is unrecoverable.

import { NUMBER, refine, resourcePolicy } from "../../lib";
import { KEY_TYPES } from "./resource-types";

/**
 * ScheduleKeyDeletion's PendingWindowInDays, which the provider's `deletionWindowInDays` sends:
 * "it must be between 7 and 30, inclusive. If you do not include a value, it defaults to 30"
 * (botocore KMS model, ScheduleKeyDeletionRequest; the same words in @pulumi/aws kms.Key).
 */
const AWS_MIN_DAYS = 7;
const AWS_MAX_DAYS = 30;
const AWS_DEFAULT_DAYS = 30;
const WINDOW_DAYS = refine(NUMBER, `a whole number of days from ${AWS_MIN_DAYS} to ${AWS_MAX_DAYS} (the range KMS accepts)`, (n) => Number.isInteger(n) && n >= AWS_MIN_DAYS && n <= AWS_MAX_DAYS);

export const kmsKeyDeletionWindow = resourcePolicy({
    name: "kms-key-deletion-window",
    description:
        "A KMS key's deletion window (deletionWindowInDays, the wait between scheduling a deletion and KMS destroying the key " +
        "material) must be at least the configured minimum, 30 days by default — the longest KMS allows. Everything encrypted " +
        "under a deleted key is lost for good, so the window is the time to notice a mistaken or malicious deletion and cancel " +
        "it (SC-12, CP-9). Unset is KMS's default of 30 days.",
    summary: "KMS keys wait at least 30 days (configurable) before a scheduled deletion destroys them",
    severity: "medium",
    controls: ["SC-12", "CP-9"],
    remediationSteps: "Set `deletionWindowInDays: 30` on the aws.kms.Key (or ExternalKey, ReplicaKey), or leave it unset (KMS's default is 30).",
    resourceTypes: [...KEY_TYPES],
    options: {
        minDeletionWindowDays: {
            type: "integer",
            default: AWS_MAX_DAYS,
            minimum: AWS_MIN_DAYS,
            maximum: AWS_MAX_DAYS,
            description: "Shortest deletion window allowed, in days (KMS accepts 7–30).",
        },
    },
    noVerdict: [
        { when: "deletionWindowInDays is unset", why: `KMS then waits its default of ${AWS_DEFAULT_DAYS} days, the longest window it allows, which meets any minimum this option accepts` },
    ],
    validate: (ctx) => {
        const days = ctx.readAs("deletionWindowInDays", WINDOW_DAYS);
        if (!days.ok || days.value === undefined) {
            return;
        }
        const min = ctx.config.minDeletionWindowDays;
        if (days.value < min) {
            ctx.violation(`${ctx.label} is deleted ${days.value} days after a deletion is scheduled; set deletionWindowInDays to at least ${min} (30 is the longest KMS allows).`);
        }
    },
});
