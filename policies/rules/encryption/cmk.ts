// The customer-managed-key check most encryption policies share. SC-12/SC-13: a customer-managed
// KMS key can be rotated, audited, scoped by key policy and revoked; the AWS-managed
// `aws/<service>` keys (and AWS-owned keys) cannot. Also the builder for the policies whose only
// requirement is such a key in one property (log groups, secrets, serverless caches, backup vaults).

import type { ControlId } from "../../controls";
import { ResourceContext, resourcePolicy } from "../../lib";

/** The option every CMK-checking policy has. */
export const REQUIRE_CMK = {
    requireCmk: {
        type: "boolean",
        default: true,
        description: "Require a customer-managed KMS key (not the AWS-managed aws/<service> key or an AWS-owned key).",
    },
} as const;

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/**
 * When `requireCmk` is on, the key at `path` must be set and must not be an AWS-managed alias.
 * An unknown key id counts as set: it is computed from a key created in this stack, i.e. a
 * customer-managed key (AWS-managed keys are referenced by literal aliases). A key that is not a
 * string is malformed (mandatory). `from`/`at`: a nested value (a replica, a block device) and how
 * messages name it.
 */
export function checkCmk(ctx: ResourceContext<{ readonly requireCmk: boolean }>, path: string, what: string, from?: unknown, at?: string): void {
    if (!ctx.config.requireCmk) {
        return;
    }
    const key = ctx.readString(path, { from, at, quiet: true });
    if (!key.ok) {
        return;
    }
    if (key.value === undefined || key.value === "") {
        ctx.violation(`${what} has no ${path}, so it is encrypted with an AWS-managed key; set ${path} to a customer-managed KMS key.`);
    } else if (AWS_MANAGED_ALIAS.test(key.value)) {
        ctx.violation(`${what} uses the AWS-managed key "${key.value}"; set ${path} to a customer-managed KMS key.`);
    }
}

/** The fail-open audit entries every CMK check adds (see checkCmk). */
export const CMK_NO_VERDICT = [
    {
        when: "requireCmk is false (pack config)",
        why: "the stack's config chose to accept AWS-managed keys; the encryption-on checks still run",
    },
    {
        when: "the key id is unknown at preview",
        why: "a computed key id comes from a KMS key created in the same program, i.e. a customer-managed key; AWS-managed keys are literal alias/aws/... names",
    },
] as const;

/** A policy whose only requirement is a customer-managed key in one property. */
export function cmkPolicy(spec: {
    name: string;
    summary: string;
    noun: string;
    type: string;
    path: string;
    description: string;
    remediationSteps: string;
    controls: readonly ControlId[];
}) {
    return resourcePolicy({
        name: spec.name,
        description: spec.description,
        summary: spec.summary,
        severity: "medium",
        controls: spec.controls,
        remediationSteps: spec.remediationSteps,
        resourceTypes: [spec.type],
        options: REQUIRE_CMK,
        noVerdict: CMK_NO_VERDICT,
        validate: (ctx) => checkCmk(ctx, spec.path, `${spec.noun} "${ctx.name}"`),
    });
}
