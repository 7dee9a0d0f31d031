// ecs-task-efs-iam-authorization: a task mounts EFS as its task role (AC-3, IA-2), so the file
// system's policy decides which tasks may mount and write, not the network alone.

import { ECS_TASK_DEFINITION, resourcePolicy } from "../../lib";
import { efsVolumesOf } from "./task-volumes";

// EFSAuthorizationConfig.iam (botocore ECS model): ENABLED | DISABLED, "If this parameter is
// omitted, the default value of DISABLED is used"; "If it is turned on, transit encryption must be
// turned on" (ecs-task-efs-transit-encryption).
const IAM = ["ENABLED", "DISABLED"] as const;

export const ecsTaskEfsIamAuthorization = resourcePolicy({
    name: "ecs-task-efs-iam-authorization",
    description:
        "Every EFS volume of an ECS task definition must mount with IAM authorization (authorizationConfig.iam: ENABLED): the task " +
        "role is then the identity EFS sees, and the file system policy can allow or deny it (read-only, root access, which access " +
        "point). Without it any client that reaches a mount target mounts as an anonymous NFS client (AC-3, IA-2). A value ECS does " +
        "not define is never an exemption.",
    summary: "ECS task definitions mount EFS volumes with IAM authorization (the task role)",
    severity: "medium",
    controls: ["AC-3", "IA-2"],
    remediationSteps:
        'Set `authorizationConfig: { iam: "ENABLED" }` (ideally with an `accessPointId`) and `transitEncryption: "ENABLED"` in each ' +
        "`volumes[].efsVolumeConfiguration`, and grant the task role elasticfilesystem:ClientMount (and ClientWrite if needed) in the " +
        "file system policy.",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [{ when: "the task definition has no EFS volume", why: "there is no EFS mount to authorize" }],
    validate: (ctx) => {
        for (const v of efsVolumesOf(ctx, "volumes (EFS IAM authorization)") ?? []) {
            const iam = ctx.readEnum("authorizationConfig.iam", IAM, { from: v.config, at: v.at });
            if (iam.ok && iam.value !== "ENABLED") {
                ctx.violation(`${v.label} is mounted without IAM authorization; set authorizationConfig.iam: "ENABLED".`);
            }
        }
    },
});
