// IAM policy documents as the rules read them: the statements of a document (JSON text or an
// object, possibly unknown at preview), string-or-array fields as lists, statement labels for
// messages, and the one notion of an "everyone" principal. `Statement` may be an object or an
// array; `Action`, `Resource` and `Principal.AWS` a string or an array. The typed forms
// (statementList, publicPrincipal, EFFECT) say "malformed" for a value IAM would reject (an
// object where a string belongs), so a rule reports it instead of skipping the statement.

import { describeValue, Malformed, oneOf, readTyped, STRING_OR_LIST, Typed, typed, STRING } from "./guards";
import { readJsonDocument } from "./json";
import { isUnknown, ownValue, read } from "./unknowns";

export type Statements = { kind: "unknown" } | { kind: "invalid" } | { kind: "ok"; statements: readonly unknown[] };

/** The statements of a policy document (JSON string or object). */
export function policyStatements(value: unknown): Statements {
    if (value === undefined || value === null || value === "") {
        return { kind: "ok", statements: [] };
    }
    const doc = readJsonDocument(value);
    if (doc === undefined) {
        return { kind: "unknown" };
    }
    if (!doc.ok || doc.value === null || typeof doc.value !== "object" || Array.isArray(doc.value)) {
        return { kind: "invalid" };
    }
    const s = read(doc.value, "Statement");
    if (!s.known) {
        return { kind: "unknown" };
    }
    const statements = Array.isArray(s.value) ? s.value : s.value === undefined || s.value === null ? [] : [s.value];
    // A statement is an object (or, at preview, unknown): anything else is not an IAM document.
    if (statements.some((st) => !isUnknown(st) && (st === null || typeof st !== "object" || Array.isArray(st)))) {
        return { kind: "invalid" };
    }
    return { kind: "ok", statements };
}

const PRINCIPAL_KINDS: ReadonlySet<string> = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

/** IAM's two effects (case-sensitive, as IAM is). */
export const EFFECT = oneOf(["Allow", "Deny"]);

/**
 * A string-or-list field of a statement (Action, Resource, NotResource, Principal.AWS), typed: a
 * list whose elements are strings or unknown sentinels; malformed when the field, or an element,
 * is another type (`at` names the statement, e.g. "policy.Statement[0]").
 */
export function statementList(statement: unknown, field: string, at: string): Typed<readonly unknown[]> {
    const list = readTyped(statement, field, STRING_OR_LIST, at);
    if (list.kind !== "ok" || list.value === undefined) {
        return list.kind === "ok" ? { kind: "ok", value: [] } : list;
    }
    const raw = read(statement, field);
    const isArray = raw.known && Array.isArray(raw.value);
    for (const [i, element] of list.value.entries()) {
        const t = typed(element, STRING, isArray ? `${at}.${field}[${i}]` : `${at}.${field}`);
        if (t.kind === "malformed") {
            return t;
        }
    }
    return list;
}

/**
 * Whether `principal` is everyone — "*", {"AWS": "*"} or an AWS list containing "*" — typed:
 * unknown when an unknown value could decide it, malformed when it (or its AWS list) is a type
 * IAM rejects.
 */
