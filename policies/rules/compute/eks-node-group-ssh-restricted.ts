// eks-node-group-ssh-restricted: an EKS managed node group that allows remote access names the
// security groups it may come from. With an SSH key and no source groups, EKS opens port 22
// (3389 on Windows) on every worker node to 0.0.0.0/0 (SC-7, AC-17; KICS "EKS node group remote
// access disabled").

import { EKS_NODE_GROUP, resourcePolicy } from "../../lib";

export const eksNodeGroupSshRestricted = resourcePolicy({
    name: "eks-node-group-ssh-restricted",
    description:
        "An EKS managed node group with `remoteAccess.ec2SshKey` must list `remoteAccess.sourceSecurityGroupIds`: without them " +
        "EKS opens port 22 (3389 on Windows) on every worker node to 0.0.0.0/0 (SC-7, AC-17). Better, drop remote access and " +
        "reach nodes through AWS Systems Manager Session Manager.",
    summary: "EKS node groups with an SSH key restrict remote access to listed security groups (never 0.0.0.0/0)",
    severity: "high",
    controls: ["SC-7", "AC-17"],
    remediationSteps:
        "Remove `remoteAccess` and use Session Manager, or set `remoteAccess.sourceSecurityGroupIds` to the bastion's or " +
        "operators' security group.",
    resourceTypes: [EKS_NODE_GROUP],
    noVerdict: [
        {
            when: "a node group has no remote access SSH key",
            why: "without a key EKS opens no port on the nodes",
        },
    ],
    validate: (ctx) => {
        const key = ctx.readString("remoteAccess.ec2SshKey");
        if (!key.ok || key.value === undefined || key.value === "") {
            return; // no SSH key: EKS opens nothing (unknown and malformed are reported)
        }
        const sources = ctx.readArray("remoteAccess.sourceSecurityGroupIds");
        if (sources.ok && (sources.value ?? []).length === 0) {
            ctx.violation(
                `${ctx.label} allows SSH with key ${JSON.stringify(key.value)} but names no source security group, so ` +
                    "EKS opens port 22 to 0.0.0.0/0; set remoteAccess.sourceSecurityGroupIds, or remove remoteAccess and use Session Manager.",
            );
        }
    },
});
