// What both builders share: the spec checks and metadata every policy carries, advisory and
// "cannot verify" reporting, and config resolution (options validated and defaulted, waivers
// parsed), memoised per policy.

import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";

import { NIST_FRAMEWORK, validateControlIds } from "../controls";
import { buildConfigSchema, ConfigOf, OptionSpecs, resolveConfig } from "./config";
import type { CommonSpec, PolicyMeta } from "./policy-types";
import { parseWaivers, Waiver } from "./waivers";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkCommon<O extends OptionSpecs>(spec: CommonSpec<O>): void {
    if (!KEBAB.test(spec.name)) {
        throw new Error(`Policy name "${spec.name}" must be kebab-case (lower-case words joined by "-")`);
    }
    for (const field of ["description", "remediationSteps"] as const) {
        if (!spec[field] || spec[field].trim() === "") {
            throw new Error(`Policy "${spec.name}" needs a non-empty ${field}`);
        }
    }
    if (typeof spec.summary !== "string" || (spec.summary.trim() === "" || spec.summary.length > 120 || spec.summary.includes("\n"))) {
        throw new Error(`Policy "${spec.name}" needs a one-line summary of at most 120 characters (got ${spec.summary.length})`);
    }
    validateControlIds(spec.name, spec.controls);
    // `controls` is the one home of what a policy maps to: a control the description cites is listed there too.
    const cited = [...new Set([...spec.description.matchAll(/\b[A-Z]{2}-\d+(?:\(\d+\))?/g)].map((m) => m[0]))];
    const unlisted = cited.filter((c) => !(spec.controls as readonly string[]).includes(c));
    if (unlisted.length > 0) {
        throw new Error(`Policy "${spec.name}" cites ${unlisted.join(", ")} in its description but not in controls; list it in controls or drop it from the description`);
    }
    if (!Array.isArray(spec.noVerdict)) {
        throw new Error(`Policy "${spec.name}" needs a noVerdict list (the fail-open audit: when it returns without a verdict, and why that is safe; [] if never)`);
    }
    for (const [i, nv] of spec.noVerdict.entries()) {
        if (typeof nv.when !== "string" || nv.when.trim() === "" || typeof nv.why !== "string" || nv.why.trim() === "") {
            throw new Error(`Policy "${spec.name}" noVerdict[${i}] needs a non-empty "when" and "why"`);
        }
    }
}

export function commonFields<O extends OptionSpecs>(spec: CommonSpec<O>, kind: PolicyMeta["kind"], resourceTypes: readonly string[]) {
    const options = (spec.options ?? {}) as OptionSpecs;
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel ?? ("mandatory" as EnforcementLevel),
        severity: spec.severity,
        tags: [...spec.controls],
        remediationSteps: spec.remediationSteps,
        framework: { ...NIST_FRAMEWORK, specification: spec.controls.join(", ") },
        configSchema: buildConfigSchema(spec.name, options),
        govstack: {
            kind,
            controls: [...spec.controls],
            resourceTypes: [...resourceTypes],
            options,
            summary: spec.summary,
            scope: spec.scope,
            noVerdict: spec.noVerdict.map((nv) => ({ when: nv.when, why: nv.why })),
        },
    };
}

/** The object form of reportViolation (supported by the @pulumi/policy server) lets one diagnostic be advisory. */
type ReportDiagnostic = (d: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void;

/** Longest message reported: a diagnostic quotes input values, and an input can be megabytes long. */
export const MAX_MESSAGE_CHARS = 2000;

/** `report`, with every message (string or object form) cut to MAX_MESSAGE_CHARS. */
export function capMessages(report: ReportViolation): ReportViolation {
    const cap = (m: string) => (m.length > MAX_MESSAGE_CHARS ? `${m.slice(0, MAX_MESSAGE_CHARS)}… (cut at ${MAX_MESSAGE_CHARS} characters)` : m);
    return ((message: string | { message: string }, urn?: string) =>
        typeof message === "string" ? report(cap(message), urn) : (report as unknown as ReportDiagnostic)({ ...(message as Parameters<ReportDiagnostic>[0]), message: cap(message.message) })) as ReportViolation;
}

export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
    (report as unknown as ReportDiagnostic)({ message, urn, enforcementLevel: "advisory" });
}

export function cannotVerifyMessage(what: string): string {
    return `Cannot verify ${what} during preview: the value is unknown until the update. The policy runs again before the resource is created.`;
}

