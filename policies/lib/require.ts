// Requirement checks shared by every rule area.

import type { ResourceContext } from "./policy";

/**
 * A flag that must be true. Unknown at preview → advisory "cannot verify <path>" and false; not a
 * boolean (nor the strings "true"/"false" the provider bridge coerces) → a mandatory "Cannot
 * evaluate" and false; false or absent → a violation with `message` and false; true → true, so the
 * caller can go on to judge what the flag enables (e.g. the key of an encryption that is on).
 * `from` reads `path` relative to a nested value (a block device) that messages name `at`.
 */
export function requireTrue(ctx: ResourceContext<unknown>, path: string, message: string, from?: unknown, at?: string): boolean {
    const v = ctx.readBoolean(path, { from, at, what: path });
    if (!v.ok) {
        return false;
    }
    if (v.value !== true) {
        ctx.violation(message);
        return false;
    }
    return true;
}
