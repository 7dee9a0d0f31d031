import { Json, JsonObject } from "../../tools/plan/properties";
import { PlannedResource } from "../../tools/plan/types";

/**
 * A mutable copy of a planned estate for the mutation suite: edits apply to a resource's inputs
 * (what `analyze` sees) and its outputs (what `analyzeStack` sees) alike, and remember what changed.
 */
export class MutableEstate {
    readonly resources: PlannedResource[];
    readonly changed = new Set<string>();

    constructor(resources: readonly PlannedResource[]) {
        this.resources = JSON.parse(JSON.stringify(resources)) as PlannedResource[];
    }

    /** The one resource of a type (whose name matches, when given); throws if it is not exactly one. */
    one(type: string, name?: RegExp): PlannedResource {
        const found = this.resources.filter((r) => r.type === type && (!name || name.test(r.name)));
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`);
        }
        return found[0];
    }

    /** Sets (or with `undefined`, deletes) a property at a path in inputs and outputs. */
    set(r: PlannedResource, path: (string | number)[], value: Json | undefined): this {
        for (const bag of [r.inputs, r.outputs]) {
            let target: Json = bag;
            for (const key of path.slice(0, -1)) {
                const next: Json | undefined = (target as Record<string, Json>)[key as string];
                if (next === undefined || next === null || typeof next !== "object") {
                    (target as Record<string, Json>)[key as string] = {};
                }
                target = (target as Record<string, Json>)[key as string];
            }
            const last = path[path.length - 1] as string;
            if (value === undefined) {
                delete (target as Record<string, Json>)[last];
            } else {
                (target as Record<string, Json>)[last] = JSON.parse(JSON.stringify(value)) as Json;
            }
        }
        this.changed.add(r.urn);
        return this;
    }

    /** Edits a JSON-string property (container definitions, IAM and resource policies). */
    json(r: PlannedResource, key: string, edit: (doc: JsonObject & JsonObject[]) => void): this {
        const doc = JSON.parse(String(r.inputs[key])) as JsonObject & JsonObject[];
        edit(doc);
        return this.set(r, [key], JSON.stringify(doc));
    }

    /** Points an input at another resource, as the engine records it: the property's dependencies (and the resource's). */
    retie(r: PlannedResource, property: string, target: PlannedResource): this {
        const old = r.propertyDependencies[property] ?? [];
        r.propertyDependencies[property] = [target.urn];
        r.dependencies = [...r.dependencies.filter((d) => !old.includes(d)), target.urn];
        this.changed.add(r.urn);
        return this;
    }

    /**
     * Declares a new resource as the program would, next to `template` (same parent and provider):
     * for mutations that add what the estate does not have (a secret of one's own).
     */
    add(template: PlannedResource, type: string, name: string, inputs: JsonObject): PlannedResource {
        const urn = template.urn.replace(/::[^:]+::[^:]+$/, `::${type}::${name}`);
        const r: PlannedResource = {
            ...(JSON.parse(JSON.stringify(template)) as PlannedResource),
            urn,
            type,
            name,
            dependencies: [],
            propertyDependencies: {},
            inputs: JSON.parse(JSON.stringify(inputs)) as JsonObject,
            outputs: JSON.parse(JSON.stringify(inputs)) as JsonObject,
            source: undefined,
        };
        this.resources.push(r);
        this.changed.add(urn);
        return r;
    }

    /** Removes every resource of a type (whose name matches) — for stack-level mutations. */
    remove(type: string, name?: RegExp): this {
        const keep = this.resources.filter((r) => !(r.type === type && (!name || name.test(r.name))));
        if (keep.length === this.resources.length) {
            throw new Error(`no ${type}${name ? ` named ${name}` : ""} to remove`);
        }
        this.resources.splice(0, this.resources.length, ...keep);
        return this;
    }

    get changedResources(): PlannedResource[] {
        return this.resources.filter((r) => this.changed.has(r.urn));
    }
}