export interface Resolved<O extends OptionSpecs> {
    config: ConfigOf<O>;
    waivers: readonly Waiver[];
    errors: readonly string[];
    fatal: boolean;
}

function resolveUncached<O extends OptionSpecs>(name: string, options: O, configured: Record<string, unknown>): Resolved<O> {
    const parsed = parseWaivers(name, configured.waivers);
    const r = resolveConfig(name, options, configured);
    if (!r.ok) {
        return { config: undefined as unknown as ConfigOf<O>, waivers: parsed.waivers, errors: [...r.errors, ...parsed.errors], fatal: true };
    }
    const config = { ...r.config, waivers: parsed.waivers } as ConfigOf<O>;
    return { config, waivers: parsed.waivers, errors: parsed.errors, fatal: false };
}

/**
 * A per-policy resolver memoised on the configured values' identity: the server hands out a
 * fresh shallow copy of the same config on every call, so comparing values by reference skips
 * re-validating (and re-copying) unchanged options on the hot path.
 */
export function makeResolver<O extends OptionSpecs>(name: string, options: O): (configured: Record<string, unknown>) => Resolved<O> {
    let lastKeys: string[] = [];
    let lastValues: unknown[] = [];
    let last: Resolved<O> | undefined;
    return (configured) => {
        const keys = Object.keys(configured);
        if (last && keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i] && configured[k] === lastValues[i])) {
            return last;
        }
        last = resolveUncached(name, options, configured);
        lastKeys = keys;
        lastValues = keys.map((k) => configured[k]);
        return last;
    };
}

export function attachType<F extends object>(fn: F, types: readonly string[]): F {
    // The server skips a function carrying the one type it applies to (getPulumiType in
    // @pulumi/policy/policy.js). Used for remediation and stack triggers only: for `analyze` the
    // skip is not free — each skipped policy adds a PolicyNotApplicable entry to every response —
    // and once props are deserialised once per call (lib/shared-deserialize.ts) our own Set check
    // is cheaper: 1,649 vs 1,201 analyze/s at 10,000 resources (docs/performance.md).
    if (types.length === 1) {
        (fn as { __pulumiType?: string }).__pulumiType = types[0];
    }
    return fn;
}

// ---------------------------------------------------------------------------------------------
// The safety net: an exception in a policy must not fail the whole preview (the server turns it
// into an RPC error), and must not pass the resource either. The builders catch it and report a
// violation that names the policy, what it was evaluating and the last property it read.

/** How every safety-net message starts; the fuzz tests assert that no policy of ours ever reaches it. */
export const INTERNAL_ERROR_PREFIX = "Internal error in policy";

const MAX_ERROR_TEXT = 300;

/** A thrown value as text, without calling any of its methods (it may be hostile). */
function describeError(e: unknown): string {
    if (e instanceof Error) {
        const name = typeof e.name === "string" ? e.name : "Error";
        const message = typeof e.message === "string" ? e.message : "";
        const text = message === "" ? name : `${name}: ${message}`;
        return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
    }
    return `a thrown ${e === null ? "null" : typeof e}`;
}

/** The safety net's violation: an internal error to be filed as a bug, never a verdict on the program. */
export function internalErrorMessage(policy: string, subject: string, lastRead: string | undefined, e: unknown): string {
    const where = lastRead === undefined ? "before reading any property" : `after reading ${lastRead}`;
    return (
        `${INTERNAL_ERROR_PREFIX} "${policy}" while evaluating ${subject} (${where}): ${describeError(e)}. ` +
        "This is a bug in the govstack-guard policy pack, not a finding about your program: file it as a bug with this message. " +
        "The resource is blocked until the pack is fixed; waivers do not apply."
    );
}

/**
 * Errors the @pulumi/policy server itself handles and the net must let through: reading an
 * unknown through its proxy (reported as an advisory "can't run policy during preview") and
 * `args.notApplicable()`. Matched by class name: the classes are internal to @pulumi/policy.
 */
export function isServerSignal(e: unknown): boolean {
    const name = e instanceof Error ? e.constructor?.name : undefined;
    return name === "UnknownValueError" || name === "NotApplicableError";
}

/** For the property-based tests: told of every path a policy reads through its context (off when undefined). */
export const readObserver: { current?: (policy: string, type: string, path: string) => void } = {};
