// The mandatory message for a judged field whose value AWS would not accept (the wrong JSON type,
// or a string outside the enum AWS defines): the policy cannot judge it, and a value it cannot
// judge must never pass as compliant. Same wording as the typed reads being built in lib (guards
// branch): `Cannot evaluate <label>: <path> is <got>, expected <expected>`.

/** A short, safe description of a raw value (never calls a method of the value). */
function shown(value: unknown): string {
    if (value === null) {
        return "null";
    }
    switch (typeof value) {
        case "string":
            return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
        case "number":
        case "boolean":
            return `the ${typeof value} ${JSON.stringify(value)}`;
        case "object":
            return Array.isArray(value) ? "an array" : "an object";
        default:
            return `a ${typeof value}`;
    }
}

export function cannotEvaluateMessage(label: string, path: string, value: unknown, expected: string): string {
    return `Cannot evaluate ${label}: ${path} is ${shown(value)}, expected ${expected}.`;
}

/** `one of "a", "b"` for messages. */
export function oneOfText(values: readonly string[]): string {
    return `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
}
