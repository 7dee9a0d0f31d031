// iam-no-inline-policies: permissions come from customer-managed policies, never inline ones
// (aws.iam.RolePolicy, UserPolicy, GroupPolicy, a role's inlinePolicies). A managed policy is a
// resource of its own — versioned, listable, attachable to several principals and visible to IAM
// Access Analyzer and Config as such — so what a principal may do is reviewed in one place
// (AC-2, AC-6, AC-3); cdk-nag NIST 800-53 rev5 IAMNoInlinePolicy judges the same.

import { resourcePolicy } from "../../lib";

const INLINE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    "aws:iam/rolePolicy:RolePolicy": ["IAM role policy", "role"],
    "aws:iam/userPolicy:UserPolicy": ["IAM user policy", "user"],
    "aws:iam/groupPolicy:GroupPolicy": ["IAM group policy", "group"],
};
const ROLE = "aws:iam/role:Role";

export const iamNoInlinePolicies = resourcePolicy({
    name: "iam-no-inline-policies",
    description:
        "No inline IAM policies (aws.iam.RolePolicy, UserPolicy, GroupPolicy, or a role's inlinePolicies): permissions come from " +
        "customer-managed policies attached to the principal, which are versioned, reviewable and reported on their own (AC-2, AC-6, AC-3). " +
        "An inlinePolicies entry with no policy (the provider's way to remove every inline policy) is not a policy.",
    summary: "No inline IAM policies (RolePolicy, UserPolicy, GroupPolicy, role inlinePolicies): use customer-managed policies",
    severity: "medium",
    controls: ["AC-2", "AC-6", "AC-3"],
    anchors: [
        "NIST.800.53.R5-IAMNoInlinePolicy",
        "3ddfa124-6407-4845-a501-179f90c65097", // KICS: Authentication Without MFA
    ],
    remediationSteps:
        "Move the document into an aws.iam.Policy (named with the estate prefix) and attach it with an aws.iam.RolePolicyAttachment " +
        "(infra/components/shared/role-policy.ts rolePermissions does both); drop the RolePolicy or inlinePolicies entry.",
    resourceTypes: [ROLE, ...(Object.keys(INLINE_TYPES) as [string, ...string[]])],
    noVerdict: [
        {
            when: "an IAM role has no inlinePolicies, or only entries without a policy document",
            why: "no inline grant exists; the role's attached customer-managed policies are judged by the document policies",
        },
    ],
    validate: (ctx) => {
        if (ctx.type !== ROLE) {
            const [noun, path] = INLINE_TYPES[ctx.type];
            const owner = ctx.read(path);
            const whose = owner.known && typeof owner.value === "string" ? ` on "${owner.value}"` : "";
            ctx.violation(`${noun} "${ctx.name}" is an inline policy${whose}; use a customer-managed aws.iam.Policy and attach it.`);
            return;
        }
        const inline = ctx.read("inlinePolicies");
        if (!inline.known) {
            ctx.cannotVerify("inlinePolicies");
            return;
        }
        if (inline.value === undefined || inline.value === null) {
            return;
        }
        if (!Array.isArray(inline.value)) {
            ctx.violation(`IAM role "${ctx.name}": cannot evaluate inlinePolicies: expected a list.`);
            return;
        }
        let unknownSeen = false;
        const named: string[] = [];
        inline.value.forEach((entry: unknown, i: number) => {
            const policy = ctx.read("policy", entry);
            const name = ctx.read("name", entry);
            if (!policy.known) {
                unknownSeen = true;
            } else if (policy.value !== undefined && policy.value !== null && policy.value !== "") {
                named.push(name.known && typeof name.value === "string" ? `"${name.value}"` : `#${i}`);
            }
        });
        if (named.length > 0) {
            ctx.violation(`IAM role "${ctx.name}" has inline policies ${named.join(", ")}; use customer-managed aws.iam.Policy resources and attach them.`);
        } else if (unknownSeen) {
            ctx.cannotVerify("inlinePolicies policy");
        }
    },
});
