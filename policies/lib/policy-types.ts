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
    /** Type tokens, e.g. "aws:rds/instance:Instance" (never import @pulumi/aws at run time). */
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

export function isStackPolicy(p: GovPolicy): p is GovStackPolicy {
    return p.govstack.kind === "stack";
}
