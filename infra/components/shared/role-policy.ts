import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RolePermissionsArgs {
    /** The role's name (the attachment refers to it by name). */
    role: pulumi.Input<string>;
    /** The policy's name: starts with the name prefix (the deploy role may only create such policies). */
    policyName: string;
    description: string;
    policy: pulumi.Input<string>;
    tags?: Readonly<Record<string, string>>;
}

/**
 * A role's own least-privilege permissions as a customer-managed policy attached to it, never an
 * inline policy (AC-6, AC-2: managed policies are versioned, listable and reviewable on their own;
 * pack policy iam-no-inline-policies). The policy and the attachment are both named
 * `resourceName`; callers wait on both before the role is used.
 */
export function rolePermissions(resourceName: string, args: RolePermissionsArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const policy = new aws.iam.Policy(
        resourceName,
        { name: args.policyName, description: args.description, policy: args.policy, tags: args.tags ? { ...args.tags, Name: args.policyName } : undefined },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(resourceName, { role: args.role, policyArn: policy.arn }, opts);
    return [policy, attachment];
}
