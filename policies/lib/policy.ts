// The two policy builders every rule uses. They fix the pack's contract in one place: metadata
// (name, description, severity, NIST controls as `tags`, framework, remediation steps, config
// schema), type dispatch (a Set of type tokens checked first; issue 8), unknown-safe reads,
// waivers, validated options and advisory "cannot verify during preview" diagnostics.

import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceRemediation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidation,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import { ControlId, NIST_FRAMEWORK, validateControlIds } from "../controls";
import { buildConfigSchema, ConfigOf, OptionSpecs, resolveConfig } from "./config";
import { typeMatcher } from "./type-match";
import { Read, read, unwrap } from "./unknowns";
import { findActiveWaiver, parseWaivers, todayUtc, waivedMessage, Waiver } from "./waivers";

/** What the docs generator, the tests and the offline plan need to know beyond @pulumi/policy's fields. */
export interface PolicyMeta {
    readonly kind: "resource" | "stack";
    readonly controls: readonly ControlId[];
    /** The resource type tokens the policy judges. */
    readonly resourceTypes: readonly string[];
    readonly options: OptionSpecs;
    /** One line (≤ 120 characters) for the docs table; `description` is the full explanation. */
    readonly summary: string;
    /** "prod": a production-resilience rule that non-production stacks run as advisory; absent: every stack. */
    readonly scope?: PolicyScope;
    /** Ids of the other packs' rules this policy covers (rows of policies/coverage/, docs/coverage.md). */
    readonly anchors: readonly string[];
}

/** Where a policy is mandatory: "prod" only (non-prod stack configs set it advisory) or everywhere. */
export type PolicyScope = "prod";

export type GovResourcePolicy = ResourceValidationPolicy & {
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly tags: string[];
    readonly remediationSteps: string;
    readonly govstack: PolicyMeta;
};
export type GovStackPolicy = StackValidationPolicy & {
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly tags: string[];
    readonly remediationSteps: string;
    readonly govstack: PolicyMeta;
};
export type GovPolicy = GovResourcePolicy | GovStackPolicy;

interface CommonSpec<O extends OptionSpecs> {
    /** kebab-case, unique in the pack, never reused. */
    readonly name: string;
    /** What is required and why (shown with every violation). */
    readonly description: string;
    /** One line (≤ 120 characters) for the docs table; `description` holds the full explanation. */
    readonly summary: string;
    /** "prod" for production-resilience rules that non-production stacks run as advisory (see policies/config/). */
    readonly scope?: PolicyScope;
    readonly severity: Severity;
    /** NIST SP 800-53 rev5 control IDs the policy supports, e.g. ["SC-28", "SC-12"]. */
    readonly controls: readonly ControlId[];
    readonly remediationSteps: string;
    /** Default enforcement; config can override it per stack. Default "mandatory". */
    readonly enforcementLevel?: EnforcementLevel;
    /** Policy-specific options with types and defaults (become the config schema). */
    readonly options?: O;
    /**
     * Rule ids of the anchor packs (cdk-nag NIST 800-53 rev5, Pulumi compliance policies, AWSGuard,
     * KICS) that this policy blocks, exactly as a row of policies/coverage/ names them.
     */
    readonly anchors?: readonly string[];
}

/** What a resource policy's `validate` sees. `props` is the plain object: it may hold unknown sentinels. */
export interface ResourceContext<C> {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: Readonly<Record<string, unknown>>;
    readonly config: C;
    /** The raw server arguments (provider, opts, stackTags), for the rare policy that needs them. */
    readonly args: ResourceValidationArgs;
    /** Unknown-safe read of a property path ("a.b.0.c"), relative to props or to `from`. */
    read<T = unknown>(path: string, from?: unknown): Read<T>;
    /** Reports a violation at the policy's enforcement level, unless an active waiver covers the resource. */
    violation(message: string): void;
    /** Reports an advisory "cannot verify <what> during preview" (never mandatory). */
    cannotVerify(what: string): void;
    /** Reports an advisory diagnostic with this message (never mandatory, not waivable). */
    advisory(message: string): void;
}

