import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ecrRegistry, roleArn } from "../../lib/arn";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { encryptedLogGroup } from "../shared/log-group";
import { BlueGreenServiceArgs, DeploymentController, deploymentTimeoutMinutes, SERVICE_DEFAULTS } from "./args";
import { createListenerRules } from "./bluegreen-routing";
import { createCodeDeploy } from "./codedeploy";
import { containerDefinitions, secretReference } from "./container-definitions";
import { imageReference } from "./container-image";
import { createServiceRoles } from "./service-iam";
import { createServiceScaling } from "./service-scaling";

const CONTAINER = "app";

/**
 * What Pulumi leaves to the deployment controller on the ECS service, per controller. Both: the task
 * count (autoscaling owns it) and `loadBalancers` — after each deployment the other target group is
 * primary, and re-applying the declared pair would undo the swap (hashicorp/terraform-provider-aws#45678).
 * CodeDeploy also owns what only a CodeDeploy deployment may change on its services (ECS UpdateService:
 * "If the network configuration, platform version, task definition, or load balancer need to be
 * updated, create a new CodeDeploy deployment").
 */
export const SERVICE_IGNORE_CHANGES: Readonly<Record<DeploymentController, readonly string[]>> = {
    ecs: ["desiredCount", "loadBalancers"],
    codedeploy: ["desiredCount", "loadBalancers", "taskDefinition", "networkConfiguration", "platformVersion"],
};

/**
 * The application tier (CM-2, CM-3, SI-2 safe change): an ECS cluster with Container Insights, a
 * KMS-encrypted immutable scan-on-push ECR repository, the image pinned by digest, a hardened Fargate
 * task, and an ECS service over two target groups (blue and green). With the ECS controller (the
 * default) it uses ECS's native blue/green strategy through production and test listener rules: new
 * revisions get test traffic, then production traffic, bake, and roll back on their own when health
 * checks or the deployment alarms fail. With the CodeDeploy controller (a region without the native
 * strategy) CodeDeploy does the same through the listeners' default actions.
 */
