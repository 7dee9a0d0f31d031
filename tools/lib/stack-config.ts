import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

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
}

/** Raised for a missing or malformed stack file; the plan turns it into exit code 2. */
export class StackConfigError extends Error {}

function readYaml(file: string): Record<string, unknown> {
    if (!fs.existsSync(file)) {
        throw new StackConfigError(`${path.relative(PROJECT_ROOT, file)} does not exist`);
    }
    const parsed: unknown = YAML.parse(fs.readFileSync(file, "utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new StackConfigError(`${path.relative(PROJECT_ROOT, file)} must be a YAML mapping`);
    }
    return parsed as Record<string, unknown>;
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecretValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && ("secure" in value || "fn::secret" in value);
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
 * Reads `Pulumi.<stack>.yaml` and the `pulumiConfig` of each ESC environment it imports (found as
 * `environments/<last path segment>.yaml`), merged the way Pulumi does: environments in import
 * order, then the stack file's own `config:` wins. Secret values (encrypted `secure:` or ESC
 * `fn::secret`) cannot be decrypted offline; they are listed in `secretKeys` and given the value
 * `"[secret]"` so that nothing secret is ever printed or written.
 */
export function readStackConfig(stack: string, root = PROJECT_ROOT): StackConfig {
    const projectFile = readYaml(path.join(root, "Pulumi.yaml"));
    const project = String(projectFile.name ?? "");
    if (!project) {
        throw new StackConfigError("Pulumi.yaml has no project name");
    }
    const stackFile = readYaml(path.join(root, `Pulumi.${stack}.yaml`));
    const environments = Array.isArray(stackFile.environment) ? stackFile.environment.map(String) : [];
    const values: Record<string, unknown> = {};
    const secretKeys = new Set<string>();
    const put = (key: string, value: unknown): void => {
        const qualified = qualify(key, project);
        if (isSecretValue(value)) {
            secretKeys.add(qualified);
            values[qualified] = "[secret]";
        } else {
            secretKeys.delete(qualified);
            values[qualified] = value;
        }
    };
    for (const env of environments) {
        const envName = env.split("/").pop() as string;
        const envFile = readYaml(path.join(root, "environments", `${envName}.yaml`));
        const envValues = (envFile.values ?? {}) as Record<string, unknown>;
        const pulumiConfig = (envValues.pulumiConfig ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(pulumiConfig)) {
            put(key, value);
        }
    }
    const config = (stackFile.config ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(config)) {
        put(key, value);
    }
    return { project, stack, values, secretKeys: [...secretKeys].sort(), environments };
}

/** The form `pulumi.runtime.setAllConfig` takes: every value a string, objects as JSON. */
export function toRuntimeConfig(config: StackConfig): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config.values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}
