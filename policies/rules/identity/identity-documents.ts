// The identity-policy documents a resource carries, and a walk over their Allow statements, shared
// by the policies that judge what an identity policy grants (iam-policy-no-wildcard-actions,
// iam-policy-no-passrole-wildcard).
//
// Policy documents are JSON strings (or objects) that may be unknown during a preview. They are
// parsed once per text for the whole pack (lib/json memo). `Statement` may be an object or an
// array; `Action`, `Resource` and `Principal.AWS` a string or an array; `NotAction`,
// `NotResource` and `NotPrincipal` invert the grant and count as broad.

import { describeValue, EFFECT, OBJECT, policyStatements, Read, read, readTyped, ResourceContext, STRING, statementLabel } from "../../lib";
import {
    IAM_GROUP_POLICY,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_USER_POLICY,
    SSO_PERMISSION_SET_INLINE_POLICY,
} from "./resource-types";

export const POLICY_DOCUMENT = "a JSON policy document (a Statement object or list)";

/** Identity-policy resources: type → [noun, property holding the document]. */
const IDENTITY_POLICY_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    [IAM_POLICY]: ["IAM policy", "policy"],
    [IAM_ROLE_POLICY]: ["IAM role policy", "policy"],
    [IAM_USER_POLICY]: ["IAM user policy", "policy"],
    [IAM_GROUP_POLICY]: ["IAM group policy", "policy"],
    // IAM Identity Center: the inline policy becomes an identity policy of every role the permission set provisions.
    [SSO_PERMISSION_SET_INLINE_POLICY]: ["Permission set inline policy", "inlinePolicy"],
};
export const IDENTITY_TYPES: [string, ...string[]] = [IAM_ROLE, ...Object.keys(IDENTITY_POLICY_TYPES)];

export interface Document {
    readonly what: string;
    readonly policy: Read;
    /** Where the document is, for "Cannot evaluate" messages: "policy", "inlinePolicies[0].policy". */
    readonly at: string;
}

/** The identity-policy documents of a resource: its `policy`, or a role's `inlinePolicies[].policy`. */
function identityDocuments(ctx: ResourceContext<unknown>): Document[] | undefined {
    if (ctx.type !== IAM_ROLE) {
        const [noun, path] = IDENTITY_POLICY_TYPES[ctx.type];
        return [{ what: `${noun} "${ctx.name}"`, policy: ctx.read(path), at: path }];
    }
    const inline = ctx.readArray("inlinePolicies", { quiet: true });
    if (!inline.ok) {
        return inline.unknown ? undefined : [];
    }
    const docs: Document[] = [];
    (inline.value ?? []).forEach((p: unknown, i: number) => {
        const at = `inlinePolicies[${i}]`;
        // An inline policy is an object; its name only labels messages (a malformed one is left out).
        if (!ctx.check(p, OBJECT, at).ok) {
            return;
        }
        const name = readTyped(p, "name", STRING);
        const label = name.kind === "ok" && name.value !== undefined ? `"${name.value}"` : `#${i}`;
        docs.push({ what: `IAM role "${ctx.name}" inline policy ${label}`, policy: read(p, "policy"), at: `${at}.policy` });
    });
    return docs;
}

/**
 * Calls `check` on each Allow statement of each identity document (`at`: where the statement is,
 * e.g. "policy.Statement[0]"); reports unknowns, malformed JSON and an Effect IAM does not define.
 */
export function forEachAllow(ctx: ResourceContext<unknown>, check: (doc: Document, statement: unknown, label: string, at: string) => void): void {
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
            // Malformed, not a finding a waiver could accept: the unwaivable "Cannot evaluate" (issue 15).
            ctx.settle({ kind: "malformed", path: doc.at, got: describeValue(doc.policy.known ? doc.policy.value : undefined), expected: POLICY_DOCUMENT });
            continue;
        }
        parsed.statements.forEach((statement, i) => {
            const at = `${doc.at}.Statement[${i}]`;
            const effect = ctx.settle(readTyped(statement, "Effect", EFFECT, at), { what: `${doc.what} ${statementLabel(statement, i)} Effect` });
            if (effect.ok && effect.value === "Allow") {
                check(doc, statement, statementLabel(statement, i), at);
            }
        });
    }
}