export class BlueGreenService extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly repositoryUrl: pulumi.Output<string>;
    /** The digest-pinned image the task runs. */
    readonly image: pulumi.Output<string>;
    readonly taskDefinitionArn: pulumi.Output<string>;
    readonly blueTargetGroupArnSuffix: pulumi.Output<string>;
    readonly greenTargetGroupArnSuffix: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly deploymentController: DeploymentController;
    /** Under the CodeDeploy controller: what a release's `aws deploy create-deployment` names. */
    readonly codeDeploy?: { applicationName: string; deploymentGroupName: string };

    constructor(name: string, args: BlueGreenServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:service:BlueGreenService", name, {}, opts);
        const parent = { parent: this };
        const s = args.scope;
        const tags = (n?: string) => resourceTags(args.tags, "service", n);
        if (args.minCount > args.maxCount || args.desiredCount < args.minCount || args.desiredCount > args.maxCount) {
            throw new Error(
                `Invalid task counts for ${name}: need minCount ≤ desiredCount ≤ maxCount, got ${args.minCount}, ${args.desiredCount}, ${args.maxCount}`,
            );
        }
        const controller = args.deploymentController ?? SERVICE_DEFAULTS.deploymentController;
        const bakeTimeMinutes = args.bakeTimeMinutes ?? SERVICE_DEFAULTS.bakeTimeMinutes;
        const gracePeriod = args.healthCheckGracePeriodSeconds ?? SERVICE_DEFAULTS.healthCheckGracePeriodSeconds;
        const { blue, green, port } = args.targetGroups;

        const clusterName = physicalName(name, []);
        const serviceName = physicalName(name, [CONTAINER]);
        const repositoryName = `${name}/${CONTAINER}`;
        const repositoryUrl = `${ecrRegistry(s)}/${repositoryName}`;
        const logGroupName = `/ecs/${name}/${CONTAINER}`;
        const infrastructureRoleName = physicalName(name, ["ecs-infrastructure"], NAME_LIMITS.iamRole);
        const roleNames = {
            executionRoleName: physicalName(name, ["task-execution"], NAME_LIMITS.iamRole),
            taskRoleName: physicalName(name, ["task"], NAME_LIMITS.iamRole),
            // Native blue/green only: the role ECS assumes to rewrite the listener rules' weights.
            infrastructureRoleName: controller === "ecs" ? infrastructureRoleName : undefined,
        };

        const cluster = new aws.ecs.Cluster(
            name,
            {
                name: clusterName,
                settings: [{ name: "containerInsights", value: "enabled" }],
                configuration: args.ephemeralStorageKmsKeyArn
                    ? { managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: args.ephemeralStorageKmsKeyArn } }
                    : undefined,
                tags: tags(clusterName),
            },
            parent,
        );

        const repository = new aws.ecr.Repository(
            `${name}-app`,
            {
                name: repositoryName,
                // A pushed tag can never point at other content: what was tested is what runs (CM-14).
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.containersKmsKeyArn }],
                tags: tags(repositoryName),
            },
            parent,
        );
        new aws.ecr.LifecyclePolicy(
            `${name}-app`,
            {
                repository: repository.name,
                // Only this program's own builds (`src-` content tags) expire, oldest first, keeping the
                // last 50. Never untagged images: a digest promoted into prod may arrive without a tag,
                // and an image a task runs must stay pullable for scaling and replacement.
                policy: JSON.stringify({
                    rules: [
                        {
                            rulePriority: 1,
                            description: "Keep the 50 most recent builds",
                            selection: { tagStatus: "tagged", tagPrefixList: ["src-"], countType: "imageCountMoreThan", countNumber: 50 },
                            action: { type: "expire" },
                        },
                    ],
                }),
            },
            parent,
        );
        const image = imageReference(
            name,
            { image: args.image, repositoryUrl, registry: args.registry },
            { parent: this, dependsOn: [repository] },
        );

        const logGroup = encryptedLogGroup(
            `${name}-app`,
            { name: logGroupName, retentionInDays: args.logRetentionDays, kmsKeyArn: args.logsKmsKeyArn, tags: tags(logGroupName) },
            parent,
        );

        const secrets = args.secrets ?? [];
        const roles = createServiceRoles(
            name,
            {
                scope: s,
                tags: tags(),
                permissionsBoundary: args.permissionsBoundary,
                ...roleNames,
                repositoryName,
                logGroupName,
                secretResources: secrets.map((secret) => secretReference(s, secret).iamResource),
                secretsKmsKeyArns: args.secretsKmsKeyArns ?? [],
                taskStatements: args.taskStatements ?? [],
            },
            parent,
        );

        const taskDefinition = new aws.ecs.TaskDefinition(
            `${name}-app`,
            {
                family: serviceName,
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                cpu: String(args.cpu),
                memory: String(args.memory),
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
                // Role ARNs from their explicit names, so the definition is known at preview.
                executionRoleArn: roleArn(s, roleNames.executionRoleName),
                taskRoleArn: roleArn(s, roleNames.taskRoleName),
                containerDefinitions: containerDefinitions({
                    scope: s,
                    name: CONTAINER,
                    image,
                    containerPort: port,
                    logGroupName,
                    environment: { NODE_ENV: "production", SERVICE_NAME: serviceName, ...args.environment },
                    secrets,
                    healthCheckCommand: args.healthCheckCommand ?? SERVICE_DEFAULTS.healthCheckCommand,
                }),
                volumes: [{ name: "tmp" }],
                tags: tags(serviceName),
            },
            { parent: this, dependsOn: [logGroup, ...roles.ready] },
        );

        const timeout = `${deploymentTimeoutMinutes(bakeTimeMinutes, gracePeriod)}m`;
        const loadBalancer = { targetGroupArn: blue.arn, containerName: CONTAINER, containerPort: port };
        const common: aws.ecs.ServiceArgs = {
            name: serviceName,
            // The cluster's ARN from its name (what ECS itself reports), known at preview.
            cluster: arn(s, "ecs", `cluster/${clusterName}`),
            taskDefinition: taskDefinition.arn,
            desiredCount: args.desiredCount,
            launchType: "FARGATE",
            platformVersion: "1.4.0",
            networkConfiguration: {
                subnets: args.subnetIds,
                securityGroups: args.securityGroupIds,
                assignPublicIp: false,
            },
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            healthCheckGracePeriodSeconds: gracePeriod,
            // No shell into production tasks (AC-17): debugging goes through logs and metrics.
            enableExecuteCommand: false,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            tags: tags(serviceName),
        };
        const serviceOptions: pulumi.CustomResourceOptions = {
            parent: this,
            ignoreChanges: [...SERVICE_IGNORE_CHANGES[controller]],
            // A deployment settles only after the bake: the provider's 20-minute default is too short.
            customTimeouts: { create: timeout, update: timeout },
        };

        let service: aws.ecs.Service;
        if (controller === "ecs") {
            const { productionRule, testRule } = createListenerRules(
                name,
                {
                    blue,
                    green,
                    productionListenerArn: args.productionListenerArn,
                    testListenerArn: args.testListenerArn,
                    hostNames: args.hostNames,
                    tags,
                },
                parent,
            );
            service = new aws.ecs.Service(
                `${name}-app`,
                {
                    ...common,
                    deploymentController: { type: "ECS" },
                    deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(bakeTimeMinutes) },
                    // Both failure detections support blue/green, and either fails the deployment
                    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-failure-detection.html;
                    // the API reference's "rolling update only" note on the circuit breaker predates it).
                    deploymentCircuitBreaker: { enable: true, rollback: true },
                    alarms: { alarmNames: [...args.deploymentAlarmNames], enable: true, rollback: true },
                    loadBalancers: [
                        {
                            ...loadBalancer,
                            advancedConfiguration: {
                                alternateTargetGroupArn: green.arn,
                                productionListenerRule: productionRule.arn,
                                testListenerRule: testRule.arn,
                                roleArn: roleArn(s, infrastructureRoleName),
                            },
                        },
                    ],
                    // `pulumi up` waits for the deployment's outcome (after the bake) and fails when ECS
                    // rolled it back.
                    waitForSteadyState: true,
                },
                { ...serviceOptions, dependsOn: [cluster, ...roles.ready, productionRule, testRule, ...(args.listenersReady ?? [])] },
            );
        } else {
            service = new aws.ecs.Service(
                `${name}-app`,
                {
                    ...common,
                    // No circuit breaker and no ECS deployment alarms: ECS supports neither under the
                    // CodeDeploy controller (ECS API, DeploymentAlarms: "only … when the
                    // DeploymentController is set to ECS"); the deployment group's alarms and automatic
                    // rollback take their place.
                    deploymentController: { type: "CODE_DEPLOY" },
                    loadBalancers: [loadBalancer],
                    // A CODE_DEPLOY service has task sets, not deployments, so the provider's steady-state
                    // wait would never end (hashicorp/terraform-provider-aws#29252); a release waits on
                    // its CodeDeploy deployment instead (`aws deploy wait deployment-successful`).
                    waitForSteadyState: false,
                },
                // The listeners must already forward to blue.
                { ...serviceOptions, dependsOn: [cluster, ...roles.ready, ...(args.listenersReady ?? [])] },
            );
            const applicationName = serviceName;
            createCodeDeploy(
                name,
                {
                    scope: s,
                    tags: tags(),
                    permissionsBoundary: args.permissionsBoundary,
                    applicationName,
                    roleName: physicalName(name, ["codedeploy"], NAME_LIMITS.iamRole),
                    clusterName,
                    serviceName,
                    service,
                    blueTargetGroupName: args.targetGroups.blueName,
                    greenTargetGroupName: args.targetGroups.greenName,
                    productionListenerArn: args.productionListenerArn,
                    testListenerArn: args.testListenerArn,
                    bakeTimeMinutes,
                    alarmNames: args.deploymentAlarmNames,
                },
                parent,
            );
            this.codeDeploy = { applicationName, deploymentGroupName: serviceName };
        }

        createServiceScaling(
            name,
            {
                clusterName,
                serviceName,
                minCount: args.minCount,
                maxCount: args.maxCount,
                cpuTargetPercent: args.cpuTargetPercent ?? SERVICE_DEFAULTS.cpuTargetPercent,
                memoryTargetPercent: args.memoryTargetPercent ?? SERVICE_DEFAULTS.memoryTargetPercent,
                tags: tags(serviceName),
            },
            { parent: this, dependsOn: [service] },
        );

        this.clusterName = cluster.name;
        this.serviceName = service.name;
        this.repositoryUrl = pulumi.output(repositoryUrl);
        this.image = image;
        this.taskDefinitionArn = taskDefinition.arn;
        this.blueTargetGroupArnSuffix = blue.arnSuffix;
        this.greenTargetGroupArnSuffix = green.arnSuffix;
        this.logGroupName = logGroup.name;
        this.deploymentController = controller;
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            repositoryUrl: this.repositoryUrl,
            image: this.image,
            taskDefinitionArn: this.taskDefinitionArn,
        });
    }
}
