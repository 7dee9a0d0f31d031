import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ecrRegistry, roleArn } from "../../lib/arn";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { encryptedLogGroup } from "../shared/log-group";
import { BlueGreenServiceArgs, SERVICE_DEFAULTS } from "./args";
import { createBlueGreenRouting } from "./bluegreen-routing";
import { containerDefinitions, secretReference } from "./container-definitions";
import { imageReference } from "./container-image";
import { createServiceRoles } from "./service-iam";
import { createServiceScaling } from "./service-scaling";

const CONTAINER = "app";

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
        const port = args.containerPort ?? SERVICE_DEFAULTS.containerPort;
        const healthPath = args.healthCheckPath ?? SERVICE_DEFAULTS.healthCheckPath;

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
                    healthCheckCommand: args.healthCheckCommand ?? SERVICE_DEFAULTS.healthCheckCommand,
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
                    bakeTimeInMinutes: String(args.bakeTimeMinutes ?? SERVICE_DEFAULTS.bakeTimeMinutes),
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
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            repositoryUrl: this.repositoryUrl,
            image: this.image,
            taskDefinitionArn: this.taskDefinitionArn,
        });
    }
}
