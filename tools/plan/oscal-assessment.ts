// out/<stack>/assessment-results.json: this run as an OSCAL 1.1.2 assessment-results document —
// one result per run, an observation per policy evaluation, a finding per baseline control an
// evaluated policy cites, and the waivers that applied as risks with their deadlines. Validated
// against the official schema (compliance/oscal/) by tests/plan/fedramp-evidence.test.ts.

import { toOscalId } from "../compliance/baseline";
import { STATUS_TITLES } from "../compliance/matrix";
import { compact, OSCAL_VERSION, oscalDateTime, profileResource, prop, uuidV4, uuidV5 } from "../compliance/oscal";
import { ClassifiedViolation, PlanEvidence, PolicyOutcome, STATE_TITLES } from "./control-findings";
import { verdictLine } from "./report-md";
import type { PlanResult } from "./run-plan";

export interface AssessmentTimes {
    start: Date;
    end: Date;
}

function violationLine(v: ClassifiedViolation): string {
    const where = v.resourceName ? `${v.resourceType} "${v.resourceName}"` : v.urn ?? "the stack";
    const how = v.state === "waived" && v.waiver ? `waived until ${v.waiver.expires}` : v.state === "remediated" ? "remediated" : STATE_TITLES[v.state];
    return `- ${where} (${how}): ${v.message}`;
}