export function publicPrincipal(principal: unknown, at: string): Typed<boolean> {
    if (isUnknown(principal)) {
        return { kind: "unknown" };
    }
    if (principal === undefined || principal === null) {
        return { kind: "ok", value: false };
    }
    if (typeof principal === "string") {
        return { kind: "ok", value: principal === "*" };
    }
    if (typeof principal !== "object" || Array.isArray(principal)) {
        return { kind: "malformed", path: at, got: describeValue(principal), expected: '"*" or an object of principals' };
    }
    // IAM knows four kinds of principal; any other key (or a kind that is not a string or list of
    // strings) makes IAM reject the document, so it is malformed rather than "no principal".
    // An empty object, or a kind with an empty list, names no principal at all: IAM rejects it too.
    const kinds = Object.keys(principal);
    const expected = "an object of AWS, Service, Federated or CanonicalUser principals";
    if (kinds.length === 0) {
        return { kind: "malformed", path: at, got: describeValue(principal), expected };
    }
    for (const kind of kinds) {
        if (!PRINCIPAL_KINDS.has(kind)) {
            return { kind: "malformed", path: at, got: describeValue(principal), expected };
        }
        const list = statementList(principal, kind, at);
        if (list.kind === "malformed") {
            return list;
        }
        if (list.kind === "ok" && (list.value ?? []).length === 0) {
            return { kind: "malformed", path: `${at}.${kind}`, got: describeValue(ownValue(principal, kind)), expected: "a principal or a list of principals" };
        }
    }
    const aws = statementList(principal, "AWS", at);
    if (aws.kind !== "ok") {
        return aws;
    }
    const list = aws.value ?? [];
    if (list.includes("*")) {
        return { kind: "ok", value: true };
    }
    return list.some((a) => isUnknown(a)) ? { kind: "unknown" } : { kind: "ok", value: false };
}

/**
 * An inverting field (NotAction, NotResource), typed as statementList is, but `value` undefined
 * only when the field is absent: present in any valid form (a string, a list, even an empty one)
 * it inverts the grant. null is malformed, not absent: IAM rejects it, and it must read neither
 * as "no NotAction" (a pass) nor as "set" (a waivable finding).
 */
export function invertingList(statement: unknown, field: "NotAction" | "NotResource", at: string): Typed<readonly unknown[]> {
    const raw = ownValue(statement, field);
    if (raw === null) {
        return { kind: "malformed", path: `${at}.${field}`, got: "null", expected: STRING_OR_LIST.expected };
    }
    const list = statementList(statement, field, at);
    return list.kind === "ok" && raw === undefined ? { kind: "ok", value: undefined } : list;
}

/**
 * Whether a statement sets NotPrincipal (everyone but the listed principals: as public as "*"),
 * typed with Principal's grammar (publicPrincipal: "*" or an object of principals): malformed when
 * IAM would reject it, so a rule reports it instead of reading any value as "set". `at` names the
 * statement (e.g. "policy.Statement[0]"); null is malformed too (IAM rejects it).
 */
export function notPrincipalOf(statement: unknown, at: string): Typed<boolean> {
    const raw = read(statement, "NotPrincipal");
    if (!raw.known) {
        return { kind: "unknown" };
    }
    if (raw.value === null) {
        return { kind: "malformed", path: `${at}.NotPrincipal`, got: "null", expected: '"*" or an object of principals' };
    }
    const p = publicPrincipal(raw.value, `${at}.NotPrincipal`);
    return p.kind === "malformed" ? p : { kind: "ok", value: raw.value !== undefined };
}

export type { Malformed };

/**
 * A string-or-array field as a list (unknown elements kept as sentinels); undefined when unknown.
 * Untyped: elements may be of any type; rules use statementList, which reports those.
 */
export function listOf(statement: unknown, field: string): unknown[] | undefined {
    const v = read(statement, field);
    if (!v.known) {
        return undefined;
    }
    return Array.isArray(v.value) ? v.value : v.value === undefined || v.value === null ? [] : [v.value];
}

/** For messages: `statement "Sid"` or `statement #i`. */
export function statementLabel(statement: unknown, index: number): string {
    const sid = read(statement, "Sid");
    return sid.known && typeof sid.value === "string" && sid.value !== "" ? `statement "${sid.value}"` : `statement #${index}`;
}

/** True when `principal` is everyone: "*", {"AWS": "*"} or an AWS list containing "*". Undefined when unknown or malformed (see publicPrincipal). */
export function isPublicPrincipal(principal: unknown): boolean | undefined {
    const p = publicPrincipal(principal, "Principal");
    return p.kind === "ok" ? p.value : undefined;
}

