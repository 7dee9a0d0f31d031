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
        govstack: { kind, controls: [...spec.controls], resourceTypes: [...resourceTypes], options, summary: spec.summary, scope: spec.scope },
    };
}

/** The object form of reportViolation (supported by the @pulumi/policy server) lets one diagnostic be advisory. */
type ReportDiagnostic = (d: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void;

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