/** The assessment-results document of one plan. A new document uuid per run; ids inside derive from it. */
export function toAssessmentResults(result: PlanResult, evidence: PlanEvidence, times: AssessmentTimes, documentUuid: string = uuidV4()): object {
    const { evaluation, pack } = result;
    const id = (kind: string, key: string): string => uuidV5(`${kind}:${key}`, documentUuid);
    const end = oscalDateTime(times.end);
    const policyMeta = new Map(pack.policies.map((p) => [p.name, p]));
    const packUuid = id("tool", `${pack.name}@${pack.version}`);
    const planUuid = id("tool", "offline-plan");
    const procedureUuid = id("resource", "offline-plan-procedure");
    const origins = [{ actors: [{ type: "tool", "actor-uuid": packUuid }] }];

    const inventory = new Map<string, { uuid: string; v: ClassifiedViolation }>();
    for (const v of evidence.violations) {
        if (v.urn && v.resourceName && !inventory.has(v.urn)) {
            inventory.set(v.urn, { uuid: id("resource", v.urn), v });
        }
    }
    const observationUuid = (policy: string): string => id("observation", policy);
    const riskUuid = (index: number): string => id("risk", String(index));

    const observations = evidence.policies.map((p: PolicyOutcome) => {
        const meta = policyMeta.get(p.name);
        const subjects = [...new Set(p.violations.map((v) => v.urn).filter((u): u is string => !!u && inventory.has(u)))].map((urn) => ({
            "subject-uuid": inventory.get(urn)?.uuid,
            type: "inventory-item",
            title: inventory.get(urn)?.v.resourceName,
        }));
        const outcome =
            p.violations.length === 0
                ? `No violation reported for any of the stack's ${evaluation.resources.length} resources.`
                : `${p.violations.length} diagnostic${p.violations.length === 1 ? "" : "s"} (${STATE_TITLES[p.state]}):\n\n${p.violations.map(violationLine).join("\n")}`;
        return {
            uuid: observationUuid(p.name),
            title: `Policy ${p.name}`,
            description:
                `${meta?.description ?? p.name}\n\nEvaluated at enforcement "${p.enforcement}" over the analyzer protocol ` +
                `(per-resource analyze and analyzeStack), as \`pulumi preview --policy-pack\` runs it. ${outcome}`,
            props: [
                prop("policy", p.name),
                prop("enforcement", p.enforcement),
                prop("outcome", p.state),
                ...(meta?.severity ? [prop("severity", meta.severity)] : []),
                ...p.controls.map((c) => prop("control", c)),
            ],
            methods: ["TEST"],
            types: [p.state === "passing" ? "control-objective" : "finding"],
            origins,
            subjects,
            "relevant-evidence": [
                { href: "report.sarif", description: `SARIF results of this run (rule \`${p.name}\`).` },
                { href: "plan.json", description: "The planned resources and every diagnostic of this run." },
            ],
            collected: end,
        };
    });

    const risks = evidence.appliedWaivers.map((w, i) => {
        const waived = evidence.violations.filter((v) => v.waiver === w);
        return {
            uuid: riskUuid(i),
            title: `Waiver of ${w.policy} for ${w.resource}`,
            description: `Approved by ${w.approvedBy}: ${w.reason}`,
            statement: `Violations of policy ${w.policy} accepted until ${w.expires} (the pack enforces them again the day after):\n\n${waived.map(violationLine).join("\n")}`,
            props: [prop("policy", w.policy), prop("resource-pattern", w.resource), prop("approved-by", w.approvedBy)],
            status: "deviation-approved",
            origins,
            deadline: `${w.expires}T23:59:59Z`,
            "related-observations": [{ "observation-uuid": observationUuid(w.policy) }],
        };
    });
    const riskOf = new Map(evidence.appliedWaivers.map((w, i) => [w, riskUuid(i)]));

    const findings = evidence.controls.map((run) => {
        const row = evidence.matrix.rows.find((r) => r.id === run.id);
        const satisfied = run.state === "passing";
        const risksHere = [...new Set(run.policies.flatMap((p) => p.violations.map((v) => v.waiver)).filter((w) => w !== undefined))];
        const status = row ? STATUS_TITLES[row.status] : "unknown";
        const why = {
            passing: "every policy citing it reported no violation",
            failing: "a mandatory policy citing it reported a violation: the deployment is blocked",
            advisory: "a policy citing it reported an advisory violation (not blocking in this stack)",
            waived: "a violation of a policy citing it is waived (an approved deviation)",
            unverified: "a policy citing it could not judge a value unknown until deployment; it runs again during `pulumi up`",
        }[run.state];
        return {
            uuid: id("finding", run.id),
            title: `${run.id} ${row?.title ?? ""}`.trim(),
            description:
                `${run.id} in ${evaluation.project}/${evaluation.stack}: ${STATE_TITLES[run.state]} — ${why}. Status in this stack: ${status}. ` +
                `Policies: ${run.policies.map((p) => `${p.name} (${p.enforcement}: ${p.state})`).join(", ")}.` +
                (row?.components.length ? ` Implemented by: ${row.components.map((c) => c.title).join(", ")}.` : ""),
            props: [prop("control-status", row?.status ?? "unknown"), prop("run-state", run.state)],
            origins,
            target: {
                type: "objective-id",
                "target-id": `${toOscalId(run.id)}_obj`,
                status: { state: satisfied ? "satisfied" : "not-satisfied", reason: satisfied ? "pass" : run.state === "failing" || run.state === "advisory" ? "fail" : "other" },
            },
            "related-observations": run.policies.map((p) => ({ "observation-uuid": observationUuid(p.name) })),
            "related-risks": risksHere.map((w) => ({ "risk-uuid": riskOf.get(w) })).filter((r) => r["risk-uuid"] !== undefined),
        };
    });

    const reviewed = evidence.controls.map((c) => ({ "control-id": toOscalId(c.id) }));
    const doc = {
        "assessment-results": {
            uuid: documentUuid,
            metadata: {
                title: `${evaluation.project}/${evaluation.stack}: FedRAMP rev5 Moderate assessment results from the offline plan`,
                "last-modified": end,
                version: `${pack.name}@${pack.version}`,
                "oscal-version": OSCAL_VERSION,
                props: [prop("project", evaluation.project), prop("stack", evaluation.stack)],
            },
            "import-ap": {
                href: `#${procedureUuid}`,
                remarks:
                    "There is no separate OSCAL assessment plan: the assessment is the offline plan, whose procedure is the back-matter " +
                    "resource this points to.",
            },
            results: [
                {
                    uuid: id("result", "run"),
                    title: `Offline plan of ${evaluation.project}/${evaluation.stack}`,
                    description:
                        `${verdictLine(result)}. The stack's program evaluated in preview mode with Pulumi.${evaluation.stack}.yaml, ` +
                        `every resource sent to policy pack ${pack.name}@${pack.version} over Pulumi's analyzer protocol. Values unknown ` +
                        "until deployment are not judged here; the pack judges them again during `pulumi up`.",
                    start: oscalDateTime(times.start),
                    end,
                    props: [
                        prop("verdict", result.mandatory > 0 ? "blocked" : "pass"),
                        prop("resources", evaluation.resources.length),
                        prop("policies-evaluated", evidence.policies.length),
                        prop("mandatory-violations", result.mandatory),
                        prop("advisory-diagnostics", result.advisory),
                    ],
                    "local-definitions": {
                        components: [
                            {
                                uuid: packUuid,
                                type: "software",
                                title: `Policy pack ${pack.name}@${pack.version}`,
                                description: pack.description || `CrossGuard policy pack ${pack.name}.`,
                                props: [prop("policies", pack.policies.length)],
                                status: { state: "operational" },
                            },
                            {
                                uuid: planUuid,
                                type: "software",
                                title: "govstack offline plan",
                                description: "Evaluates the Pulumi program under preview mocks and runs the real policy pack over the analyzer protocol (tools/plan).",
                                status: { state: "operational" },
                            },
                        ],
                        "inventory-items": [...inventory.entries()].map(([urn, { uuid, v }]) => ({
                            uuid,
                            description: `${v.resourceType} "${v.resourceName}"`,
                            props: [prop("urn", urn), prop("resource-type", v.resourceType ?? "")],
                        })),
                        "assessment-assets": {
                            "assessment-platforms": [
                                {
                                    uuid: id("platform", "offline-plan"),
                                    title: "govstack offline plan",
                                    "uses-components": [{ "component-uuid": planUuid }, { "component-uuid": packUuid }],
                                },
                            ],
                        },
                    },
                    "reviewed-controls": {
                        description: "The FedRAMP rev5 Moderate controls that at least one policy evaluated in this run cites.",
                        "control-selections": [{ "include-controls": reviewed }],
                    },
                    observations,
                    risks,
                    findings,
                },
            ],
            "back-matter": {
                resources: [
                    profileResource(),
                    {
                        uuid: procedureUuid,
                        title: "govstack offline plan: procedure",
                        description:
                            "docs/offline-plan.md in the govstack repository: how the plan evaluates the program and runs the pack exactly as the " +
                            "Pulumi CLI does; docs/controls.md defines the control statuses.",
                        rlinks: [{ href: "../../docs/offline-plan.md" }],
                    },
                ],
            },
        },
    };
    return compact(doc);
}
