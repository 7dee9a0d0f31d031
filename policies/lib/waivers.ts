// Waivers: an audited, dated exception to one policy for named resources (CA-7 continuous
// monitoring wants exceptions explicit and reviewed; an expired waiver silently lapsing back to
// enforcement is the point). Every policy's config carries `waivers`; the offline plan imports
// these functions to list the waivers in effect in its report.

import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

import { globMatches } from "./glob";

export interface Waiver {
    /** A resource URN, or a glob (`*`, `?`) over the resource name or, if it contains "::", the URN. */
    readonly resource: string;
    /** Why the exception is acceptable (the risk acceptance, the compensating control). */
    readonly reason: string;
    /** Who approved it (a person or a ticket). */
    readonly approvedBy: string;
    /** Last day (UTC, inclusive) the waiver applies, as YYYY-MM-DD. */
    readonly expires: string;
}

export interface ParsedWaivers {
    readonly waivers: readonly Waiver[];
    /** One message per malformed entry, naming the policy and the field. */
    readonly errors: readonly string[];
}

export interface WaivableResource {
    readonly urn: string;
    readonly name: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The JSON schema of the common `waivers` option. The CLI (and the offline plan) validate config
 * against it before anything runs, so it says all parseWaivers requires: the four fields, none
 * blank (pattern `\S`: at least one non-space character), and `expires` a calendar date (`format: date`,
 * RFC 3339 full-date: 2025-02-30 is refused).
 */
export const WAIVERS_SCHEMA: PolicyConfigJSONSchema = {
    type: "array",
    description:
        "Audited exceptions: each suppresses this policy's violations for matching resources until it expires " +
        "(resource: URN, or a glob over the name, or over the URN if it contains '::').",
    default: [],
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1, pattern: "\\S" },
            reason: { type: "string", minLength: 1, pattern: "\\S" },
            approvedBy: { type: "string", minLength: 1, pattern: "\\S" },
            expires: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
        required: ["resource", "reason", "approvedBy", "expires"],
        additionalProperties: false,
    },
};

/** Whether `text` is a date as YYYY-MM-DD naming a real calendar day (2025-02-30 is not); also the audit gate's acceptances. */
export function isCalendarDate(text: string): boolean {
    const m = DATE_RE.exec(text);
    if (!m) {
        return false;
    }
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const parsedCache = new WeakMap<object, ParsedWaivers>();
const EMPTY: ParsedWaivers = { waivers: [], errors: [] };

/**
 * Validates a policy's `waivers` config value. Malformed entries are dropped (they never waive
 * anything) and described in `errors`. Memoised per array object (config is stable per run).
 */
export function parseWaivers(policyName: string, value: unknown): ParsedWaivers {
    if (value === undefined || value === null) {
        return EMPTY;
    }
    if (!Array.isArray(value)) {
        return { waivers: [], errors: [`Invalid waiver config for policy "${policyName}": "waivers" must be an array, got ${JSON.stringify(value)}`] };
    }
    const cached = parsedCache.get(value);
    if (cached !== undefined) {
        return cached;
    }
    const waivers: Waiver[] = [];
    const errors: string[] = [];
    value.forEach((entry: unknown, i: number) => {
        const where = `Invalid waiver config for policy "${policyName}": waivers[${i}]`;
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            errors.push(`${where} must be an object with resource, reason, approvedBy and expires, got ${JSON.stringify(entry)}`);
            return;
        }
        const e = entry as Record<string, unknown>;
        const problems: string[] = [];
        for (const field of ["resource", "reason", "approvedBy"] as const) {
            if (typeof e[field] !== "string" || (e[field] as string).trim() === "") {
                problems.push(`${where}.${field} must be a non-empty string, got ${JSON.stringify(e[field])}`);
            }
        }
        if (typeof e.expires !== "string" || !isCalendarDate(e.expires)) {
            problems.push(`${where}.expires must be a date as YYYY-MM-DD, got ${JSON.stringify(e.expires)}`);
        }
        const extra = Object.keys(e).filter((k) => !["resource", "reason", "approvedBy", "expires"].includes(k));
        if (extra.length > 0) {
            problems.push(`${where} has unknown field(s) ${extra.join(", ")}; allowed: resource, reason, approvedBy, expires`);
        }
        if (problems.length > 0) {
            errors.push(...problems);
            return;
        }
        waivers.push({ resource: e.resource as string, reason: e.reason as string, approvedBy: e.approvedBy as string, expires: e.expires as string });
    });
    const parsed: ParsedWaivers = { waivers, errors };
    parsedCache.set(value, parsed);
    return parsed;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/** A waiver is active through its `expires` day (UTC, inclusive). */
export function isWaiverActive(waiver: Waiver, today: string = todayUtc()): boolean {
    return waiver.expires >= today;
}

/** Whether a waiver's `resource` pattern matches the resource (regardless of expiry). */
export function waiverMatches(waiver: Waiver, resource: WaivableResource): boolean {
    const pattern = waiver.resource;
    if (pattern === resource.urn || pattern === resource.name) {
        return true;
    }
    return globMatches(pattern, pattern.includes("::") ? resource.urn : resource.name);
}

/** The first active waiver that matches the resource, if any. */
export function findActiveWaiver(
    waivers: readonly Waiver[],
    resource: WaivableResource,
    today: string = todayUtc(),
): Waiver | undefined {
    return waivers.find((w) => isWaiverActive(w, today) && waiverMatches(w, resource));
}

/** The message of the advisory diagnostic a waived violation becomes. */
export function waivedMessage(waiver: Waiver, violation: string): string {
    return `Waived until ${waiver.expires} (approved by ${waiver.approvedBy}: ${waiver.reason}): ${violation}`;
}
