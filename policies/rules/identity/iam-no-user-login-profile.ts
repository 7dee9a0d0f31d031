// iam-no-user-login-profile: an aws.iam.UserLoginProfile gives an IAM user a console password, a
// long-lived shared-secret authenticator outside the identity provider; people sign in through
// federation or IAM Identity Center with MFA (IA-2, IA-5, AC-2).

import { readTyped, resourcePolicy, STRING } from "../../lib";
import { IAM_USER_LOGIN_PROFILE } from "./resource-types";

export const iamNoUserLoginProfile = resourcePolicy({
    name: "iam-no-user-login-profile",
    description:
        "No IAM user console passwords (aws.iam.UserLoginProfile): a password on an IAM user is a long-lived authenticator " +
        "managed outside the identity provider, without its MFA, session and offboarding controls; people sign in through " +
        "federation or IAM Identity Center (IA-2, IA-5, AC-2).",
    summary: "No IAM user console passwords: people sign in through federation or IAM Identity Center",
    severity: "high",
    controls: ["IA-2", "IA-5", "AC-2"],
    remediationSteps:
        "Delete the aws.iam.UserLoginProfile; give the person a permission set in IAM Identity Center (or a role assumed " +
        "through the organization's SAML/OIDC identity provider).",
    resourceTypes: [IAM_USER_LOGIN_PROFILE],
    noVerdict: [],
    validate: (ctx) => {
        // The user only labels the message (a malformed one is left out): every login profile is a violation.
        const user = readTyped(ctx.props, "user", STRING);
        const whose = user.kind === "ok" && user.value !== undefined ? ` for IAM user "${user.value}"` : "";
        ctx.violation(
            `IAM user login profile "${ctx.name}" creates a console password${whose}; sign people in through IAM Identity Center or federation instead.`,
        );
    },
});
