// Type guards: the one place where raw input becomes a typed value. A policy reads a property and
// gets the value of the type it expects, "unknown" (a computed value during preview) or
// "malformed" (a value of the wrong JSON type, or a string outside the enum AWS defines). Raw
// input never reaches String(), a template literal, .join, .toLowerCase or a comparison in a rule:
// an object with a `toString` key used to throw there ("Cannot convert object to primitive
// value"), and a garbage enum value used to fall into an exemption.
//
// Absent (undefined) and null are the same here: the engine drops undefined inputs, and a null
// input means "not set" to the provider, so both read as `value: undefined`.

import { isUnknown, unwrap } from "./unknowns";

/** What a typed read found: a value of the type (undefined when absent), unknown, or a malformed value. */
export type Typed<T> =
    | { readonly kind: "ok"; readonly value: T | undefined }
    | { readonly kind: "unknown" }
    | { readonly kind: "malformed"; readonly path: string; readonly got: string; readonly expected: string };

/** A malformed finding: where, what it got (described), what AWS expects. */
export type Malformed = Extract<Typed<never>, { readonly kind: "malformed" }>;

/** Turns a raw value into a T. `parse` never throws and never calls a method of the value. */
export interface Guard<T> {
    /** For messages: "a string", "a boolean", `one of "KMS", "AES256"`. */
    readonly expected: string;
    /** The typed value, or undefined when the value is not a T (never called for absent, null or unknown). */
    readonly parse: (value: unknown) => { readonly value: T } | undefined;
}

const boxed = <T>(value: T): { readonly value: T } => ({ value });

export const STRING: Guard<string> = {
    expected: "a string",
    parse: (v) => (typeof v === "string" ? boxed(v) : undefined),
};

/** A boolean, or the strings "true"/"false" the provider bridge coerces (a launch template's `ebs.encrypted` is one). */
export const BOOLEAN: Guard<boolean> = {
    expected: "a boolean",
    parse: (v) => (typeof v === "boolean" ? boxed(v) : v === "true" ? boxed(true) : v === "false" ? boxed(false) : undefined),
};

/** A finite number (JSON has no NaN or Infinity; a numeric string is not a number). */
export const NUMBER: Guard<number> = {
    expected: "a number",
    parse: (v) => (typeof v === "number" && Number.isFinite(v) ? boxed(v) : undefined),
};

export const ARRAY: Guard<readonly unknown[]> = {
    expected: "an array",
    parse: (v) => (Array.isArray(v) ? boxed(v as readonly unknown[]) : undefined),
};

/** A JSON object (not an array). */
export const OBJECT: Guard<Readonly<Record<string, unknown>>> = {
    expected: "an object",
    parse: (v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? boxed(v as Readonly<Record<string, unknown>>) : undefined),
};

/** A string or a number (an ECS container's `user` written as a bare uid). */
export const STRING_OR_NUMBER: Guard<string | number> = {
    expected: "a string or a number",
    parse: (v) => (typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? boxed(v) : undefined),
};

/** A string or a list of them, as IAM writes `Action`, `Resource`, `Principal.AWS` (elements may be unknown). */
export const STRING_OR_LIST: Guard<readonly unknown[]> = {
    expected: "a string or an array of strings",
    parse: (v) => (typeof v === "string" ? boxed([v]) : Array.isArray(v) ? boxed(v as readonly unknown[]) : undefined),
};

/**
 * One of the values AWS defines. The typed value is the canonical spelling from `values`;
 * `ignoreCase` for fields the provider folds (listener protocols), `trim` for fields a runtime
 * trims (ECS network modes).
 */
