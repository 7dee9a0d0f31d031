// iam-no-admin-managed-policies: AWS-managed AdministratorAccess-class policies are Action "*"
// grants whose document AWS owns, so the document policies cannot see them; judged here by the
// ARN on every kind of attachment (AC-6, AC-6(1)).

import { resourcePolicy, STRING, STRING_OR_LIST } from "../../lib";
import {
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
    SSO_MANAGED_POLICY_ATTACHMENT,
} from "./resource-types";

/** AWS-managed policies that grant administrator or account-wide IAM power. */
export const DEFAULT_FORBIDDEN_MANAGED_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const POLICY_ATTACHMENT_TYPES = {
    [IAM_ROLE_POLICY_ATTACHMENT]: "policyArn",
    [IAM_USER_POLICY_ATTACHMENT]: "policyArn",
    [IAM_GROUP_POLICY_ATTACHMENT]: "policyArn",
    [IAM_POLICY_ATTACHMENT]: "policyArn",
    [IAM_ROLE]: "managedPolicyArns",
    // The *Exclusive resources attach every listed ARN (and detach the rest).
    [IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE]: "policyArns",
    [IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE]: "policyArns",
    [IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE]: "policyArns",
    // IAM Identity Center: attached to every role the permission set provisions.
    [SSO_MANAGED_POLICY_ATTACHMENT]: "managedPolicyArn",
} as const;

// arn:<partition>:iam::aws:policy/<optional path>/<name>: AWS-managed, so not judged by the document policies (iam-policy-no-wildcard-actions).
const AWS_MANAGED_POLICY = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

export const iamNoAdminManagedPolicies = resourcePolicy({
    name: "iam-no-admin-managed-policies",
    description:
        "No principal may be given the AWS-managed AdministratorAccess, PowerUserAccess or IAMFullAccess policies (list " +
        'configurable): they are Action "*"-class grants that the document policies cannot see, because AWS owns the ' +
        "document (AC-6, AC-6(1)).",
    summary: "No principal gets AWS-managed AdministratorAccess, PowerUserAccess or IAMFullAccess (list configurable)",
    severity: "critical",
    controls: ["AC-6", "AC-6(1)", "AC-2"],
    remediationSteps: "Replace the attachment with a customer-managed policy that lists the actions the principal needs.",
    resourceTypes: Object.keys(POLICY_ATTACHMENT_TYPES) as [string, ...string[]],
    options: {
        forbiddenManagedPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_FORBIDDEN_MANAGED_POLICIES,
            description: "Names of AWS-managed policies that must not be attached to any principal.",
        },
    },
    noVerdict: [
        {
            when: "a policy ARN (policyArn, or one element of a list) is unknown at preview",
            why: "AWS-managed policy ARNs are literals; a computed ARN comes from a customer-managed policy in the program, which the document policies judge (an unknown whole list is cannot-verify)",
        },
    ],
    validate: (ctx) => {
        const field = POLICY_ATTACHMENT_TYPES[ctx.type as keyof typeof POLICY_ATTACHMENT_TYPES];
        const isList = field === "managedPolicyArns" || field === "policyArns";
        // An unknown policyArn comes from a policy created in this stack (AWS-managed ARNs are
        // literals); an unknown managedPolicyArns list could hide a literal one.
        const arns = isList ? ctx.readAs(field, STRING_OR_LIST) : ctx.readAs(field, STRING_OR_LIST, { quiet: true });
        if (!arns.ok) {
            return;
        }
        const forbidden = new Set(ctx.config.forbiddenManagedPolicies);
        for (const [i, raw] of (arns.value ?? []).entries()) {
            // An unknown ARN is a policy created in this stack (customer-managed): the document policies judge it.
            const arn = ctx.check(raw, STRING, isList ? `${field}[${i}]` : field, { quiet: true });
            if (!arn.ok || arn.value === undefined) {
                continue;
            }
            const name = AWS_MANAGED_POLICY.exec(arn.value)?.[1];
            if (name !== undefined && forbidden.has(name)) {
                ctx.violation(`"${ctx.name}" attaches the AWS-managed policy ${name}; grant a customer-managed policy with the specific actions instead.`);
            }
        }
    },
});
