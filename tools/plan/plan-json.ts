import { JsonObject, toPlanProperties } from "./properties";
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
