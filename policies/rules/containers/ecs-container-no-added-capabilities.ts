// ecs-container-no-added-capabilities: added Linux capabilities are judged against an allow list
// (deny by default), because a deny list of the dangerous ones misses the next one (AC-6, CM-7, SC-39).

import { isUnknown, resourcePolicy } from "../../lib";
import { containerField, containersOf, TASK_DEFINITION, what } from "./container-definitions";

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
    resourceTypes: [TASK_DEFINITION],
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
            const add = containerField(c.def, "linuxParameters.capabilities.add");
            if (!add.known) {
                ctx.cannotVerify(`${c.label} linuxParameters.capabilities.add`);
                continue;
            }
            const list = Array.isArray(add.value) ? add.value : add.value === undefined || add.value === null ? [] : [add.value];
            const denied: string[] = [];
            let unknownCap = false;
            for (const cap of list) {
                if (typeof cap !== "string" || isUnknown(cap)) {
                    unknownCap ||= isUnknown(cap);
                    continue;
                }
                if (!allowed.has(capabilityName(cap))) {
                    denied.push(capabilityName(cap));
                }
            }
            if (denied.length > 0) {
                ctx.violation(`${what(ctx, c)} adds Linux capabilities ${denied.join(", ")}; remove them from linuxParameters.capabilities.add.`);
            }
            if (unknownCap) {
                ctx.cannotVerify(`${c.label} linuxParameters.capabilities.add`);
            }
        }
    },
});
