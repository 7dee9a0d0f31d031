// The one place a pack config (`--policy-pack-config` file) becomes the `configure` request, built
// from what the pack serves in GetAnalyzerInfo exactly as the Pulumi CLI builds it
// (ReconcilePolicyPackConfig): each policy's level and config-schema defaults, then the pack's initial
// config, then the file's "all", then the file's entry. The merged config is checked against the
// served schema before anything runs, as the CLI does; unlike the CLI, an unknown policy name or an
// unknown option is an error too (the CLI would ignore it, silently leaving the policy at its default).
// The plan, the benchmark and the tests all resolve config here; policies/lib/pack-config.ts keeps
// only what the served info cannot say.

import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";

import { closest } from "../../infra/lib/did-you-mean";
import { displayPath } from "../lib/stack-config";
import { PolicyConfigEntry } from "./analyzer-client";
import { checkAgainstSchema, shown } from "./config-schema";
import { SettingsError } from "./errors";
import { findJsonSyntaxError } from "./json-syntax";
import { JsonObject } from "./properties";
import { Enforcement, PackInfo, PolicyMeta } from "./types";

/** The CLI's enforcement levels (apitype.EnforcementLevel), in its order. */
export const ENFORCEMENT_LEVELS: readonly Enforcement[] = ["advisory", "mandatory", "remediate", "disabled"];

/** `--policy-pack-config` format: policy name (or "all") → level, or `{ enforcementLevel?, ...properties }`. */
export type PackConfigFile = Record<string, string | JsonObject>;

