// ecs-task-efs-transit-encryption: a task's EFS volumes are mounted over TLS (SC-8, SC-8(1)): NFS
// between the ECS host and EFS is otherwise plaintext on the network.

import { ECS_TASK_DEFINITION, resourcePolicy } from "../../lib";
import { efsVolumesOf } from "./task-volumes";

// EFSVolumeConfiguration.transitEncryption (botocore ECS model): ENABLED | DISABLED, "If this
// parameter is omitted, the default value of DISABLED is used."
const TRANSIT = ["ENABLED", "DISABLED"] as const;

export const ecsTaskEfsTransitEncryption = resourcePolicy({
    name: "ecs-task-efs-transit-encryption",
    description:
        "Every EFS volume of an ECS task definition must set transitEncryption: ENABLED, so the mount between the ECS host and EFS " +
        "runs over TLS; the default, DISABLED, sends file data as plaintext NFS across the VPC (SC-8, SC-8(1)). A value ECS does not " +
        "define is never an exemption.",
    summary: "ECS task definitions mount EFS volumes with transit encryption (TLS)",
    severity: "high",
    controls: ["SC-8", "SC-8(1)"],
    remediationSteps:
        'Set `transitEncryption: "ENABLED"` in each `volumes[].efsVolumeConfiguration` of the aws.ecs.TaskDefinition (and allow ' +
        "port 2049 from the task's security group to the mount targets).",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [{ when: "the task definition has no EFS volume", why: "there is no EFS mount to encrypt" }],
    validate: (ctx) => {
        for (const v of efsVolumesOf(ctx, "volumes (EFS transit encryption)") ?? []) {
            const transit = ctx.readEnum("transitEncryption", TRANSIT, { from: v.config, at: v.at });
            if (transit.ok && transit.value !== "ENABLED") {
                ctx.violation(`${v.label} is mounted without transit encryption; set transitEncryption: "ENABLED".`);
            }
        }
    },
});
