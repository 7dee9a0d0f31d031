// IAM policy documents as the rules read them: the statements of a document (JSON text or an
// object, possibly unknown at preview), string-or-array fields as lists, statement labels for
// messages, and the one notion of an "everyone" principal. `Statement` may be an object or an
// array; `Action`, `Resource` and `Principal.AWS` a string or an array.

import { readJsonDocument } from "./json";
import { isUnknown, read } from "./unknowns";

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
    const statements = Array.isArray(s.value) ? s.value : s.value === undefined ? [] : [s.value];
    return { kind: "ok", statements };
}

/** A string-or-array field as a list (unknown elements kept as sentinels); undefined when unknown. */
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

/** True when `principal` is everyone: "*", {"AWS": "*"} or an AWS list containing "*". Undefined when unknown. */
export function isPublicPrincipal(principal: unknown): boolean | undefined {
    if (isUnknown(principal)) {
        return undefined;
    }
    if (principal === "*") {
        return true;
    }
    if (principal === null || typeof principal !== "object") {
        return false;
    }
    const aws = listOf(principal, "AWS");
    if (aws === undefined) {
        return undefined;
    }
    if (aws.includes("*")) {
        return true;
    }
    return aws.some((a) => isUnknown(a)) ? undefined : false;
}

