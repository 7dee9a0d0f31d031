// The matrix inputs this repository gives without a running pack: the pack's policies as it serves
// them (GetAnalyzerInfo, built in process) at the enforcement each stack's pack config resolves to,
// and each stack's settings. Used by docs/controls.md and the OSCAL component definition; the offline plan uses what
// the running pack reported instead.

import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

import type { PolicyPackArgs } from "@pulumi/policy";

import { PACK_ARGS, PACK_NAME } from "../../policies/pack-args";
import { readStackConfig, PROJECT_ROOT } from "../lib/stack-config";
import { packInfoFromMessage } from "../plan/analyzer-client";
import { buildPolicyConfig, packConfigPath, PackConfigFile, readPackConfig } from "../plan/pack-config";
import type { PackInfo } from "../plan/types";
import { MatrixPolicy, matrixEnforcement } from "./matrix";

let served: PackInfo | undefined;

/**
 * What the pack serves in GetAnalyzerInfo, built in process by @pulumi/policy's own function (what
 * `new PolicyPack` serves) from policies/pack-args.ts — as tests/policies/served-info.ts does — so
 * the docs resolve each stack's config through the plan's one resolution path without a pack process.
 */
export function servedPackInfo(): PackInfo {
    if (!served) {
        const policyRequire = createRequire(require.resolve("@pulumi/policy/package.json"));
        const { makeAnalyzerInfo } = policyRequire("./protoutil") as {
            makeAnalyzerInfo(name: string, version: string, level: string, args: PolicyPackArgs, initialConfig: unknown): { serializeBinary(): Uint8Array };
        };
        const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), "utf8")) as { version: string };
        served = packInfoFromMessage(makeAnalyzerInfo(PACK_NAME, version, PACK_ARGS.enforcementLevel ?? "advisory", PACK_ARGS, undefined).serializeBinary());
    }
    return served;
}

/** Each policy's controls and its enforcement as `policies/config/<stack>.json` configures it, as the pack would be served. */
export function policiesForStack(stack: string): MatrixPolicy[] {
    const info = servedPackInfo();
    const file = packConfigPath(path.join(PROJECT_ROOT, "policies"), stack);
    const config: PackConfigFile = fs.existsSync(file) ? readPackConfig(file) : {};
    const request = buildPolicyConfig(info, config, path.relative(PROJECT_ROOT, file));
    return info.policies.map((p) => ({ name: p.name, controls: p.controls, enforcement: matrixEnforcement(stack, request[p.name].enforcement, request[p.name].properties) }));
}

/** A stack's settings (`namespace:key` → value), as the program reads them. */
export function stackSettings(stack: string): Record<string, unknown> {
    return readStackConfig(stack).values;
}
