// Reads an ESC environment definition (environments/<name>.yaml) the way ESC composes it, without
// evaluating its expressions (the offline plan has no Pulumi Cloud): the two top-level keys ESC
// defines, `imports` and `values` (https://www.pulumi.com/docs/esc/environments/syntax/top-level-keys/);
// each import read in order and merged by JSON Merge Patch (RFC 7396) under the importing
// environment's own values, as ESC's merge stack does; an import with `{ merge: false }` left out of
// the merge. A key ESC does not define (`valeus:`) would otherwise drop every value under it without
// a word, so it is a mistake that names the file and the key.

import * as path from "path";

import { closest } from "../../infra/lib/did-you-mean";
import { SettingsError } from "../../infra/lib/settings-error";

/** The top-level keys of an environment definition. */
export const ESC_TOP_LEVEL_KEYS = ["imports", "values"] as const;

/** An environment's merged `values`, and for each `values.pulumiConfig` key the file that set it last. */
export interface EnvironmentValues {
    readonly values: Record<string, unknown>;
    /** pulumiConfig key → the environment file (relative to the project root) that set it last. */
    readonly pulumiConfigSources: Record<string, string>;
}

/** What reading a file takes: a YAML file's parsed mapping, and how to show its path. */
export interface EnvironmentReader {
    readonly readMapping: (file: string) => Record<string, unknown>;
    readonly display: (file: string) => string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 7396 JSON Merge Patch: `patch` applied to `target` (neither is modified). */
export function mergePatch(target: unknown, patch: unknown): unknown {
    if (!isPlainObject(patch)) {
        return patch;
    }
    const merged: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
        if (value === null) {
            delete merged[key];
        } else {
            merged[key] = mergePatch(merged[key], value);
        }
    }
    return merged;
}

/** Where `environments/<name>.yaml` holds environment `project/name` (its last path segment). */
export function environmentFile(root: string, name: string): string {
    return path.join(root, "environments", `${name.split("/").pop()}.yaml`);
}

/** One entry of `imports`: a name, or `{ <name>: { merge: false } }`. */
interface Import {
    readonly name: string;
    readonly merge: boolean;
}

function importsOf(definition: Record<string, unknown>, shown: string): Import[] {
    const list = definition.imports;
    if (list === undefined || list === null) {
        return [];
    }
    const expected =
        'expected a list of environment names, each a name ("project/env") or a name with options ({ "project/env": { merge: false } })';
    if (!Array.isArray(list)) {
        throw new SettingsError(`${shown}: "imports" is ${JSON.stringify(list)}; ${expected}`);
    }
    return list.map((entry, i) => {
        if (typeof entry === "string" && entry.trim() !== "") {
            return { name: entry, merge: true };
        }
        if (isPlainObject(entry) && Object.keys(entry).length === 1) {
            const [name, options] = Object.entries(entry)[0];
            if (options === null || (isPlainObject(options) && Object.keys(options).every((k) => k === "merge") && [undefined, true, false].includes(options.merge as boolean | undefined))) {
                return { name, merge: options?.merge !== false };
            }
        }
        throw new SettingsError(`${shown}: "imports[${i}]" is ${JSON.stringify(entry)}; ${expected}`);
    });
}

/**
 * The merged values of environment `name` (found as environments/<last segment>.yaml below `root`),
 * its imports first. `importedBy` is the chain that led here (name and file of each), to find and name a
 * cycle: by file, since the plan reads `prod` and `govstack/prod` from the same environments/prod.yaml.
 */
export function readEnvironment(
    root: string,
    name: string,
    reader: EnvironmentReader,
    importedBy: readonly { readonly name: string; readonly file: string }[] = [],
): EnvironmentValues {
    const file = environmentFile(root, name);
    const shown = reader.display(file);
    if (importedBy.some((e) => e.file === file)) {
        const chain = [...importedBy.map((e) => e.name), name].join(" → ");
        throw new SettingsError(`${shown}: the environments import each other in a cycle (${chain}); ESC refuses it`);
    }
    const definition = reader.readMapping(file);
    const unknown = Object.keys(definition).filter((k) => !(ESC_TOP_LEVEL_KEYS as readonly string[]).includes(k));
    if (unknown.length > 0) {
        const what = unknown.map((k) => {
            const guess = closest(k, ESC_TOP_LEVEL_KEYS);
            return `"${k}"${guess ? ` (did you mean "${guess}"?)` : ""}`;
        });
        throw new SettingsError(`${shown}: unknown top-level key ${what.join(", ")}; an ESC environment holds ${ESC_TOP_LEVEL_KEYS.join(" and ")}`);
    }
    const own = definition.values ?? {};
    if (!isPlainObject(own)) {
        throw new SettingsError(`${shown}: "values" must be a mapping of key: value, got ${JSON.stringify(own)}`);
    }
    const ownConfig = own.pulumiConfig;
    if (ownConfig !== undefined && ownConfig !== null && !isPlainObject(ownConfig)) {
        throw new SettingsError(`${shown}: "values.pulumiConfig" must be a mapping of key: value, got ${JSON.stringify(ownConfig)}`);
    }
    let values: Record<string, unknown> = {};
    let sources: Record<string, string> = {};
    for (const imported of importsOf(definition, shown)) {
        const from = readEnvironment(root, imported.name, reader, [...importedBy, { name, file }]);
        if (imported.merge) {
            values = mergePatch(values, from.values) as Record<string, unknown>;
            sources = { ...sources, ...from.pulumiConfigSources };
        }
    }
    values = mergePatch(values, own) as Record<string, unknown>;
    if (isPlainObject(ownConfig)) {
        const relative = path.relative(root, file);
        for (const key of Object.keys(ownConfig)) {
            sources[key] = relative;
        }
    }
    return { values, pulumiConfigSources: sources };
}

/** The stack file's `environment:` list, composed as ESC composes a stack's environments: in order, by merge patch. */
export function readStackEnvironments(root: string, names: readonly string[], reader: EnvironmentReader): EnvironmentValues {
    let values: Record<string, unknown> = {};
    let sources: Record<string, string> = {};
    for (const name of names) {
        const env = readEnvironment(root, name, reader);
        values = mergePatch(values, env.values) as Record<string, unknown>;
        sources = { ...sources, ...env.pulumiConfigSources };
    }
    return { values, pulumiConfigSources: sources };
}
