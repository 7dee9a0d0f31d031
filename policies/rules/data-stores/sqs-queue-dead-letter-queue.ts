// sqs-queue-dead-letter-queue (advisory): an SQS queue moves messages it cannot process to a
// dead-letter queue instead of retrying them until they expire unseen (SI-4, AU-12: a failing
// consumer leaves evidence; CP-10: the messages can be redriven). A queue's redrive policy is its
// `redrivePolicy` JSON (deadLetterTargetArn, maxReceiveCount) or an aws.sqs.RedrivePolicy tied to
// it by queueUrl or property dependency. A queue that is itself a dead-letter queue — the target of
// another queue's redrive policy, or one whose redrive-allow policy lets sources use it — needs none.
// Advisory by the decision ("a redrive policy — advisory"); a malformed policy document is
// reported at the policy's level like every other finding of this policy: advisory.

import {
    Guard,
    oneOf,
    OBJECT,
    ownValue,
    readJsonDocument,
    refine,
    SQS_QUEUE,
    StackContext,
    stackPolicy,
    StackResource,
    STRING,
    STRING_OR_NUMBER,
} from "../../lib";
import { SQS_REDRIVE_ALLOW_POLICY, SQS_REDRIVE_POLICY } from "./resource-types";

const QUEUE_KEYS = ["url", "id"];

/** A JSON document given as text (or already an object): the object it holds. */
const JSON_OBJECT: Guard<Readonly<Record<string, unknown>>> = {
    expected: "a JSON object (as text)",
    parse: (v) => {
        const doc = readJsonDocument(v);
        return doc?.ok === true ? OBJECT.parse(doc.value) : undefined;
    },
};
/** SQS: maxReceiveCount 1–1000 (a number, or the number as text in the attribute's JSON). */
const RECEIVE_COUNT = refine(STRING_OR_NUMBER, "a whole number from 1 to 1000", (v) => {
    const n = typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= 1 && n <= 1000;
});
/** RedriveAllowPolicy.redrivePermission (SQS SetQueueAttributes); absent means allowAll. */
const PERMISSIONS = ["allowAll", "denyAll", "byQueue"] as const;

/** What a redrive policy document says: none, not known yet, reported malformed, or a target (undefined when unknown). */
type Redrive = { readonly kind: "none" | "unknown" | "malformed" } | { readonly kind: "set"; readonly target: string | undefined };

function redriveOf(ctx: StackContext<unknown>, r: StackResource, path: string): Redrive {
    const raw = ctx.read(r.props, path);
    if (!raw.known) {
        // Present but computed (pulumi.jsonStringify of the DLQ's ARN): a redrive policy is set.
        return { kind: "set", target: undefined };
    }
    if (raw.value === undefined || raw.value === null || raw.value === "") {
        return { kind: "none" };
    }
    const doc = ctx.check(r, raw.value, JSON_OBJECT, path, { quiet: true });
    if (!doc.ok || doc.value === undefined) {
        return !doc.ok && !doc.unknown ? { kind: "malformed" } : { kind: "unknown" };
    }
    const target = ctx.check(r, ownValue(doc.value, "deadLetterTargetArn"), STRING, `${path}.deadLetterTargetArn`, { quiet: true });
    const count = ctx.check(r, ownValue(doc.value, "maxReceiveCount"), RECEIVE_COUNT, `${path}.maxReceiveCount`, { quiet: true });
    if ((!target.ok && !target.unknown) || (!count.ok && !count.unknown)) {
        return { kind: "malformed" };
    }
    if (target.ok && !target.value) {
        return { kind: "none" };
    }
    return { kind: "set", target: target.ok ? target.value : undefined };
}

/** Whether a redrive-allow policy lets source queues use this queue: yes, no (denyAll or none), unknown. */
function allowsSources(ctx: StackContext<unknown>, r: StackResource, path: string): "yes" | "no" | "unknown" {
    const raw = ctx.read(r.props, path);
    if (!raw.known) {
        return "unknown";
    }
    if (raw.value === undefined || raw.value === null || raw.value === "") {
        return "no";
    }
    const doc = ctx.check(r, raw.value, JSON_OBJECT, path, { quiet: true });
    if (!doc.ok || doc.value === undefined) {
        return !doc.ok && doc.unknown ? "unknown" : "no";
    }
    const permission = ctx.check(r, ownValue(doc.value, "redrivePermission"), oneOf(PERMISSIONS), `${path}.redrivePermission`, { quiet: true });
    if (!permission.ok) {
        return permission.unknown ? "unknown" : "no";
    }
    return permission.value === "denyAll" ? "no" : "yes";
}

