/** The median of the samples (the mean of the middle two for an even count); NaN when there are none. */
export function median(samples: readonly number[]): number {
    if (samples.length === 0) {
        return NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` decimals (figures in bench.json are for people: no 17-digit floats). */
export function round(value: number, digits = 0): number {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

/** Milliseconds since `start` (process.hrtime.bigint), with sub-millisecond resolution. */
export function msSince(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` `runs` times one after the other and returns every sample. */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < runs; i++) {
        out.push(await fn(i));
    }
    return out;
}
