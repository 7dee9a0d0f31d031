// Does a statement's Condition narrow WHO can use a grant made to a public principal
// (Principal "*", {"AWS": "*"}, NotPrincipal)? AC-3 / AC-21: "Principal '*' plus any Condition"
// is not enough — Bool aws:SecureTransport still lets anyone on the internet read over HTTPS.
//
// We judge the way IAM Access Analyzer and S3 Block Public Access judge public access: a grant
// is narrowed only when some condition fixes the caller, or the source acting for it, to
// specific values. Sources:
//  - IAM Access Analyzer filter keys (IAM User Guide, access-analyzer-reference-filter-keys):
//    the `condition.*` keys Access Analyzer reports as limiting a finding — aws:PrincipalArn,
//    aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:SourceIp, aws:SourceVpc, aws:UserId,
//    kms:CallerAccount (and the web-identity audiences, which only apply to Federated
//    principals, not to "*").
//  - "The meaning of public" (S3 User Guide, Block Public Access; also the
//    PublicAccessBlockConfiguration API docs): a policy is non-public only if it grants to fixed
//    values — no wildcard, no policy variable — of aws:SourceArn, aws:SourceVpc,
//    aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid (the "AROLEID:*" pattern
//    still counts as fixed), or a set of CIDRs with aws:SourceIp.
//  - aws:PrincipalAccount is the account of the caller (global condition keys); fixing it is
//    what naming the account root in Principal does. aws:PrincipalServiceName limits the caller
//    to an AWS service, as naming the service principal does (which this pack accepts).
// Deliberately NOT narrowing: aws:username (a friendly name any account can create),
// kms:ViaService, aws:SecureTransport, aws:RequestedRegion, resource or tag keys — they say
// how or where, not who.

import { isIP } from "node:net";

import { readCondition } from "./condition-grammar";
import { previewJson, Typed } from "./guards";
import type { Checked } from "./policy-types";
import { isUnknown, read, unwrap } from "./unknowns";

/** How a key's values must look to fix the caller. */
type ValueShape = "id" | "arn" | "org-path" | "userid" | "ip";

/** Lower-cased condition keys (IAM treats keys case-insensitively) that identify the caller or its source. */
const CALLER_KEYS: ReadonlyMap<string, { readonly name: string; readonly shape: ValueShape }> = new Map(
    (
        [
            ["aws:PrincipalAccount", "id"],
            ["aws:PrincipalArn", "arn"],
            ["aws:PrincipalOrgID", "id"],
            ["aws:PrincipalOrgPaths", "org-path"],
            ["aws:PrincipalServiceName", "id"],
            ["aws:SourceAccount", "id"],
            ["aws:SourceArn", "arn"],
            ["aws:SourceOwner", "id"],
            ["aws:SourceVpc", "id"],
            ["aws:SourceVpce", "id"],
            ["aws:SourceIp", "ip"],
            ["aws:userid", "userid"],
            ["kms:CallerAccount", "id"],
        ] as const
    ).map(([name, shape]) => [name.toLowerCase(), { name, shape }]),
);

/** The keys a remediation message suggests. */
export const SUGGESTED_CALLER_KEYS: readonly string[] = ["aws:SourceArn", "aws:SourceAccount", "aws:PrincipalOrgID", "kms:CallerAccount"];

/** The keys that can narrow, as written in AWS docs (for descriptions). */
export const CALLER_KEY_NAMES: readonly string[] = [...CALLER_KEYS.values()].map((k) => k.name);

const STRING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const NEGATED_OPERATORS = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress"]);

export type Narrowing =
    /** No Condition, or one with no operator/key pair. */
    | { readonly kind: "absent" }
    /** At least one pair fixes the caller: `by` is "<operator> <key>". */
    | { readonly kind: "narrowed"; readonly by: string }
    /** Nothing known narrows, and an unknown value could: `what` names it for "cannot verify". */
    | { readonly kind: "unknown"; readonly what: string }
    /** Nothing narrows: one reason per operator/key pair, "<operator> <key>: <why>". */
    | { readonly kind: "open"; readonly reasons: readonly string[] };

type PairResult = { readonly kind: "narrowed" } | { readonly kind: "unknown" } | { readonly kind: "open"; readonly why: string };

const NARROWED: PairResult = { kind: "narrowed" };
const UNKNOWN_PAIR: PairResult = { kind: "unknown" };
const open = (why: string): PairResult => ({ kind: "open", why });

interface Operator {
    readonly base: string;
    readonly forAllValues: boolean;
    readonly ifExists: boolean;
}

function parseOperator(operator: string): Operator {
    const m = /^(forallvalues:|foranyvalue:)?(.*?)(ifexists)?$/.exec(operator.toLowerCase()) as RegExpExecArray;
    return { base: m[2], forAllValues: m[1] === "forallvalues:", ifExists: m[3] !== undefined };
}

