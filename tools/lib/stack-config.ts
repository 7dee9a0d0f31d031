import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { closest } from "../../infra/lib/did-you-mean";
import { SettingsError } from "../../infra/lib/settings-error";
import { readStackEnvironments } from "./esc-environment";

/** The repository root (this file lives in tools/lib). */
export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** A stack's settings as Pulumi would hand them to the program: fully-qualified keys (`aws:region`). */
export interface StackConfig {
    project: string;
    stack: string;
    /** `namespace:key` → value (objects and arrays stay structured). */
    values: Record<string, unknown>;
    /** Keys whose value is a secret (`secure:` in the stack file, `fn::secret` in ESC). */
    secretKeys: string[];
    /** ESC environments the stack file imports, in order. */
    environments: string[];
    /**
     * Where each top-level key's value came from, relative to the project root (the stack file,
     * or the ESC environment whose `pulumiConfig` set it): error messages name that file.
     */
    sources?: Record<string, string>;
}

/**
 * A missing or malformed stack file: a SettingsError (the plan exits 2, printing the message alone)
 * whose message already names the file, so the plan does not prefix one.
 */
export class StackConfigError extends SettingsError {}

/** A file as the user would type it: relative to the working directory when below it. */
export function displayPath(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Parses a YAML file; a syntax error (or a duplicate key) becomes a StackConfigError naming the
 * file, line and column: `Pulumi.staging.yaml:53:5: invalid YAML: …`.
 */
export function parseYamlFile(file: string): unknown {
    if (!fs.existsSync(file)) {
        throw new StackConfigError(`${displayPath(file)} does not exist`);
    }
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        if (e instanceof YAML.YAMLError) {
            const at = e.linePos?.[0];
            // The parser's message repeats the position and quotes the lines; keep its first sentence.
            const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
            throw new StackConfigError(`${displayPath(file)}${at ? `:${at.line}:${at.col}` : ""}: invalid YAML: ${what}`, { cause: e });
        }
        throw e;
    }
}

function readYaml(file: string): Record<string, unknown> {
    const parsed = parseYamlFile(file);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new StackConfigError(`${displayPath(file)} must be a YAML mapping`);
    }
    return parsed as Record<string, unknown>;
}

function mapping(value: unknown, file: string, key: string): Record<string, unknown> {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new StackConfigError(`${displayPath(file)}: "${key}" must be a mapping of key: value, got ${JSON.stringify(value)}`);
    }
    return value as Record<string, unknown>;
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecretValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && ("secure" in value || "fn::secret" in value);
}

/** The keys a stack file may hold (the Pulumi CLI's ProjectStack). */
const STACK_FILE_KEYS = ["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"];

/**
 * Checks the stack file's own keys, and returns the ESC environments it imports. A key the CLI does
 * not know (`confg:`) would otherwise drop every setting under it without a word, and an
 * `environment:` that is not a list of names would silently import nothing.
 */
function stackFileShape(stackFile: Record<string, unknown>, file: string): string[] {
    const problems: string[] = [];
    for (const key of Object.keys(stackFile)) {
        if (!STACK_FILE_KEYS.includes(key)) {
            const guess = closest(key, STACK_FILE_KEYS);
            problems.push(`unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}; a stack file holds ${STACK_FILE_KEYS.join(", ")}`);
        }
    }
    const env = stackFile.environment;
    const names = env === undefined || env === null ? [] : Array.isArray(env) ? env : undefined;
    if (names === undefined || names.some((n) => typeof n !== "string" || n.trim() === "")) {
        problems.push(
            `"environment" is ${JSON.stringify(env)}; expected a list of ESC environment names such as [govstack/staging] ` +
                "(the offline plan reads each from environments/<name>.yaml)",
        );
    }
    if (problems.length > 0) {
        throw new StackConfigError(`${displayPath(file)}: ${problems.join("; ")}`);
    }
    return (names ?? []) as string[];
}

/** Stacks that have a `Pulumi.<stack>.yaml` next to `Pulumi.yaml`. */
export function listStacks(root = PROJECT_ROOT): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/**
 * Reads `Pulumi.<stack>.yaml` and the `pulumiConfig` of the ESC environments it imports (found as
 * `environments/<last path segment>.yaml`, their own imports followed: ./esc-environment.ts), merged
 * the way Pulumi does: environments in import order by JSON Merge Patch, then the stack file's own
 * `config:` wins, key by key. Secret values (encrypted `secure:` or ESC
 * `fn::secret`) cannot be decrypted offline; they are listed in `secretKeys` and given the value
 * `"[secret]"` so that nothing secret is ever printed or written.
 */
export function readStackConfig(stack: string, root = PROJECT_ROOT): StackConfig {
    const projectFile = readYaml(path.join(root, "Pulumi.yaml"));
    const project = String(projectFile.name ?? "");
    if (!project) {
        throw new StackConfigError("Pulumi.yaml has no project name");
    }
    const stackPath = path.join(root, `Pulumi.${stack}.yaml`);
    const stackFile = readYaml(stackPath);
    const environments = stackFileShape(stackFile, stackPath);
    const values: Record<string, unknown> = {};
    const secretKeys = new Set<string>();
    const sources: Record<string, string> = {};
    let source = "";
    const put = (key: string, value: unknown): void => {
        const qualified = qualify(key, project);
        sources[qualified] = source;
        if (isSecretValue(value)) {
            secretKeys.add(qualified);
            values[qualified] = "[secret]";
        } else {
            secretKeys.delete(qualified);
            values[qualified] = value;
        }
    };
    // Each environment's own values.pulumiConfig is checked to be a mapping where it is read.
    const composed = readStackEnvironments(root, environments, { readMapping: readYaml, display: displayPath });
    for (const [key, value] of Object.entries((composed.values.pulumiConfig ?? {}) as Record<string, unknown>)) {
        source = composed.pulumiConfigSources[key] ?? "";
        put(key, value);
    }
    const config = mapping(stackFile.config, stackPath, "config");
    source = path.relative(root, stackPath);
    for (const [key, value] of Object.entries(config)) {
        put(key, value);
    }
    return { project, stack, values, secretKeys: [...secretKeys].sort(), environments, sources };
}

/** The form `pulumi.runtime.setAllConfig` takes: every value a string, objects as JSON. */
export function toRuntimeConfig(config: StackConfig): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config.values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}
