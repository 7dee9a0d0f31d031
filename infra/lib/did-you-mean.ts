/**
 * "Did you mean …" for a mistyped name (a setting, a policy, an option): the closest candidate within
 * a small edit distance, or undefined when none is close. Pure; the estate's settings check and the
 * offline plan's pack-config check share it.
 */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = row;
    }
    return prev[b.length];
}

/** The candidate nearest to `name`, if within max(2, a quarter of its length) edits. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const c of candidates) {
        const d = editDistance(name, c);
        if (d <= Math.max(2, Math.floor(c.length / 4)) && (!best || d < best.d)) {
            best = { name: c, d };
        }
    }
    return best?.name;
}