/** Why an operator cannot narrow `key`, or undefined when it can (given fixed values). */
function operatorProblem(op: Operator, shape: ValueShape | undefined): string | undefined {
    // Set and existence qualifiers first: they make the test pass without the key at all.
    if (op.forAllValues) {
        return "ForAllValues is true when the key is absent or empty";
    }
    if (op.ifExists) {
        return "IfExists is true when the key is absent";
    }
    if (NEGATED_OPERATORS.has(op.base)) {
        return "a negated operator lets every other value through";
    }
    if (shape === "ip") {
        return op.base === "ipaddress" ? undefined : "only IpAddress matches aws:SourceIp";
    }
    return STRING_OPERATORS.has(op.base) ? undefined : "the operator does not match the caller against specific values";
}

const WILDCARD = /[*?]/;
const ONLY_WILDCARDS = /^[*?]+$/;

/** Whether an ARN pattern still pins an owner: a fixed account, or (S3 and other account-less ARNs) a fixed first resource segment. */
function arnPinsOwner(value: string): boolean {
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return false;
    }
    const account = parts[4];
    if (account !== "") {
        return !WILDCARD.test(account);
    }
    const head = parts.slice(5).join(":").split(/[/:]/)[0];
    return head !== "" && !WILDCARD.test(head);
}

function cidrProblem(value: string): string | undefined {
    const [address, prefix, ...rest] = value.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || rest.length > 0 || !(bits >= 0 && bits <= (family === 6 ? 128 : 32))) {
        return `"${value}" is not an IP address or CIDR`;
    }
    return bits === 0 ? `"${value}" is every address` : undefined;
}

/** Why one known value does not fix the caller, or undefined when it does. */
function valueProblem(value: unknown, shape: ValueShape): string | undefined {
    if (typeof value === "number" || typeof value === "boolean") {
        value = String(value);
    }
    if (typeof value !== "string") {
        // previewJson: bounded and never calls the value's own methods (JSON.stringify overflows on deep values).
        return `${previewJson(value)} is not a string`;
    }
    if (value === "") {
        return `"" is not a value`;
    }
    if (ONLY_WILDCARDS.test(value)) {
        return `"${value}" matches any caller`;
    }
    if (value.includes("${")) {
        return `"${value}" is a policy variable, not a fixed value`;
    }
    switch (shape) {
        case "ip":
            return cidrProblem(value);
        case "arn":
            return !WILDCARD.test(value) || arnPinsOwner(value) ? undefined : `"${value}" leaves the account open`;
        case "org-path":
            // "o-abc/r-ab12/ou-ab12-xyz/*" is the documented form: the organization is what is fixed.
            return WILDCARD.test(value.split("/")[0]) ? `"${value}" leaves the organization open` : undefined;
        case "userid":
            // For anonymous requests aws:userid is "anonymous"; "AROAID:*" (a role's sessions) is fixed.
            if (value.toLowerCase() === "anonymous") {
                return `"${value}" is every anonymous caller`;
            }
            return WILDCARD.test(value.split(":")[0]) ? `"${value}" is a pattern, not a fixed value` : undefined;
        case "id":
            return WILDCARD.test(value) ? `"${value}" is a pattern, not a fixed value` : undefined;
    }
}

/** One operator/key pair: narrowed only if the operator can narrow and every value is fixed. */
function judgePair(op: Operator, key: string, values: unknown): PairResult {
    const spec = CALLER_KEYS.get(key.toLowerCase());
    if (spec === undefined) {
        return open("the key does not identify the caller");
    }
    const opProblem = operatorProblem(op, spec.shape);
    if (opProblem !== undefined) {
        return open(opProblem);
    }
    if (isUnknown(values)) {
        return UNKNOWN_PAIR;
    }
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) {
        return open("no values");
    }
    let unknownSeen = false;
    for (const v of list) {
        if (isUnknown(v)) {
            unknownSeen = true;
            continue;
        }
        const problem = valueProblem(v, spec.shape);
        if (problem !== undefined) {
            return open(problem);
        }
    }
    return unknownSeen ? UNKNOWN_PAIR : NARROWED;
}

/**
 * Whether `condition` (a statement's Condition, as parsed) narrows who can use the grant. Never
 * throws; unknown sentinels only matter where they could decide the answer.
 */
