// The matrix inputs this repository gives without a running pack: the pack's policies as it serves
// them (GetAnalyzerInfo, built in process) at the enforcement each stack's pack config resolves to,
// and each stack's settings. Used by docs/controls.md and the OSCAL component definition; the offline plan uses what
// the running pack reported instead.

import * as fs from "fs";
import * as path from "path";

import { readStackConfig, PROJECT_ROOT } from "../lib/stack-config";
import { buildPolicyConfig, packConfigPath, PackConfigFile, readPackConfig } from "../plan/pack-config";
import { servedPackInfo } from "../plan/served-info";
import { MatrixPolicy, matrixEnforcement } from "./matrix";

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
