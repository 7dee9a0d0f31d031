// iam-no-user-access-keys: any aws.iam.AccessKey is a long-lived secret that outlives its purpose
// and leaks; people sign in through the identity provider and automation assumes roles with
// short-lived credentials (IA-2, IA-5, AC-2).

import { readTyped, resourcePolicy, STRING } from "../../lib";

export const iamNoUserAccessKeys = resourcePolicy({
    name: "iam-no-user-access-keys",
    description:
        "No IAM user access keys: a long-lived secret key outlives its purpose and leaks; people sign in through the " +
        "identity provider and automation assumes roles (OIDC from CI) with short-lived credentials (IA-2, IA-5, AC-2).",
    summary: "No IAM user access keys: people and automation use roles with short-lived credentials",
    severity: "high",
    controls: ["IA-2", "IA-5", "AC-2"],
    anchors: [
        "access-keys-rotated",
        "7081f85c-b94d-40fd-8b45-a4f1cac75e46", // KICS: IAM Access Key Is Exposed
        "3561130e-9c5f-485b-9e16-2764c82763e5", // KICS: IAM User Has Too Many Access Keys
        "970d224d-b42a-416b-81f9-8f4dfe70c4bc", // KICS: Root Account Has Active Access Keys
    ],
    remediationSteps:
        "Delete the aws.iam.AccessKey; give the workload an IAM role (ECS task role, OIDC web identity for CI, IAM Roles " +
        "Anywhere for on-premises) instead.",
    resourceTypes: ["aws:iam/accessKey:AccessKey"],
    noVerdict: [],
    validate: (ctx) => {
        // The user only names the key's owner in the message (every access key is a violation).
        const user = readTyped(ctx.props, "user", STRING);
        const whose = user.kind === "ok" && user.value !== undefined ? ` for IAM user "${user.value}"` : "";
        ctx.violation(`IAM access key "${ctx.name}" creates a long-lived credential${whose}; use an IAM role with short-lived credentials instead.`);
    },
});
