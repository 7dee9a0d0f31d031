import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, logGroupArn, managedPolicyArn } from "../../lib/arn";
import { policyJson, Statement } from "../../lib/iam";
import { servicePrincipal, viaService } from "../../lib/principals";
import { rolePermissions } from "../shared/role-policy";

/**
 * The service's three roles, least privilege (AC-6): the execution role (ECS agent: pull the image,
 * write logs, read the named secrets), the task role (the app itself: nothing unless asked), and the
 * ECS infrastructure role native blue/green uses to move traffic between target groups. Every document is
 * built from settings, so it is known at preview whenever the secret references are; no action is `*`.
 */
export interface ServiceRolesArgs {
    scope: ArnScope;
    tags: Record<string, string>;
    /** Permissions boundary ARN on every role (the deploy role may create roles only with it). */
    permissionsBoundary: string;
    executionRoleName: string;
    taskRoleName: string;
    /** The role ECS native blue/green assumes to shift traffic; none under the CodeDeploy controller. */
    infrastructureRoleName?: string;
    repositoryName: string;
    logGroupName: string;
    /** IAM resources of the secrets the execution role may read (patterns or full ARNs). */
    secretResources: pulumi.Input<string>[];
    /** KMS keys encrypting those secrets; decrypt only via Secrets Manager. */
    secretsKmsKeyArns: pulumi.Input<string>[];
    /** Extra statements for the app's own role (e.g. rds-db:connect); none by default. */
    taskStatements: Statement[];
}

export interface ServiceRoles {
    executionRole: aws.iam.Role;
    taskRole: aws.iam.Role;
    infrastructureRole?: aws.iam.Role;
    /** Everything the service must wait for before it can start tasks or shift traffic. */
    ready: pulumi.Resource[];
}

/** What the execution role is for: its own description and its policy's. */
const EXECUTION_ROLE_DESCRIPTION = "ECS agent for the govstack service: image pull, logs, named secrets";

/**
 * A role ECS tasks assume (the execution role, the task role), under the permissions boundary. Trust
 * confined to this account's ECS (confused deputy).
 */
function ecsTaskRole(resourceName: string, roleName: string, description: string, args: ServiceRolesArgs, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    return new aws.iam.Role(
        resourceName,
        {
            name: roleName,
            description,
            permissionsBoundary: args.permissionsBoundary,
            assumeRolePolicy: policyJson([
                {
                    Sid: "TrustEcs",
                    Effect: "Allow",
                    Principal: { Service: servicePrincipal("ecs-tasks") },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": args.scope.accountId },
                        ArnLike: { "aws:SourceArn": arn(args.scope, "ecs", "*") },
                    },
                },
            ]),
            tags: { ...args.tags, Name: roleName },
        },
        opts,
    );
}

export function createServiceRoles(name: string, args: ServiceRolesArgs, opts: pulumi.CustomResourceOptions): ServiceRoles {
    const s = args.scope;
    const executionRole = ecsTaskRole(`${name}-execution`, args.executionRoleName, EXECUTION_ROLE_DESCRIPTION, args, opts);
    const statements: pulumi.Input<Statement>[] = [
        // GetAuthorizationToken has no resource-level permissions: `*` is the only valid resource.
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
            Sid: "EcrPull",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: arn(s, "ecr", `repository/${args.repositoryName}`),
        },
        {
            Sid: "WriteLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroupArn(s, args.logGroupName)}:log-stream:*`,
        },
    ];
    if (args.secretResources.length > 0) {
        statements.push(
            pulumi.all(args.secretResources).apply(
                (resources): Statement => ({
                    Sid: "ReadNamedSecrets",
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: resources,
                }),
            ),
        );
    }
    if (args.secretsKmsKeyArns.length > 0) {
        statements.push(
            pulumi.all(args.secretsKmsKeyArns).apply(
                (keys): Statement => ({
                    Sid: "DecryptSecretsViaSecretsManager",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: keys,
                    Condition: { StringEquals: { "kms:ViaService": viaService("secretsmanager", s.region) } },
                }),
            ),
        );
    }
    const executionPolicy = rolePermissions(
        `${name}-execution`,
        {
            role: executionRole.name,
            policyName: args.executionRoleName,
            description: EXECUTION_ROLE_DESCRIPTION,
            policy: pulumi.all(statements).apply((st) => policyJson(st)),
            tags: args.tags,
        },
        opts,
    );

    const taskRole = ecsTaskRole(
        `${name}-task`,
        args.taskRoleName,
        "The govstack app's own identity: no permissions unless the estate grants them",
        args,
        opts,
    );
    const ready: pulumi.Resource[] = [executionRole, ...executionPolicy, taskRole];
    if (args.taskStatements.length > 0) {
        ready.push(
            ...rolePermissions(
                `${name}-task`,
                { role: taskRole.name, policyName: args.taskRoleName, description: "The govstack app's own permissions", policy: policyJson(args.taskStatements), tags: args.tags },
                opts,
            ),
        );
    }

    if (args.infrastructureRoleName === undefined) {
        return { executionRole, taskRole, ready };
    }
    const infrastructureRole = new aws.iam.Role(
        `${name}-ecs-infrastructure`,
        {
            name: args.infrastructureRoleName,
            description: "Lets ECS blue/green register targets and shift listener-rule weights",
            permissionsBoundary: args.permissionsBoundary,
            assumeRolePolicy: policyJson([
                // The trust AWS documents for this role, without confused-deputy conditions: ECS
                // does not document setting aws:SourceAccount when it assumes it, and an unmet
                // condition would only surface as a failed deployment. The role can do nothing but
                // what the managed policy allows on load balancers.
                {
                    Sid: "TrustEcsForLoadBalancers",
                    Effect: "Allow",
                    Principal: { Service: "ecs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ]),
            tags: { ...args.tags, Name: args.infrastructureRoleName },
        },
        opts,
    );
    const infrastructurePolicy = new aws.iam.RolePolicyAttachment(
        `${name}-ecs-infrastructure`,
        {
            role: infrastructureRole.name,
            // AWS's managed policy for exactly this role; its ARN carries the partition.
            policyArn: managedPolicyArn(s, "AmazonECSInfrastructureRolePolicyForLoadBalancers"),
        },
        opts,
    );
    ready.push(infrastructureRole, infrastructurePolicy);
    return { executionRole, taskRole, infrastructureRole, ready };
}
