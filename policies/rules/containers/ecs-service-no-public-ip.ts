// ecs-service-no-public-ip: tasks live in private subnets behind the load balancer, so nothing
// that launches ECS tasks (services, task sets, EventBridge targets, schedules, pipes) may give
// them a public IP (SC-7, AC-4).

import { BOOLEAN, ECS_SERVICE, Guard, oneOf, resourcePolicy } from "../../lib";
import { CLOUDWATCH_EVENT_TARGET, ECS_TASK_SET, PIPES_PIPE, SCHEDULER_SCHEDULE } from "./resource-types";

/**
 * Every resource that launches ECS tasks with an awsvpc network configuration, and where it says
 * whether a task gets a public IP: services, their task sets (EXTERNAL deployments), and the
 * EventBridge rule targets, schedules and pipes that run tasks on their own.
 */
// Pipes spell it as a string, ENABLED | DISABLED (any case and spacing, as the old check folded it).
const PIPE_ASSIGN_PUBLIC_IP = oneOf(["ENABLED", "DISABLED"], { ignoreCase: true, trim: true });

const PUBLIC_IP_SETTINGS: Readonly<Record<string, { noun: string; path: string; off: string; guard: Guard<boolean | string>; isPublic(value: boolean | string): boolean }>> = {
    [ECS_SERVICE]: { noun: "ECS service", path: "networkConfiguration.assignPublicIp", off: "false", guard: BOOLEAN, isPublic: (v) => v === true },
    [ECS_TASK_SET]: { noun: "ECS task set", path: "networkConfiguration.assignPublicIp", off: "false", guard: BOOLEAN, isPublic: (v) => v === true },
    [CLOUDWATCH_EVENT_TARGET]: {
        noun: "EventBridge target",
        path: "ecsTarget.networkConfiguration.assignPublicIp",
        off: "false",
        guard: BOOLEAN,
        isPublic: (v) => v === true,
    },
    [SCHEDULER_SCHEDULE]: {
        noun: "EventBridge schedule",
        path: "target.ecsParameters.networkConfiguration.assignPublicIp",
        off: "false",
        guard: BOOLEAN,
        isPublic: (v) => v === true,
    },
    [PIPES_PIPE]: {
        noun: "EventBridge pipe",
        path: "targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp",
        off: '"DISABLED"',
        guard: PIPE_ASSIGN_PUBLIC_IP,
        isPublic: (v) => v === "ENABLED",
    },
};

export const ecsServiceNoPublicIp = resourcePolicy({
    name: "ecs-service-no-public-ip",
    description:
        "ECS services must not assign public IPs to tasks (nor may their task sets, or EventBridge rules, schedules and pipes " +
        "that run ECS tasks): tasks live in private subnets behind the load balancer and reach " +
        "AWS through VPC endpoints or NAT, so no task is addressable from the internet (SC-7).",
    summary: "ECS services, task sets and EventBridge targets, schedules and pipes that run tasks assign no public IPs",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Set `networkConfiguration.assignPublicIp: false` (the default; pipes: `awsVpcConfiguration.assignPublicIp: \"DISABLED\"`) " +
        "and use private subnets.",
    resourceTypes: [ECS_SERVICE, ECS_TASK_SET, CLOUDWATCH_EVENT_TARGET, SCHEDULER_SCHEDULE, PIPES_PIPE],
    noVerdict: [],
    validate: (ctx) => {
        const setting = PUBLIC_IP_SETTINGS[ctx.type];
        if (setting === undefined) {
            return;
        }
        const pub = ctx.readAs(setting.path, setting.guard);
        if (pub.ok && pub.value !== undefined && setting.isPublic(pub.value)) {
            const does = ctx.type.startsWith("aws:ecs/") ? "assigns public IPs to its tasks" : "runs ECS tasks with public IPs";
            ctx.violation(`${setting.noun} "${ctx.name}" ${does}; set ${setting.path} to ${setting.off}.`);
        }
    },
});
