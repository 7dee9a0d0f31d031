// Unknown-safe property access. During a preview, computed values arrive as sentinel strings and
// the policy server wraps props in a proxy that THROWS on reading one (@pulumi/policy/proxy.js);
// the server then reports "can't run policy during preview". Policies here read through `read`,
// which never throws: it unwraps the proxy once and walks the plain object, so a policy decides
// for itself (skip, or an advisory "cannot verify during preview"). An unknown is never a
// mandatory violation.

/** The unknown sentinels @pulumi/policy uses (the engine sends the string one over gRPC). */
export const UNKNOWN_SENTINELS: readonly string[] = [
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also what the engine sends for any unknown)
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

/** The value the engine sends for an unknown input during preview. */
export const UNKNOWN = UNKNOWN_SENTINELS[0];

const sentinelSet = new Set<unknown>(UNKNOWN_SENTINELS);

/** The result of an unknown-safe read: a known value (possibly `undefined` when absent) or unknown. */
export type Read<T = unknown> = { readonly known: true; readonly value: T } | { readonly known: false };

export const UNKNOWN_READ: Read<never> = Object.freeze({ known: false });

// Property names the policy proxy answers itself (see @pulumi/policy/proxy.js).
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

/** True for an unknown sentinel. */
export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && sentinelSet.has(value);
}

/** Returns the plain object behind the policy server's unknown-checking proxy (or the value itself). */
export function unwrap<T>(value: T): T {
    if (value !== null && typeof value === "object") {
        const v = value as Record<string, unknown>;
        if (v[IS_SPECIAL_PROXY] === true) {
            return v[SPECIAL_PROXY_TARGET] as T;
        }
    }
    return value;
}

type PathSegment = string | number;
const pathCache = new Map<string, readonly PathSegment[]>();

function splitPath(path: string): readonly PathSegment[] {
    let segments = pathCache.get(path);
    if (segments === undefined) {
        segments = path === "" ? [] : path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
        if (pathCache.size < 1024) {
            pathCache.set(path, segments);
        }
    }
    return segments;
}

/**
 * Reads `path` ("a.b.0.c"; numeric segments index arrays) from `obj` without ever throwing.
 * Returns `{ known: false }` if the value or anything on the way to it is unknown, and
 * `{ known: true, value: undefined }` if it is simply absent.
 */
export function read<T = unknown>(obj: unknown, path: string | readonly PathSegment[] = ""): Read<T> {
    let cur: unknown = unwrap(obj);
    const segments = typeof path === "string" ? splitPath(path) : path;
    for (const seg of segments) {
        if (isUnknown(cur)) {
            return UNKNOWN_READ;
        }
        if (cur === null || typeof cur !== "object") {
            return { known: true, value: undefined as T };
        }
        // Own properties only: "constructor", "toString" or a "__proto__" key must never read through to a prototype.
        cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<PathSegment, unknown>)[seg] : undefined;
    }
    return isUnknown(cur) ? UNKNOWN_READ : { known: true, value: cur as T };
}

/** True when the value or anything nested in it is unknown. */
export function containsUnknown(value: unknown): boolean {
    const v = unwrap(value);
    if (isUnknown(v)) {
        return true;
    }
    if (Array.isArray(v)) {
        return v.some(containsUnknown);
    }
    if (v !== null && typeof v === "object") {
        return Object.values(v as Record<string, unknown>).some(containsUnknown);
    }
    return false;
}

/** Elements of a known array (unknown elements included as sentinels); [] when absent; undefined when unknown. */
export function readArray(obj: unknown, path: string): unknown[] | undefined {
    const r = read(obj, path);
    if (!r.known) {
        return undefined;
    }
    return Array.isArray(r.value) ? r.value : r.value === undefined || r.value === null ? [] : [r.value];
}

/** `obj[key]` when it is an own property of an object, else undefined (never a prototype's "constructor" or "toString"). */
export function ownValue(obj: unknown, key: string): unknown {
    const o = unwrap(obj);
    return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}
