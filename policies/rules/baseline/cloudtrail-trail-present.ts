// cloudtrail-trail-present: a stack that runs a workload declares a CloudTrail trail that records
// its API calls — logging on, every management event, every region, IAM/STS global events — from
// the first deploy (AU-2, AU-12). What counts as recording is decided in trail-recording.ts.
// Prod-only: scope "prod" (advisory in staging).

import { CLOUDTRAIL_TRAIL, stackPolicy, WORKLOAD_TYPES } from "../../lib";
import { trailRecords } from "./trail-recording";

/** Workload types whose presence makes a stack one that needs an audit trail. */
const DEFAULT_WORKLOAD_TYPES = [...WORKLOAD_TYPES];

export const cloudtrailTrailPresent = stackPolicy({
    name: "cloudtrail-trail-present",
    description:
        "A stack that runs a workload (a database, an ECS service or a load balancer by default) must declare a CloudTrail " +
        "trail that records (logging not disabled; every read and write management event selected; multi-region, " +
        "`isMultiRegionTrail: true`; global service events — IAM, STS — not excluded), so every API call against it, in " +
        "any region, is recorded from the first deploy (AU-2, AU-12). The violation is reported on " +
        "the first workload resource (waive it there if the account's trail lives in another stack).",
    summary: "A stack that runs a workload declares a multi-region CloudTrail trail recording all management events",
    scope: "prod",
    severity: "high",
    controls: ["AU-2", "AU-12"],
    remediationSteps:
        "Declare an aws.cloudtrail.Trail with `isMultiRegionTrail: true`, `includeGlobalServiceEvents` left true, logging " +
        "on, log file validation and KMS in the stack — in govstack, set " +
        "`govstack:baseline.auditTrail: true` — or waive the policy for the workload resource named in the violation.",
    resourceTypes: [CLOUDTRAIL_TRAIL, ...DEFAULT_WORKLOAD_TYPES] as [string, ...string[]],
    noVerdict: [
        {
            when: "the stack has no resource of workloadTypes (a database, an ECS service or a load balancer by default)",
            why: "a stack without a workload (a shared network or key stack) makes no API calls a trail must record on its behalf; the account's trail is declared where the workload runs",
        },
    ],
    options: {
        workloadTypes: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_WORKLOAD_TYPES,
            description: "Resource types whose presence requires a trail in the same stack.",
        },
    },
    validate: (ctx) => {
        const workload = ctx.ofType(...ctx.config.workloadTypes)[0];
        const trails = ctx.ofType(CLOUDTRAIL_TRAIL);
        if (!workload) {
            return;
        }
        if (trails.length === 0) {
            ctx.violation(
                workload,
                `The stack runs ${workload.type} "${workload.name}" but declares no CloudTrail trail; add a multi-region trail with log file validation.`,
            );
            return;
        }
        // A declared trail only counts when it records the API calls (AU-12): logging on, every
        // management event (read and write) selected, every region, and IAM/STS global events.
        const verdicts = trails.map((t) => {
            const verdict = trailRecords(t.props);
            if (verdict.kind !== "malformed") {
                return { trail: t, verdict };
            }
            // Reported against the trail; a trail whose settings cannot be read records nothing we can count on.
            ctx.settle(t, verdict.malformed);
            return { trail: t, verdict: { kind: "no" as const, why: `${verdict.malformed.path} cannot be read` } };
        });
        if (verdicts.some((v) => v.verdict.kind === "yes")) {
            return;
        }
        const unknownTrail = verdicts.find((v) => v.verdict.kind === "unknown");
        if (unknownTrail) {
            ctx.cannotVerify(workload, `whether CloudTrail trail "${unknownTrail.trail.name}" records management events in every region`);
            return;
        }
        const why = verdicts.map((v) => `trail "${v.trail.name}": ${"why" in v.verdict ? v.verdict.why : ""}`).join("; ");
        ctx.violation(
            workload,
            `The stack runs ${workload.type} "${workload.name}" but no CloudTrail trail records its API calls (${why}); ` +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.",
        );
    },
});
