// What the detection policies share: which stacks must declare the account-wide detection services
// (GuardDuty, Security Hub, AWS Config are one per account and region, so exactly one stack per
// account declares them), and the region two account-wide resources are in (a recorder, its
// delivery channel and its retention configuration have no property that names each other: AWS
// keeps one of each per account and region, so the region is the tie).

import { readTyped, STRING, StackContext, StackResource, WORKLOAD_TYPES } from "../../lib";

/** `[org/][project/]stack`, each part as Pulumi allows in a stack reference; "" = unset. */
export const OWNER_PATTERN = "^([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2})?$";

/** The options every detection presence policy has (spread into its `options`). */
export const ACCOUNT_SERVICE_OPTIONS = {
    accountServicesOwner: {
        type: "string",
        default: "",
        pattern: OWNER_PATTERN,
        description:
            "The stack that declares this account's detection services, as `stack`, `project/stack` or `org/project/stack`. " +
            "Empty (the default): this stack must declare them. Set to another stack: this stack passes with an advisory naming it.",
    },
    workloadTypes: {
        type: "array",
        items: { type: "string" },
        default: [...WORKLOAD_TYPES],
        description: "Resource types whose presence makes a stack one that needs the account's detection services.",
    },
} as const;

interface OwnerConfig {
    readonly accountServicesOwner: string;
    readonly workloadTypes: readonly string[];
}

/**
 * What the stack owes: nothing (no workload), the services themselves ("owned", reported on the
 * workload when missing), or nothing but an advisory, because the pack config names another stack.
 */
export type Duty = { readonly kind: "none" } | { readonly kind: "owned"; readonly workload: StackResource } | { readonly kind: "delegated"; readonly workload: StackResource; readonly owner: string };

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → stack and project. */
function stackOf(urn: string): { stack: string; project: string } | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return m ? { stack: m[1], project: m[2] } : undefined;
}

/** Whether `owner` (`stack`, `project/stack` or `org/project/stack`) names the stack `urn` belongs to. */
export function ownerIsThisStack(owner: string, urn: string): boolean {
    const self = stackOf(urn);
    const parts = owner.split("/");
    const stack = parts[parts.length - 1];
    const project = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    return self !== undefined && self.stack === stack && (project === undefined || project === self.project);
}

function dutyOf(ctx: StackContext<OwnerConfig>): Duty {
    const workload = ctx.ofType(...ctx.config.workloadTypes)[0];
    if (!workload) {
        return { kind: "none" };
    }
    const owner = ctx.config.accountServicesOwner;
    if (owner === "" || ownerIsThisStack(owner, workload.urn)) {
        return { kind: "owned", workload };
    }
    return { kind: "delegated", workload, owner };
}

/** The advisory of a stack whose pack config names another stack as the owner of `service`. */
function reportDelegated(ctx: StackContext<OwnerConfig>, duty: Extract<Duty, { kind: "delegated" }>, service: string): void {
    ctx.advisory(
        duty.workload,
        `${service} for this account is declared by stack "${duty.owner}" (pack config accountServicesOwner), not by this stack; ` +
            "it is checked in that stack.",
    );
}

/**
 * How every account-service policy starts: a duty delegated to another stack is reported (reportDelegated);
 * a stack that declares none of the service's resources (`declared` empty) and owns the duty gets a
 * violation on its workload — it runs `<type> "<name>"` but `lacks` the service; `fix`, or name the stack
 * that owns it. True when something is declared for the caller to judge.
 */
export function serviceDeclared(ctx: StackContext<OwnerConfig>, declared: readonly unknown[], service: string, lacks: string, fix: string): boolean {
    const duty = dutyOf(ctx);
    if (duty.kind === "delegated") {
        reportDelegated(ctx, duty, service);
    }
    if (declared.length > 0) {
        return true;
    }
    if (duty.kind === "owned") {
        ctx.violation(
            duty.workload,
            `The stack runs ${duty.workload.type} "${duty.workload.name}" but ${lacks}; ${fix}, or set accountServicesOwner to the stack ` +
                "that declares the account's detection services.",
        );
    }
    return false;
}

/** A resource's region: its own `region` (@pulumi/aws 7), else its provider's; "" = the stack's default provider. */
export type Region = { readonly kind: "known"; readonly region: string } | { readonly kind: "unknown" };

export function regionOf(ctx: StackContext<unknown>, r: StackResource): Region {
    const own = ctx.readString(r, "region", { quiet: true });
    if (!ok(own)) {
        return { kind: "unknown" }; // unknown, or malformed (reported against the resource)
    }
    if (own.value !== undefined && own.value !== "") {
        return { kind: "known", region: own.value };
    }
    if (!r.provider) {
        return { kind: "known", region: "" };
    }
    const fromProvider = readTyped(r.provider.props, "region", STRING);
    if (fromProvider.kind === "unknown") {
        return { kind: "unknown" };
    }
    return { kind: "known", region: fromProvider.kind === "ok" && fromProvider.value !== undefined ? fromProvider.value : "" };
}

function ok<T>(c: { ok: true; value: T | undefined } | { ok: false; unknown: boolean }): c is { ok: true; value: T | undefined } {
    return c.ok;
}

/**
 * Whether two regions are the same: yes, no, or unknown (either is computed, or one is the default
 * provider's region, which the stack does not show, and the other is named).
 */
export function sameRegion(a: Region, b: Region): "yes" | "no" | "unknown" {
    if (a.kind === "unknown" || b.kind === "unknown") {
        return "unknown";
    }
    if (a.region === b.region) {
        return "yes";
    }
    return a.region === "" || b.region === "" ? "unknown" : "no";
}

/** Whether `from` depends on `target` (dependsOn, or any property's dependencies). */
export function dependsOn(from: StackResource, target: StackResource): boolean {
    return from.dependencies.includes(target.urn) || Object.values(from.propertyDependencies).some((deps) => deps.includes(target.urn));
}
