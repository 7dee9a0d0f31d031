import * as pulumi from "@pulumi/pulumi";

import { describeProblem, describeSchemaIssues, SettingsError, SettingsInput } from "../lib/settings-error";
import { unknownConfigKeys } from "./namespaces";
import { settingsRules } from "./rules";
import { fileRules } from "./rules-files";
import { rawSchema, SETTING_KEYS } from "./schema";
import { EstateSettings, toSettings } from "./settings";

/**
 * Validates a stack's raw config (`namespace:key` → value, structured values already parsed) and
 * returns the typed settings. No Pulumi runtime: tests call it directly. It reads the file system
 * only to check that the image build context exists (rules-files.ts), against `projectRoot`
 * (default: the directory of Pulumi.yaml).
 * @throws SettingsError naming every invalid key.
 */
export function parseSettings(stack: string, raw: Record<string, unknown>, options: { readonly projectRoot?: string } = {}): EstateSettings {
    // A key nothing reads (a typo, in any namespace) would otherwise be silently ignored.
    const problems = unknownConfigKeys(Object.keys(raw).filter((key) => !(key in SETTING_KEYS)));
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
    problems.push(...fileRules(result.data, raw, options.projectRoot));
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
    for (const [fullKey, kind] of Object.entries(SETTING_KEYS)) {
        const [ns, key] = fullKey.split(":") as [keyof typeof configs, string];
        let value: unknown;
        try {
            value = kind === "string" ? configs[ns].get(key) : configs[ns].getObject<unknown>(key);
        } catch {
            // Not JSON: a plain word where a mapping, list, number or boolean belongs (`edge: oops`).
            // The schema then names the setting and what it must be.
            value = configs[ns].get(key);
        }
        if (value !== undefined) {
            raw[fullKey] = value;
        }
    }
    // Every other key, so that parseSettings reports those nothing reads (typos).
    for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
        if (!(fullKey in SETTING_KEYS)) {
            raw[fullKey] = null;
        }
    }
    return parseSettings(pulumi.getStack(), raw);
}
