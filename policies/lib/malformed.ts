// A judged value of the wrong JSON type (a string where AWS takes a boolean, an object where it
// takes a list) cannot be judged; the policy blocks the resource with a message that says what it
// found and what it expected, rather than guess (fail closed). The message shape is the one the
// typed reads on branch `guards` use ("Cannot evaluate <resource>: <path> is <got>, expected …").

const PREVIEW = 80;

/** A short description of a raw value that never throws: `"yes"`, `the number 5`, `an array [1,2]`. */
export function describeRaw(value: unknown): string {
    if (value === null) {
        return "null";
    }
    switch (typeof value) {
        case "string":
            return JSON.stringify(value.length > PREVIEW ? `${value.slice(0, PREVIEW)}…` : value);
        case "number":
            return `the number ${Number.isFinite(value) ? String(value) : "NaN/Infinity"}`;
        case "boolean":
            return `the boolean ${value ? "true" : "false"}`;
        case "object": {
            let text: string;
            try {
                text = JSON.stringify(value) ?? "";
            } catch {
                text = "";
            }
            return `${Array.isArray(value) ? "an array" : "an object"} ${text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text}`.trim();
        }
        default:
            return `a ${typeof value}`;
    }
}

/** `<path> is <got>, expected <expected>`: what is wrong with a value (for cannotEvaluate). */
export function typeProblem(path: string, value: unknown, expected: string): string {
    return `${path} is ${describeRaw(value)}, expected ${expected}`;
}

/** The mandatory message for a resource the policy cannot judge; `problem` from typeProblem. */
export function cannotEvaluate(label: string, problem: string): string {
    return `Cannot evaluate ${label}: ${problem}; set a valid value (the policy cannot judge this one, so it blocks the resource).`;
}

/** The mandatory message for a value the policy cannot judge. */
export function cannotEvaluateMessage(label: string, path: string, value: unknown, expected: string): string {
    return cannotEvaluate(label, typeProblem(path, value, expected));
}

/** `one of "a", "b"` for the `expected` of an enum value AWS defines. */
export function oneOfText(values: readonly string[]): string {
    return `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
}