export type RemediationContext<C> = Omit<ResourceContext<C>, "violation" | "cannotVerify" | "advisory"> & {
    /**
     * Sets top-level props and returns the props to hand back to the engine. Always use this
     * rather than `{ ...ctx.props, … }`: the server's props preserve secretness only through its
     * proxy, and a spread copy would turn secret inputs (a DB password) into plaintext.
     */
    update(changes: Readonly<Record<string, unknown>>): Record<string, unknown>;
};

export interface ResourcePolicySpec<O extends OptionSpecs> extends CommonSpec<O> {
    /** Type tokens, e.g. "aws:rds/instance:Instance" (never import @pulumi/aws at run time); "aws:*" = every aws type. */
    readonly resourceTypes: readonly [string, ...string[]];
    readonly validate: (ctx: ResourceContext<ConfigOf<O>>) => void;
    /**
     * A safe, deterministic fix, applied only when the policy's enforcementLevel is "remediate".
     * Return `ctx.update({ … })` (the complete new props), or undefined for no change. Never
     * change a security setting.
     */
    readonly remediate?: (ctx: RemediationContext<ConfigOf<O>>) => Record<string, unknown> | undefined;
}

/** A resource as a stack policy sees it: plain props, and URNs for parent and dependencies. */
export interface StackResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: Readonly<Record<string, unknown>>;
    readonly parent?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly provider?: { readonly type: string; readonly urn: string; readonly name: string; readonly props: Readonly<Record<string, unknown>> };
}

export interface ResolvedRefs {
    /** Resources the property refers to (by known id/ARN/name, or by property dependency when unknown). */
    readonly resources: readonly StackResource[];
    /** How many referenced values could not be resolved to a resource of the target types. */
    readonly unresolved: number;
    /** True when the property itself (e.g. the whole id list) is unknown. */
    readonly listUnknown: boolean;
}

export interface StackContext<C> {
    readonly config: C;
    readonly args: StackValidationArgs;
    /** All resources of the stack, in order. */
    readonly resources: readonly StackResource[];
    /** Resources of the given types (indexed once per call). */
    ofType(...types: string[]): readonly StackResource[];
    byUrn(urn: string): StackResource | undefined;
    /**
     * Resolves the references held in `from.props[prop]` (a string or an array of strings: ids,
     * ARNs or names) to resources of `targetTypes`. Known values match a target's `keyProps`
     * (default `id`, `arn`, `name`; e.g. `bucket` for S3 buckets); unknown values (ids are unknown during preview) fall back to the property's
     * dependencies, i.e. the URNs the engine recorded for that input.
     */
    resolveRefs(from: StackResource, prop: string, targetTypes: readonly string[], keyProps?: readonly string[]): ResolvedRefs;
    read<T = unknown>(from: unknown, path: string): Read<T>;
    violation(resource: StackResource, message: string): void;
    cannotVerify(resource: StackResource, what: string): void;
    advisory(resource: StackResource, message: string): void;
}

