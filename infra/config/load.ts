import * as pulumi from "@pulumi/pulumi";

import { describeProblem, describeSchemaIssues, SettingsError, SettingsInput } from "../lib/settings-error";
import { settingsRules } from "./rules";
import { rawSchema, SETTING_KEYS } from "./schema";
import { EstateSettings, toSettings } from "./settings";

/**
 * Validates a stack's raw config (`namespace:key` → value, structured values already parsed) and
 * returns the typed settings. Pure: tests call it without the Pulumi runtime.
 * @throws SettingsError naming every invalid key.
 */
export function parseSettings(stack: string, raw: Record<string, unknown>): EstateSettings {
    const problems: string[] = [];
    const known = Object.keys(SETTING_KEYS);
    for (const key of Object.keys(raw)) {
        if (key.startsWith("govstack:") && !known.includes(key)) {
            problems.push(
                `Unknown setting "${key}"; known govstack settings: ${known.filter((k) => k.startsWith("govstack:")).join(", ")}`,
            );
        }
    }
    if (!/^[a-z][a-z0-9-]*$/.test(stack)) {
        problems.push(`Invalid stack name ${JSON.stringify(stack)}: use lowercase letters, digits and hyphens`);
    }
    const input: SettingsInput = { raw, keysDoc: "docs/settings.md" };
    const result = rawSchema.safeParse(raw);
    if (!result.success) {
        problems.push(...describeSchemaIssues(input, result.error.issues));
        throw new SettingsError(problems, `stack "${stack}"`);
    }
    problems.push(...settingsRules(stack, result.data).map((rule) => describeProblem(input, rule)));
    if (problems.length > 0) {
        throw new SettingsError(problems, `stack "${stack}"`);
    }
    return toSettings(stack, result.data);
}

/**
 * Reads the current stack's settings from Pulumi config (namespaces `govstack` and `aws`) and
 * validates them. Call once, in infra/index.ts, before declaring any resource.
 */
export function loadSettings(): EstateSettings {
    const raw: Record<string, unknown> = {};
    const configs = { govstack: new pulumi.Config("govstack"), aws: new pulumi.Config("aws") };
    const problems: string[] = [];
    for (const [fullKey, kind] of Object.entries(SETTING_KEYS)) {
        const [ns, key] = fullKey.split(":") as [keyof typeof configs, string];
        try {
            const value = kind === "string" ? configs[ns].get(key) : configs[ns].getObject<unknown>(key);
            if (value !== undefined) {
                raw[fullKey] = value;
            }
        } catch {
            problems.push(`Invalid setting "${fullKey}": is not valid YAML/JSON`);
        }
    }
    // Catch typos: a govstack key the estate does not read would otherwise be silently ignored.
    for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
        if (fullKey.startsWith("govstack:") && !(fullKey in SETTING_KEYS)) {
            raw[fullKey] = null;
        }
    }
    if (problems.length > 0) {
        throw new SettingsError(problems, `stack "${pulumi.getStack()}"`);
    }
    return parseSettings(pulumi.getStack(), raw);
}
