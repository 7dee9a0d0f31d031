import { Json } from "./properties";
import { PlannedResource } from "./types";

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The mock monitor builds URNs its own way: it prefixes top-level resources with the stack's type
 * (`pulumi:pulumi:Stack$aws:kms/key:Key`) and nests only one parent type. The engine omits the root
 * stack and chains every ancestor's type (`govstack:estate:Estate$govstack:data:Data$aws:rds/…`).
 * Rewrite every URN (and every reference to one) to the engine's form, so plan.json, waivers keyed
 * by URN, and reports match what `pulumi preview` shows.
 */
export function engineUrns(resources: PlannedResource[], stack: string, project: string): void {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const qualified = new Map<string, string>();
    const qualifiedType = (r: PlannedResource, seen: Set<string>): string => {
        const known = qualified.get(r.urn);
        if (known) {
            return known;
        }
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        let type = r.type;
        if (parent && parent.type !== STACK_TYPE && !seen.has(parent.urn)) {
            seen.add(r.urn);
            type = `${qualifiedType(parent, seen)}$${r.type}`;
        }
        qualified.set(r.urn, type);
        return type;
    };
    const rename = new Map<string, string>();
    for (const r of resources) {
        rename.set(r.urn, `urn:pulumi:${stack}::${project}::${qualifiedType(r, new Set())}::${r.name}`);
    }
    const map = (urn: string): string => rename.get(urn) ?? urn;
    const mapValue = (value: Json): Json => {
        if (typeof value === "string") {
            return rename.get(value) ?? value;
        }
        if (Array.isArray(value)) {
            return value.map(mapValue);
        }
        if (value !== null && typeof value === "object") {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValue(v)]));
        }
        return value;
    };
    for (const r of resources) {
        r.urn = map(r.urn);
        r.parent = r.parent && map(r.parent);
        r.provider = r.provider && map(r.provider);
        r.dependencies = r.dependencies.map(map);
        r.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(map)]));
        r.inputs = mapValue(r.inputs) as PlannedResource["inputs"];
        r.outputs = mapValue(r.outputs) as PlannedResource["outputs"];
    }
}