export interface StackPolicySpec<O extends OptionSpecs> extends CommonSpec<O> {
    /** Type tokens the policy looks at (for the docs). */
    readonly resourceTypes: readonly [string, ...string[]];
    /** If set, the server skips the policy when the stack has no resource of this type. */
    readonly triggerType?: string;
    readonly validate: (ctx: StackContext<ConfigOf<O>>) => void;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkCommon<O extends OptionSpecs>(spec: CommonSpec<O>): void {
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

function commonFields<O extends OptionSpecs>(spec: CommonSpec<O>, kind: PolicyMeta["kind"], resourceTypes: readonly string[]) {
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
        govstack: { kind, controls: [...spec.controls], resourceTypes: [...resourceTypes], options, summary: spec.summary, scope: spec.scope, anchors: [...(spec.anchors ?? [])] },
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

interface Resolved<O extends OptionSpecs> {
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
function makeResolver<O extends OptionSpecs>(name: string, options: O): (configured: Record<string, unknown>) => Resolved<O> {
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

function attachType<F extends object>(fn: F, types: readonly string[]): F {
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

/** Builds a ResourceValidationPolicy that follows the pack's contract. */
export function resourcePolicy<const O extends OptionSpecs = Record<never, never>>(spec: ResourcePolicySpec<O>): GovResourcePolicy {
    checkCommon(spec);
    if (spec.resourceTypes.length === 0) {
        throw new Error(`Policy "${spec.name}" must name at least one resource type`);
    }
    const applies = typeMatcher(spec.resourceTypes);
    const options = (spec.options ?? {}) as O;
    const resolve = makeResolver(spec.name, options);

    const makeContext = (args: ResourceValidationArgs, resolved: Resolved<O>, report?: ReportViolation): ResourceContext<ConfigOf<O>> => {
        const props = unwrap(args.props) as Record<string, unknown>;
        let today: string | undefined;
        return {
            type: args.type,
            urn: args.urn,
            name: args.name,
            props,
            config: resolved.config,
            args,
            read: <T>(path: string, from?: unknown) => read<T>(from === undefined ? props : from, path),
            violation: (message: string) => {
                if (!report) {
                    return;
                }
                const waiver = resolved.waivers.length > 0 ? findActiveWaiver(resolved.waivers, args, (today ??= todayUtc())) : undefined;
                if (waiver) {
                    reportAdvisory(report, waivedMessage(waiver, message), args.urn);
                } else {
                    report(message, args.urn);
                }
            },
            cannotVerify: (what: string) => {
                if (report) {
                    reportAdvisory(report, cannotVerifyMessage(what), args.urn);
                }
            },
            advisory: (message: string) => {
                if (report) {
                    reportAdvisory(report, message, args.urn);
                }
            },
        };
    };

    const validateResource: ResourceValidation = (args, report) => {
        if (!applies(args.type)) {
            return;
        }
        const resolved = resolve(args.getConfig<Record<string, unknown>>());
        for (const e of resolved.errors) {
            report(e, args.urn);
        }
        if (resolved.fatal) {
            return;
        }
        spec.validate(makeContext(args, resolved, report));
    };

    let remediateResource: ResourceRemediation | undefined;
    if (spec.remediate) {
        const remediate = spec.remediate;
        remediateResource = (args) => {
            if (!applies(args.type)) {
                return undefined;
            }
            const resolved = resolve(args.getConfig<Record<string, unknown>>());
            if (resolved.fatal || findActiveWaiver(resolved.waivers, args)) {
                return undefined;
            }
            // The remediation RPC's props are a secrets-preserving proxy (behind the unknown-checking
            // one): writing through it keeps secret inputs secret in what the engine receives.
            const target = unwrap(args.props) as Record<string, unknown>;
            const update = (changes: Readonly<Record<string, unknown>>) => {
                for (const [k, v] of Object.entries(changes)) {
                    target[k] = v;
                }
                return target;
            };
            return remediate({ ...makeContext(args, resolved), update });
        };
        attachType(remediateResource, spec.resourceTypes);
    }

    return {
        ...commonFields(spec, "resource", spec.resourceTypes),
        // No __pulumiType here: see attachType.
        validateResource,
        ...(remediateResource ? { remediateResource } : {}),
    };
}

function toStackResource(r: PolicyResource): StackResource {
    const propertyDependencies: Record<string, readonly string[]> = {};
    for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[k] = deps.map((d) => d.urn);
    }
    return {
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: unwrap(r.props) as Record<string, unknown>,
        parent: r.parent?.urn,
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
        provider: r.provider
            ? { type: r.provider.type, urn: r.provider.urn, name: r.provider.name, props: unwrap(r.provider.props) as Record<string, unknown> }
            : undefined,
    };
}

const DEFAULT_KEY_PROPS: readonly string[] = ["id", "arn", "name"];

function makeStackContext<C>(args: StackValidationArgs, config: C, waivers: readonly Waiver[], report: ReportViolation): StackContext<C> {
    // Conversion is lazy: a policy that only looks at a few types never touches the rest.
    const converted = new Map<PolicyResource, StackResource>();
    const view = (r: PolicyResource): StackResource => {
        let v = converted.get(r);
        if (!v) {
            v = toStackResource(r);
            converted.set(r, v);
        }
        return v;
    };
    let all: StackResource[] | undefined;
    let byType: Map<string, PolicyResource[]> | undefined;
    let byUrnMap: Map<string, PolicyResource> | undefined;
    const refIndex = new Map<string, Map<string, StackResource>>();
    let today: string | undefined;

    const ofType = (...types: string[]): readonly StackResource[] => {
        if (!byType) {
            byType = new Map();
            for (const r of args.resources) {
                const list = byType.get(r.type);
                if (list) {
                    list.push(r);
                } else {
                    byType.set(r.type, [r]);
                }
            }
        }
        return types.flatMap((t) => (byType?.get(t) ?? []).map(view));
    };
    const byUrn = (urn: string): StackResource | undefined => {
        byUrnMap ??= new Map(args.resources.map((r) => [r.urn, r]));
        const r = byUrnMap.get(urn);
        return r ? view(r) : undefined;
    };
    // id/arn/name → resource, per target type set, built once.
    const refsOf = (targetTypes: readonly string[], keyProps: readonly string[]): Map<string, StackResource> => {
        const key = `${targetTypes.join("|")}#${keyProps.join("|")}`;
        let index = refIndex.get(key);
        if (!index) {
            index = new Map();
            for (const r of ofType(...targetTypes)) {
                for (const field of keyProps) {
                    const v = r.props[field];
                    if (typeof v === "string" && read(v).known && !index.has(v)) {
                        index.set(v, r);
                    }
                }
            }
            refIndex.set(key, index);
        }
        return index;
    };

    return {
        config,
        args,
        get resources() {
            all ??= args.resources.map(view);
            return all;
        },
        ofType,
        byUrn,
        resolveRefs: (from, prop, targetTypes, keyProps = DEFAULT_KEY_PROPS) => {
            const value = read(from.props, prop);
            const refs: unknown[] = !value.known ? [undefined] : Array.isArray(value.value) ? value.value : value.value === undefined ? [] : [value.value];
            const index = refsOf(targetTypes, keyProps);
            const found = new Map<string, StackResource>();
            let unknownRefs = 0;
            let unresolved = 0;
            for (const ref of refs) {
                if (typeof ref === "string" && read(ref).known) {
                    const target = index.get(ref);
                    if (target) {
                        found.set(target.urn, target);
                    } else {
                        unresolved++;
                    }
                } else {
                    unknownRefs++;
                }
            }
            if (unknownRefs > 0) {
                const types = new Set(targetTypes);
                const deps = (from.propertyDependencies[prop] ?? []).map(byUrn).filter((r): r is StackResource => !!r && types.has(r.type));
                for (const d of deps) {
                    found.set(d.urn, d);
                }
                // Each unknown ref is matched by one dependency at best; the rest stay unresolved.
                unresolved += Math.max(0, unknownRefs - deps.length);
            }
            return { resources: [...found.values()], unresolved, listUnknown: !value.known };
        },
        read: <T>(from: unknown, path: string) => read<T>(from, path),
        violation: (resource, message) => {
            const waiver = waivers.length > 0 ? findActiveWaiver(waivers, resource, (today ??= todayUtc())) : undefined;
            if (waiver) {
                reportAdvisory(report, waivedMessage(waiver, message), resource.urn);
            } else {
                report(message, resource.urn);
            }
        },
        cannotVerify: (resource, what) => reportAdvisory(report, cannotVerifyMessage(what), resource.urn),
        advisory: (resource, message) => reportAdvisory(report, message, resource.urn),
    };
}

/** Builds a StackValidationPolicy that follows the pack's contract. */
export function stackPolicy<const O extends OptionSpecs = Record<never, never>>(spec: StackPolicySpec<O>): GovStackPolicy {
    checkCommon(spec);
    const options = (spec.options ?? {}) as O;
    const resolve = makeResolver(spec.name, options);
    const validateStack: StackValidation = (args, report) => {
        const resolved = resolve(args.getConfig<Record<string, unknown>>());
        for (const e of resolved.errors) {
            report(e);
        }
        if (resolved.fatal) {
            return;
        }
        spec.validate(makeStackContext(args, resolved.config, resolved.waivers, report));
    };
    return {
        ...commonFields(spec, "stack", spec.resourceTypes),
        validateStack: spec.triggerType ? attachType(validateStack, [spec.triggerType]) : validateStack,
    };
}

export function isStackPolicy(p: GovPolicy): p is GovStackPolicy {
    return p.govstack.kind === "stack";
}
