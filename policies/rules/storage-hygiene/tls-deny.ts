// Whether a bucket policy document holds the TLS-only guard for a bucket (SC-8): a Deny of all S3
// actions to everyone when aws:SecureTransport is false, with no other condition, on Resources
// (or NotResource) covering the bucket's own ARN and every object under it.

import { EFFECT, isUnknown, Malformed, notPrincipalOf, policyStatements, publicPrincipal, read, readCondition, readTyped, statementList } from "../../lib";
import { coversAllAfter, globStates, matchesExactly, partitionOf } from "./resource-globs";
import { anyOf, Verdict } from "./verdict";

/** What a TLS deny's Resource covers of the bucket named `bucketName` (undefined when the name is not known). */
function resourceCoverage(resources: readonly unknown[], bucketName: string | undefined): { bucket: Verdict; objects: Verdict } {
    let bucket: Verdict = "no";
    let objects: Verdict = "no";
    for (const r of resources) {
        if (typeof r !== "string") {
            // An unknown element (an ARN computed from another resource) may or may not be this bucket.
            const v: Verdict = isUnknown(r) ? "unknown" : "no";
            bucket = anyOf(bucket, v);
            objects = anyOf(objects, v);
            continue;
        }
        if (bucketName === undefined) {
            // Without the name only a pattern matching every S3 bucket and object settles it.
            const all = coversAllAfter(r, `arn:${partitionOf(r)}:s3:::`);
            bucket = anyOf(bucket, all ? "yes" : "unknown");
            objects = anyOf(objects, all ? "yes" : "unknown");
            continue;
        }
        const arn = `arn:${partitionOf(r)}:s3:::${bucketName}`;
        bucket = anyOf(bucket, matchesExactly(r, arn) ? "yes" : "no");
        objects = anyOf(objects, coversAllAfter(r, `${arn}/`) ? "yes" : "no");
    }
    return { bucket, objects };
}

/** One statement judged as the TLS-only guard of a bucket. */
type TlsStatement =
    | { kind: "unknown" }
    /** A field IAM would reject (an object Action, a lower-case Effect …): reported, never a guard. */
    | { kind: "malformed"; malformed: Malformed }
    /** Not a Deny of all S3 actions to everyone on aws:SecureTransport false. */
    | { kind: "other" }
    /** Such a Deny, but other conditions must also hold, so plain HTTP passes whenever they do not. */
    | { kind: "narrowed"; by: readonly string[] }
    | { kind: "deny"; bucket: Verdict; objects: Verdict };

const TLS_OPERATORS = new Set(["bool", "boolifexists"]);

/**
 * A statement is the TLS-only guard when it Denies all S3 actions to everyone when
 * aws:SecureTransport is false, with no other condition (any other operator/key pair must ALSO
 * match for the Deny to apply, so it would let plain HTTP through whenever that pair does not),
 * on Resources that cover the bucket's own ARN and every object under it (SC-8).
 */
