// A statement's Condition, typed (iam-role-trust-policy; the resource and key policies' public-principal
// rules before lib/conditions judges it; the TLS-only bucket policy guard). IAM's grammar: Condition is an
// object of operators ("StringEquals", "Bool" …), each an object of condition keys, each key's
// value a string, number or boolean, or an array of them (IAM User Guide, "IAM JSON policy
// element reference: Condition" and "Grammar of the IAM JSON policy language"). Anything else —
// a Condition that is a string or an array, an operator whose value is not an object, a key
// whose value is an object or null — is a document IAM rejects and the policy cannot judge: it is
// malformed (the unwaivable "Cannot evaluate", naming the path), never a condition that pins or
// gates nothing. Computed values (at preview) stay unknown.

import { Guard, OBJECT, Typed, typed } from "./guards";
import { ownValue, unwrap } from "./unknowns";

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
