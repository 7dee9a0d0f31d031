// What a trust policy's typed Condition (lib/condition-grammar readCondition) pins: the values a key is
// fixed to (sts:ExternalId, an audience) and whether MFA is required (iam-role-trust-policy).

import { isUnknown, TypedCondition } from "../../lib";

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
