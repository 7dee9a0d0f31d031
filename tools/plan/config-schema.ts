// Policy config checked against the JSON schema the pack serves, as the Pulumi CLI checks it before it
// runs anything (ReconcilePolicyPackConfig: the merged config of each policy against
// `{ type: "object", properties, required }` from GetAnalyzerInfo). The schema is the pack's; this file
// only runs it (zod's JSON Schema reader, no second description of any option) and words the result
// for a user: the key, the value it got, and what is allowed.

import { z } from "zod";

import { JsonObject } from "./properties";

export interface SchemaProblem {
    /** Path inside the checked value: option names and list indexes. */
    readonly path: readonly (string | number)[];
    /** `"<prefix.path>" is <value>; expected <what the schema allows>`. */
    readonly message: string;
}

type Schema = Record<string, unknown>;

const compiled = new WeakMap<object, z.ZodType | Error>();

function compile(schema: Schema): z.ZodType | Error {
    let result = compiled.get(schema);
    if (result === undefined) {
        try {
            result = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
        } catch (e) {
            result = e as Error;
        }
        compiled.set(schema, result);
    }
    return result;
}

/** `a.b[0].c` */
export function keyPath(path: readonly (string | number)[]): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function isObject(v: unknown): v is Schema {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The sub-schema that describes the value at `path` (undefined where the schema says nothing). */
function schemaAt(schema: Schema, path: readonly (string | number)[]): Schema | undefined {
    let s: Schema | undefined = schema;
    for (const p of path) {
        if (!s) {
            return undefined;
        }
        if (typeof p === "number") {
            s = isObject(s.items) ? s.items : undefined;
        } else {
            const props: unknown = s.properties;
            s = isObject(props) && isObject(props[p]) ? (props[p] as Schema) : undefined;
        }
    }
    return s;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
    let v = value;
    for (const p of path) {
        if (v === null || typeof v !== "object") {
            return undefined;
        }
        v = (v as Record<string | number, unknown>)[p];
    }
    return v;
}

/** A value as it would be written in the file, cut short. */
export function shown(value: unknown): string {
    if (value === undefined) {
        return "missing";
    }
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function range(s: Schema): string {
    const min = typeof s.minimum === "number" ? s.minimum : undefined;
    const max = typeof s.maximum === "number" ? s.maximum : undefined;
    if (min !== undefined && max !== undefined) {
        return ` from ${min} to ${max}`;
    }
    return min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : "";
}

/** What a schema allows, in words: "true or false", "an integer ≥ 1", "one of "a", "b"" … */
export function describeSchema(s: Schema | undefined): string {
    if (!s) {
        return "nothing here (unknown key)";
    }
    if (Array.isArray(s.enum)) {
        return `one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`;
    }
    switch (s.type) {
        case "boolean":
            return "true or false";
        case "integer":
            return `an integer${range(s)}`;
        case "number":
            return `a number${range(s)}`;
        case "string":
            if (s.format === "date") {
                return "a date that exists, as YYYY-MM-DD";
            }
            if (s.pattern === "\\S") {
                return "a string that is not blank";
            }
            if (typeof s.pattern === "string") {
                return `a string matching /${s.pattern}/`;
            }
            return typeof s.minLength === "number" && s.minLength > 0 ? "a non-empty string" : "a string";
        case "array":
            return isObject(s.items) ? `a list, each item ${describeSchema(s.items)}` : "a list";
        case "object": {
            const required = Array.isArray(s.required) ? (s.required as string[]) : [];
            const props = isObject(s.properties) ? Object.keys(s.properties) : [];
            return required.length > 0 ? `an object with ${required.join(", ")}` : props.length > 0 ? `an object with keys among ${props.join(", ")}` : "an object";
        }
        default:
            return "a value the pack's schema allows";
    }
}

/**
 * Checks `value` against `schema` (keys in messages start with `prefix`). Returns the problems (empty when valid), or an Error when the
 * schema itself cannot be read (a keyword zod does not support): the caller decides what that means.
 */
export function checkAgainstSchema(schema: JsonObject, value: unknown, prefix: readonly (string | number)[] = []): SchemaProblem[] | Error {
    const type = compile(schema as Schema);
    if (type instanceof Error) {
        return type;
    }
    const result = type.safeParse(value);
    if (result.success) {
        return [];
    }
    const problems: SchemaProblem[] = [];
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        let message: string;
        if (issue.code === "unrecognized_keys") {
            const at = schemaAt(schema as Schema, path);
            const allowed = at && isObject(at.properties) ? Object.keys(at.properties).join(", ") : "none";
            const where = path.length + prefix.length > 0 ? `"${keyPath([...prefix, ...path])}" has` : "has";
            message = `${where} unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed: ${allowed}`;
        } else {
            const got = valueAt(value, path);
            const expected = describeSchema(schemaAt(schema as Schema, path));
            const key = keyPath([...prefix, ...path]);
            message = got === undefined ? `"${key}" is missing; expected ${expected}` : `"${key}" is ${shown(got)}; expected ${expected}`;
        }
        // zod may report one value twice (type, then format): one line per key is enough.
        const once = issue.code === "unrecognized_keys" ? message : keyPath(path);
        if (!seen.has(once)) {
            seen.add(once);
            problems.push({ path, message });
        }
    }
    return problems;
}
