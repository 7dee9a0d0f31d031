// The --policy-pack-config file format, validated against the pack's policies, and the
// per-policy config the CLI's `configure` call would send (schema defaults merged under the
// file's values). The offline plan uses `configureEntries` so its policies see the same config
// as under the real CLI; tests use `validatePackConfig` to keep config/*.json honest.

import type { EnforcementLevel } from "@pulumi/policy";

import { resolveConfig } from "./config";
import type { GovPolicy } from "./policy";
import { parseWaivers } from "./waivers";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicyConfigEntry {
    readonly enforcementLevel: EnforcementLevel;
    /** Options with schema defaults filled in (never includes enforcementLevel). */
    readonly properties: Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function entryOf(value: unknown): { level?: EnforcementLevel; options: Record<string, unknown> } {
    if (typeof value === "string") {
        return { level: value as EnforcementLevel, options: {} };
    }
    const { enforcementLevel, ...options } = (value ?? {}) as Record<string, unknown>;
    return { level: enforcementLevel as EnforcementLevel | undefined, options };
}

/**
 * Checks a pack config object: known policy names (or "all"), valid enforcement levels, valid
 * options and waivers. Returns user-facing errors (empty when valid).
 */
export function validatePackConfig(config: unknown, policies: readonly GovPolicy[]): string[] {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        return [`Policy pack config must be an object of policy name → settings, got ${JSON.stringify(config)}`];
    }
    const byName = new Map(policies.map((p) => [p.name, p]));
    const errors: string[] = [];
    for (const [name, value] of Object.entries(config as Record<string, unknown>)) {
        if (name === "all") {
            if (!isLevel(value)) {
                errors.push(`Policy pack config "all" must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${JSON.stringify(value)}`);
            }
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            errors.push(`Policy pack config names unknown policy "${name}"`);
            continue;
        }
        if (typeof value !== "string" && (value === null || typeof value !== "object" || Array.isArray(value))) {
            errors.push(`Policy pack config for "${name}" must be an enforcement level or an object, got ${JSON.stringify(value)}`);
            continue;
        }
        const { level, options } = entryOf(value);
        if (level !== undefined && !isLevel(level)) {
            errors.push(`Policy pack config for "${name}": enforcementLevel must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${JSON.stringify(level)}`);
        }
        if (level === "remediate" && !("remediateResource" in policy && policy.remediateResource)) {
            errors.push(`Policy pack config for "${name}": enforcementLevel "remediate" needs a policy with a remediation; "${name}" has none`);
        }
        const resolved = resolveConfig(name, policy.govstack.options, options);
        if (!resolved.ok) {
            errors.push(...resolved.errors);
        }
        errors.push(...parseWaivers(name, options.waivers).errors);
    }
    return errors;
}

/** Schema defaults of a policy's options (plus `waivers: []`). */
export function defaultProperties(policy: GovPolicy): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema.default !== undefined) {
            out[k] = JSON.parse(JSON.stringify(schema.default));
        }
    }
    return out;
}

/**
 * What the CLI sends in `configure` for every policy: the level from the file (or "all", or the
 * policy's default) and the options over the schema defaults.
 */
export function configureEntries(policies: readonly GovPolicy[], packConfig: Record<string, unknown> = {}): Record<string, PolicyConfigEntry> {
    const all = packConfig.all;
    const out: Record<string, PolicyConfigEntry> = {};
    for (const policy of policies) {
        const { level, options } = entryOf(packConfig[policy.name]);
        out[policy.name] = {
            enforcementLevel: level ?? (isLevel(all) ? all : policy.enforcementLevel),
            properties: { ...defaultProperties(policy), ...JSON.parse(JSON.stringify(options)) },
        };
    }
    return out;
}
