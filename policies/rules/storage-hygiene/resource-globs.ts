// What an IAM Resource pattern (`*` any run, `?` one character) matches of a bucket's ARN and of
// every object key under it, for the TLS-only deny's coverage (tls-deny.ts).

/**
 * Glob positions (IAM `*` any run, `?` one character) reachable after reading all of `text`;
 * `*` at position i may stay at i. Used to ask what a Resource pattern matches beyond a prefix.
 */
export function globStates(pattern: string, text: string): Set<number> {
    const close = (states: Set<number>): Set<number> => {
        for (const i of [...states]) {
            for (let j = i; j < pattern.length && pattern[j] === "*"; j++) {
                states.add(j + 1);
            }
        }
        return states;
    };
    let states = close(new Set([0]));
    for (const ch of text) {
        const next = new Set<number>();
        for (const i of states) {
            if (i < pattern.length && pattern[i] === "*") {
                next.add(i);
            } else if (i < pattern.length && (pattern[i] === "?" || pattern[i] === ch)) {
                next.add(i + 1);
            }
        }
        states = close(next);
        if (states.size === 0) {
            break;
        }
    }
    return states;
}

/** Whether `pattern` matches `text` + s for EVERY non-empty s (all object keys under a prefix). */
export function coversAllAfter(pattern: string, text: string): boolean {
    // From some reachable state, the rest of the pattern must be only wildcards with a `*`
    // and at most one `?` (object keys are at least one character long).
    for (const i of globStates(pattern, text)) {
        const rest = pattern.slice(i);
        if (/^[*?]*$/.test(rest) && rest.includes("*") && (rest.match(/\?/g) ?? []).length <= 1) {
            return true;
        }
    }
    return false;
}

/** Whether `pattern` matches `text` exactly. */
export function matchesExactly(pattern: string, text: string): boolean {
    return globStates(pattern, text).has(pattern.length);
}

/** The partition a Resource pattern names ("aws-us-gov"), or GovCloud's when it leaves it open. */
export function partitionOf(pattern: string): string {
    const partition = pattern.split(":")[1];
    return partition !== undefined && /^aws[a-z-]*$/.test(partition) ? partition : "aws-us-gov";
}
