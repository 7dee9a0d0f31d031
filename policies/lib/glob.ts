// Name globs for config (waivers, exemption lists): `*` any run of characters, `?` one; all
// else literal. Compiled once per pattern.

const cache = new Map<string, RegExp>();

function compile(glob: string): RegExp {
    let re = cache.get(glob);
    if (re === undefined) {
        const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        re = new RegExp(`^${body}$`);
        if (cache.size < 4096) {
            cache.set(glob, re);
        }
    }
    return re;
}

/** Whether `value` matches the glob `pattern` (an exact string matches itself). */
export function globMatches(pattern: string, value: string): boolean {
    if (pattern === value) {
        return true;
    }
    if (!pattern.includes("*") && !pattern.includes("?")) {
        return false;
    }
    return compile(pattern).test(value);
}

/** The first pattern that matches any of the values, if any. */
export function findGlobMatch(patterns: readonly string[], values: readonly string[]): string | undefined {
    return patterns.find((p) => values.some((v) => v !== "" && globMatches(p, v)));
}
