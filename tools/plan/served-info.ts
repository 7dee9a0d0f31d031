// What the pack serves in GetAnalyzerInfo, built in process by the server's own function
// (@pulumi/policy's makeAnalyzerInfo, what `new PolicyPack` serves) from policies/pack-args.ts, and
// read by the plan's own reader. docs/controls.md, the OSCAL component definition and the tests
// resolve config from it through the one resolution path (./pack-config.ts) without starting the
// pack; tests/policies/pack.test.ts pins that the running pack serves the same.

import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

import type { Policy, PolicyPackArgs } from "@pulumi/policy";

import { PACK_ARGS, PACK_NAME } from "../../policies/pack-args";
import { PROJECT_ROOT } from "../lib/stack-config";
import { packInfoFromMessage } from "./analyzer-client";
import type { PackInfo } from "./types";

const policyRequire = createRequire(require.resolve("@pulumi/policy/package.json"));
const { makeAnalyzerInfo } = policyRequire("./protoutil") as {
    makeAnalyzerInfo(name: string, version: string, level: string, args: PolicyPackArgs, initialConfig: unknown): { serializeBinary(): Uint8Array };
};

let version: string | undefined;

function serve(args: PolicyPackArgs): PackInfo {
    version ??= (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), "utf8")) as { version: string }).version;
    // Through bytes: @pulumi/policy may hold its own copy of the generated message classes.
    return packInfoFromMessage(makeAnalyzerInfo(PACK_NAME, version, args.enforcementLevel ?? "advisory", args, undefined).serializeBinary());
}

let whole: PackInfo | undefined;

/** GetAnalyzerInfo of govstack-guard, every policy. */
export function servedPackInfo(): PackInfo {
    return (whole ??= serve(PACK_ARGS));
}

const single = new WeakMap<object, PackInfo>();

/** GetAnalyzerInfo of a pack like govstack-guard holding only `policy` (for one policy's unit tests). */
export function servedInfoOf(policy: Policy): PackInfo {
    let info = single.get(policy);
    if (!info) {
        info = serve({ ...PACK_ARGS, policies: [policy] });
        single.set(policy, info);
    }
    return info;
}