function judgeTlsStatement(statement: unknown, bucketName: string | undefined, at: string): TlsStatement {
    const effect = readTyped(statement, "Effect", EFFECT, at);
    // Principal, NotPrincipal and Condition typed (lib/statements, lib/condition-grammar): a value IAM would reject
    // is malformed (the unwaivable "Cannot evaluate"), never a statement that is merely not the guard (waivable).
    const principalRead = read(statement, "Principal");
    const principal = principalRead.known ? publicPrincipal(principalRead.value, `${at}.Principal`) : ({ kind: "unknown" } as const);
    const notPrincipal = notPrincipalOf(statement, at);
    const actions = statementList(statement, "Action", at);
    const condition = readCondition(statement, at);
    for (const t of [effect, principal, notPrincipal, actions, condition]) {
        if (t.kind === "malformed") {
            return { kind: "malformed", malformed: t };
        }
    }
    if (effect.kind !== "ok" || principal.kind !== "ok" || actions.kind !== "ok" || condition.kind !== "ok") {
        return { kind: "unknown" };
    }
    if (effect.value !== "Deny") {
        return { kind: "other" };
    }
    const actionList = actions.value ?? [];
    if (actionList.some(isUnknown)) {
        return { kind: "unknown" };
    }
    // Elements are strings or unknown sentinels (statementList).
    if (!principal.value || !actionList.some((a) => typeof a === "string" && (a === "*" || a.toLowerCase() === "s3:*"))) {
        return { kind: "other" };
    }
    if (condition.value === undefined) {
        return { kind: "other" };
    }
    if (condition.value.unknownOperators.length > 0) {
        return { kind: "unknown" };
    }
    let tls = false;
    const others: string[] = [];
    // Pairs in document order; values are strings, numbers, booleans or unknown sentinels (readCondition).
    for (const { operator, key, values } of condition.value.pairs) {
        if (!TLS_OPERATORS.has(operator.toLowerCase()) || key.toLowerCase() !== "aws:securetransport") {
            others.push(`${operator} ${key}`);
            continue;
        }
        if (values === undefined || values.some(isUnknown)) {
            return { kind: "unknown" };
        }
        if (values.some((x) => x === false || (typeof x === "string" && x.toLowerCase() === "false"))) {
            tls = true;
        }
    }
    if (!tls) {
        return { kind: "other" };
    }
    if (others.length > 0) {
        return { kind: "narrowed", by: others };
    }
    // NotResource denies everything but the listed ARNs: it covers the bucket unless a listed
    // pattern could match the bucket or one of its objects.
    const notResource = statementList(statement, "NotResource", at);
    if (notResource.kind !== "ok") {
        return notResource.kind === "malformed" ? { kind: "malformed", malformed: notResource } : { kind: "unknown" };
    }
    if ((notResource.value ?? []).length > 0) {
        return judgeNotResource(notResource.value ?? [], bucketName);
    }
    const resources = statementList(statement, "Resource", at);
    if (resources.kind !== "ok") {
        return resources.kind === "malformed" ? { kind: "malformed", malformed: resources } : { kind: "unknown" };
    }
    return { kind: "deny", ...resourceCoverage(resources.value ?? [], bucketName) };
}

/** A Deny with NotResource covers what none of its patterns can match. */
function judgeNotResource(patterns: readonly unknown[], bucketName: string | undefined): TlsStatement {
    if (patterns.some((p) => typeof p !== "string") || bucketName === undefined) {
        return { kind: "deny", bucket: "unknown", objects: "unknown" };
    }
    let bucket: Verdict = "yes";
    let objects: Verdict = "yes";
    for (const p of patterns as readonly string[]) {
        const arn = `arn:${partitionOf(p)}:s3:::${bucketName}`;
        if (matchesExactly(p, arn)) {
            bucket = "no";
        }
        // Some reachable state after the prefix means some key under it matches the exclusion.
        if ([...globStates(p, `${arn}/`)].some((i) => i < p.length)) {
            objects = "no";
        }
    }
    return { kind: "deny", bucket, objects };
}

/** Why a bucket's policies do not make it TLS-only, for the violation message. */
export type TlsVerdict = { kind: "yes" } | { kind: "unknown" } | { kind: "no"; why?: string } | { kind: "malformed"; malformed: Malformed };

/** Whether the document (`at`: where it is, e.g. "policy") holds the TLS-only guard for the bucket. */
export function hasTlsDeny(policy: unknown, bucketName: string | undefined, at = "policy"): TlsVerdict {
    const parsed = policyStatements(policy);
    if (parsed.kind !== "ok") {
        return parsed.kind === "unknown" ? { kind: "unknown" } : { kind: "no" };
    }
    let bucket: Verdict = "no";
    let objects: Verdict = "no";
    let sawDeny = false;
    const narrowed: string[] = [];
    for (const [i, s] of parsed.statements.entries()) {
        const v = judgeTlsStatement(s, bucketName, `${at}.Statement[${i}]`);
        if (v.kind === "malformed") {
            return v;
        }
        if (v.kind === "unknown") {
            bucket = anyOf(bucket, "unknown");
            objects = anyOf(objects, "unknown");
        } else if (v.kind === "narrowed") {
            narrowed.push(...v.by);
        } else if (v.kind === "deny") {
            sawDeny = true;
            bucket = anyOf(bucket, v.bucket);
            objects = anyOf(objects, v.objects);
        }
    }
    if (bucket === "yes" && objects === "yes") {
        return { kind: "yes" };
    }
    if (bucket !== "no" && objects !== "no") {
        return { kind: "unknown" };
    }
    if (sawDeny) {
        const missing = [bucket === "no" && "the bucket's ARN", objects === "no" && "its objects (<bucket ARN>/*)"].filter((m) => m !== false);
        return { kind: "no", why: `does not cover ${missing.join(" or ")}` };
    }
    if (narrowed.length > 0) {
        return { kind: "no", why: `also requires ${[...new Set(narrowed)].join(", ")}, so plain HTTP passes whenever that does not match` };
    }
    return { kind: "no" };
}
