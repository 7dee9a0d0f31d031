// Policy options: declared once with type, default and description; turned into the policy's
// configSchema (what `pulumi policy` and --policy-pack-config validate against) and into a typed,
// defaulted, validated config object at run time. Defaults are merged here too because a client
// that skips `configure` leaves getConfig() empty.

import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

import { WAIVERS_SCHEMA, Waiver } from "./waivers";

interface OptionBase {
    readonly description: string;
}
export interface BooleanOption extends OptionBase {
    readonly type: "boolean";
    readonly default: boolean;
}
export interface StringOption extends OptionBase {
    readonly type: "string";
    readonly default: string;
    readonly enum?: readonly string[];
    /** A JSON Schema (ECMAScript) regular expression the whole value must match; anchor it. */
    readonly pattern?: string;
}
export interface NumberOption extends OptionBase {
    readonly type: "number" | "integer";
    readonly default: number;
    readonly minimum?: number;
    readonly maximum?: number;
}
export interface StringListOption extends OptionBase {
    readonly type: "array";
    readonly items: { readonly type: "string"; readonly enum?: readonly string[] };
    readonly default: readonly string[];
}
export interface NumberListOption extends OptionBase {
    readonly type: "array";
    readonly items: { readonly type: "integer" | "number"; readonly minimum?: number; readonly maximum?: number };
    readonly default: readonly number[];
}
export type OptionSpec = BooleanOption | StringOption | NumberOption | StringListOption | NumberListOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type OptionValue<S> = S extends BooleanOption
    ? boolean
    : S extends StringOption
      ? string
      : S extends NumberOption
        ? number
        : S extends StringListOption
          ? readonly string[]
          : S extends NumberListOption
            ? readonly number[]
            : never;

/** The options every policy has. */
export interface CommonConfig {
    readonly waivers: readonly Waiver[];
}

/** The typed config a policy sees: its options (defaulted) plus the common ones. */
export type ConfigOf<O extends OptionSpecs> = { readonly [K in keyof O]: OptionValue<O[K]> } & CommonConfig;

const RESERVED = new Set(["enforcementLevel", "waivers"]);

/** Builds the JSON config schema for a policy's options (plus `waivers`). */
export function buildConfigSchema(policyName: string, options: OptionSpecs): PolicyConfigSchema {
    const properties: Record<string, PolicyConfigJSONSchema> = { waivers: WAIVERS_SCHEMA };
    for (const [key, spec] of Object.entries(options)) {
        if (RESERVED.has(key)) {
            throw new Error(`Policy "${policyName}" declares reserved option "${key}"`);
        }
        const invalid = checkValue(spec, spec.default);
        if (invalid) {
            throw new Error(`Policy "${policyName}" option "${key}" has an invalid default: ${invalid}`);
        }
        // Copy into a mutable, JSON-only object (the schema is sent over gRPC as a Struct).
        properties[key] = JSON.parse(JSON.stringify(spec)) as PolicyConfigJSONSchema;
    }
    return { properties };
}

function describe(spec: OptionSpec): string {
    if (spec.type === "array") {
        const enumText = "enum" in spec.items && spec.items.enum ? ` (one of ${spec.items.enum.join(", ")})` : "";
        return `an array of ${spec.items.type}s${enumText}`;
    }
    if (spec.type === "string" && spec.enum) {
        return `one of ${spec.enum.map((e) => JSON.stringify(e)).join(", ")}`;
    }
    if (spec.type === "string" && spec.pattern !== undefined) {
        return `a string matching /${spec.pattern}/`;
    }
    const range =
        spec.type === "number" || spec.type === "integer"
            ? `${spec.minimum !== undefined ? ` ≥ ${spec.minimum}` : ""}${spec.maximum !== undefined ? ` ≤ ${spec.maximum}` : ""}`
            : "";
    return `${spec.type === "integer" ? "an integer" : `a ${spec.type}`}${range}`;
}

function checkScalar(type: string, value: unknown, min?: number, max?: number, allowed?: readonly string[]): boolean {
    switch (type) {
        case "boolean":
            return typeof value === "boolean";
        case "string":
            return typeof value === "string" && (!allowed || allowed.includes(value));
        case "integer":
        case "number":
            return (
                typeof value === "number" &&
                Number.isFinite(value) &&
                (type === "number" || Number.isInteger(value)) &&
                (min === undefined || value >= min) &&
                (max === undefined || value <= max)
            );
        default:
            return false;
    }
}

/** Returns a description of what is wrong with `value` for `spec`, or undefined when it is valid. */
export function checkValue(spec: OptionSpec, value: unknown): string | undefined {
    let ok: boolean;
    if (spec.type === "array") {
        const items = spec.items;
        ok =
            Array.isArray(value) &&
            value.every((v) =>
                checkScalar(
                    items.type,
                    v,
                    "minimum" in items ? items.minimum : undefined,
                    "maximum" in items ? items.maximum : undefined,
                    "enum" in items ? items.enum : undefined,
                ),
            );
    } else if (spec.type === "string") {
        ok = checkScalar("string", value, undefined, undefined, spec.enum) && (spec.pattern === undefined || new RegExp(spec.pattern, "u").test(value as string));
    } else if (spec.type === "boolean") {
        ok = checkScalar("boolean", value);
    } else {
        ok = checkScalar(spec.type, value, spec.minimum, spec.maximum);
    }
    return ok ? undefined : `expected ${describe(spec)}, got ${JSON.stringify(value)}`;
}

export type ResolvedConfig<O extends OptionSpecs> = { ok: true; config: ConfigOf<O> } | { ok: false; errors: string[] };

/**
 * Merges the configured values over the defaults and validates them. Errors name the policy,
 * the option, the bad value and what is allowed. `waivers` is left raw here (see parseWaivers).
 */
export function resolveConfig<O extends OptionSpecs>(
    policyName: string,
    options: O,
    configured: Record<string, unknown>,
): ResolvedConfig<O> {
    const errors: string[] = [];
    const config: Record<string, unknown> = {};
    for (const key of Object.keys(options)) {
        const spec = options[key];
        const value = configured[key] === undefined ? spec.default : configured[key];
        const invalid = checkValue(spec, value);
        if (invalid) {
            errors.push(`Invalid config for policy "${policyName}": option "${key}" ${invalid}`);
        }
        config[key] = value;
    }
    for (const key of Object.keys(configured)) {
        if (!(key in options) && !RESERVED.has(key)) {
            errors.push(
                `Invalid config for policy "${policyName}": unknown option "${key}"; allowed: ${["waivers", ...Object.keys(options)].join(", ")}`,
            );
        }
    }
    if (errors.length > 0) {
        return { ok: false, errors };
    }
    config.waivers = configured.waivers ?? [];
    return { ok: true, config: config as ConfigOf<O> };
}
