// ec2-instance-profile-attached: an instance gets AWS credentials from an instance profile (a role
// with short-lived, rotated credentials), never from access keys baked into user data or files
// (AC-2, IA-5(7); cdk-nag EC2InstanceProfileAttached, AWS Config ec2-instance-profile-attached,
// KICS "EC2 Instance Using API Keys").
//
// A stack policy, because an instance's profile can come from its launch template: AWS Config
// judges the launched instance, so an instance that names no profile itself passes when the
// template it launches from names one, and is blocked when that template names none. A launch
// template must name one too — Auto Scaling groups and fleets take the profile from the template
// only — except a template an EKS managed node group or an AWS Batch compute environment launches
// from: EKS rejects a template that names a profile (it attaches the node role's own), and Batch
// attaches its compute environment's instanceRole.

import {
    EC2_INSTANCE,
    EKS_NODE_GROUP,
    Guard,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    OBJECT,
    SPOT_INSTANCE_REQUEST,
    StackContext,
    StackResource,
    stackPolicy,
    STRING,
} from "../../lib";
import { SINGLE_INSTANCE_TYPES } from "./capacity";
import { BATCH_COMPUTE_ENVIRONMENT } from "./resource-types";

/** The profile's name, or the aws.iam.InstanceProfile itself (the SDK takes either; a resource arrives as an object). */
const PROFILE: Guard<string | Readonly<Record<string, unknown>>> = {
    expected: "a string (the instance profile's name)",
    parse: (v) => STRING.parse(v) ?? OBJECT.parse(v),
};

type Ctx = StackContext<unknown>;

/** Which launch templates a reference points at. */
type Tie =
    | { readonly kind: "none" } // no launch template
    | { readonly kind: "templates"; readonly templates: readonly StackResource[] }
    | { readonly kind: "outside" } // a known id or name no template of the stack has
    | { readonly kind: "unknown" } // computed, with no dependency on a template of the stack
    | { readonly kind: "malformed" }; // reported

/** Where a resource type refers to its launch template: the block, its id and name keys, and the top-level property holding it. */
interface RefSpec {
    readonly block: string;
    readonly id: string;
    readonly name: string;
    readonly dependency: string;
}

const INSTANCE_REF: RefSpec = { block: "launchTemplate", id: "id", name: "name", dependency: "launchTemplate" };
const NODE_GROUP_REF: RefSpec = INSTANCE_REF;
const BATCH_REF: RefSpec = { block: "computeResources.launchTemplate", id: "launchTemplateId", name: "launchTemplateName", dependency: "computeResources" };

/** Templates of the stack by known id and by known name (read once per call). */
interface TemplateIndex {
    readonly byId: ReadonlyMap<string, StackResource>;
    readonly byName: ReadonlyMap<string, StackResource>;
}

function indexTemplates(ctx: Ctx, templates: readonly StackResource[]): TemplateIndex {
    const byId = new Map<string, StackResource>();
    const byName = new Map<string, StackResource>();
    for (const t of templates) {
        for (const [key, map] of [["id", byId], ["name", byName]] as const) {
            const v = ctx.readString(t, key, { quiet: true });
            if (v.ok && v.value !== undefined && v.value !== "" && !map.has(v.value)) {
                map.set(v.value, t);
            }
        }
    }
    return { byId, byName };
}

/** The launch templates `r` launches from: by known id or name, else by its property dependencies. */
function tieOf(ctx: Ctx, r: StackResource, spec: RefSpec, index: TemplateIndex): Tie {
    const block = ctx.readObject(r, spec.block, { quiet: true });
    if (!block.ok && !block.unknown) {
        return { kind: "malformed" };
    }
    const id = block.ok ? ctx.readString(r, `${spec.block}.${spec.id}`, { quiet: true }) : block;
    const name = block.ok ? ctx.readString(r, `${spec.block}.${spec.name}`, { quiet: true }) : block;
    if ((!id.ok && !id.unknown) || (!name.ok && !name.unknown)) {
        return { kind: "malformed" };
    }
    if (block.ok && block.value === undefined) {
        return { kind: "none" };
    }
    const found = new Map<string, StackResource>();
    const byValue = [id.ok && id.value ? index.byId.get(id.value) : undefined, name.ok && name.value ? index.byName.get(name.value) : undefined];
    for (const t of byValue) {
        if (t !== undefined) {
            found.set(t.urn, t);
        }
    }
    for (const urn of r.propertyDependencies[spec.dependency] ?? []) {
        const dep = ctx.byUrn(urn);
        if (dep !== undefined && dep.type === LAUNCH_TEMPLATE) {
            found.set(dep.urn, dep);
        }
    }
    if (found.size > 0) {
        return { kind: "templates", templates: [...found.values()] };
    }
    if (!id.ok || !name.ok) {
        return { kind: "unknown" };
    }
    // A known id or name that no template of the stack has: a template outside the stack. A block with neither
    // names no template (AWS rejects it): as if there were none.
    return (id.value ?? "") !== "" || (name.value ?? "") !== "" ? { kind: "outside" } : { kind: "none" };
}

