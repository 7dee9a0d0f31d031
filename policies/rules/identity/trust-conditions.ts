// A statement's Condition, typed (iam-role-trust-policy; the resource policies' public-principal rules
// before lib/conditions judges it). IAM's grammar: Condition is an
// object of operators ("StringEquals", "Bool" …), each an object of condition keys, each key's
// value a string, number or boolean, or an array of them (IAM User Guide, "IAM JSON policy
// element reference: Condition" and "Grammar of the IAM JSON policy language"). Anything else —
// a Condition that is a string or an array, an operator whose value is not an object, a key
// whose value is an object or null — is a document IAM rejects and the policy cannot judge: it is
// malformed (the unwaivable "Cannot evaluate", naming the path), never a condition that pins or
// gates nothing. Computed values (at preview) stay unknown.

import { Guard, isUnknown, OBJECT, ownValue, Typed, typed, unwrap } from "../../lib";

/** One operator/key pair; `values` undefined when computed at preview (elements may be unknown too). */
export interface ConditionPair {
    readonly operator: string;
    readonly key: string;
    readonly values: readonly unknown[] | undefined;
}

/** A typed Condition: its pairs, and the operators whose whole block is computed at preview. */
export interface TypedCondition {
    readonly pairs: readonly ConditionPair[];
    readonly unknownOperators: readonly string[];
}

const isScalar = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

const CONDITION_VALUES: Guard<readonly unknown[]> = {
    expected: "a string, number or boolean, or an array of them",
    parse: (v) => (isScalar(v) ? { value: [v] } : Array.isArray(v) && v.every(isScalar) ? { value: v as readonly unknown[] } : undefined),
};

const OPERATORS = "an object of condition operators (e.g. {\"StringEquals\": {…}})";
const PAIRS = "an object of condition keys and their values";

/** null where an object or a value belongs: IAM rejects it, and it must not read as "absent". */
function nullAt(path: string, expected: string): Typed<never> {
    return { kind: "malformed", path, got: "null", expected };
}

/** The statement's Condition typed; ok undefined when there is none. `at` names the statement ("assumeRolePolicy.Statement[0]"). */
export function readCondition(statement: unknown, at: string): Typed<TypedCondition> {
    const path = `${at}.Condition`;
    const raw = ownValue(statement, "Condition");
    const block = typed(raw, { ...OBJECT, expected: OPERATORS }, path);
    if (block.kind !== "ok" || block.value === undefined) {
        return block.kind === "ok" && unwrap(raw) === null ? nullAt(path, OPERATORS) : (block as Typed<never>);
    }
    const pairs: ConditionPair[] = [];
    const unknownOperators: string[] = [];
    for (const [operator, body] of Object.entries(unwrap(block.value))) {
        const opPath = `${path}.${operator}`;
        if (unwrap(body) === null) {
            return nullAt(opPath, PAIRS);
        }
        const keys = typed(body, { ...OBJECT, expected: PAIRS }, opPath);
        if (keys.kind === "malformed") {
            return keys;
        }
        if (keys.kind === "unknown" || keys.value === undefined) {
            unknownOperators.push(operator);
            continue;
        }
        for (const [key, value] of Object.entries(unwrap(keys.value))) {
            const keyPath = `${opPath}.${key}`;
            if (unwrap(value) === null) {
                return nullAt(keyPath, CONDITION_VALUES.expected);
            }
            const values = typed(unwrap(value), CONDITION_VALUES, keyPath);
            if (values.kind === "malformed") {
                return values;
            }
            pairs.push({ operator, key, values: values.kind === "unknown" ? undefined : values.value });
        }
    }
    return { kind: "ok", value: { pairs, unknownOperators } };
}

const PINNING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);
const ONLY_WILDCARDS = /^[*?]+$/;

/**
 * Whether StringEquals, StringEqualsIgnoreCase or StringLike gives `key` (case-insensitive) fixed
 * values: no wildcard-only value, no policy variable. `known` false when a computed value could pin it.
 */
export function pinnedValues(condition: TypedCondition | undefined, key: string): { known: boolean; pinned: boolean } {
    if (condition === undefined) {
        return { known: true, pinned: false };
    }
    let unknownSeen = condition.unknownOperators.some((op) => PINNING_OPERATORS.has(op.toLowerCase()));
    const wanted = key.toLowerCase();
    for (const pair of condition.pairs) {
        if (!PINNING_OPERATORS.has(pair.operator.toLowerCase()) || pair.key.toLowerCase() !== wanted) {
            continue;
        }
        if (pair.values === undefined || pair.values.some(isUnknown)) {
            unknownSeen = true;
            continue;
        }
        if (pair.values.length > 0 && pair.values.every((x) => typeof x === "string" && x !== "" && !ONLY_WILDCARDS.test(x) && !x.includes("${"))) {
            return { known: true, pinned: true };
        }
    }
    return { known: !unknownSeen, pinned: false };
}

/** Whether Condition has Bool aws:MultiFactorAuthPresent true (not BoolIfExists: absent keys would pass); undefined when computed. */
export function requiresMfa(condition: TypedCondition | undefined): boolean | undefined {
    if (condition === undefined) {
        return false;
    }
    if (condition.unknownOperators.some((op) => op.toLowerCase() === "bool")) {
        return undefined;
    }
    const pair = condition.pairs.find((p) => p.operator.toLowerCase() === "bool" && p.key.toLowerCase() === "aws:multifactorauthpresent");
    if (pair === undefined) {
        return false;
    }
    if (pair.values === undefined || pair.values.some(isUnknown)) {
        return undefined;
    }
    return pair.values.length > 0 && pair.values.every((x) => x === true || x === "true");
}
