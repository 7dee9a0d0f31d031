// iam-no-user-access-keys: any aws.iam.AccessKey is a long-lived secret that outlives its purpose
// and leaks; people sign in through the identity provider and automation assumes roles with
// short-lived credentials (IA-2, IA-5, AC-2).

import { readTyped, resourcePolicy, STRING } from "../../lib";
import { IAM_ACCESS_KEY } from "./resource-types";

export const iamNoUserAccessKeys = resourcePolicy({
    name: "iam-no-user-access-keys",
    description:
        "No IAM user access keys: a long-lived secret key outlives its purpose and leaks; people sign in through the " +
        "identity provider and automation assumes roles (OIDC from CI) with short-lived credentials (IA-2, IA-5, AC-2).",
    summary: "No IAM user access keys: people and automation use roles with short-lived credentials",
    severity: "high",
    controls: ["IA-2", "IA-5", "AC-2"],
    remediationSteps:
        "Delete the aws.iam.AccessKey; give the workload an IAM role (ECS task role, OIDC web identity for CI, IAM Roles " +
        "Anywhere for on-premises) instead.",
    resourceTypes: [IAM_ACCESS_KEY],
    noVerdict: [],
    validate: (ctx) => {
        // The user only names the key's owner in the message (every access key is a violation).
        const user = readTyped(ctx.props, "user", STRING);
        const whose = user.kind === "ok" && user.value !== undefined ? ` for IAM user "${user.value}"` : "";
        ctx.violation(`IAM access key "${ctx.name}" creates a long-lived credential${whose}; use an IAM role with short-lived credentials instead.`);
    },
});
