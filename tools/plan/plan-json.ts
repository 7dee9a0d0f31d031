import { JsonObject, planToPackValue, toPlanProperties } from "./properties";
import { PlannedResource, plannedResource } from "./types";
import type { PlanResult } from "./run-plan";

/** plan.json: the shape other tools read (issue 5). Unknowns stay the sentinel so it can be replayed to a pack. */
export interface PlanJson {
    project: string;
    stack: string;
    resources: {
        urn: string;
        type: string;
        name: string;
        parent: string | null;
        provider: string | null;
        protect: boolean;
        dependencies: string[];
        inputs: JsonObject;
    }[];
    policyPack: { name: string; version: string; policies: number };
    violations: {
        policy: string;
        urn: string | null;
        enforcement: "mandatory" | "advisory" | "remediate";
        message: string;
        controls: string[];
    }[];
    summary: { resources: number; mandatory: number; advisory: number };
}

export function toPlanJson(result: PlanResult): PlanJson {
    const { evaluation, pack, violations } = result;
    return {
        project: evaluation.project,
        stack: evaluation.stack,
        resources: evaluation.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            provider: r.provider ?? null,
            protect: r.protect,
            dependencies: r.dependencies,
            inputs: toPlanProperties(r.inputs),
        })),
        policyPack: { name: pack.name, version: pack.version, policies: pack.policies.length },
        violations: violations.map((v) => ({
            policy: v.policy,
            urn: v.urn ?? null,
            enforcement: v.enforcement,
            message: v.message,
            controls: v.controls,
        })),
        summary: { resources: evaluation.resources.length, mandatory: result.mandatory, advisory: result.advisory },
    };
}

/**
 * Resources from a plan.json, ready to replay to a pack (`analyzeEstate`): `"[secret]"` goes back
 * as a secret, unknowns stay the sentinel. plan.json keeps inputs only, so `analyzeStack` sees the
 * inputs as outputs, and property dependencies, timeouts and components' kind are not recorded.
 */
export function fromPlanJson(plan: PlanJson): PlannedResource[] {
    return plan.resources.map((r) => {
        const inputs = planToPackValue(r.inputs) as JsonObject;
        return plannedResource({
            urn: r.urn,
            type: r.type,
            name: r.name,
            // Not recorded: providers and resources with a provider are custom, the rest components.
            custom: r.type.startsWith("pulumi:providers:") || r.provider !== null,
            parent: r.parent ?? undefined,
            provider: r.provider ?? undefined,
            protect: r.protect,
            dependencies: r.dependencies,
            inputs,
            outputs: inputs,
        });
    });
}
