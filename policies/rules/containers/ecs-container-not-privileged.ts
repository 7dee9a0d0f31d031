// ecs-container-not-privileged: privileged mode, host devices and the host's PID, IPC or network
// namespace each remove the isolation between a task and its host (SC-39, AC-6, CM-7).

import { ARRAY, BOOLEAN, ECS_TASK_DEFINITION, resourcePolicy, STRING } from "../../lib";
import { containerRead, containersOf, containerTyped, what } from "./container-definitions";

/**
 * Task-level modes that put the task's containers in one of the host's namespaces. Each is an
 * escape path like privileged: pidMode "host" lets a container see, ptrace and signal every host
 * process (a root container can nsenter into PID 1); ipcMode "host" shares the host's shared memory
 * and semaphores; networkMode "host" shares the host's network stack — no per-task ENI or security
 * group, host ports and loopback services (the ECS agent's introspection, other tasks' localhost
 * ports) and the EC2 instance role's credentials at IMDS become reachable (SC-39, SC-7).
 * Fargate rejects all three; the EC2 launch type accepts them.
 */
const HOST_NAMESPACE_MODES: ReadonlyArray<{ path: string; values: readonly string[]; shares: string; fix: string }> = [
    { path: "pidMode", values: ["host", "task"], shares: "process (PID) namespace", fix: 'remove pidMode or set it to "task"' },
    { path: "ipcMode", values: ["host", "task", "none"], shares: "IPC namespace", fix: 'remove ipcMode or set it to "task" or "none"' },
    { path: "networkMode", values: ["none", "bridge", "awsvpc", "host"], shares: "network stack", fix: 'set networkMode to "awsvpc"' },
];

export const ecsContainerNotPrivileged = resourcePolicy({
    name: "ecs-container-not-privileged",
    description:
        "ECS containers must not be privileged nor share the host's namespaces or devices: `privileged: true` gives the " +
        'container root on the host\'s devices and kernel; a task with pidMode, ipcMode or networkMode "host" shares the ' +
        "host's processes, IPC or network stack (and the instance role's credentials), and `linuxParameters.devices` " +
        "passes host devices in — each removes the isolation between tasks and the host (SC-39, AC-6).",
    summary: "ECS containers are not privileged, get no host devices and share no host PID, IPC or network namespace",
    severity: "critical",
    controls: ["AC-6", "CM-7", "SC-39"],
    remediationSteps:
        "Remove `privileged` from the container definition (or set it to false) and `linuxParameters.devices`; remove " +
        '`pidMode`/`ipcMode` (or set them to "task") and use `networkMode: "awsvpc"`. Fargate rejects all of these anyway.',
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [],
    validate: (ctx) => {
        for (const mode of HOST_NAMESPACE_MODES) {
            // The modes AWS defines, in any case and spacing the old check folded: a misspelt mode is malformed, not "not host".
            const value = ctx.readEnum(mode.path, mode.values, { ignoreCase: true, trim: true });
            if (value.ok && value.value === "host") {
                ctx.violation(`Task definition "${ctx.name}" shares the host's ${mode.shares} (${mode.path} "${value.value}"); ${mode.fix}.`);
            }
        }
        for (const c of containersOf(ctx, "privileged mode") ?? []) {
            const privileged = containerRead(ctx, c, "privileged", BOOLEAN);
            if (privileged.ok && privileged.value === true) {
                ctx.violation(`${what(ctx, c)} is privileged; remove privileged: true.`);
            }
            const devices = containerRead(ctx, c, "linuxParameters.devices", ARRAY);
            if (devices.ok && devices.value !== undefined && devices.value.length > 0) {
                // Any device is host hardware in the container: flagged whatever its path (or if its path is computed).
                const paths = devices.value.map((d, i) => {
                    const host = containerTyped(d, "hostPath", STRING, `${c.at}.linuxParameters.devices[${i}]`);
                    return host.kind === "ok" && host.value !== undefined ? host.value : "a computed path";
                });
                ctx.violation(`${what(ctx, c)} passes host devices into the container (${paths.join(", ")}); remove linuxParameters.devices.`);
            }
        }
    },
});
