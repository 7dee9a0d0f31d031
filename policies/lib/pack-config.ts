// What a --policy-pack-config file can get wrong that only the pack's code can see. Everything the
// pack serves in GetAnalyzerInfo — policy names, levels, each option's JSON schema (built from its
// spec by lib/config.ts), the waivers' schema — is resolved and checked in one place, where the
// `configure` request is built from the served info exactly as the Pulumi CLI builds it:
// tools/plan/pack-config.ts (the offline plan, the benchmark and the tests all go through it).
// GetAnalyzerInfo does not say whether a policy has a remediation, so that check stays here.

import type { GovPolicy } from "./policy";

/**
 * "remediate" on a policy without a remediation fixes nothing: the server reports its violations
 * as mandatory. Returns one message per such entry (empty when there is none).
 */
export function remediationLevelErrors(config: Readonly<Record<string, unknown>>, policies: readonly GovPolicy[]): string[] {
    const errors: string[] = [];
    for (const policy of policies) {
        const entry = config[policy.name];
        const level = typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown } | undefined)?.enforcementLevel;
        if (level === "remediate" && !("remediateResource" in policy && policy.remediateResource)) {
            errors.push(`"${policy.name}" is set to "remediate" but has no remediation; use "mandatory" or "advisory"`);
        }
    }
    return errors;
}