/** Reads a pack config file; a JSON syntax error or a repeated key names the file, line and column (exit 2). */
export function readPackConfig(file: string, shownAs: string = displayPath(file)): PackConfigFile {
    if (!fs.statSync(file).isFile()) {
        throw new SettingsError(`${shownAs} is not a file; a pack config is a JSON file such as policies/config/<stack>.json`);
    }
    const text = fs.readFileSync(file, "utf8");
    if (text.trim() === "") {
        return {}; // the CLI accepts an empty file as "no config"
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        const at = findJsonSyntaxError(text);
        const where = at ? `${shownAs}:${at.line}:${at.column}` : shownAs;
        throw new SettingsError(`${where}: invalid JSON: ${at?.message ?? (e as Error).message.split("\n")[0]}`, { cause: e });
    }
    const duplicate = findJsonSyntaxError(text, { duplicateKeys: true });
    if (duplicate) {
        throw new SettingsError(`${shownAs}:${duplicate.line}:${duplicate.column}: ${duplicate.message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new SettingsError(`${shownAs} must be a JSON object mapping policy names (or "all") to an enforcement level or an object of options`);
    }
    return parsed as PackConfigFile;
}

function isObject(v: unknown): v is JsonObject {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isLevel(v: unknown): v is Enforcement {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

const LEVEL_WORDS = `one of ${ENFORCEMENT_LEVELS.map((l) => JSON.stringify(l)).join(", ")}`;

function schemaDefaults(schema: PolicyMeta["configSchema"]): JsonObject {
    const defaults: JsonObject = {};
    for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
        if (isObject(prop) && "default" in prop) {
            defaults[key] = JSON.parse(JSON.stringify(prop.default));
        }
    }
    return defaults;
}

const objectSchemas = new WeakMap<object, JsonObject>();

/** What the CLI validates a policy's merged properties against: `{ type: "object", properties, required }`. */
function objectSchema(served: NonNullable<PolicyMeta["configSchema"]>): JsonObject {
    let schema = objectSchemas.get(served);
    if (!schema) {
        schema = { type: "object", properties: served.properties };
        if (served.required.length > 0) {
            schema.required = served.required;
        }
        objectSchemas.set(served, schema);
    }
    return schema;
}

export interface ResolvedPolicyConfig {
    /** The `configure` request: every policy of the pack, level and properties. */
    config: Record<string, PolicyConfigEntry>;
    /** User mistakes, each naming the key, the value and what is allowed (empty when the file is valid). */
    problems: string[];
    /** Not mistakes, but worth saying (a config schema the check cannot read). */
    warnings: string[];
}

/**
 * The `configure` request the CLI builds from what the pack serves, and every mistake in the file
 * (nothing thrown: the policy tests configure deliberately invalid options to see the pack's own
 * reaction; the plan uses buildPolicyConfig, which refuses to run with mistakes).
 */
export function resolvePolicyConfig(info: PackInfo, file: PackConfigFile): ResolvedPolicyConfig {
    const problems: string[] = [];
    const warnings: string[] = [];
    const names = info.policies.map((p) => p.name);
    const known = new Set(names);
    for (const key of Object.keys(file)) {
        if (key !== "all" && !known.has(key)) {
            const guess = closest(key, names);
            problems.push(
                `"${key}" is not a policy of pack ${info.name}@${info.version}` +
                    (guess ? `; did you mean "${guess}"?` : names.length <= 12 ? `; its policies: ${names.join(", ")}` : ` (docs/policies.md lists its ${names.length} policies)`),
            );
        }
    }
    let all: Enforcement | undefined;
    if (file.all !== undefined) {
        const value = isObject(file.all) && Object.keys(file.all).every((k) => k === "enforcementLevel") ? file.all.enforcementLevel : file.all;
        if (isLevel(value)) {
            all = value;
        } else {
            problems.push(`"all" is ${shown(file.all)}; expected ${LEVEL_WORDS} (it sets every policy's level)`);
        }
    }
    const config: Record<string, PolicyConfigEntry> = {};
    for (const policy of info.policies) {
        let enforcement = policy.enforcement;
        const properties = schemaDefaults(policy.configSchema);
        const initial = info.initialConfig[policy.name];
        if (initial) {
            enforcement = initial.enforcement ?? enforcement;
            Object.assign(properties, JSON.parse(JSON.stringify(initial.properties)));
        }
        if (all) {
            enforcement = all;
        }
        const entry = file[policy.name];
        if (typeof entry === "string") {
            if (isLevel(entry)) {
                enforcement = entry;
            } else {
                problems.push(`"${policy.name}" is ${shown(entry)}; expected ${LEVEL_WORDS}, or an object of options`);
            }
        } else if (isObject(entry)) {
            const { enforcementLevel, ...options } = entry;
            if (isLevel(enforcementLevel)) {
                enforcement = enforcementLevel;
            } else if (enforcementLevel !== undefined) {
                problems.push(`"${policy.name}.enforcementLevel" is ${shown(enforcementLevel)}; expected ${LEVEL_WORDS}`);
            }
            const allowed = Object.keys(policy.configSchema?.properties ?? {});
            for (const option of Object.keys(options)) {
                if (!allowed.includes(option)) {
                    const guess = closest(option, allowed);
                    problems.push(
                        `"${policy.name}.${option}" is not an option of policy "${policy.name}"` +
                            (guess ? `; did you mean "${guess}"?` : `; its options: ${allowed.length ? allowed.join(", ") : "none"} (and enforcementLevel)`),
                    );
                }
            }
            Object.assign(properties, JSON.parse(JSON.stringify(options)));
        } else if (entry !== undefined) {
            problems.push(`"${policy.name}" is ${shown(entry)}; expected ${LEVEL_WORDS}, or an object of options`);
        }
        if (policy.configSchema) {
            const checked = checkAgainstSchema(objectSchema(policy.configSchema), properties, [policy.name]);
            if (checked instanceof Error) {
                warnings.push(`the config schema of policy "${policy.name}" could not be checked (${checked.message}); the pack will judge its options`);
            } else {
                problems.push(...checked.map((p) => p.message));
            }
        }
        config[policy.name] = { enforcement, properties };
    }
    return { config, problems, warnings };
}

/** One paragraph for the user: the file, then each mistake (key, value, what is allowed). */
export function configProblemsMessage(fileName: string, problems: readonly string[]): string {
    if (problems.length === 1) {
        return `${fileName}: ${problems[0]}`;
    }
    return `${fileName} has ${problems.length} mistakes:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

/**
 * The `configure` request for a valid file; a file with mistakes is refused with all of them at once
 * (SettingsError: exit 2), before any resource is analyzed, as the CLI refuses to start.
 */
export function buildPolicyConfig(info: PackInfo, file: PackConfigFile, fileName = "policy config"): Record<string, PolicyConfigEntry> {
    const { config, problems } = resolvePolicyConfig(info, file);
    if (problems.length > 0) {
        throw new SettingsError(configProblemsMessage(fileName, problems));
    }
    return config;
}

/**
 * Entries of a config file that change nothing: without them the `configure` request is the same
 * (a level or option value that repeats the code's default, an empty object). A per-stack file holds
 * only what differs from the code, so a default changed in code is never pinned by a stale copy.
 */
export function redundantEntries(info: PackInfo, file: PackConfigFile): string[] {
    const base = resolvePolicyConfig(info, file).config;
    const same = (changed: PackConfigFile): boolean => isDeepStrictEqual(resolvePolicyConfig(info, changed).config, base);
    const redundant: string[] = [];
    for (const [key, value] of Object.entries(file)) {
        const { [key]: _dropped, ...without } = file;
        if (!isObject(value) || Object.keys(value).length === 0) {
            if (same(without)) {
                redundant.push(key);
            }
            continue;
        }
        for (const option of Object.keys(value)) {
            const { [option]: _option, ...rest } = value;
            if (same({ ...without, [key]: rest })) {
                redundant.push(`${key}.${option}`);
            }
        }
    }
    return redundant;
}

/** Where a stack's pack config lives: `<packDir>/config/<stack>.json`. */
export function packConfigPath(packDir: string, stack: string): string {
    return path.join(packDir, "config", `${stack}.json`);
}
