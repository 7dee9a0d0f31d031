import * as fs from "fs";
import * as path from "path";

import { SettingsError } from "../infra/lib/settings-error";

/**
 * The repository files the delivery program publishes to Pulumi Cloud: the pack's identity, each
 * stack's pack config (enforcement levels and dated waivers) and each stack's ESC environment. Read
 * at run time so Pulumi Cloud always carries exactly what was reviewed in the repository.
 */

/** The repository root (this file lives in delivery/). */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** A required repository file is missing or malformed: a SettingsError, printed as is, never as a stack trace. */
export class RepoFileError extends SettingsError {}

function readJsonObject(file: string, root: string, why: string): Record<string, unknown> {
    const shown = path.relative(root, file);
    if (!fs.existsSync(file)) {
        throw new RepoFileError(`${shown} does not exist: ${why}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new RepoFileError(`${shown} is not valid JSON (${(err as Error).message}): ${why}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new RepoFileError(`${shown} must hold a JSON object: ${why}`);
    }
    return parsed as Record<string, unknown>;
}

/** `policies/config/<stack>.json`: the config the PolicyGroup of that stack hands to the pack. */
export function readPolicyConfig(root: string, configDir: string, stack: string, packName: string): Record<string, unknown> {
    return readJsonObject(
        path.join(root, configDir, `${stack}.json`),
        root,
        `the PolicyGroup of stack "${stack}" attaches ${packName} with this file as its config ` +
            "(enforcement levels and dated waivers; see docs/runbooks/policy-waivers.md). Create it before running the delivery program.",
    );
}

export interface PackIdentity {
    name: string;
    version: string;
}

/** Name and version of the pack from its package.json; the version is the immutable Pulumi Cloud version tag. */
export function readPackIdentity(root: string, sourceDir: string, expectedName: string): PackIdentity {
    const pkg = readJsonObject(path.join(root, sourceDir, "package.json"), root, "the policy pack's name and version come from it");
    const name = String(pkg.name ?? "");
    const version = String(pkg.version ?? "");
    if (name !== expectedName) {
        throw new RepoFileError(
            `Invalid setting "settings.policyPack.name": "${expectedName}" does not match ${path.join(sourceDir, "package.json")} name "${name}"; use "${name}"`,
        );
    }
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
        throw new RepoFileError(`${path.join(sourceDir, "package.json")} version "${version}" is not a semantic version (x.y.z)`);
    }
    return { name, version };
}

/** `environments/<stack>.yaml`, verbatim: the definition of ESC environment `<escProject>/<stack>`. */
export function readEnvironmentYaml(root: string, stack: string): string {
    const file = path.join(root, "environments", `${stack}.yaml`);
    if (!fs.existsSync(file)) {
        throw new RepoFileError(`environments/${stack}.yaml does not exist: it defines the ESC environment the stack imports`);
    }
    return fs.readFileSync(file, "utf8");
}
