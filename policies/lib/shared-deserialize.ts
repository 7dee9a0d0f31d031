// Deserialise each request's properties once per call, not once per policy.
//
// The stock @pulumi/policy server (1.21) turns a resource's protobuf Struct into JavaScript again for
// every multi-type resource policy on each `analyze`, and for every stack policy × every resource
// on `analyzeStack` (node_modules/@pulumi/policy/server.js, makeAnalyzeRpcFun /
// makeAnalyzeStackRpcFun). With this pack's ~75 policies that repeated work, not our rules, is
// most of the cost per call (measured in docs/performance.md). The server calls
// `deserializeProperties` through its module object, so memoising that one function by Struct
// instance (the same object for every policy within one request) removes the repeats.
//
// Safe because: results are only shared when secrets are not preserved (the remediation path asks
// for `proxySecrets = true` and still gets a fresh copy); policies get the result wrapped in the
// server's read-only-by-convention proxy and govstack policies never assign to props (a test runs
// every policy over the whole prod plan and checks the shared objects are unchanged); the WeakMap
// lets each request's objects go with the request. If a future server stops calling through the
// module object, this silently has no effect (performance only, never behaviour).

type Deserialize = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;
interface DeserializeModule {
    deserializeProperties: Deserialize;
    __govstackShared?: true;
}

/** Installs the memo once per process; returns the module so tests can observe it. */
export function shareDeserializedProperties(): DeserializeModule {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module the server itself calls through
    const mod = require("@pulumi/policy/deserialize") as DeserializeModule;
    if (mod.__govstackShared) {
        return mod;
    }
    const original = mod.deserializeProperties;
    const memo = new WeakMap<object, Record<string, unknown>>();
    mod.deserializeProperties = (struct, proxySecrets) => {
        if (proxySecrets || struct === null || typeof struct !== "object") {
            return original(struct, proxySecrets);
        }
        let props = memo.get(struct);
        if (props === undefined) {
            props = original(struct, proxySecrets);
            memo.set(struct, props);
        }
        return props;
    };
    mod.__govstackShared = true;
    return mod;
}
