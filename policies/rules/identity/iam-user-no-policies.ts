// iam-user-no-policies: permissions held directly by an IAM user (inline policy or any kind of
// attachment) escape the group/role reviews where they are granted and revoked as a unit (AC-2, AC-6).

import { readTyped, resourcePolicy, STRING } from "../../lib";
import {
    IAM_POLICY_ATTACHMENT,
    IAM_USER_POLICY,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "./resource-types";

export const iamUserNoPolicies = resourcePolicy({
    name: "iam-user-no-policies",
    description:
        "IAM users must not hold permissions directly (inline user policies or user policy attachments): permissions go " +
        "to groups and roles, where they are reviewed and revoked as a unit (AC-2, AC-6).",
    summary: "IAM users hold no policies directly (inline or attached); permissions go to groups and roles",
    severity: "medium",
    controls: ["AC-2", "AC-6"],
    remediationSteps: "Move the policy to a group the user joins (aws.iam.GroupPolicyAttachment) or, better, to a role the user assumes.",
    resourceTypes: [
        IAM_USER_POLICY,
        IAM_USER_POLICY_ATTACHMENT,
        IAM_POLICY_ATTACHMENT,
        IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
    ],
    noVerdict: [
        {
            when: "an aws.iam.PolicyAttachment names no users (only groups and roles)",
            why: "attachments to groups and roles are where permissions belong",
        },
    ],
    validate: (ctx) => {
        if (ctx.type === IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE) {
            // An empty list is the recommended way to keep a user free of managed policies.
            const arns = ctx.readArray("policyArns");
            if (arns.ok && (arns.value ?? []).length > 0) {
                ctx.violation(`"${ctx.name}" attaches managed policies directly to an IAM user; grant permissions through a group or role instead.`);
            }
            return;
        }
        if (ctx.type === IAM_POLICY_ATTACHMENT) {
            const users = ctx.readArray("users");
            if (users.ok && (users.value ?? []).length > 0) {
                ctx.violation(`Policy attachment "${ctx.name}" attaches a policy directly to IAM users; attach it to a group or role instead.`);
            }
            return;
        }
        const kind = ctx.type === IAM_USER_POLICY ? "an inline policy" : "a managed policy";
        // The user only names whose policy it is in the message (every such resource is a violation).
        const user = readTyped(ctx.props, "user", STRING);
        const whose = user.kind === "ok" && user.value !== undefined ? ` IAM user "${user.value}"` : " an IAM user";
        ctx.violation(`"${ctx.name}" gives${whose} ${kind} directly; grant permissions through a group or role instead.`);
    },
});