/** Whether a launch template names an instance profile (`iamInstanceProfile { arn | name }`); a computed one counts. */
function templateProfile(ctx: Ctx, t: StackResource): "set" | "none" | "malformed" {
    const block = ctx.readObject(t, "iamInstanceProfile", { quiet: true });
    if (!block.ok) {
        return block.unknown ? "set" : "malformed";
    }
    if (block.value === undefined) {
        return "none";
    }
    let verdict: "set" | "none" | "malformed" = "none";
    for (const key of ["arn", "name"]) {
        const v = ctx.readString(t, `iamInstanceProfile.${key}`, { quiet: true });
        if (!v.ok && !v.unknown) {
            verdict = "malformed";
        } else if (verdict !== "malformed" && (!v.ok || (v.value ?? "") !== "")) {
            verdict = "set";
        }
    }
    return verdict;
}

const FIX = "set iamInstanceProfile to an aws.iam.InstanceProfile of a least-privilege role";

export const ec2InstanceProfileAttached = stackPolicy({
    name: "ec2-instance-profile-attached",
    description:
        "EC2 instances, spot requests, launch configurations and launch templates must name an IAM instance profile: the " +
        "instance's software then gets short-lived role credentials from the metadata service instead of access keys written " +
        "into user data or files (AC-2, IA-5(7)). An instance or spot request that names none itself takes its launch " +
        "template's, and is blocked when that template (in the stack) names none. A launch template that an EKS managed node " +
        "group or an AWS Batch compute environment launches from is exempt: EKS rejects a template that names a profile, and " +
        "Batch attaches its compute environment's instanceRole.",
    summary: "EC2 instances, spot requests, launch configurations and launch templates run with an IAM instance profile",
    severity: "medium",
    controls: ["AC-2", "IA-5(7)"],
    remediationSteps:
        "Create an `aws.iam.InstanceProfile` for a least-privilege role and set `iamInstanceProfile` to it: its name on the " +
        "instance, spot request or launch configuration; `iamInstanceProfile: { arn: profile.arn }` on a launch template.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, EKS_NODE_GROUP, BATCH_COMPUTE_ENVIRONMENT],
    noVerdict: [
        {
            when: "the instance profile is computed at preview",
            why: "a computed profile name comes from an aws.iam.InstanceProfile of the stack, i.e. attached",
        },
        {
            when: "iamInstanceProfile is an object",
            why: "the SDK takes the profile's name or the aws.iam.InstanceProfile itself, and a resource reference may arrive as an object: it names a profile",
        },
        {
            when: "a launch template is launched by an EKS managed node group or an AWS Batch compute environment of the stack",
            why: "EKS rejects a template that names an instance profile and attaches the node role's; Batch attaches the compute environment's instanceRole",
        },
    ],
    validate: (ctx) => {
        const judged = ctx.ofType(EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE);
        if (judged.length === 0) {
            return;
        }
        const index = indexTemplates(ctx, ctx.ofType(LAUNCH_TEMPLATE));
        // Templates whose instances get their profile from a service: exempt. A computed reference of such a
        // service that ties to nothing may be any template: templates without a profile are then only advisory.
        const serviceProfiled = new Set<string>();
        let serviceTieUnknown = false;
        for (const [type, spec] of [[EKS_NODE_GROUP, NODE_GROUP_REF], [BATCH_COMPUTE_ENVIRONMENT, BATCH_REF]] as const) {
            for (const r of ctx.ofType(type)) {
                const tie = tieOf(ctx, r, spec, index);
                if (tie.kind === "templates") {
                    tie.templates.forEach((t) => serviceProfiled.add(t.urn));
                }
                serviceTieUnknown ||= tie.kind === "unknown";
            }
        }
        for (const r of judged) {
            const label = ctx.label(r);
            if (r.type === LAUNCH_TEMPLATE) {
                if (serviceProfiled.has(r.urn) || templateProfile(ctx, r) !== "none") {
                    continue; // exempt, named (or computed), or malformed (reported)
                }
                if (serviceTieUnknown) {
                    ctx.cannotVerify(r, `whether ${label} is launched by an EKS node group or Batch compute environment (which supply the instance profile)`);
                    continue;
                }
                ctx.violation(
                    r,
                    `${label} names no IAM instance profile, so instances launched from it (by an Auto Scaling group, a fleet or an ` +
                        `instance that names none itself) run without role credentials; set iamInstanceProfile { arn } to an aws.iam.InstanceProfile of a least-privilege role.`,
                );
                continue;
            }
            // A computed profile name (from an aws.iam.InstanceProfile of the stack) counts as set.
            const profile = ctx.readAs(r, "iamInstanceProfile", PROFILE, { quiet: true });
            if (!profile.ok || (profile.value !== undefined && profile.value !== "")) {
                continue; // set, computed, or malformed (reported)
            }
            const tie: Tie = SINGLE_INSTANCE_TYPES.has(r.type) ? tieOf(ctx, r, INSTANCE_REF, index) : { kind: "none" };
            switch (tie.kind) {
                case "malformed":
                    continue; // reported
                case "none":
                    ctx.violation(r, `${label} has no IAM instance profile; ${FIX}.`);
                    continue;
                case "outside":
                case "unknown":
                    ctx.cannotVerify(r, `whether the launch template of ${label} names an IAM instance profile (it names none itself)`);
                    continue;
                case "templates": {
                    const verdicts = tie.templates.map((t) => templateProfile(ctx, t));
                    if (verdicts.includes("set") || verdicts.includes("malformed")) {
                        continue; // the template supplies it, or is reported
                    }
                    const names = tie.templates.map((t) => `"${t.name}"`).join(", ");
                    ctx.violation(r, `${label} has no IAM instance profile and its launch template ${names} names none; ${FIX} on the instance or the template.`);
                    continue;
                }
            }
        }
    },
});
