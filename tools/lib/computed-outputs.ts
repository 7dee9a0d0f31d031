import * as fs from "fs";
import * as path from "path";

/**
 * Which properties of a resource type the cloud computes (ids, ARNs, endpoints, `tagsAll` …).
 *
 * Pulumi's generated SDKs list every output-only property of a resource in its constructor as
 * `resourceInputs["arn"] = undefined /*out*\/;`. Reading that list from the SDK that declared the type
 * lets the preview mocks mark exactly those properties unknown, as a real `pulumi preview` does,
 * without a hand-kept table that drifts from the provider.
 */
const cache = new Map<string, readonly string[]>();
const OUT_PROPERTY = /resourceInputs\["([A-Za-z0-9_$]+)"\] = undefined \/\*out\*\//g;

/** `aws:rds/instance:Instance` → `@pulumi/aws/rds/instance.js`; `awsx:ec2:Vpc` → `@pulumi/awsx/ec2/vpc.js`. */
export function sdkModulePath(typeToken: string): string | undefined {
    const [pkg, mod, typeName] = typeToken.split(":");
    if (!pkg || mod === undefined || !typeName || pkg === "pulumi") {
        return undefined;
    }
    const file = typeName.charAt(0).toLowerCase() + typeName.slice(1) + ".js";
    const [moduleDir, moduleFile] = mod.split("/");
    const dir = moduleDir === "index" ? "" : moduleDir;
    const candidates = [
        moduleFile ? path.join(dir, moduleFile + ".js") : undefined,
        path.join(dir, file),
    ].filter((c): c is string => c !== undefined);
    for (const candidate of candidates) {
        try {
            return require.resolve(`@pulumi/${pkg}/${candidate}`);
        } catch {
            // not this layout; try the next
        }
    }
    return undefined;
}

/** Output-only property names of a resource type; empty when the type's SDK cannot be found. */
export function computedOutputs(typeToken: string): readonly string[] {
    let outputs = cache.get(typeToken);
    if (!outputs) {
        const file = sdkModulePath(typeToken);
        const source = file ? fs.readFileSync(file, "utf8") : "";
        outputs = [...new Set([...source.matchAll(OUT_PROPERTY)].map((m) => m[1]))];
        cache.set(typeToken, outputs);
    }
    return outputs;
}
