// Requirement checks shared by every rule area.

import type { ResourceContext } from "./policy";

/**
 * A flag that must be true. Unknown at preview → advisory "cannot verify <path>" and false;
 * anything but `true` (or the string "true", which the provider bridge coerces to a boolean) →
 * a violation with `message` and false; true → true, so the caller can go on to judge what the
 * flag enables (e.g. the key of an encryption that is on). `from` reads `path` relative to a
 * nested value (a block device) instead of the resource's props.
 */
export function requireTrue(ctx: ResourceContext<unknown>, path: string, message: string, from?: unknown): boolean {
    const v = ctx.read(path, from);
    if (!v.known) {
        ctx.cannotVerify(path);
        return false;
    }
    if (v.value !== true && v.value !== "true") {
        ctx.violation(message);
        return false;
    }
    return true;
}
