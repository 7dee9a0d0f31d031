// ecs-container-readonly-root-fs: a read-only root filesystem keeps an attacker from dropping tools
// or altering the image's binaries, so the running container stays the tested baseline (CM-7, SI-7).

import { BOOLEAN, ECS_TASK_DEFINITION, resourcePolicy } from "../../lib";
import { containerRead, containersOf, what } from "./container-definitions";

export const ecsContainerReadonlyRootFs = resourcePolicy({
    name: "ecs-container-readonly-root-fs",
    description:
        "ECS containers must have a read-only root filesystem: an attacker cannot drop tools or alter the image's binaries, " +
        "and the running container stays the tested baseline (CM-7, SI-7).",
    summary: "ECS containers have a read-only root filesystem (readonlyRootFilesystem: true)",
    severity: "medium",
    controls: ["CM-7", "SI-7"],
    remediationSteps:
        "Set `readonlyRootFilesystem: true` in each container definition and mount a task volume (e.g. at /tmp) for the " +
        "few paths the application must write.",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [],
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the root filesystem") ?? []) {
            const ro = containerRead(ctx, c, "readonlyRootFilesystem", BOOLEAN);
            if (ro.ok && ro.value !== true) {
                ctx.violation(`${what(ctx, c)} has a writable root filesystem; set readonlyRootFilesystem: true.`);
            }
        }
    },
});
