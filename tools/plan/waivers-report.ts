// The one place the plan imports pack code: the waiver matcher, to *list* the waivers in effect
// from the config the plan sent. Verdicts still come only from the pack over the protocol.
import { isWaiverActive, parseWaivers, todayUtc, waiverMatches } from "../../policies/lib/waivers";
import { multilineTableCell } from "../lib/markdown";
import type { PolicyConfigEntry } from "./analyzer-client";
import type { PlanResult } from "./run-plan";
import type { PlannedResource } from "./types";

export interface WaiverInEffect {
    policy: string;
    resource: string;
    reason: string;
    approvedBy: string;
    expires: string;
    active: boolean;
    /** Names of the stack's resources the waiver's pattern matches. */
    matches: string[];
}

export function waiversInEffect(result: PlanResult): { waivers: WaiverInEffect[]; errors: string[] } {
    const waivers: WaiverInEffect[] = [];
    const errors: string[] = [];
    const resources = result.evaluation.resources;
    for (const [policy, entry] of Object.entries(result.policyConfig)) {
        const parsed = parseWaivers(policy, entry.properties.waivers);
        errors.push(...parsed.errors);
        for (const w of parsed.waivers) {
            waivers.push({
                policy,
                ...w,
                active: isWaiverActive(w),
                matches: resources.filter((r) => waiverMatches(w, r)).map((r) => r.name),
            });
        }
    }
    return { waivers, errors };
}

/**
 * A waiver whose pattern names no resource of the stack is not a mistake the plan refuses (the
 * resource may exist in another stack, or be gone already), but it waives nothing here: one warning
 * per such waiver, naming its key in the config file. So is a waiver that has expired.
 */
export function waiverWarnings(
    policyConfig: Record<string, PolicyConfigEntry>,
    resources: readonly PlannedResource[],
    today: string = todayUtc(),
): string[] {
    const warnings: string[] = [];
    for (const [policy, entry] of Object.entries(policyConfig)) {
        const raw = entry.properties.waivers;
        if (!Array.isArray(raw)) {
            continue;
        }
        raw.forEach((w, i) => {
            const parsed = parseWaivers(policy, [w]).waivers[0];
            if (parsed && !resources.some((r) => waiverMatches(parsed, r))) {
                warnings.push(
                    `"${policy}.waivers[${i}].resource" is ${JSON.stringify(parsed.resource)}, which names no resource of this stack: ` +
                        "the waiver waives nothing here (remove it, or fix the name, URN or glob)",
                );
            } else if (parsed && !isWaiverActive(parsed, today)) {
                // Not a mistake in the file (waivers lapse by design), but the policy is enforced again.
                warnings.push(
                    `"${policy}.waivers[${i}].expires" is ${JSON.stringify(parsed.expires)}: the waiver has expired and waives nothing ` +
                        "(the policy is enforced again; renew it with a new approval, or remove it)",
                );
            }
        });
    }
    return warnings;
}

/** report.md section: every waiver in the config sent to the pack, whether it is active and what it matches. */
export function waiversSection(result: PlanResult): string[] {
    const { waivers, errors } = waiversInEffect(result);
    const lines = ["## Waivers in effect", ""];
    if (waivers.length === 0 && errors.length === 0) {
        return [...lines, "None.", ""];
    }
    if (waivers.length > 0) {
        lines.push("| Policy | Resource pattern | Matches | Status | Approved by | Reason |", "|---|---|---|---|---|---|");
        for (const w of waivers) {
            const status = w.active ? `active until ${w.expires}` : `**expired ${w.expires}** (enforced again)`;
            const matches = w.matches.length ? w.matches.join(", ") : "_nothing in this stack_";
            lines.push(`| \`${w.policy}\` | \`${multilineTableCell(w.resource)}\` | ${multilineTableCell(matches)} | ${status} | ${multilineTableCell(w.approvedBy)} | ${multilineTableCell(w.reason)} |`);
        }
        lines.push("");
    }
    for (const e of errors) {
        lines.push(`- ${multilineTableCell(e)}`);
    }
    return [...lines, ""];
}
