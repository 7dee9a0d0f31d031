import { closest } from "../lib/did-you-mean";
import { SETTING_KEYS } from "./schema";

/**
 * The config namespaces something in this program reads, each with the keys it accepts: the estate's
 * own settings, and the default providers' configuration. The Pulumi CLI fails a preview on a key a
 * default provider does not know ("could not validate provider configuration: Invalid or unknown
 * key", pulumi-aws#3360); a key in a namespace nothing reads is ignored by the CLI without a word,
 * which hides typos such as `govstak:production`. Both are settings mistakes here.
 */
const PROVIDER_CONFIG: Record<string, () => readonly string[]> = {
    // The generated config modules list each provider's keys (their `vars` export one getter per key).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    aws: () => Object.keys(require("@pulumi/aws/config/vars") as object),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    docker: () => Object.keys(require("@pulumi/docker/config/vars") as object),
};

/** `pulumi:` keys belong to the engine (`pulumi:tags`, `pulumi:disable-default-providers` …). */
const ENGINE_NAMESPACE = "pulumi";

function govstackKeys(): string[] {
    return Object.keys(SETTING_KEYS).filter((k) => k.startsWith("govstack:"));
}

/** The accepted keys of a namespace, fully qualified, or undefined when nothing reads it. */
function keysOf(namespace: string): readonly string[] | undefined {
    if (namespace === "govstack") {
        return govstackKeys();
    }
    const provider = PROVIDER_CONFIG[namespace];
    return provider ? provider().map((k) => `${namespace}:${k}`) : undefined;
}

/**
 * One problem per config key that nothing reads: a govstack key that is not a setting, a provider key
 * the provider does not define, a key in a namespace nothing reads. Each names the key and what is
 * allowed, with the nearest known key when there is one.
 */
export function unknownConfigKeys(keys: readonly string[]): string[] {
    const namespaces = ["govstack", ...Object.keys(PROVIDER_CONFIG)];
    const problems: string[] = [];
    for (const key of keys) {
        const namespace = key.slice(0, Math.max(0, key.indexOf(":")));
        if (namespace === ENGINE_NAMESPACE) {
            continue;
        }
        const known = keysOf(namespace);
        if (known?.includes(key)) {
            continue;
        }
        const guess = closest(key, known ?? namespaces.flatMap((ns) => keysOf(ns) ?? []));
        const hint = guess ? ` (did you mean "${guess}"?)` : "";
        if (namespace === "govstack") {
            // The nearest key says enough; without one, every key the estate reads.
            problems.push(`Unknown setting "${key}"${guess ? hint : `; known govstack settings: ${govstackKeys().join(", ")}`}`);
        } else if (known) {
            problems.push(`Unknown setting "${key}"${hint}: the ${namespace} provider has no such configuration key (@pulumi/${namespace}/config lists its ${known.length} keys)`);
        } else {
            problems.push(`Unknown setting "${key}"${hint}: nothing in this program reads namespace "${namespace}" (namespaces read: ${namespaces.join(", ")}, ${ENGINE_NAMESPACE})`);
        }
    }
    return problems;
}
