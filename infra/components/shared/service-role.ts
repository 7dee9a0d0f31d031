import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope, managedPolicyArn } from "../../lib/arn";
import { assumeRolePolicy, policyJson, Statement } from "../../lib/iam";
import { servicePrincipal } from "../../lib/principals";
import { rolePermissions } from "./role-policy";

export interface ServiceRoleArgs {
    scope: ArnScope;
    /** Explicit name (starts with the name prefix: the deploy role may only create such roles). */
    roleName: string;
    /** The service that assumes the role, e.g. `backup` (trust confined to this account). */
    service: string;
    description: string;
    /** The delivery program's permissions boundary (the deploy role creates roles only with it). */
    permissionsBoundary: string;
    tags: Readonly<Record<string, string>>;
    /** AWS-managed policies to attach, by path (`service-role/AWS_ConfigRole`); partition-aware ARNs. */
    managedPolicies?: readonly string[];
    /** Least-privilege statements, if any (a customer-managed policy named like the role). */
    statements?: Statement[];
}

/** A role for an AWS service plus everything that must exist before the service may use it. */
export interface ServiceRole {
    role: aws.iam.Role;
    ready: pulumi.Resource[];
}

/** A role an AWS service assumes on the estate's behalf (AC-6): boundary, named trust, named policies. */
export function serviceRole(resourceName: string, args: ServiceRoleArgs, opts: pulumi.CustomResourceOptions): ServiceRole {
    const role = new aws.iam.Role(
        resourceName,
        {
            name: args.roleName,
            description: args.description,
            assumeRolePolicy: assumeRolePolicy(servicePrincipal(args.service), args.scope.accountId),
            permissionsBoundary: args.permissionsBoundary,
            tags: { ...args.tags, Name: args.roleName },
        },
        opts,
    );
    const ready: pulumi.Resource[] = [role];
    (args.managedPolicies ?? []).forEach((path) => {
        ready.push(
            new aws.iam.RolePolicyAttachment(
                `${resourceName}-${path.split("/").pop() ?? path}`,
                { role: role.name, policyArn: managedPolicyArn(args.scope, path) },
                opts,
            ),
        );
    });
    if (args.statements && args.statements.length > 0) {
        ready.push(
            ...rolePermissions(
                resourceName,
                { role: role.name, policyName: args.roleName, description: `Least privilege of ${args.roleName}`, policy: policyJson(args.statements), tags: args.tags },
                opts,
            ),
        );
    }
    return { role, ready };
}
