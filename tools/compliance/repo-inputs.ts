// The matrix inputs this repository gives without a running pack: the pack's policies (imported,
// as the docs generator does) at the enforcement each stack's pack config serves, and each stack's
// settings. Used by docs/controls.md and the OSCAL component definition; the offline plan uses what
// the running pack reported instead.

import * as fs from "fs";
import * as path from "path";

import type { GovPolicy } from "../../policies/lib";
import { allPolicies } from "../../policies/rules";
import { readStackConfig, PROJECT_ROOT } from "../lib/stack-config";
import { buildPolicyConfig, packConfigPath, PackConfigFile, readPackConfig } from "../plan/pack-config";
import type { Enforcement, PackInfo, PolicyMeta } from "../plan/types";
import { MatrixPolicy } from "./matrix";

/** The pack as GetAnalyzerInfo would describe it, for buildPolicyConfig (which only reads names, levels and schemas). */
export function packInfoOf(policies: readonly GovPolicy[] = allPolicies): PackInfo {
    return {
        name: "govstack-guard",
        version: "",
        description: "",
        initialConfig: {},
        policies: policies.map(
            (p): PolicyMeta => ({
                name: p.name,
                displayName: p.name,
                description: p.description,
                enforcement: p.enforcementLevel as Enforcement,
                severity: p.severity,
                remediation: p.remediationSteps,
                controls: [...p.govstack.controls],
                framework: undefined,
                kind: p.govstack.kind,
                url: "",
                configSchema: p.configSchema as PolicyMeta["configSchema"],
            }),
        ),
    };
}

/** Each policy's controls and its enforcement as `policies/config/<stack>.json` configures it. */
export function policiesForStack(stack: string, policies: readonly GovPolicy[] = allPolicies): MatrixPolicy[] {
    const packDir = path.join(PROJECT_ROOT, "policies");
    const file = packConfigPath(packDir, stack);
    const config: PackConfigFile = fs.existsSync(file) ? readPackConfig(file) : {};
    const served = buildPolicyConfig(packInfoOf(policies), config, path.relative(PROJECT_ROOT, file));
    return policies.map((p) => ({ name: p.name, controls: p.govstack.controls, enforcement: served[p.name].enforcement }));
}

/** A stack's settings (`namespace:key` → value), as the program reads them. */
export function stackSettings(stack: string): Record<string, unknown> {
    return readStackConfig(stack).values;
}