export const sqsQueueDeadLetterQueue = stackPolicy({
    name: "sqs-queue-dead-letter-queue",
    description:
        "SQS queues should have a dead-letter queue: a redrivePolicy (deadLetterTargetArn, maxReceiveCount) or an aws.sqs.RedrivePolicy " +
        "tied to the queue, so messages no consumer can process are kept for inspection and redrive instead of being retried until " +
        "they expire (SI-4, CP-10). A dead-letter queue itself needs none. Advisory: it never blocks (a malformed redrive policy is " +
        "reported at the same, advisory, level).",
    summary: "SQS queues have a dead-letter queue (redrivePolicy or aws.sqs.RedrivePolicy) — advisory",
    enforcementLevel: "advisory",
    severity: "low",
    controls: ["SI-4", "CP-10"],
    remediationSteps:
        "Create a dead-letter queue (same type: FIFO for a FIFO queue, encrypted with the same key) and set `redrivePolicy: " +
        "JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 })` on the aws.sqs.Queue (or add an aws.sqs.RedrivePolicy " +
        "with its queueUrl); alarm on the dead-letter queue's ApproximateNumberOfMessagesVisible.",
    resourceTypes: [SQS_QUEUE, SQS_REDRIVE_POLICY, SQS_REDRIVE_ALLOW_POLICY],
    triggerType: SQS_QUEUE,
    noVerdict: [
        {
            when: "the queue is a dead-letter queue: another queue's redrive policy targets it, or its redrive-allow policy lets sources use it",
            why: "a dead-letter queue is where failed messages end; giving it one of its own only moves them again",
        },
    ],
    validate: (ctx) => {
        const queues = ctx.ofType(SQS_QUEUE);
        const byName = new Map<string, StackResource>();
        for (const q of queues) {
            for (const key of ["arn", "name"]) {
                // Typed: a name that is not a string is reported ("Cannot evaluate", at this policy's level), never
                // silently left out so that the queue reads as no one's dead-letter queue.
                const v = ctx.readString(q, key, { quiet: true });
                if (v.ok && v.value !== undefined && v.value !== "" && !byName.has(v.value)) {
                    byName.set(v.value, q);
                }
            }
        }
        const dlqs = new Set<string>();
        const maybeDlqs = new Set<string>();
        /** Records the queue(s) a redrive policy targets: by ARN (or its last segment, the name), else by dependency. */
        const markTargets = (source: StackResource, redrive: Redrive, exclude: string | undefined) => {
            if (redrive.kind !== "set" && redrive.kind !== "unknown") {
                return;
            }
            if (redrive.kind === "set" && redrive.target !== undefined) {
                const target = byName.get(redrive.target) ?? byName.get(redrive.target.split(":").pop() ?? "");
                if (target) {
                    dlqs.add(target.urn);
                }
                return;
            }
            for (const urn of source.propertyDependencies.redrivePolicy ?? []) {
                const q = ctx.byUrn(urn);
                if (q && q.type === SQS_QUEUE && q.urn !== exclude) {
                    (redrive.kind === "set" ? dlqs : maybeDlqs).add(q.urn);
                }
            }
        };
        const own = new Map<string, Redrive[]>();
        for (const q of queues) {
            const r = redriveOf(ctx, q, "redrivePolicy");
            own.set(q.urn, [r]);
            markTargets(q, r, q.urn);
            const allow = allowsSources(ctx, q, "redriveAllowPolicy");
            if (allow !== "no") {
                (allow === "yes" ? dlqs : maybeDlqs).add(q.urn);
            }
        }
        let unresolved = 0;
        for (const p of ctx.ofType(SQS_REDRIVE_POLICY)) {
            const refs = ctx.resolveRefs(p, "queueUrl", [SQS_QUEUE], QUEUE_KEYS);
            unresolved += refs.unresolved;
            const r = redriveOf(ctx, p, "redrivePolicy");
            refs.resources.forEach((q) => own.set(q.urn, [...(own.get(q.urn) ?? []), r]));
            markTargets(p, r, refs.resources.length === 1 ? refs.resources[0].urn : undefined);
        }
        for (const p of ctx.ofType(SQS_REDRIVE_ALLOW_POLICY)) {
            const allow = allowsSources(ctx, p, "redriveAllowPolicy");
            if (allow !== "no") {
                ctx.resolveRefs(p, "queueUrl", [SQS_QUEUE], QUEUE_KEYS).resources.forEach((q) => (allow === "yes" ? dlqs : maybeDlqs).add(q.urn));
            }
        }
        for (const q of queues) {
            if (dlqs.has(q.urn)) {
                continue;
            }
            const redrives = own.get(q.urn) ?? [];
            if (redrives.some((r) => r.kind === "set")) {
                continue;
            }
            if (redrives.some((r) => r.kind === "malformed")) {
                continue; // reported
            }
            if (redrives.some((r) => r.kind === "unknown") || maybeDlqs.has(q.urn) || unresolved > 0) {
                ctx.cannotVerify(q, `the dead-letter queue of SQS queue "${q.name}"`);
                continue;
            }
            ctx.violation(
                q,
                `SQS queue "${q.name}" has no dead-letter queue; set redrivePolicy with deadLetterTargetArn and maxReceiveCount, or add an ` +
                    "aws.sqs.RedrivePolicy for it.",
            );
        }
    },
});
