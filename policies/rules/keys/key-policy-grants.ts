// What a KMS key policy statement grants, and to whom, as kms-key-policy-least-privilege judges it.
// Pure functions over one parsed statement: no reporting here, so the policy decides what each
// finding costs (violation, cannot verify, malformed).

import {
    accountRootOf,
    actionMatches,
    describeValue,
    findGlobMatch,
    invertingList,
    isUnknown,
    Malformed,
    notPrincipalOf,
    publicPrincipal,
    read,
    statementList,
    Typed,
    unwrap,
} from "../../lib";

/**
 * The grants this policy cares about. Full control: a pattern set that allows every KMS action
 * (probed with real actions and a name no action has, so "kms:*", "*", "k*:*" and a NotAction that
 * leaves them all count alike). Decrypt: the two actions that return or re-wrap plaintext under
 * the key — Decrypt, and ReEncryptFrom (ReEncrypt decrypts inside KMS and re-encrypts under a key
 * the caller chooses, so it reads data out as surely as Decrypt).
 */
const KMS_PROBES = [
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:ReEncryptFrom",
    "kms:GenerateDataKey",
    "kms:CreateGrant",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:TagResource",
    "kms:Zz",
];
const DECRYPT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom"];

/** What a statement's Action/NotAction grants of the sensitive set; undefined when nothing sensitive. */
export type SensitiveGrant = { readonly full: true } | { readonly full: false; readonly actions: readonly string[] };

/** "kms:* (every KMS action)" or "kms:Decrypt, kms:ReEncryptFrom", for messages. */
export function describeGrant(grant: SensitiveGrant): string {
    return grant.full ? "kms:* (every KMS action)" : grant.actions.join(" and ");
}

/**
 * The sensitive grant of an Allow statement. `Action` patterns grant what they match; `NotAction`
 * grants everything its patterns do not match. Unknown pattern elements: unknown, unless the known
 * ones already grant full control (nothing an unknown adds can make that less).
 */
export function sensitiveGrant(statement: unknown, at: string): Typed<SensitiveGrant | undefined> {
    // NotAction typed (invertingList): present in any valid form it inverts the grant; null or a
    // wrong type is malformed — neither "no NotAction" (Action judged instead) nor "set".
    const notAction = invertingList(statement, "NotAction", at);
    if (notAction.kind !== "ok") {
        return notAction;
    }
    const negated = notAction.value !== undefined;
    const list = negated ? notAction : statementList(statement, "Action", at);
    if (list.kind !== "ok") {
        return list;
    }
    const patterns = (list.value ?? []).filter((p): p is string => typeof p === "string" && !isUnknown(p));
    const someUnknown = (list.value ?? []).some((p) => isUnknown(p));
    const grants = (action: string) =>
        negated ? !patterns.some((p) => actionMatches(p, action)) : patterns.some((p) => actionMatches(p, action));
    if (KMS_PROBES.every(grants)) {
        // With NotAction an unknown element could exclude something: only Action's known patterns are conclusive.
        return !negated || !someUnknown ? { kind: "ok", value: { full: true } } : { kind: "unknown" };
    }
    const decrypt = DECRYPT_ACTIONS.filter(grants);
    if (someUnknown) {
        return { kind: "unknown" };
    }
    return { kind: "ok", value: decrypt.length > 0 ? { full: false, actions: decrypt } : undefined };
}

/** One principal of a statement, classified. */
export type PrincipalClass = { readonly raw: string; readonly shown: string } & (
    /** "*", {"AWS": "*"}, or NotPrincipal (everyone but the listed principals). */
    | { readonly kind: "public" }
    /** An account: its root ARN or its bare 12-digit id (both mean "this account's IAM decides"). */
    | { readonly kind: "account"; readonly account: string }
    /** A service principal (`logs.us-gov-west-1.amazonaws.com`). */
    | { readonly kind: "service" }
    /** Any other principal: a role, user, assumed-role session, federated or canonical user. */
    | { readonly kind: "named" }
);

const PRINCIPAL_KEYS = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

/**
 * The principals of a statement: NotPrincipal counts as public (an Allow with NotPrincipal grants
 * everyone not listed). Unknown when an element is unknown; malformed when IAM would reject the shape.
 */
export function statementPrincipals(statement: unknown, at: string): Typed<readonly PrincipalClass[]> {
    // NotPrincipal typed with Principal's grammar (notPrincipalOf): null or a shape IAM rejects is malformed, never "set".
    const notPrincipal = notPrincipalOf(statement, at);
    if (notPrincipal.kind !== "ok") {
        return notPrincipal;
    }
    if (notPrincipal.value === true) {
        return { kind: "ok", value: [{ kind: "public", raw: "*", shown: "NotPrincipal (everyone but the listed principals)" }] };
    }
    const principal = read(statement, "Principal");
    if (!principal.known) {
        return { kind: "unknown" };
    }
    const value = unwrap(principal.value);
    if (value === "*") {
        return { kind: "ok", value: [{ kind: "public", raw: "*", shown: 'Principal "*"' }] };
    }
    if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
        // KMS rejects a key policy statement without a principal ("Each statement in the key policy must contain one or more principals").
        return { kind: "malformed", path: `${at}.Principal`, got: describeValue(value), expected: '"*" or an object of principals (AWS, Service, Federated, CanonicalUser)' };
    }
    const out: PrincipalClass[] = [];
    for (const key of Object.keys(value)) {
        if (!(PRINCIPAL_KEYS as readonly string[]).includes(key)) {
            return { kind: "malformed", path: `${at}.Principal.${key}`, got: describeValue((value as Record<string, unknown>)[key]), expected: `a principal type IAM defines (${PRINCIPAL_KEYS.join(", ")})` };
        }
    }
    // The rest of IAM's grammar (publicPrincipal): {} or a kind with an empty list names no principal, and
    // IAM rejects it — malformed, not a statement that grants to nobody (a pass).
    const grammar = publicPrincipal(principal.value, `${at}.Principal`);
    if (grammar.kind === "malformed") {
        return grammar;
    }
    for (const key of PRINCIPAL_KEYS) {
        const list = statementList(value, key, `${at}.Principal`);
        if (list.kind !== "ok") {
            return list;
        }
        for (const p of list.value ?? []) {
            if (typeof p !== "string" || isUnknown(p)) {
                return { kind: "unknown" };
            }
            out.push(classify(key, p));
        }
    }
    return { kind: "ok", value: out };
}

function classify(key: (typeof PRINCIPAL_KEYS)[number], p: string): PrincipalClass {
    if (key === "Service") {
        return { kind: "service", raw: p, shown: `service ${p}` };
    }
    if (key !== "AWS") {
        return { kind: "named", raw: p, shown: `${key} ${p}` };
    }
    if (p === "*") {
        return { kind: "public", raw: p, shown: 'Principal {"AWS": "*"}' };
    }
    const account = accountRootOf(p);
    if (account !== undefined) {
        return { kind: "account", account, raw: p, shown: `account ${account}` };
    }
    return { kind: "named", raw: p, shown: p };
}

/** Whether `principal` (as written) is one of the configured key administrators. */
export function isKeyAdministrator(administrators: readonly string[], principal: string): boolean {
    return findGlobMatch(administrators, [principal]) !== undefined;
}

export type { Malformed };
