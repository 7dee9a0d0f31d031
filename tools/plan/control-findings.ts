// What one plan says about the FedRAMP Moderate controls: each diagnostic the pack returned,
// classified (failing, advisory, waived, unverified at preview, remediated), each evaluated policy's
// outcome, each control's state in this run, each resource's worst finding, and the stack's control
// matrix. Computed once per plan from the PlanResult; controls.md, assessment-results.json, the
// report's FedRAMP section and the diagram's colours all read it, so they never disagree.

import { waivedMessage, waiverMatches } from "../../policies/lib/waivers";
import { FEDRAMP_MODERATE_CONTROLS, FEDRAMP_MODERATE_PROFILE } from "../../policies/fedramp-moderate";
import { controlTitles } from "../compliance/baseline";
import { buildMatrix, loadImplementations, matrixEnforcement, StackMatrix } from "../compliance/matrix";
import type { PlanResult } from "./run-plan";
import { Enforcement, Violation } from "./types";
import { waiversInEffect, WaiverInEffect } from "./waivers-report";

/** A control's or a policy's states in one run, worst first. */
export const STATE_ORDER = ["failing", "advisory", "waived", "unverified", "passing"] as const;

export type FindingState = (typeof STATE_ORDER)[number];

export const STATE_TITLES: Record<FindingState, string> = {
    failing: "failing (mandatory violation)",
    advisory: "advisory finding",
    waived: "waived",
    unverified: "not verifiable at preview",
    passing: "passing",
};

export function worst(states: Iterable<FindingState>): FindingState {
    let result: FindingState = "passing";
    for (const s of states) {
        if (STATE_ORDER.indexOf(s) < STATE_ORDER.indexOf(result)) {
            result = s;
        }
    }
    return result;
}

/**
 * The pack's "cannot verify … during preview" diagnostics (policies/lib's cannotVerifyMessage and
 * the policies that word their own): a value unknown until deployment, judged again during `up`.
 */
const CANNOT_VERIFY = /^Cannot verify /;

export interface ClassifiedViolation extends Violation {
    /** "remediated": a remediate-level policy fixed the resource (what would be deployed complies). */
    state: Exclude<FindingState, "passing"> | "remediated";
    /** The waiver that turned a violation into this advisory diagnostic. */
    waiver?: WaiverInEffect;
    /** The resource's logical name, when the diagnostic names a resource of the stack. */
    resourceName?: string;
    resourceType?: string;
}

export interface PolicyOutcome {
    name: string;
    /** Enforcement this stack's config served. */
    enforcement: Enforcement;
    controls: string[];
    state: FindingState;
    violations: ClassifiedViolation[];
}

export interface ControlRun {
    id: string;
    state: FindingState;
    /** The evaluated policies that cite the control. */
    policies: PolicyOutcome[];
}

export interface PlanEvidence {
    profile: typeof FEDRAMP_MODERATE_PROFILE;
    matrix: StackMatrix;
    violations: ClassifiedViolation[];
    /** Every policy the run evaluated (not disabled), in the pack's order. */
    policies: PolicyOutcome[];
    /** Controls of the baseline that at least one evaluated policy cites, in baseline order. */
    controls: ControlRun[];
    /** Waivers that turned at least one violation of this run into an advisory diagnostic. */
    appliedWaivers: WaiverInEffect[];
    /** Worst state per resource URN that has a diagnostic. */
    byResource: Map<string, FindingState>;
}

function classify(v: Violation): ClassifiedViolation["state"] {
    if (v.enforcement === "mandatory") {
        return "failing";
    }
    if (v.enforcement === "remediate") {
        return "remediated";
    }
    return CANNOT_VERIFY.test(v.message) ? "unverified" : "advisory";
}

function findWaiver(v: Violation, waivers: readonly WaiverInEffect[], resource: { urn: string; name: string } | undefined): WaiverInEffect | undefined {
    if (v.enforcement !== "advisory" || !resource) {
        return undefined;
    }
    // The pack words a waived violation with waivedMessage(waiver, violation): match that prefix
    // for a waiver of this policy that is active and matches the resource.
    return waivers.find(
        (w) => w.policy === v.policy && w.active && waiverMatches(w, resource) && v.message.startsWith(waivedMessage(w, "")),
    );
}

/** Everything the FedRAMP evidence of one plan needs, computed once. */
export function planEvidence(result: PlanResult): PlanEvidence {
    const { evaluation } = result;
    const byUrn = new Map(evaluation.resources.map((r) => [r.urn, r]));
    const { waivers } = waiversInEffect(result);
    const violations: ClassifiedViolation[] = result.violations.map((v) => {
        const r = v.urn ? byUrn.get(v.urn) : undefined;
        const waiver = findWaiver(v, waivers, r);
        return {
            ...v,
            state: waiver ? "waived" : classify(v),
            ...(waiver ? { waiver } : {}),
            ...(r ? { resourceName: r.name, resourceType: r.type } : {}),
        };
    });
    const asState = (s: ClassifiedViolation["state"]): FindingState => (s === "remediated" ? "passing" : s);
    const policies: PolicyOutcome[] = [];
    for (const p of result.pack.policies) {
        const enforcement = result.policyConfig[p.name]?.enforcement ?? p.enforcement;
        if (enforcement === "disabled") {
            continue;
        }
        const own = violations.filter((v) => v.policy === p.name);
        policies.push({ name: p.name, enforcement, controls: p.controls, state: worst(own.map((v) => asState(v.state))), violations: own });
    }
    const controls: ControlRun[] = [];
    for (const id of FEDRAMP_MODERATE_CONTROLS) {
        const citing = policies.filter((p) => p.controls.includes(id));
        if (citing.length > 0) {
            controls.push({ id, state: worst(citing.map((p) => p.state)), policies: citing });
        }
    }
    const byResource = new Map<string, FindingState>();
    for (const v of violations) {
        if (v.urn) {
            byResource.set(v.urn, worst([byResource.get(v.urn) ?? "passing", asState(v.state)]));
        }
    }
    const appliedWaivers = waivers.filter((w) => violations.some((v) => v.waiver === w));
    const matrix = buildMatrix({
        stack: evaluation.stack,
        baseline: FEDRAMP_MODERATE_CONTROLS,
        titles: controlTitles(),
        policies: result.pack.policies.map((p) => ({
            name: p.name,
            controls: p.controls,
            enforcement: matrixEnforcement(evaluation.stack, result.policyConfig[p.name]?.enforcement ?? p.enforcement, result.policyConfig[p.name]?.properties),
        })),
        componentTypes: new Set(evaluation.resources.filter((r) => !r.custom).map((r) => r.type)),
        implementations: loadImplementations(evaluation.root),
        settings: evaluation.config.values,
    });
    return { profile: FEDRAMP_MODERATE_PROFILE, matrix, violations, policies, controls, appliedWaivers, byResource };
}
