// The types of the pack's policy contract: what a spec declares, what `validate` sees (the resource
// and stack contexts), and the policy objects the builders return (@pulumi/policy's policy types
// plus the govstack metadata the docs generator, the tests and the offline plan read).

import type {
    EnforcementLevel,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import type { ControlId } from "../controls";
import type { ConfigOf, OptionSpecs } from "./config";
import type { Guard, Typed } from "./guards";
import type { Read } from "./unknowns";

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
    /** The fail-open audit: each case where the policy returns without a verdict, and why that is safe. */
    readonly noVerdict: readonly NoVerdict[];
}

/** One case where a policy returns without a verdict (no violation, no advisory), and why that is safe. */
export interface NoVerdict {
    /** The input that ends the check, e.g. "enableKeyRotation is true". */
    readonly when: string;
    /** Why passing it silently cannot hide a violation. */
    readonly why: string;
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

export interface CommonSpec<O extends OptionSpecs> {
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
     * The fail-open audit (rendered in docs/policies.md): every case where validate returns without
     * a verdict — no violation and no "cannot verify" advisory — and why that is safe. Required;
     * `[]` when the policy always reports or judges.
     */
    readonly noVerdict: readonly NoVerdict[];
}


/** The result of a typed read that has already reported what the caller cannot judge. */
export type Checked<T> =
    /** A value of the expected type, or undefined when absent (or null). */
    | { readonly ok: true; readonly value: T | undefined }
    /**
     * Nothing to judge, already reported: `unknown` → an advisory "cannot verify" (unless `quiet`);
     * otherwise the value was malformed → a mandatory "Cannot evaluate …" violation.
     */
    | { readonly ok: false; readonly unknown: boolean };

export interface ReadOptions {
    /** Read relative to this value (an array element) instead of the resource's props. */
    readonly from?: unknown;
    /** How messages name where `from` is, e.g. "replicas[0]": the property is shown as "replicas[0].kmsKeyArn". */
    readonly at?: string;
    /** Do not report an unknown value (the caller decides: skip it, or one combined "cannot verify"). */
    readonly quiet?: boolean;
    /** The "cannot verify <what>" text for an unknown value (default: the property's path). */
    readonly what?: string;
}

export interface EnumReadOptions extends ReadOptions {
    /** Accept any letter case (for fields the provider folds, e.g. listener protocols); the value is the canonical spelling. */
    readonly ignoreCase?: boolean;
    /** Ignore surrounding white space (for fields the runtime trims). */
    readonly trim?: boolean;
}

/**
 * Typed reads (see lib/README.md): each returns a value of the expected type, or reports why it
 * cannot — unknown → advisory "cannot verify"; malformed (wrong JSON type, an enum value AWS does
 * not define, a wrong type on the way to it) → a mandatory "Cannot evaluate <resource>: <path> is
 * <got>, expected <what>" that no waiver covers.
 */
export interface TypedReads {
    readString(path: string, opts?: ReadOptions): Checked<string>;
    /** true/false (or the bridge-coerced strings "true"/"false"). */
    readBoolean(path: string, opts?: ReadOptions): Checked<boolean>;
    /** A finite number. */
    readNumber(path: string, opts?: ReadOptions): Checked<number>;
    /** One of `values` (the value AWS defines); anything else is malformed. */
    readEnum<const V extends string>(path: string, values: readonly V[], opts?: EnumReadOptions): Checked<V>;
    readArray(path: string, opts?: ReadOptions): Checked<readonly unknown[]>;
    readObject(path: string, opts?: ReadOptions): Checked<Readonly<Record<string, unknown>>>;
    /** A read with any guard (lib/guards: STRING_OR_LIST, refine(NUMBER, …) …). */
    readAs<T>(path: string, guard: Guard<T>, opts?: ReadOptions): Checked<T>;
    /** Types a value already in hand (an array element); `path` names it in messages, e.g. "policyArns[2]". */
    check<T>(value: unknown, guard: Guard<T>, path: string, opts?: Pick<ReadOptions, "quiet" | "what">): Checked<T>;
    /**
     * Reports what a pure helper found (lib/network's `malformed`, a readTyped result): malformed →
     * mandatory, unknown → advisory `what`. `label` names the resource instead of ctx.label.
     */
    settle<T>(result: Typed<T>, opts?: Pick<ReadOptions, "quiet" | "what"> & { readonly label?: string }): Checked<T>;
}

/** The typed reads of a stack policy: the same, on one resource of the stack (reported against it). */
export interface StackTypedReads {
    readString(resource: StackResource, path: string, opts?: ReadOptions): Checked<string>;
    readBoolean(resource: StackResource, path: string, opts?: ReadOptions): Checked<boolean>;
    readNumber(resource: StackResource, path: string, opts?: ReadOptions): Checked<number>;
    readEnum<const V extends string>(resource: StackResource, path: string, values: readonly V[], opts?: EnumReadOptions): Checked<V>;
    readArray(resource: StackResource, path: string, opts?: ReadOptions): Checked<readonly unknown[]>;
    readObject(resource: StackResource, path: string, opts?: ReadOptions): Checked<Readonly<Record<string, unknown>>>;
    readAs<T>(resource: StackResource, path: string, guard: Guard<T>, opts?: ReadOptions): Checked<T>;
    check<T>(resource: StackResource, value: unknown, guard: Guard<T>, path: string, opts?: Pick<ReadOptions, "quiet" | "what">): Checked<T>;
    settle<T>(resource: StackResource, result: Typed<T>, opts?: Pick<ReadOptions, "quiet" | "what"> & { readonly label?: string }): Checked<T>;
}

/** What a resource policy's `validate` sees. `props` is the plain object: it may hold unknown sentinels. */
export interface ResourceContext<C> extends TypedReads {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    /** How messages name the resource: `KMS key "data"` (lib/nouns). */
    readonly label: string;
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

export interface ResolveOptions {
    /**
     * The property holds the reference inside a block (an instance's `launchTemplate: { id }`,
     * `networkInterfaces: [{ networkInterfaceId }]`): an object is resolved by the property's
     * dependencies, as an unknown is. Without it an object is malformed (a reference is a string).
     */
    readonly blocks?: boolean;
}

export interface ResolvedRefs {
    /** Resources the property refers to (by known id/ARN/name, or by property dependency when unknown). */
    readonly resources: readonly StackResource[];
    /** How many referenced values could not be resolved to a resource of the target types. */
    readonly unresolved: number;
    /** True when the property itself (e.g. the whole id list) is unknown. */
    readonly listUnknown: boolean;
}

export interface StackContext<C> extends StackTypedReads {
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
    resolveRefs(from: StackResource, prop: string, targetTypes: readonly string[], keyProps?: readonly string[], opts?: ResolveOptions): ResolvedRefs;
    read<T = unknown>(from: unknown, path: string): Read<T>;
    /** How messages name a resource: `Subnet group "db"` (lib/nouns). */
    label(resource: StackResource): string;
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

export function isStackPolicy(p: GovPolicy): p is GovStackPolicy {
    return p.govstack.kind === "stack";
}