export function conditionNarrowsCaller(condition: unknown): Narrowing {
    if (isUnknown(condition)) {
        return { kind: "unknown", what: "Condition" };
    }
    const block = unwrap(condition);
    if (block === undefined || block === null) {
        return { kind: "absent" };
    }
    if (typeof block !== "object" || Array.isArray(block)) {
        return { kind: "open", reasons: ["Condition: not an operator block"] };
    }
    const reasons: string[] = [];
    let unknownWhat: string | undefined;
    for (const [operator, body] of Object.entries(block as Record<string, unknown>)) {
        const op = parseOperator(operator);
        if (isUnknown(body)) {
            // Unknown keys: they could include a caller key only if the operator itself can narrow.
            const problem = operatorProblem(op, undefined);
            if (problem === undefined || operatorProblem(op, "ip") === undefined) {
                unknownWhat ??= `Condition ${operator}`;
            } else {
                reasons.push(`${operator}: ${problem}`);
            }
            continue;
        }
        const pairs = unwrap(body);
        if (pairs === null || typeof pairs !== "object" || Array.isArray(pairs)) {
            reasons.push(`${operator}: not a key/value block`);
            continue;
        }
        for (const [key, values] of Object.entries(pairs as Record<string, unknown>)) {
            const result = judgePair(op, key, unwrap(values));
            if (result.kind === "narrowed") {
                return { kind: "narrowed", by: `${operator} ${key}` };
            }
            if (result.kind === "unknown") {
                unknownWhat ??= `Condition ${operator} ${key}`;
            } else {
                reasons.push(`${operator} ${key}: ${result.why}`);
            }
        }
    }
    if (unknownWhat !== undefined) {
        return { kind: "unknown", what: unknownWhat };
    }
    return reasons.length === 0 ? { kind: "absent" } : { kind: "open", reasons };
}

/**
 * Whether an IAM statement's Condition narrows who can use its grant, typed first: readCondition
 * is settled through `settle` (the policy's context, quiet), so a block IAM would reject is the
 * unwaivable "Cannot evaluate" and the answer "malformed" — never a Condition that "does not fix the
 * caller" (a waivable finding). A Condition unknown as a whole is `unknown` with `what` "Condition".
 */
export function statementNarrowing(statement: unknown, at: string, settle: <T>(result: Typed<T>) => Checked<T>): Narrowing | "malformed" {
    const typedCondition = settle(readCondition(statement, at));
    if (!typedCondition.ok && !typedCondition.unknown) {
        return "malformed";
    }
    const condition = read(statement, "Condition");
    return condition.known ? conditionNarrowsCaller(condition.value) : { kind: "unknown", what: "Condition" };
}

/** The caller keys that narrow only by network location: who is calling stays open (SC-7(5), AC-14). */
export const NETWORK_KEY_NAMES: readonly string[] = ["aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce"];
const NETWORK_KEYS: ReadonlySet<string> = new Set(NETWORK_KEY_NAMES.map((k) => k.toLowerCase()));

/** One operator/key pair of a Condition that narrows the caller, or would if its unknown values were fixed. */
export interface CallerPair {
    /** The operator as written ("StringEquals", "ForAnyValue:IpAddress"). */
    readonly operator: string;
    /** The key as AWS documents it ("aws:SourceVpce"), whatever its case in the document. */
    readonly key: string;
    /** True for aws:SourceIp, aws:SourceVpc, aws:SourceVpce. */
    readonly network: boolean;
    /** False when some values are unknown at preview (the known ones are all fixed). */
    readonly known: boolean;
    /** The values as a list; unknown sentinels kept. */
    readonly values: readonly unknown[];
}

export type CallerPairs =
    | { readonly kind: "unknown" }
    /** `unknownOperator` names an operator whose whole key/value block is unknown and could hold caller keys. */
    | { readonly kind: "ok"; readonly pairs: readonly CallerPair[]; readonly unknownOperator?: string };

/**
 * The pairs of `condition` that fix the caller (as `conditionNarrowsCaller` judges them), each
 * with its values: lets a rule ask WHICH keys narrow, e.g. whether only network keys do.
 */
export function callerPairs(condition: unknown): CallerPairs {
    if (isUnknown(condition)) {
        return { kind: "unknown" };
    }
    const block = unwrap(condition);
    if (block === undefined || block === null || typeof block !== "object" || Array.isArray(block)) {
        return { kind: "ok", pairs: [] };
    }
    const pairs: CallerPair[] = [];
    let unknownOperator: string | undefined;
    for (const [operator, body] of Object.entries(block as Record<string, unknown>)) {
        const op = parseOperator(operator);
        if (isUnknown(body)) {
            if (operatorProblem(op, undefined) === undefined || operatorProblem(op, "ip") === undefined) {
                unknownOperator ??= operator;
            }
            continue;
        }
        const kv = unwrap(body);
        if (kv === null || typeof kv !== "object" || Array.isArray(kv)) {
            continue;
        }
        for (const [key, raw] of Object.entries(kv as Record<string, unknown>)) {
            const values = unwrap(raw);
            const result = judgePair(op, key, values);
            if (result.kind === "open") {
                continue;
            }
            const spec = CALLER_KEYS.get(key.toLowerCase()) as { readonly name: string };
            const list = isUnknown(values) ? [values] : Array.isArray(values) ? values.map(unwrap) : [values];
            pairs.push({ operator, key: spec.name, network: NETWORK_KEYS.has(key.toLowerCase()), known: result.kind === "narrowed", values: list });
        }
    }
    return unknownOperator === undefined ? { kind: "ok", pairs } : { kind: "ok", pairs, unknownOperator };
}
