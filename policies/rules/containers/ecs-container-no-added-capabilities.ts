// ecs-container-no-added-capabilities: added Linux capabilities are judged against an allow list
// (deny by default), because a deny list of the dangerous ones misses the next one (AC-6, CM-7, SC-39).

import { ECS_TASK_DEFINITION, resourcePolicy, STRING, STRING_OR_LIST } from "../../lib";
import { containerRead, containersOf, what } from "./container-definitions";

/** "CAP_SYS_ADMIN" and "sys_admin" both name SYS_ADMIN. */
function capabilityName(value: string): string {
    return value.trim().toUpperCase().replace(/^CAP_/, "");
}

export const ecsContainerNoAddedCapabilities = resourcePolicy({
    name: "ecs-container-no-added-capabilities",
    description:
        "ECS containers must not add Linux capabilities (linuxParameters.capabilities.add) beyond an explicit allow list " +
        "(empty by default): deny by default, because a deny list of the dangerous ones (SYS_ADMIN, NET_ADMIN, ALL …) " +
        "misses the next one (AC-6, CM-7).",
    summary: "ECS containers add no Linux capabilities beyond an explicit allow list (empty by default)",
    severity: "high",
    controls: ["AC-6", "CM-7", "SC-39"],
    remediationSteps:
        'Remove `linuxParameters.capabilities.add` (keep `drop: ["ALL"]`); if one capability is truly needed, add it to ' +
        "this policy's `allowedCapabilities` in the stack's pack config with a justification.",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [
        {
            when: "an added capability is in allowedCapabilities (pack config; ALL never is)",
            why: "an explicit, reviewed exception in the stack's config, with its justification there",
        },
    ],
    options: {
        allowedCapabilities: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'Capabilities a container may add (e.g. "SYS_PTRACE"); "CAP_" prefix and case are ignored. ALL is never allowed.',
        },
    },
    validate: (ctx) => {
        const allowed = new Set(ctx.config.allowedCapabilities.map(capabilityName));
        allowed.delete("ALL");
        for (const c of containersOf(ctx, "added capabilities") ?? []) {
            // A list of names (a single name is read as a one-element list, as before).
            const add = containerRead(ctx, c, "linuxParameters.capabilities.add", STRING_OR_LIST);
            if (!add.ok) {
                continue;
            }
            const denied: string[] = [];
            let unknownCap = false;
            (add.value ?? []).forEach((raw, i) => {
                const cap = ctx.check(raw, STRING, `${c.at}.linuxParameters.capabilities.add[${i}]`, { quiet: true });
                if (!cap.ok) {
                    unknownCap ||= cap.unknown;
                } else if (cap.value !== undefined && !allowed.has(capabilityName(cap.value))) {
                    denied.push(capabilityName(cap.value));
                }
            });
            if (denied.length > 0) {
                ctx.violation(`${what(ctx, c)} adds Linux capabilities ${denied.join(", ")}; remove them from linuxParameters.capabilities.add.`);
            }
            if (unknownCap) {
                ctx.cannotVerify(`${c.label} linuxParameters.capabilities.add`);
            }
        }
    },
});