export function oneOf<const V extends string>(values: readonly V[], opts: { readonly ignoreCase?: boolean; readonly trim?: boolean } = {}): Guard<V> {
    const key = (s: string) => {
        const t = opts.trim ? s.trim() : s;
        return opts.ignoreCase ? t.toUpperCase() : t;
    };
    const canonical = new Map<string, V>(values.map((v) => [key(v), v]));
    return {
        expected: `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
        parse: (v) => {
            const hit = typeof v === "string" ? canonical.get(key(v)) : undefined;
            return hit === undefined ? undefined : boxed(hit);
        },
    };
}

/** A guard over the values another guard accepts that also pass `test` (e.g. a non-negative integer). */
export function refine<T>(guard: Guard<T>, expected: string, test: (value: T) => boolean): Guard<T> {
    return {
        expected,
        parse: (v) => {
            const r = guard.parse(v);
            return r !== undefined && test(r.value) ? r : undefined;
        },
    };
}

/** A raw value typed by `guard`; `path` names it in a malformed result. */
export function typed<T>(value: unknown, guard: Guard<T>, path = ""): Typed<T> {
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (value === undefined || value === null) {
        return { kind: "ok", value: undefined };
    }
    const r = guard.parse(value);
    return r !== undefined ? { kind: "ok", value: r.value } : { kind: "malformed", path, got: describeValue(value), expected: guard.expected };
}

type Segment = string | number;

function segmentsOf(path: string): Segment[] {
    return path === "" ? [] : path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** "a.b.0.c" shown as messages write it: "a.b[0].c". */
export function showPath(segments: readonly Segment[]): string {
    let out = "";
    for (const s of segments) {
        out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
    }
    return out;
}

/**
 * Reads `path` ("a.b.0.c"; numeric segments index arrays) from `obj` and types the value. Every
 * step must be an own property of an object (or an index of an array): a value of the wrong
 * type on the way (a string where an object belongs) is malformed, named by the path up to it.
 * `shown` prefixes the path in messages (e.g. "replicas[0]" for an element read with `from`).
 */
export function readTyped<T>(obj: unknown, path: string, guard: Guard<T>, shown = ""): Typed<T> {
    const segments = segmentsOf(path);
    let cur: unknown = unwrap(obj);
    const prefix = (i: number) => {
        const rest = showPath(segments.slice(0, i));
        return shown === "" ? rest : rest === "" ? shown : rest.startsWith("[") ? `${shown}${rest}` : `${shown}.${rest}`;
    };
    for (let i = 0; i < segments.length; i++) {
        if (isUnknown(cur)) {
            return { kind: "unknown" };
        }
        if (cur === undefined || cur === null) {
            return { kind: "ok", value: undefined };
        }
        const seg = segments[i];
        if (typeof seg === "number") {
            if (!Array.isArray(cur)) {
                return { kind: "malformed", path: prefix(i), got: describeValue(cur), expected: "an array" };
            }
            cur = seg < cur.length ? (cur as unknown[])[seg] : undefined;
        } else {
            if (typeof cur !== "object" || Array.isArray(cur)) {
                return { kind: "malformed", path: prefix(i), got: describeValue(cur), expected: "an object" };
            }
            cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
        }
    }
    return typed(cur, guard, prefix(segments.length));
}

const PREVIEW_CHARS = 80;

/**
 * A short, safe description of any raw value for messages: `"text"`, `the number 5`, `the boolean
 * true`, `null`, `an array [1,"a",…]`, `an object {"toString":"x"}`. Never throws, never calls a
 * method of the value, and stays short however large or deep the value is.
 */
export function describeValue(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (value === undefined) {
        return "absent";
    }
    switch (typeof value) {
        case "string":
            return isUnknown(value) ? "unknown" : quote(value);
        case "number":
            return `the number ${Number.isFinite(value) ? JSON.stringify(value) : "NaN/Infinity"}`;
        case "boolean":
            return `the boolean ${value ? "true" : "false"}`;
        case "object":
            return `${Array.isArray(value) ? "an array" : "an object"} ${sketch(value, PREVIEW_CHARS)}`;
        default:
            return `a ${typeof value}`;
    }
}

function quote(s: string): string {
    const cut = s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}…` : s;
    return JSON.stringify(cut);
}

/** JSON-like text of any raw value, about `budget` characters at most; never throws (deep or huge values are cut). */
export function previewJson(value: unknown, budget = PREVIEW_CHARS): string {
    return sketch(value, budget);
}

/** JSON-like text of a value, cut at about `budget` characters; walks only as far as it prints. */
function sketch(value: unknown, budget: number): string {
    let out = "";
    const emit = (s: string): boolean => {
        out += s;
        return out.length < budget;
    };
    const walk = (v: unknown, depth: number): boolean => {
        if (v === null || typeof v !== "object") {
            const text = typeof v === "string" ? quote(v) : typeof v === "number" || typeof v === "boolean" ? String(v) : v === null ? "null" : typeof v;
            return emit(text);
        }
        if (depth > 8) {
            return emit("…");
        }
        if (Array.isArray(v)) {
            if (!emit("[")) {
                return false;
            }
            for (let i = 0; i < v.length; i++) {
                if ((i > 0 && !emit(",")) || !walk(v[i], depth + 1)) {
                    return false;
                }
            }
            return emit("]");
        }
        if (!emit("{")) {
            return false;
        }
        let first = true;
        for (const k of Object.keys(v)) {
            if ((!first && !emit(",")) || !emit(`${quote(k)}:`) || !walk((v as Record<string, unknown>)[k], depth + 1)) {
                return false;
            }
            first = false;
        }
        return emit("}");
    };
    return walk(value, 0) ? out : `${out.slice(0, budget)}…`;
}

/** The mandatory message for a malformed value: `Cannot evaluate <label>: <path> is <got>, expected <expected>; …`. */
export function malformedMessage(label: string, m: { readonly path: string; readonly got: string; readonly expected: string }): string {
    return `Cannot evaluate ${label}: ${m.path} is ${m.got}, expected ${m.expected}; set a valid value (the policy cannot judge this one, so it blocks the resource).`;
}
