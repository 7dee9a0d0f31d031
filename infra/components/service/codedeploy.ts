import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope, managedPolicyArn, roleArn } from "../../lib/arn";
import { policyJson } from "../../lib/iam";
import { servicePrincipal } from "../../lib/principals";

/**
 * What the CodeDeploy controller needs for an ECS blue/green service, for a region without ECS's
 * native strategy: an application (compute platform ECS), a deployment group that shifts the
 * listeners between the two target groups, and the service role CodeDeploy assumes. A release is a
 * CodeDeploy deployment (an AppSpec naming the new task definition) started by the pipeline; `pulumi
 * up` only registers the task definition. docs/bluegreen.md.
 */
export interface CodeDeployArgs {
    scope: ArnScope;
    tags: Readonly<Record<string, string>>;
    /** The delivery program's permissions boundary (the deploy role creates roles only with it). */
    permissionsBoundary: string;
    /** Explicit names (known at preview): the application and deployment group, and CodeDeploy's role. */
    applicationName: string;
    roleName: string;
    clusterName: string;
    serviceName: string;
    /** The ECS service it deploys: CodeDeploy checks it exists when the group is created. */
    service: pulumi.Resource;
    /** The target groups by name (how CodeDeploy names them). */
    blueTargetGroupName: string;
    greenTargetGroupName: string;
    /** The listeners whose default action CodeDeploy rewrites: production (:443) and test. */
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /** Minutes the old task set keeps running after production traffic moved: the bake. */
    bakeTimeMinutes: number;
    /** CloudWatch alarm NAMES that stop the deployment and roll it back. */
    alarmNames: readonly string[];
}

export interface CodeDeploy {
    application: aws.codedeploy.Application;
    deploymentGroup: aws.codedeploy.DeploymentGroup;
    role: aws.iam.Role;
}

/**
 * The AWS managed policy for CodeDeploy's ECS role: task sets, listener default actions and rules,
 * the alarms' states. ARN from the partition: arn:aws-us-gov:iam::aws:policy/AWSCodeDeployRoleForECS.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/codedeploy_IAM_role.html
 */
export const CODEDEPLOY_ECS_MANAGED_POLICY = "AWSCodeDeployRoleForECS";

/** All production traffic at once, like ECS's BLUE_GREEN strategy; the bake is the termination wait. */
export const CODEDEPLOY_DEPLOYMENT_CONFIG = "CodeDeployDefault.ECSAllAtOnce";

export function createCodeDeploy(name: string, args: CodeDeployArgs, opts: pulumi.CustomResourceOptions): CodeDeploy {
    const role = new aws.iam.Role(
        `${name}-codedeploy`,
        {
            name: args.roleName,
            description: "Lets CodeDeploy shift the service's listeners between its blue and green task sets",
            permissionsBoundary: args.permissionsBoundary,
            // The trust AWS documents for this role (ECS guide, "Amazon ECS CodeDeploy IAM Role"), without
            // confused-deputy conditions CodeDeploy does not document setting; an unmet condition would
            // only surface as a failed deployment. The role can do only what the managed policy allows,
            // inside the boundary.
            assumeRolePolicy: policyJson([
                {
                    Sid: "TrustCodeDeploy",
                    Effect: "Allow",
                    Principal: { Service: servicePrincipal("codedeploy") },
                    Action: "sts:AssumeRole",
                },
            ]),
            tags: { ...args.tags, Name: args.roleName },
        },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        `${name}-codedeploy`,
        { role: role.name, policyArn: managedPolicyArn(args.scope, CODEDEPLOY_ECS_MANAGED_POLICY) },
        opts,
    );
    const application = new aws.codedeploy.Application(
        name,
        { name: args.applicationName, computePlatform: "ECS", tags: { ...args.tags, Name: args.applicationName } },
        opts,
    );
    const deploymentGroup = new aws.codedeploy.DeploymentGroup(
        name,
        {
            appName: args.applicationName,
            deploymentGroupName: args.serviceName,
            // From the role's name, so the group is known at preview.
            serviceRoleArn: roleArn(args.scope, args.roleName),
            deploymentConfigName: CODEDEPLOY_DEPLOYMENT_CONFIG,
            deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
            blueGreenDeploymentConfig: {
                // Shift as soon as the replacement task set is healthy (no manual approval step).
                deploymentReadyOption: { actionOnTimeout: "CONTINUE_DEPLOYMENT" },
                terminateBlueInstancesOnDeploymentSuccess: {
                    action: "TERMINATE",
                    terminationWaitTimeInMinutes: args.bakeTimeMinutes,
                },
            },
            ecsService: { clusterName: args.clusterName, serviceName: args.serviceName },
            loadBalancerInfo: {
                targetGroupPairInfo: {
                    targetGroups: [{ name: args.blueTargetGroupName }, { name: args.greenTargetGroupName }],
                    prodTrafficRoute: { listenerArns: [args.productionListenerArn] },
                    testTrafficRoute: { listenerArns: [args.testListenerArn] },
                },
            },
            // The same rollback triggers as the native mode: a failed deployment, or a deployment alarm.
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
            alarmConfiguration: { enabled: true, alarms: [...args.alarmNames] },
            tags: { ...args.tags, Name: args.serviceName },
        },
        { ...opts, dependsOn: [args.service, application, role, attachment] },
    );
    return { application, deploymentGroup, role };
}
