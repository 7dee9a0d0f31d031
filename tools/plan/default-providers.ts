import * as fs from "fs";

import { StackConfig } from "../lib/stack-config";
import { JsonObject, SECRET_PLACEHOLDER, SECRET_SIG, SIG_KEY } from "./properties";
import { PlannedResource, plannedResource } from "./types";

/** The package a type token belongs to: `aws:s3/bucket:Bucket` → `aws`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

function packageVersion(pkg: string): string | undefined {
    try {
        const file = require.resolve(`@pulumi/${pkg}/package.json`);
        return String(JSON.parse(fs.readFileSync(file, "utf8")).version);
    } catch {
        return undefined;
    }
}

/**
 * Inputs of a default provider as the engine builds them: every `<pkg>:<key>` setting of the stack
 * becomes property `<key>` (so `aws:region` → `region`, `aws:defaultTags` → `defaultTags`), plus
 * the plugin `version`. Structured settings stay structured, which is how the provider's
 * CheckConfig hands them on; secret settings stay secret.
 */
export function defaultProviderInputs(pkg: string, config: StackConfig, version: string | undefined): JsonObject {
    const inputs: JsonObject = {};
    const secret = new Set(config.secretKeys);
    for (const [key, value] of Object.entries(config.values)) {
        const [namespace, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        if (namespace !== pkg || !name) {
            continue;
        }
        inputs[name] = secret.has(key)
            ? { [SIG_KEY]: SECRET_SIG, value: SECRET_PLACEHOLDER }
            : (JSON.parse(JSON.stringify(value ?? null)) as JsonObject[string]);
    }
    if (version) {
        inputs.version = version;
    }
    return inputs;
}

/**
 * Under mocks no default provider is registered (resources have provider ""), but in a real preview
 * each package's resources are managed by `pulumi:providers:<pkg>::default_<version>`, configured
 * from the stack's `<pkg>:` settings. The pack's region, FIPS and default-tag policies judge that
 * provider, so synthesize it and point every resource without an explicit provider at it.
 *
 * Returns the providers to add (placed first, as the engine registers them before their first user).
 */
export function attachDefaultProviders(resources: PlannedResource[], config: StackConfig): PlannedResource[] {
    const providers = new Map<string, PlannedResource>();
    for (const resource of resources) {
        if (resource.provider || (!resource.custom && !resource.remote) || resource.type.startsWith("pulumi:")) {
            continue;
        }
        const pkg = packageOf(resource.type);
        let provider = providers.get(pkg);
        if (!provider) {
            const version = packageVersion(pkg);
            const name = `default${version ? "_" + version.replace(/[.+-]/g, "_") : ""}`;
            const type = `pulumi:providers:${pkg}`;
            const inputs = defaultProviderInputs(pkg, config, version);
            // Default providers hang off no parent in the engine's state.
            provider = plannedResource({
                urn: `urn:pulumi:${config.stack}::${config.project}::${type}::${name}`,
                type,
                name,
                inputs,
                outputs: { ...inputs },
            });
            providers.set(pkg, provider);
        }
        resource.provider = provider.urn;
    }
    return [...providers.values()];
}
