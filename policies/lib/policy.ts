// The two policy builders every rule uses. They fix the pack's contract in one place: metadata
// (name, description, severity, NIST controls as `tags`, framework, remediation steps, config
// schema), type dispatch (a Set of type tokens checked first; issue 8), unknown-safe reads,
// waivers, validated options and advisory "cannot verify during preview" diagnostics.
//
// Split by concern: policy-types.ts (the contract's types), policy-common.ts (metadata, reporting,
// config resolution), resource-policy.ts and stack-policy.ts (the builders). This file re-exports
// the public API, so `import … from "./policy"` keeps working.

export { cannotVerifyMessage, INTERNAL_ERROR_PREFIX, reportAdvisory } from "./policy-common";
export type {
    Checked,
    EnumReadOptions,
    GovPolicy,
    GovResourcePolicy,
    GovStackPolicy,
    NoVerdict,
    PolicyMeta,
    PolicyScope,
    ReadOptions,
    ResolveOptions,
    RemediationContext,
    ResolvedRefs,
    ResourceContext,
    ResourcePolicySpec,
    StackContext,
    StackPolicySpec,
    StackResource,
    StackTypedReads,
    TypedReads,
} from "./policy-types";
export { isStackPolicy } from "./policy-types";
export { resourcePolicy } from "./resource-policy";
export { stackPolicy } from "./stack-policy";
