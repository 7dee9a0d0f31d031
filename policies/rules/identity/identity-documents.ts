// The identity-policy documents a resource carries, and a walk over their Allow statements, shared
// by the policies that judge what an identity policy grants (iam-policy-no-wildcard-actions,
// iam-policy-no-passrole-wildcard).
//
// Policy documents are JSON strings (or objects) that may be unknown during a preview. They are
// parsed once per text for the whole pack (lib/json memo). `Statement` may be an object or an
// array; `Action`, `Resource` and `Principal.AWS` a string or an array; `NotAction`,
// `NotResource` and `NotPrincipal` invert the grant and count as broad.

import { policyStatements, Read, read, ResourceContext, statementLabel } from "../../lib";

/** Identity-policy resources: type → [noun, property holding the document]. */
const IDENTITY_POLICY_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    "aws:iam/policy:Policy": ["IAM policy", "policy"],
    "aws:iam/rolePolicy:RolePolicy": ["IAM role policy", "policy"],
    "aws:iam/userPolicy:UserPolicy": ["IAM user policy", "policy"],
    "aws:iam/groupPolicy:GroupPolicy": ["IAM group policy", "policy"],
    // IAM Identity Center: the inline policy becomes an identity policy of every role the permission set provisions.
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": ["Permission set inline policy", "inlinePolicy"],
};
const ROLE = "aws:iam/role:Role";
export const IDENTITY_TYPES: [string, ...string[]] = [ROLE, ...Object.keys(IDENTITY_POLICY_TYPES)];

export interface Document {
    readonly what: string;
    readonly policy: Read;
}

/** The identity-policy documents of a resource: its `policy`, or a role's `inlinePolicies[].policy`. */
function identityDocuments(ctx: ResourceContext<unknown>): Document[] | undefined {
    if (ctx.type !== ROLE) {
        const [noun, path] = IDENTITY_POLICY_TYPES[ctx.type];
        return [{ what: `${noun} "${ctx.name}"`, policy: ctx.read(path) }];
    }
    const inline = ctx.read("inlinePolicies");
    if (!inline.known) {
        return undefined;
    }
    return (Array.isArray(inline.value) ? inline.value : []).map((p: unknown, i: number) => {
        const name = read(p, "name");
        const policy = read(p, "policy");
        const label = name.known && typeof name.value === "string" ? `"${name.value}"` : `#${i}`;
        return { what: `IAM role "${ctx.name}" inline policy ${label}`, policy };
    });
}

/** Calls `check` on each Allow statement of each identity document; reports unknowns and malformed JSON. */
export function forEachAllow(ctx: ResourceContext<unknown>, check: (doc: Document, statement: unknown, label: string) => void): void {
    const docs = identityDocuments(ctx);
    if (docs === undefined) {
        ctx.cannotVerify("inlinePolicies");
        return;
    }
    for (const doc of docs) {
        const parsed = doc.policy.known ? policyStatements(doc.policy.value) : ({ kind: "unknown" } as const);
        if (parsed.kind === "unknown") {
            ctx.cannotVerify(`the policy document of ${doc.what}`);
            continue;
        }
        if (parsed.kind === "invalid") {
            ctx.violation(`${doc.what} is not a valid JSON policy document, so its grants cannot be checked.`);
            continue;
        }
        parsed.statements.forEach((statement, i) => {
            const effect = read(statement, "Effect");
            if (!effect.known) {
                ctx.cannotVerify(`${doc.what} ${statementLabel(statement, i)} Effect`);
            } else if (effect.value === "Allow") {
                check(doc, statement, statementLabel(statement, i));
            }
        });
    }
}
