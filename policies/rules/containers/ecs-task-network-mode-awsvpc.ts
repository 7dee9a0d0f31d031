// ecs-task-network-mode-awsvpc: every task gets its own network interface and security group
// (SC-7, AC-4): in bridge or host mode tasks share the instance's interface and security group, and
// in none they have no network the VPC's controls (flow logs, security groups) can see.

import { ECS_TASK_DEFINITION, resourcePolicy } from "../../lib";

// RegisterTaskDefinition networkMode (botocore ECS model, NetworkMode): bridge | host | awsvpc |
// none; "If no network mode is specified, the default is bridge." Read as ecs-container-not-privileged
// reads it (case and surrounding space folded), so the two never disagree on what a value is.
const NETWORK_MODES = ["bridge", "host", "awsvpc", "none"] as const;

export const ecsTaskNetworkModeAwsvpc = resourcePolicy({
    name: "ecs-task-network-mode-awsvpc",
    description:
        'ECS task definitions must use networkMode "awsvpc": each task gets its own elastic network interface, private IP and ' +
        "security groups, so the VPC's boundary controls and flow logs apply per task. bridge (the default when unset) and host " +
        "share the instance's interface and security group among every task on it (and host its network stack), none leaves the " +
        "task outside them (SC-7, AC-4). Fargate requires awsvpc. A mode ECS does not define is never an exemption.",
    summary: 'ECS task definitions use networkMode "awsvpc" (not bridge, host, none or unset)',
    severity: "medium",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        'Set `networkMode: "awsvpc"` on the aws.ecs.TaskDefinition and give the service a `networkConfiguration` (private subnets, ' +
        "the task's security groups, no public IP).",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [],
    validate: (ctx) => {
        const mode = ctx.readEnum("networkMode", NETWORK_MODES, { ignoreCase: true, trim: true });
        if (!mode.ok || mode.value === "awsvpc") {
            return;
        }
        ctx.violation(
            mode.value === undefined
                ? `${ctx.label} sets no networkMode, so its tasks run in bridge mode; set networkMode: "awsvpc".`
                : `${ctx.label} uses networkMode "${mode.value}"; set networkMode: "awsvpc".`,
        );
    },
});
