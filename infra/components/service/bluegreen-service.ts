import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, ecrRegistry, roleArn } from "../../lib/arn";
import { Statement } from "../../lib/iam";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { encryptedLogGroup } from "../shared/log-group";
import { createBlueGreenRouting } from "./bluegreen-routing";
import { containerDefinitions, secretReference, ServiceSecret } from "./container-definitions";
import { imageReference, ServiceImage } from "./container-image";
import { createServiceRoles } from "./service-iam";
import { createServiceScaling } from "./service-scaling";

const CONTAINER = "app";

export interface BlueGreenServiceArgs {
    scope: ArnScope;
    /** Permissions boundary ARN on the service's roles (the deploy role creates roles only with it). */
    permissionsBoundary: string;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    vpcId: pulumi.Input<string>;
    /** Private subnets; tasks get no public IP. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's security group (accepts the container port from the ALB's group only). */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Edge's HTTPS :443 listener and its operator-only test listener. */
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /** Host names the production rule forwards (others get the listener's 404); default: any host. */
    hostNames?: readonly string[];
    image: ServiceImage;
    /** Registry credentials for the staging push; omit to use the Docker CLI's own ECR login. */
    registry?: pulumi.Input<docker.types.input.Registry>;
    /** KMS key for ECR (containers key) and, optionally, Fargate ephemeral storage. */
    containersKmsKeyArn: pulumi.Input<string>;
    ephemeralStorageKmsKeyArn?: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Fargate size (validated against Fargate's table by the settings). */
    cpu: number;
    memory: number;
    desiredCount: number;
    minCount: number;
    maxCount: number;
    containerPort?: number;
    healthCheckPath?: string;
    /** The container's own health probe; default the app's Node probe (no curl in the image). */
    healthCheckCommand?: readonly string[];
    /** Non-secret environment; a secret-looking name here is an error. */
    environment?: Readonly<Record<string, string>>;
    secrets?: readonly ServiceSecret[];
    /** KMS keys that encrypt those secrets (the execution role may decrypt via Secrets Manager only). */
    secretsKmsKeyArns?: pulumi.Input<string>[];
    /** Extra permissions for the app's task role. */
    taskStatements?: Statement[];
    /** Minutes both revisions keep running after traffic moved, before blue is retired. Default 5. */
    bakeTimeMinutes?: number;
    /** CloudWatch alarm NAMES that fail and roll back a deployment (Observability's deploymentAlarmNames). */
    deploymentAlarmNames: readonly string[];
    cpuTargetPercent?: number;
    memoryTargetPercent?: number;
}

/**
 * The application tier (CM-2, CM-3, SI-2 safe change): an ECS cluster with Container Insights, a
 * KMS-encrypted immutable scan-on-push ECR repository, the image pinned by digest, a hardened Fargate
 * task, two target groups (blue and green) behind production and test listener rules, and an ECS
 * service using ECS's native blue/green strategy: new revisions get test traffic, then production
 * traffic, bake, and roll back on their own when health checks or the deployment alarms fail.
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
        const port = args.containerPort ?? 8080;
        const healthPath = args.healthCheckPath ?? "/health";

        const clusterName = physicalName(name, []);
        const serviceName = physicalName(name, [CONTAINER]);
        const repositoryName = `${name}/${CONTAINER}`;
        const repositoryUrl = `${ecrRegistry(s)}/${repositoryName}`;
        const logGroupName = `/ecs/${name}/${CONTAINER}`;
        const roleNames = {
            executionRoleName: physicalName(name, ["task-execution"], NAME_LIMITS.iamRole),
            taskRoleName: physicalName(name, ["task"], NAME_LIMITS.iamRole),
            infrastructureRoleName: physicalName(name, ["ecs-infrastructure"], NAME_LIMITS.iamRole),
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
                    healthCheckCommand: args.healthCheckCommand ?? ["CMD", "node", "/app/dist/healthcheck.js"],
                }),
                volumes: [{ name: "tmp" }],
                tags: tags(serviceName),
            },
            { parent: this, dependsOn: [logGroup, ...roles.ready] },
        );

        const { blue, green, productionRule, testRule } = createBlueGreenRouting(
            name,
            {
                vpcId: args.vpcId,
                port,
                healthCheckPath: healthPath,
                productionListenerArn: args.productionListenerArn,
                testListenerArn: args.testListenerArn,
                hostNames: args.hostNames,
                tags,
            },
            parent,
        );

        const service = new aws.ecs.Service(
            `${name}-app`,
            {
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
                deploymentController: { type: "ECS" },
                deploymentConfiguration: {
                    strategy: "BLUE_GREEN",
                    bakeTimeInMinutes: String(args.bakeTimeMinutes ?? 5),
                },
                deploymentCircuitBreaker: { enable: true, rollback: true },
                alarms: { alarmNames: [...args.deploymentAlarmNames], enable: true, rollback: true },
                deploymentMinimumHealthyPercent: 100,
                deploymentMaximumPercent: 200,
                healthCheckGracePeriodSeconds: 60,
                loadBalancers: [
                    {
                        targetGroupArn: blue.arn,
                        containerName: CONTAINER,
                        containerPort: port,
                        advancedConfiguration: {
                            alternateTargetGroupArn: green.arn,
                            productionListenerRule: productionRule.arn,
                            testListenerRule: testRule.arn,
                            roleArn: roleArn(s, roleNames.infrastructureRoleName),
                        },
                    },
                ],
                // No shell into production tasks (AC-17): debugging goes through logs and metrics.
                enableExecuteCommand: false,
                enableEcsManagedTags: true,
                propagateTags: "SERVICE",
                // `pulumi up` fails (and ECS rolls back) when the new revision never becomes healthy.
                waitForSteadyState: true,
                tags: tags(serviceName),
            },
            {
                parent: this,
                dependsOn: [cluster, ...roles.ready, productionRule, testRule],
                // Autoscaling owns the task count. ECS blue/green swaps which target group is primary
                // after each deployment; re-applying the declared pair would undo that (docs/bluegreen.md).
                ignoreChanges: ["desiredCount", "loadBalancers"],
            },
        );

        createServiceScaling(
            name,
            {
                clusterName,
                serviceName,
                minCount: args.minCount,
                maxCount: args.maxCount,
                cpuTargetPercent: args.cpuTargetPercent ?? 70,
                memoryTargetPercent: args.memoryTargetPercent ?? 80,
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
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            repositoryUrl: this.repositoryUrl,
            image: this.image,
            taskDefinitionArn: this.taskDefinitionArn,
        });
    }
}
