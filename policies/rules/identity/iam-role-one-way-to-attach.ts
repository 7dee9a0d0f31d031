// iam-role-one-way-to-attach: a role's policies are attached one way only (CM-2, CM-6, AC-6).
//
// An aws.iam.Role that sets managedPolicyArns or inlinePolicies declares the EXCLUSIVE set: the
// provider aligns the role with it on every update, detaching managed policies and deleting inline
// policies it does not list — including those that aws.iam.RolePolicyAttachment, PolicyAttachment
// (roles) or RolePolicy resources add. The two then fight: each `up` undoes the other, and what the
// role may do depends on which ran last (pulumi-aws Role docs, managedPolicyArns / inlinePolicies:
// "Configuring an empty set (i.e., managedPolicyArns = []) will cause Pulumi to remove all managed
// policy attachments"; "Configuring one empty block … remove all inline policies added out of band"
// — so an empty list counts as set). The baseline the reviewers approved is then not the one
// deployed.
//
// Tied through the stack graph: an attachment's role (name) matches a Role's name or id, or, when
// unknown at preview, its property dependency on the Role. An attachment whose role cannot be tied
// while a role of the stack manages its policies exclusively is advisory.

import { ARRAY, isUnknown, Malformed, readTyped, stackPolicy, StackResource, STRING_OR_LIST } from "../../lib";
import { IAM_POLICY_ATTACHMENT, IAM_ROLE, IAM_ROLE_POLICY, IAM_ROLE_POLICY_ATTACHMENT } from "./resource-types";

/** Attachment type → [noun, property naming the role(s)]. */
const ATTACHMENT_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    [IAM_ROLE_POLICY_ATTACHMENT]: ["RolePolicyAttachment", "role"],
    [IAM_POLICY_ATTACHMENT]: ["PolicyAttachment", "roles"],
    [IAM_ROLE_POLICY]: ["RolePolicy", "role"],
};
const ROLE_KEYS = ["name", "id"];

type Exclusive = { readonly kind: "yes"; readonly fields: readonly string[] } | { readonly kind: "no" } | { readonly kind: "unknown"; readonly what: string } | { readonly kind: "malformed"; readonly found: Malformed };

/**
 * Does the role declare an exclusive set (managedPolicyArns present, inlinePolicies with a block)?
 * Read with the pure guard: a list of the wrong type is reported only for a role that attachments
 * target (where the verdict depends on it), as the unwaivable "Cannot evaluate".
 */
function exclusiveSets(role: StackResource): Exclusive {
    const fields: string[] = [];
    const unknowns: string[] = [];
    for (const field of ["managedPolicyArns", "inlinePolicies"] as const) {
        const v = readTyped(role.props, field, ARRAY);
        if (v.kind === "unknown") {
            unknowns.push(field);
        } else if (v.kind === "malformed") {
            return { kind: "malformed", found: v };
        } else if (v.value !== undefined && (field === "managedPolicyArns" || v.value.length > 0)) {
            fields.push(field);
        }
    }
    if (fields.length > 0) {
        return { kind: "yes", fields };
    }
    return unknowns.length > 0 ? { kind: "unknown", what: unknowns.join(", ") } : { kind: "no" };
}

export const iamRoleOneWayToAttach = stackPolicy({
    name: "iam-role-one-way-to-attach",
    description:
        "An IAM role that sets managedPolicyArns or inlinePolicies (the provider's exclusive sets; an empty managedPolicyArns " +
        "list counts) must not also be the target of aws.iam.RolePolicyAttachment, PolicyAttachment or RolePolicy resources: " +
        "the provider detaches on every update what the role does not list, so the two fight and the deployed permissions " +
        "drift from the reviewed baseline (CM-2, CM-6, AC-6). Tied by role name or id, or by property dependency at preview.",
    summary: "A role's policies come one way: not managedPolicyArns/inlinePolicies and attachment resources both",
    severity: "medium",
    controls: ["CM-2", "CM-6", "AC-6"],
    remediationSteps:
        "Attach policies one way: drop managedPolicyArns and inlinePolicies from the aws.iam.Role and attach customer-managed " +
        "policies with aws.iam.RolePolicyAttachment (infra/components/shared/role-policy.ts rolePermissions), or list every " +
        "policy in managedPolicyArns and delete the attachment resources. Pass the role's name from the Role resource " +
        "(role.name) so the tie shows at preview.",
    resourceTypes: [IAM_ROLE, ...(Object.keys(ATTACHMENT_TYPES) as [string, ...string[]])],
    noVerdict: [
        {
            when: "a role sets neither managedPolicyArns nor inlinePolicies (its policies come only from attachment resources)",
            why: "without an exclusive set on the role there is nothing for the attachments to fight",
        },
    ],
    validate: (ctx) => {
        const attachments = ctx.ofType(...Object.keys(ATTACHMENT_TYPES));
        if (attachments.length === 0) {
            return;
        }
        const roles = ctx.ofType(IAM_ROLE);
        const exclusive = new Map(roles.map((r) => [r.urn, exclusiveSets(r)]));
        const targets = new Map<string, StackResource[]>();
        const untied: StackResource[] = [];
        for (const att of attachments) {
            const [, prop] = ATTACHMENT_TYPES[att.type];
            const refs = ctx.resolveRefs(att, prop, [IAM_ROLE], ROLE_KEYS);
            for (const role of refs.resources) {
                targets.set(role.urn, [...(targets.get(role.urn) ?? []), att]);
            }
            if (refs.unresolved > 0 && (refs.listUnknown || hasUnknownRef(att, prop))) {
                untied.push(att);
            }
        }
        for (const role of roles) {
            const atts = targets.get(role.urn) ?? [];
            if (atts.length === 0) {
                continue;
            }
            const verdict = exclusive.get(role.urn) as Exclusive;
            const list = atts.map((a) => `${ATTACHMENT_TYPES[a.type][0]} "${a.name}"`).join(", ");
            if (verdict.kind === "malformed") {
                ctx.settle(role, verdict.found);
            } else if (verdict.kind === "unknown") {
                ctx.cannotVerify(role, `IAM role "${role.name}" ${verdict.what} (it is the target of ${list})`);
            } else if (verdict.kind === "yes") {
                ctx.violation(
                    role,
                    `IAM role "${role.name}" sets ${verdict.fields.join(" and ")} and is also the target of ${list}; the provider removes on ` +
                        "every update what the role does not list, so attach its policies one way (only attachment resources, or only the role's list).",
                );
            }
        }
        // An attachment we cannot tie matters only if some role of the stack manages its policies exclusively.
        const anyExclusive = [...exclusive.values()].some((v) => v.kind !== "no");
        if (anyExclusive) {
            for (const att of untied) {
                const [noun, prop] = ATTACHMENT_TYPES[att.type];
                ctx.cannotVerify(att, `${noun} "${att.name}" ${prop} (which role it attaches to; a role of this stack sets managedPolicyArns or inlinePolicies)`);
            }
        }
    },
});

/** Whether some value of `prop` is unknown (a known name that matches no Role is a role outside the stack; a malformed one was reported by resolveRefs). */
function hasUnknownRef(att: StackResource, prop: string): boolean {
    const v = readTyped(att.props, prop, STRING_OR_LIST);
    return v.kind === "unknown" || (v.kind === "ok" && (v.value ?? []).some(isUnknown));
}
