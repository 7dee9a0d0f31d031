import * as fs from "fs";
import * as path from "path";

import { PolicyConfigEntry } from "./analyzer-client";
import { PlanSettingsError } from "./errors";
import { JsonObject } from "./properties";
import { Enforcement, PackInfo } from "./types";

const LEVELS: readonly Enforcement[] = ["advisory", "mandatory", "disabled", "remediate"];

/** `--policy-pack-config` format: policy name (or "all") → level, or `{ enforcementLevel?, ...properties }`. */
export type PackConfigFile = Record<string, string | JsonObject>;

export function readPackConfig(file: string): PackConfigFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new PlanSettingsError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new PlanSettingsError(`${file} must be a JSON object mapping policy names to settings`);
    }
    return parsed as PackConfigFile;
}

function level(value: unknown, where: string): Enforcement {
    if (typeof value !== "string" || !LEVELS.includes(value as Enforcement)) {
        throw new PlanSettingsError(`Invalid enforcement level ${JSON.stringify(value)} for ${where}; use one of ${LEVELS.join(", ")}`);
    }
    return value as Enforcement;
}

function schemaDefaults(schema: { properties: JsonObject } | undefined): JsonObject {
    const defaults: JsonObject = {};
    for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
        if (prop !== null && typeof prop === "object" && !Array.isArray(prop) && "default" in prop) {
            defaults[key] = prop.default;
        }
    }
    return defaults;
}

/**
 * The `configure` request the CLI builds: for each policy, its own enforcement level, then the
 * pack's initial config, then the file's "all" level, then the file's entry for the policy; its
 * properties are the config schema's defaults overlaid with the initial config and the file.
 * A name in the file that is not a policy of the pack is an error: a typo would silently leave a
 * policy at its default.
 */
export function buildPolicyConfig(info: PackInfo, file: PackConfigFile, fileName = "policy config"): Record<string, PolicyConfigEntry> {
    const names = new Set(info.policies.map((p) => p.name));
    for (const key of Object.keys(file)) {
        if (key !== "all" && !names.has(key)) {
            throw new PlanSettingsError(
                `${fileName}: "${key}" is not a policy of pack ${info.name}@${info.version}; known policies: ${[...names].sort().join(", ")}`,
            );
        }
    }
    const all = file.all === undefined ? undefined : level(file.all, `"all" in ${fileName}`);
    const result: Record<string, PolicyConfigEntry> = {};
    for (const policy of info.policies) {
        let enforcement = policy.enforcement;
        const properties: JsonObject = schemaDefaults(policy.configSchema);
        const initial = info.initialConfig[policy.name];
        if (initial) {
            enforcement = initial.enforcement ?? enforcement;
            Object.assign(properties, initial.properties);
        }
        if (all) {
            enforcement = all;
        }
        const entry = file[policy.name];
        if (typeof entry === "string") {
            enforcement = level(entry, `"${policy.name}" in ${fileName}`);
        } else if (entry && typeof entry === "object") {
            const { enforcementLevel, ...rest } = entry;
            if (enforcementLevel !== undefined) {
                enforcement = level(enforcementLevel, `"${policy.name}.enforcementLevel" in ${fileName}`);
            }
            Object.assign(properties, rest);
        } else if (entry !== undefined) {
            throw new PlanSettingsError(`${fileName}: "${policy.name}" must be an enforcement level or an object`);
        }
        for (const required of policy.configSchema?.required ?? []) {
            if (!(required in properties)) {
                throw new PlanSettingsError(`${fileName}: policy "${policy.name}" requires property "${required}"`);
            }
        }
        result[policy.name] = { enforcement, properties };
    }
    return result;
}

/** Where a stack's pack config lives: `<packDir>/config/<stack>.json`. */
export function packConfigPath(packDir: string, stack: string): string {
    return path.join(packDir, "config", `${stack}.json`);
}
