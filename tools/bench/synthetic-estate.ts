import { Json, JsonObject, UNKNOWN } from "../plan/properties";
import { PlannedResource } from "../plan/types";

/**
 * A synthetic estate of exactly `size` resources with the real stack's resource mix: copies of `base`
 * (the evaluated plan, providers and components included, in registration order), each copy's names
 * suffixed so every URN is unique. References inside a copy (parent, provider, dependencies, property
 * dependencies, URNs held in inputs/outputs) point into the same copy, so stack policies see as many
 * consistent sub-estates as there are copies — the shape a large organisation's stack would have.
 * Physical names (a bucket's `bucket`, a role's `name` …) are suffixed too, wherever they appear as
 * a whole token (a bucket policy's ARN, a companion resource's `bucket`): stack policies match
 * resources to their companions by name, and an estate where 80 buckets share one name is not one
 * any organisation runs. So are the resources' own known ids and ARNs (`id`, `arn` in inputs or
 * outputs: a detector's id that its features' `detectorId` names): each copy's companions tie to
 * that copy's resource, not all to the first copy's. The last copy is cut short to hit `size`
 * exactly (its missing companions are expected); base order puts providers first, so every copy
 * that exists has its provider.
 */
export function syntheticEstate(base: readonly PlannedResource[], size: number): PlannedResource[] {
    if (base.length === 0) {
        throw new Error("Cannot build a synthetic estate from an empty plan");
    }
    if (!Number.isInteger(size) || size <= 0) {
        throw new Error(`Invalid estate size ${size}: use a positive whole number`);
    }
    const names = physicalNames(base);
    const out: PlannedResource[] = [];
    for (let copy = 0; out.length < size; copy++) {
        const take = Math.min(base.length, size - out.length);
        out.push(...(copy === 0 ? base.slice(0, take) : renamedCopy(base, copy, names).slice(0, take)));
    }
    return out;
}

/** Inputs that hold a resource's own physical name. */
const NAME_KEYS = ["name", "bucket", "identifier", "clusterIdentifier", "dashboardName", "functionName", "repositoryName"];
/** Inputs and outputs that hold a resource's own id or ARN, when known at preview. */
const ID_KEYS = ["id", "arn"];

/** A whole token: not part of a longer name, id or ARN. */
const tokenPattern = (alternatives: string[]): string => `(?<![A-Za-z0-9_-])(?:${alternatives.join("|")})(?![A-Za-z0-9_-])`;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A regular expression matching any physical name, or own id or ARN, of the estate as a whole token.
 * Only names that look like generated ones (6+ characters with a separator, some lower case) qualify:
 * suffixing a plain word such as "ecs" would also rewrite service principals ("ecs.amazonaws.com"),
 * and an upper-case constant in a `name` input is an AWS enum value, not a physical name (a GuardDuty
 * DetectorFeature's "S3_DATA_EVENTS": suffixed, every copy's features were malformed). An id or ARN
 * qualifies when it has 6+ characters and no name of the estate already rewrites it (an ARN that
 * ends in a bucket's name follows the name, wherever the name appears).
 */
function physicalNames(base: readonly PlannedResource[]): RegExp | undefined {
    const names = new Set<string>();
    for (const r of base) {
        for (const key of NAME_KEYS) {
            const v = r.inputs[key];
            if (typeof v === "string" && v.length >= 6 && /[-_/]/.test(v) && /[a-z]/.test(v)) {
                names.add(v);
            }
        }
    }
    const byName = names.size > 0 ? new RegExp(tokenPattern([...names].map(escape)), "") : undefined;
    const tokens = new Set(names);
    for (const r of base) {
        for (const key of ID_KEYS) {
            for (const v of [r.inputs[key], r.outputs[key]]) {
                if (typeof v === "string" && v.length >= 6 && v !== UNKNOWN && !v.startsWith("urn:pulumi:") && !byName?.test(v)) {
                    tokens.add(v);
                }
            }
        }
    }
    if (tokens.size === 0) {
        return undefined;
    }
    const alternatives = [...tokens].sort((a, b) => b.length - a.length).map(escape);
    return new RegExp(tokenPattern(alternatives), "g");
}

function renamedCopy(base: readonly PlannedResource[], copy: number, names: RegExp | undefined): PlannedResource[] {
    const suffix = `-b${copy}`;
    // A URN ends with "::<name>": appending to the URN appends to the name.
    const rename = new Map(base.map((r) => [r.urn, `${r.urn}${suffix}`]));
    const map = (urn: string): string => rename.get(urn) ?? urn;
    const mapValue = (value: Json): Json => {
        if (typeof value === "string") {
            const urn = rename.get(value);
            if (urn !== undefined) {
                return urn;
            }
            return names ? value.replace(names, (name) => `${name}${suffix}`) : value;
        }
        if (Array.isArray(value)) {
            return value.map(mapValue);
        }
        if (value !== null && typeof value === "object") {
            const o: JsonObject = {};
            for (const [k, v] of Object.entries(value)) {
                o[k] = mapValue(v);
            }
            return o;
        }
        return value;
    };
    return base.map((r) => ({
        ...r,
        urn: map(r.urn),
        name: `${r.name}${suffix}`,
        parent: r.parent && map(r.parent),
        provider: r.provider && map(r.provider),
        dependencies: r.dependencies.map(map),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(map)])),
        inputs: mapValue(r.inputs) as JsonObject,
        outputs: mapValue(r.outputs) as JsonObject,
    }));
}

/** How many resources of each type an estate holds (for the report: the mix really is the stack's). */
export function typeMix(resources: readonly PlannedResource[]): Record<string, number> {
    const mix: Record<string, number> = {};
    for (const r of resources) {
        mix[r.type] = (mix[r.type] ?? 0) + 1;
    }
    return mix;
}
