// iam-no-inline-policies: permissions come from customer-managed policies, never inline ones
// (aws.iam.RolePolicy, UserPolicy, GroupPolicy, a role's inlinePolicies). A managed policy is a
// resource of its own — versioned, listable, attachable to several principals and visible to IAM
// Access Analyzer and Config as such — so what a principal may do is reviewed in one place
// (AC-2, AC-6, AC-3); cdk-nag NIST 800-53 rev5 IAMNoInlinePolicy judges the same.

import { Guard, OBJECT, readTyped, resourcePolicy, STRING } from "../../lib";
import { IAM_GROUP_POLICY, IAM_ROLE, IAM_ROLE_POLICY, IAM_USER_POLICY } from "./resource-types";

const INLINE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    [IAM_ROLE_POLICY]: ["IAM role policy", "role"],
    [IAM_USER_POLICY]: ["IAM user policy", "user"],
    [IAM_GROUP_POLICY]: ["IAM group policy", "group"],
};

/** An inline policy document: its JSON text, or the object itself. */
const DOCUMENT: Guard<string | Readonly<Record<string, unknown>>> = {
    expected: "a policy document (JSON text or an object)",
    parse: (v) => STRING.parse(v) ?? OBJECT.parse(v),
};

export const iamNoInlinePolicies = resourcePolicy({
    name: "iam-no-inline-policies",
    description:
        "No inline IAM policies (aws.iam.RolePolicy, UserPolicy, GroupPolicy, or a role's inlinePolicies): permissions come from " +
        "customer-managed policies attached to the principal, which are versioned, reviewable and reported on their own (AC-2, AC-6, AC-3). " +
        "An inlinePolicies entry with no policy (the provider's way to remove every inline policy) is not a policy.",
    summary: "No inline IAM policies (RolePolicy, UserPolicy, GroupPolicy, role inlinePolicies): use customer-managed policies",
    severity: "medium",
    controls: ["AC-2", "AC-6", "AC-3"],
    remediationSteps:
        "Move the document into an aws.iam.Policy (named with the estate prefix) and attach it with an aws.iam.RolePolicyAttachment " +
        "(infra/components/shared/role-policy.ts rolePermissions does both); drop the RolePolicy or inlinePolicies entry.",
    resourceTypes: [IAM_ROLE, ...(Object.keys(INLINE_TYPES) as [string, ...string[]])],
    noVerdict: [
        {
            when: "an IAM role has no inlinePolicies, or only entries without a policy document",
            why: "no inline grant exists; the role's attached customer-managed policies are judged by the document policies",
        },
    ],
    validate: (ctx) => {
        if (ctx.type !== IAM_ROLE) {
            const [noun, path] = INLINE_TYPES[ctx.type];
            // The owner only labels the message (a malformed one is left out): every inline policy resource is a violation.
            const owner = readTyped(ctx.props, path, STRING);
            const whose = owner.kind === "ok" && owner.value !== undefined ? ` on "${owner.value}"` : "";
            ctx.violation(`${noun} "${ctx.name}" is an inline policy${whose}; use a customer-managed aws.iam.Policy and attach it.`);
            return;
        }
        const inline = ctx.readArray("inlinePolicies");
        if (!inline.ok) {
            return; // unknown → advisory; malformed → the unwaivable "Cannot evaluate" (both reported)
        }
        let unknownSeen = false;
        let malformed = false;
        const named: string[] = [];
        (inline.value ?? []).forEach((entry: unknown, i: number) => {
            const at = `inlinePolicies[${i}]`;
            // The document (JSON text, or an object); an entry without one removes inline policies (not a policy).
            const policy = ctx.readAs("policy", DOCUMENT, { from: entry, at, quiet: true });
            if (!policy.ok) {
                unknownSeen = unknownSeen || policy.unknown;
                malformed = malformed || !policy.unknown;
            } else if (policy.value !== undefined && policy.value !== "") {
                const name = readTyped(entry, "name", STRING); // labels the message only
                named.push(name.kind === "ok" && name.value !== undefined ? `"${name.value}"` : `#${i}`);
            }
        });
        if (named.length > 0) {
            ctx.violation(`IAM role "${ctx.name}" has inline policies ${named.join(", ")}; use customer-managed aws.iam.Policy resources and attach them.`);
        } else if (unknownSeen && !malformed) {
            ctx.cannotVerify("inlinePolicies policy");
        }
    },
});
