// Parsed-JSON memo. Several policies read the same JSON document (an ECS task definition's
// containerDefinitions, an IAM or bucket policy); parsing it once per analyze call per policy
// would cost more than the checks themselves (issue 8). Documents are cached by their exact
// text in a small LRU and deep-frozen, so a policy cannot mutate what another one reads.

import { isUnknown } from "./unknowns";

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const MAX_ENTRIES = 256;
const MAX_CACHED_LENGTH = 512 * 1024;
const cache = new Map<string, JsonParse>();

function deepFreeze(value: unknown): unknown {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value as Record<string, unknown>)) {
            deepFreeze(v);
        }
    }
    return value;
}

/**
 * Parses a JSON document, memoised by its text. Never throws: a syntax error comes back as
 * `{ ok: false, error }`. Callers must check `isUnknown(text)` first (an unknown is not JSON).
 */
export function parseJson(text: string): JsonParse {
    const hit = cache.get(text);
    if (hit !== undefined) {
        // Refresh recency: Map iteration order is insertion order, so re-insert.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
    }
    let result: JsonParse;
    try {
        result = { ok: true, value: deepFreeze(JSON.parse(text)) };
    } catch (e) {
        result = { ok: false, error: (e as Error).message };
    }
    if (text.length <= MAX_CACHED_LENGTH) {
        cache.set(text, result);
        if (cache.size > MAX_ENTRIES) {
            const oldest = cache.keys().next().value as string;
            cache.delete(oldest);
        }
    }
    return result;
}

/**
 * A JSON property that may be a JSON string (the usual Pulumi input), an already-structured
 * object, or unknown. Returns `undefined` for unknown, the parsed value otherwise.
 */
export function readJsonDocument(value: unknown): JsonParse | undefined {
    if (isUnknown(value)) {
        return undefined;
    }
    if (typeof value === "string") {
        return parseJson(value);
    }
    return { ok: true, value };
}

/** For tests and the benchmark: how many documents are cached. */
export function jsonCacheSize(): number {
    return cache.size;
}
