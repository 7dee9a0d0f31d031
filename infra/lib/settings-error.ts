import type { z } from "zod";

/**
 * How a settings mistake is worded and raised, for every program of this repository: the estate's
 * settings (infra/config), the delivery program's settings (delivery/settings.ts) and the offline
 * plan's arguments and files (tools/plan). One problem is one line:
 *
 *     Invalid setting "govstack:database.multiAz": false must be true in prod (a standby in a second AZ)
 *     Missing setting "settings.repository": must be owner/name
 *
 * It lives here, not in a folder of its own at the root, because the estate is the program that
 * ships: whatever it imports must sit under a path that triggers a deployment (`infra/**` in
 * delivery/Pulumi.govcloud.yaml). delivery/ and tools/ may import infra/lib (pure helpers, no
 * resources); the policy pack never does. No runtime import here: the offline plan loads this before
 * it spawns the pack, and must not pay for zod or the Pulumi SDK then.
 */

/** A mistake in the settings: its message is written for the user and printed without a stack trace. */
export class SettingsError extends Error {
    /** By name, not class, is how the offline plan recognises it (tools/plan/errors.ts): it forgets the
     *  program's modules between stacks, so the class it holds is not the one the program threw. */
    override name = "SettingsError";
    /** One line per problem, each naming the key, the value and what is allowed. */
    readonly problems: readonly string[];

    /**
     * @param subject what the settings belong to, for a list of several problems (`stack "prod"`),
     *   or the error's options (`{ cause }`) when there is nothing to name.
     */
    constructor(problems: string | readonly string[], subject: string | ErrorOptions = "the settings") {
        const list = typeof problems === "string" ? [problems] : problems;
        const name = typeof subject === "string" ? subject : "the settings";
        super(
            list.length === 1
                ? list[0]
                : `${list.length} invalid settings for ${name}:\n${list.map((p) => `  - ${p}`).join("\n")}`,
            typeof subject === "string" ? undefined : subject,
        );
        this.problems = list;
    }
}

/** One problem at one place in the settings; `message` says what is allowed ("must be …"). */
export interface SettingIssue {
    readonly path: readonly PropertyKey[];
    readonly message: string;
}

/** How the user writes the key at `path`: `govstack:network.availabilityZones[0]`. */
export function settingKey(path: readonly PropertyKey[]): string {
    return path.reduce<string>(
        (key, part) => (typeof part === "number" ? `${key}[${part}]` : key ? `${key}.${String(part)}` : String(part)),
        "",
    );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
    let value = input;
    for (const part of path) {
        if (value === null || typeof value !== "object") {
            return undefined;
        }
        value = (value as Record<PropertyKey, unknown>)[part];
    }
    return value;
}

/** Where the settings being checked came from. */
export interface SettingsInput {
    /** The settings as the user wrote them: the bad value is quoted from here. */
    readonly raw: unknown;
    /** Where the keys are documented, named when a key is not one of them (`docs/settings.md`). */
    readonly keysDoc: string;
    /** The key the settings sit under, when the user writes them below one (`settings`). */
    readonly root?: string;
}

/** `Invalid setting "<key>": <value> <what is allowed>`, or `Missing setting "<key>": …` when it is absent. */
export function describeProblem(input: SettingsInput, issue: SettingIssue): string {
    const key = settingKey(input.root === undefined ? issue.path : [input.root, ...issue.path]);
    const value = valueAt(input.raw, issue.path);
    return value === undefined
        ? `Missing setting "${key}": ${issue.message}`
        : `Invalid setting "${key}": ${JSON.stringify(value)} ${issue.message}`;
}

/** Every issue of a failed zod parse as one line each; a key the schema does not know is named as unknown. */
export function describeSchemaIssues(input: SettingsInput, issues: readonly z.core.$ZodIssue[]): string[] {
    return issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
            ? issue.keys.map((k) => {
                  const path = input.root === undefined ? [...issue.path, k] : [input.root, ...issue.path, k];
                  return `Unknown setting "${settingKey(path)}"; see ${input.keysDoc} for the keys allowed`;
              })
            : [describeProblem(input, issue)],
    );
}
