import * as assert from "node:assert/strict";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { deploymentAlarmNames } from "../../infra/components/observability";
import {
    BlueGreenService,
    BlueGreenServiceArgs,
    BlueGreenTargetGroups,
    CODEDEPLOY_DEPLOYMENT_CONFIG,
    DEPLOYMENT_MARGIN_MINUTES,
    deploymentTimeoutMinutes,
    RULE_IGNORE_CHANGES,
    SERVICE_IGNORE_CHANGES,
} from "../../infra/components/service";
import { contentTag } from "../../infra/components/service/container-image";
import { permissionsBoundaryArn } from "../../infra/lib/arn";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { PlannedResource } from "../../tools/plan/types";
import { evaluateComponents, recordComponents, TEST_SCOPE as SCOPE, testKeyArn as KEY, unknownOutput as unknown } from "./harness";
import { ECS_SERVICE } from "../../policies/lib/resource-types";

const DIGEST = `sha256:${"ab12".repeat(16)}`;
const APP = path.resolve(__dirname, "..", "..", "app");

/**
 * Realistic arguments for a service named `name` (its target groups are made here, inside the
 * program); network and edge values are outputs, unknown at preview as in a real one.
 */
function args(name: string, overrides: Partial<BlueGreenServiceArgs>): BlueGreenServiceArgs {
    const tags = { Project: "govstack", Environment: "prod" };
    return {
        scope: SCOPE,
        permissionsBoundary: permissionsBoundaryArn(SCOPE, "prod"),
        tags,
        targetGroups: new BlueGreenTargetGroups(name, { vpcId: unknown<string>(), tags }),
        subnetIds: unknown<string[]>(),
        securityGroupIds: [unknown<string>()],
        productionListenerArn: unknown<string>(),
        testListenerArn: unknown<string>(),
        image: { kind: "digest", digest: DIGEST },
        containersKmsKeyArn: KEY("containers"),
        logsKmsKeyArn: KEY("logs"),
        logRetentionDays: 365,
        cpu: 512,
        memory: 1024,
        desiredCount: 6,
        minCount: 6,
        maxCount: 12,
        deploymentAlarmNames: deploymentAlarmNames("govstack-prod"),
        ...overrides,
    };
}

type Inputs = Record<string, unknown>;
interface Container {
    name: string;
    image: string;
    user: string;
    readonlyRootFilesystem: boolean;
    privileged: boolean;
    linuxParameters: { capabilities: { add: string[]; drop: string[] } };
    healthCheck: { command: string[] };
    logConfiguration: { logDriver: string; options: Record<string, string> };
    environment: Array<{ name: string; value: string }>;
    secrets: Array<{ name: string; valueFrom: string }>;
    portMappings: Array<{ containerPort: number }>;
    mountPoints: Array<{ containerPath: string; readOnly: boolean }>;
}

// A CodeDeploy-controlled service's listeners, known so the deployment group's routes can be asserted.
const LISTENER = (port: number) =>
    `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/app/govstack-cd-alb/0123456789abcdef/${port}`;

describe("BlueGreenService component", () => {
    let mocks: PreviewMocks;
    /** Every registration with its resource options (ignoreChanges, customTimeouts, dependencies). */
    let recorded: PlannedResource[];
    const registered = (type: string, name: string): PlannedResource => {
        const found = recorded.find((r) => r.type === type && r.name === name);
        assert.ok(found, `${type} ${name} was registered`);
        return found;
    };
    /** Resources of `type` that belong to the service named `service` (by logical-name prefix). */
    const of = (type: string, service: string): DeclaredResource[] =>
        mocks.ofType(type).filter((r) => r.name === service || r.name.startsWith(`${service}-`));
    const one = (type: string, service = "govstack-prod"): Inputs => {
        const found = of(type, service);
        assert.equal(found.length, 1, `exactly one ${type} in ${service}`);
        return found[0].inputs;
    };
    const container = (service = "govstack-prod"): Container => {
        const defs = one("aws:ecs/taskDefinition:TaskDefinition", service).containerDefinitions;
        assert.equal(typeof defs, "string", "containerDefinitions is known JSON at preview");
        const parsed = JSON.parse(defs as string) as Container[];
        assert.equal(parsed.length, 1);
        return parsed[0];
    };
    const policy = (type: string, name: string): { Statement: Array<Inputs & { Sid: string }> } => {
        const found = mocks.ofType(type).find((r) => r.name === name);
        assert.ok(found, `${type} ${name}`);
        const field = (found.inputs.policy ?? found.inputs.assumeRolePolicy) as string;
        assert.equal(typeof field, "string", `${name}'s policy is known at preview`);
        return JSON.parse(field) as { Statement: Array<Inputs & { Sid: string }> };
    };

    before(async () => {
        ({ mocks, recorded } = await recordComponents("prod", () => {
            // Prod: promoted by digest, secrets by name — everything a policy judges is known.
            new BlueGreenService(
                "govstack-prod",
                args("govstack-prod", {
                    hostNames: ["app.govstack.example.gov"],
                    environment: { LOG_LEVEL: "info" },
                    secrets: [
                        { env: "DATABASE_PASSWORD", secretName: "govstack-prod/db-app", jsonKey: "password" },
                        { env: "REDIS_AUTH", secretName: "govstack-prod/redis-auth" },
                    ],
                    secretsKmsKeyArns: [KEY("data")],
                    ephemeralStorageKmsKeyArn: KEY("containers"),
                    bakeTimeMinutes: 15,
                }),
            );
            // Staging: built from app/ by Docker; the digest exists only after the push.
            new BlueGreenService(
                "govstack-stg",
                args("govstack-stg", {
                    image: { kind: "build", context: APP },
                    desiredCount: 1,
                    minCount: 1,
                    maxCount: 3,
                    logRetentionDays: 90,
                    deploymentAlarmNames: deploymentAlarmNames("govstack-stg"),
                    // An RDS-managed secret: its ARN is an output, unknown at preview.
                    secrets: [{ env: "DATABASE_URL_SECRET", secretArn: unknown<string>(), jsonKey: "password" }],
                }),
            );
            // A region without ECS native blue/green: the CodeDeploy controller.
            new BlueGreenService(
                "govstack-cd",
                args("govstack-cd", {
                    deploymentController: "codedeploy",
                    productionListenerArn: LISTENER(443),
                    testListenerArn: LISTENER(8443),
                    deploymentAlarmNames: deploymentAlarmNames("govstack-cd"),
                    bakeTimeMinutes: 15,
                    healthCheckGracePeriodSeconds: 120,
                }),
            );
        }));
    });

    describe("cluster and repository", () => {
        it("turns on Container Insights and encrypts Fargate ephemeral storage", () => {
            const cluster = one("aws:ecs/cluster:Cluster");
            assert.equal(cluster.name, "govstack-prod");
            assert.deepEqual(cluster.settings, [{ name: "containerInsights", value: "enabled" }]);
            assert.deepEqual(cluster.configuration, {
                managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: KEY("containers") },
            });
        });

        it("keeps images in an immutable, scan-on-push, KMS-encrypted ECR repository", () => {
            const repo = one("aws:ecr/repository:Repository");
            assert.equal(repo.name, "govstack-prod/app");
            assert.equal(repo.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repo.imageScanningConfiguration, { scanOnPush: true });
            assert.deepEqual(repo.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: KEY("containers") }]);
        });

        it("expires only old builds of its own, never untagged (promoted) images", () => {
            const lifecycle = JSON.parse(one("aws:ecr/lifecyclePolicy:LifecyclePolicy").policy as string) as {
                rules: Array<{ selection: Inputs }>;
            };
            assert.deepEqual(
                lifecycle.rules.map((r) => r.selection),
                [{ tagStatus: "tagged", tagPrefixList: ["src-"], countType: "imageCountMoreThan", countNumber: 50 }],
            );
        });
    });

    describe("image", () => {
        it("prod runs the promoted digest from its own registry, without building", () => {
            assert.equal(
                container().image,
                `111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/govstack-prod/app@${DIGEST}`,
            );
            assert.equal(of("docker:index/image:Image", "govstack-prod").length, 0);
        });

        it("staging builds app/ and pushes it under a content tag, never :latest, not on preview", () => {
            const image = one("docker:index/image:Image", "govstack-stg");
            assert.equal(
                image.imageName,
                `111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/govstack-stg/app:${contentTag(APP)}`,
            );
            assert.doesNotMatch(String(image.imageName), /:latest$/);
            assert.equal((image.build as Inputs).context, APP);
            assert.equal((image.build as Inputs).platform, "linux/amd64");
            assert.equal(image.buildOnPreview, false);
        });

        it("staging's task definition waits for the pushed digest (unknown at preview) without failing", () => {
            const defs = one("aws:ecs/taskDefinition:TaskDefinition", "govstack-stg").containerDefinitions;
            assert.ok(pulumi.isUnknown(defs));
        });

        it("derives the same tag from the same content", () => {
            assert.equal(contentTag(APP), contentTag(APP));
            assert.match(contentTag(APP), /^src-[a-f0-9]{16}$/);
        });
    });

    describe("task definition", () => {
        it("is a Fargate awsvpc task of the given size with role ARNs known at preview", () => {
            const td = one("aws:ecs/taskDefinition:TaskDefinition");
            assert.deepEqual(td.requiresCompatibilities, ["FARGATE"]);
            assert.equal(td.networkMode, "awsvpc");
            assert.equal(td.cpu, "512");
            assert.equal(td.memory, "1024");
            assert.equal(td.executionRoleArn, "arn:aws-us-gov:iam::111122223333:role/govstack-prod-task-execution");
            assert.equal(td.taskRoleArn, "arn:aws-us-gov:iam::111122223333:role/govstack-prod-task");
        });

        it("runs as uid 1001 on a read-only root filesystem, unprivileged, with all capabilities dropped", () => {
            const c = container();
            assert.equal(c.user, "1001");
            assert.equal(c.readonlyRootFilesystem, true);
            assert.equal(c.privileged, false);
            assert.deepEqual(c.linuxParameters.capabilities, { add: [], drop: ["ALL"] });
            assert.deepEqual(c.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
        });

        it("checks its own health and listens on the container port", () => {
            const c = container();
            assert.deepEqual(c.healthCheck.command, ["CMD", "node", "/app/dist/healthcheck.js"]);
            assert.deepEqual(c.portMappings.map((p) => p.containerPort), [8080]);
        });

        it("ships logs with awslogs to the KMS-encrypted log group by its explicit name", () => {
            const c = container();
            assert.equal(c.logConfiguration.logDriver, "awslogs");
            assert.equal(c.logConfiguration.options["awslogs-group"], "/ecs/govstack-prod/app");
            assert.equal(c.logConfiguration.options["awslogs-region"], "us-gov-west-1");
            const group = one("aws:cloudwatch/logGroup:LogGroup");
            assert.equal(group.name, "/ecs/govstack-prod/app");
            assert.equal(group.kmsKeyId, KEY("logs"));
            assert.equal(group.retentionInDays, 365);
        });

        it("injects secrets through `secrets` by name, and no secret through `environment`", () => {
            const c = container();
            assert.deepEqual(c.secrets, [
                {
                    name: "DATABASE_PASSWORD",
                    valueFrom: "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:govstack-prod/db-app:password::",
                },
                {
                    name: "REDIS_AUTH",
                    valueFrom: "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:govstack-prod/redis-auth",
                },
            ]);
            const envNames = c.environment.map((e) => e.name);
            assert.deepEqual(envNames, ["LOG_LEVEL", "NODE_ENV", "PORT", "SERVICE_NAME"]);
            assert.ok(!envNames.some((n) => /PASSWORD|AUTH|SECRET/.test(n)));
        });
    });

    describe("roles", () => {
        it("execution role: ECR pull on this repository, logs on this group, these secrets — no `*` action", () => {
            const doc = policy("aws:iam/policy:Policy", "govstack-prod-execution");
            const bySid = Object.fromEntries(doc.Statement.map((st) => [st.Sid, st]));
            assert.equal(bySid.EcrLogin.Resource, "*", "GetAuthorizationToken has no resource-level permissions");
            assert.equal(bySid.EcrPull.Resource, "arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/govstack-prod/app");
            assert.equal(
                bySid.WriteLogs.Resource,
                "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/ecs/govstack-prod/app:log-stream:*",
            );
            assert.deepEqual(bySid.ReadNamedSecrets.Resource, [
                "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:govstack-prod/db-app-??????",
                "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:govstack-prod/redis-auth-??????",
            ]);
            assert.deepEqual(bySid.DecryptSecretsViaSecretsManager.Condition, {
                StringEquals: { "kms:ViaService": "secretsmanager.us-gov-west-1.amazonaws.com" },
            });
            for (const st of doc.Statement) {
                for (const action of ([] as unknown[]).concat(st.Action)) {
                    assert.doesNotMatch(String(action), /\*/, `${st.Sid} action ${String(action)}`);
                }
            }
        });

        it("task roles trust only ECS tasks of this account", () => {
            const trust = policy("aws:iam/role:Role", "govstack-prod-task");
            assert.deepEqual(trust.Statement[0].Principal, { Service: "ecs-tasks.amazonaws.com" });
            assert.deepEqual((trust.Statement[0].Condition as Inputs).StringEquals, { "aws:SourceAccount": "111122223333" });
            assert.equal(of("aws:iam/policy:Policy", "govstack-prod").length, 1, "the app's task role gets no policy");
        });

        it("ECS infrastructure role carries AWS's load-balancer policy, partition-aware", () => {
            const trust = policy("aws:iam/role:Role", "govstack-prod-ecs-infrastructure");
            assert.deepEqual(trust.Statement[0].Principal, { Service: "ecs.amazonaws.com" });
            const attachment = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.name === "govstack-prod-ecs-infrastructure")!.inputs;
            assert.equal(attachment.policyArn, "arn:aws-us-gov:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers");
        });
    });

    describe("target groups and listener rules", () => {
        it("declares two target groups, blue and green, of IP targets with /health checks", () => {
            const groups = of("aws:lb/targetGroup:TargetGroup", "govstack-prod");
            assert.deepEqual(groups.map((g) => g.inputs.name).sort(), ["govstack-prod-blue", "govstack-prod-green"]);
            for (const g of groups) {
                assert.equal(g.inputs.targetType, "ip");
                assert.equal(g.inputs.port, 8080);
                assert.equal(g.inputs.protocol, "HTTP");
                const hc = g.inputs.healthCheck as Inputs;
                assert.equal(hc.path, "/health");
                assert.equal(hc.matcher, "200");
                assert.equal(hc.enabled, true);
            }
        });

        it("has a production rule (on the host names) and a test rule, both forwarding by weight", () => {
            const rules = of("aws:lb/listenerRule:ListenerRule", "govstack-prod");
            assert.deepEqual(rules.map((r) => r.name).sort(), ["govstack-prod-production", "govstack-prod-test"]);
            const production = rules.find((r) => r.name === "govstack-prod-production")?.inputs as Inputs;
            assert.deepEqual(production.conditions, [{ hostHeader: { values: ["app.govstack.example.gov"] } }]);
            for (const r of rules) {
                const [action] = r.inputs.actions as Array<{ type: string; forward: { targetGroups: Array<{ weight: number }> } }>;
                assert.equal(action.type, "forward");
                assert.deepEqual(action.forward.targetGroups.map((t) => t.weight), [100, 0]);
            }
        });
    });

    describe("ECS service", () => {
        it("runs Fargate tasks in private subnets without public IPs", () => {
            const svc = one("aws:ecs/service:Service");
            assert.equal(svc.name, "govstack-prod-app");
            assert.equal(svc.cluster, "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:cluster/govstack-prod");
            assert.equal(svc.launchType, "FARGATE");
            assert.equal(svc.platformVersion, "1.4.0");
            assert.equal((svc.networkConfiguration as Inputs).assignPublicIp, false);
            assert.equal(svc.desiredCount, 6);
            assert.equal(svc.enableExecuteCommand, false);
        });

        it("deploys with ECS native blue/green and a bake time", () => {
            const svc = one("aws:ecs/service:Service");
            assert.deepEqual(svc.deploymentController, { type: "ECS" });
            assert.deepEqual(svc.deploymentConfiguration, { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" });
        });

        it("names the alternate target group, both listener rules and the infrastructure role", () => {
            const [lb] = one("aws:ecs/service:Service").loadBalancers as Array<Inputs & { advancedConfiguration: Inputs }>;
            assert.equal(lb.containerName, "app");
            assert.equal(lb.containerPort, 8080);
            assert.deepEqual(Object.keys(lb.advancedConfiguration).sort(), [
                "alternateTargetGroupArn",
                "productionListenerRule",
                "roleArn",
                "testListenerRule",
            ]);
            assert.equal(lb.advancedConfiguration.roleArn, "arn:aws-us-gov:iam::111122223333:role/govstack-prod-ecs-infrastructure");
        });

        it("rolls back on its own: circuit breaker and the deployment alarms by name", () => {
            const svc = one("aws:ecs/service:Service");
            assert.deepEqual(svc.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.deepEqual(svc.alarms, {
                alarmNames: ["govstack-prod-alb-5xx", "govstack-prod-target-5xx-rate", "govstack-prod-latency-p95"],
                enable: true,
                rollback: true,
            });
        });
    });

    describe("autoscaling", () => {
        it("scales the service between min and max", () => {
            const target = one("aws:appautoscaling/target:Target");
            assert.equal(target.resourceId, "service/govstack-prod/govstack-prod-app");
            assert.equal(target.scalableDimension, "ecs:service:DesiredCount");
            assert.equal(target.minCapacity, 6);
            assert.equal(target.maxCapacity, 12);
            assert.equal(one("aws:appautoscaling/target:Target", "govstack-stg").maxCapacity, 3);
        });

        it("tracks CPU at 70 % and memory at 80 %", () => {
            const policies = of("aws:appautoscaling/policy:Policy", "govstack-prod").map((p) => {
                const cfg = p.inputs.targetTrackingScalingPolicyConfiguration as Inputs & {
                    predefinedMetricSpecification: Inputs;
                };
                return [cfg.predefinedMetricSpecification.predefinedMetricType, cfg.targetValue, p.inputs.policyType];
            });
            assert.deepEqual(policies, [
                ["ECSServiceAverageCPUUtilization", 70, "TargetTrackingScaling"],
                ["ECSServiceAverageMemoryUtilization", 80, "TargetTrackingScaling"],
            ]);
        });
    });

    describe("timeouts: pulumi up outlasts a deployment (bake + health-check grace + margin)", () => {
        const PROVIDER_DEFAULT_SECONDS = 20 * 60;

        it("derives the service's create and update timeouts from its bake time and grace period", () => {
            for (const [name, bake, grace] of [
                ["govstack-prod-app", 15, 60],
                ["govstack-stg-app", 5, 60],
                ["govstack-cd-app", 15, 120],
            ] as const) {
                const { timeouts } = registered(ECS_SERVICE, name);
                const expected = deploymentTimeoutMinutes(bake, grace) * 60;
                assert.equal(timeouts.create, expected, `${name} create`);
                assert.equal(timeouts.update, expected, `${name} update`);
                // The tie itself: a deployment's wait covers its bake, its grace period and the margin.
                assert.equal(expected, bake * 60 + Math.ceil(grace / 60) * 60 + DEPLOYMENT_MARGIN_MINUTES * 60);
                assert.equal(timeouts.delete, 0, "deletion keeps the provider's default");
            }
            assert.equal(one(ECS_SERVICE).healthCheckGracePeriodSeconds, 60);
            assert.equal(one(ECS_SERVICE, "govstack-cd").healthCheckGracePeriodSeconds, 120);
        });

        it("exceeds the provider's 20-minute default whenever the bake alone comes close to it", () => {
            assert.ok(registered(ECS_SERVICE, "govstack-prod-app").timeouts.update > PROVIDER_DEFAULT_SECONDS);
            // Even a service that bakes for 0 minutes keeps the margin for task start and rollback.
            assert.ok(deploymentTimeoutMinutes(0, 0) >= DEPLOYMENT_MARGIN_MINUTES);
        });
    });

    describe("ownership: what Pulumi leaves to the deployment controller (ignoreChanges)", () => {
        it("native blue/green: ECS owns the task count and which target group is primary", () => {
            assert.deepEqual(registered("aws:ecs/service:Service", "govstack-prod-app").ignoreChanges, ["desiredCount", "loadBalancers"]);
            assert.deepEqual(SERVICE_IGNORE_CHANGES.ecs, ["desiredCount", "loadBalancers"]);
        });

        it("native blue/green: ECS owns the listener rules' weights", () => {
            for (const rule of ["govstack-prod-production", "govstack-prod-test"]) {
                assert.deepEqual(registered("aws:lb/listenerRule:ListenerRule", rule).ignoreChanges, ["actions"]);
            }
            assert.deepEqual(RULE_IGNORE_CHANGES, ["actions"]);
        });

        it("CodeDeploy: also the task definition, network configuration and platform version (only a CodeDeploy deployment changes them)", () => {
            assert.deepEqual(registered("aws:ecs/service:Service", "govstack-cd-app").ignoreChanges, [
                "desiredCount",
                "loadBalancers",
                "taskDefinition",
                "networkConfiguration",
                "platformVersion",
            ]);
        });
    });

    describe("the CodeDeploy controller (a region without ECS native blue/green)", () => {
        const CD = "govstack-cd";

        it("hands the ECS service to CodeDeploy: one target group, no native strategy, no steady-state wait", () => {
            const svc = one("aws:ecs/service:Service", CD);
            assert.deepEqual(svc.deploymentController, { type: "CODE_DEPLOY" });
            assert.equal(svc.deploymentConfiguration, undefined);
            const [lb] = svc.loadBalancers as Inputs[];
            assert.deepEqual(Object.keys(lb).sort(), ["containerName", "containerPort", "targetGroupArn"]);
            assert.equal(svc.waitForSteadyState, false);
        });

        it("has no circuit breaker and no ECS deployment alarms (ECS supports neither under CODE_DEPLOY)", () => {
            const svc = one("aws:ecs/service:Service", CD);
            assert.equal(svc.deploymentCircuitBreaker, undefined);
            assert.equal(svc.alarms, undefined);
        });

        it("declares no listener rules and no ECS infrastructure role (CodeDeploy uses the listeners' default actions)", () => {
            assert.equal(of("aws:lb/listenerRule:ListenerRule", CD).length, 0);
            assert.equal(mocks.ofType("aws:iam/role:Role").filter((r) => r.name === `${CD}-ecs-infrastructure`).length, 0);
            assert.equal(of("aws:lb/targetGroup:TargetGroup", CD).length, 2);
        });

        it("declares an ECS application and a blue/green deployment group over both target groups and both listeners", () => {
            const app = one("aws:codedeploy/application:Application", CD);
            assert.equal(app.computePlatform, "ECS");
            assert.equal(app.name, "govstack-cd-app");
            const group = one("aws:codedeploy/deploymentGroup:DeploymentGroup", CD);
            assert.equal(group.appName, "govstack-cd-app");
            assert.equal(group.deploymentConfigName, CODEDEPLOY_DEPLOYMENT_CONFIG);
            assert.deepEqual(group.deploymentStyle, { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" });
            assert.deepEqual(group.ecsService, { clusterName: "govstack-cd", serviceName: "govstack-cd-app" });
            assert.deepEqual(group.loadBalancerInfo, {
                targetGroupPairInfo: {
                    targetGroups: [{ name: "govstack-cd-blue" }, { name: "govstack-cd-green" }],
                    prodTrafficRoute: { listenerArns: [LISTENER(443)] },
                    testTrafficRoute: { listenerArns: [LISTENER(8443)] },
                },
            });
            // The bake is the wait before the old task set is terminated.
            assert.deepEqual(group.blueGreenDeploymentConfig, {
                deploymentReadyOption: { actionOnTimeout: "CONTINUE_DEPLOYMENT" },
                terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: 15 },
            });
        });

        it("rolls back on its own: a failed deployment or a deployment alarm, by name", () => {
            const group = one("aws:codedeploy/deploymentGroup:DeploymentGroup", CD);
            assert.deepEqual(group.autoRollbackConfiguration, { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] });
            assert.deepEqual(group.alarmConfiguration, {
                enabled: true,
                alarms: ["govstack-cd-alb-5xx", "govstack-cd-target-5xx-rate", "govstack-cd-latency-p95"],
            });
        });

        it("gives CodeDeploy a role with AWSCodeDeployRoleForECS, partition-aware, inside the boundary", () => {
            const trust = policy("aws:iam/role:Role", `${CD}-codedeploy`);
            assert.deepEqual(trust.Statement[0].Principal, { Service: "codedeploy.amazonaws.com" });
            const role = mocks.ofType("aws:iam/role:Role").find((r) => r.name === `${CD}-codedeploy`)?.inputs as Inputs;
            assert.equal(role.permissionsBoundary, permissionsBoundaryArn(SCOPE, "prod"));
            const attachment = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((r) => r.name === `${CD}-codedeploy`)?.inputs;
            assert.equal(attachment?.policyArn, "arn:aws-us-gov:iam::aws:policy/AWSCodeDeployRoleForECS");
            const group = one("aws:codedeploy/deploymentGroup:DeploymentGroup", CD);
            assert.equal(group.serviceRoleArn, "arn:aws-us-gov:iam::111122223333:role/govstack-cd-codedeploy");
        });

        it("creates the deployment group after the service, its application and its role", () => {
            const deps = registered("aws:codedeploy/deploymentGroup:DeploymentGroup", CD).dependencies;
            for (const [type, name] of [
                ["aws:ecs/service:Service", "govstack-cd-app"],
                ["aws:codedeploy/application:Application", CD],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${CD}-codedeploy`],
            ]) {
                assert.ok(deps.includes(registered(type, name).urn), `depends on ${name}`);
            }
        });
    });

    it("never writes a commercial-partition ARN", () => {
        assert.doesNotMatch(JSON.stringify(mocks.resources.map((r) => r.inputs)), /arn:aws:/);
    });
});

describe("BlueGreenService component: argument checks", () => {
    const build = (overrides: Partial<BlueGreenServiceArgs>) =>
        evaluateComponents("prod", () => void new BlueGreenService("govstack-bad", args("govstack-bad", overrides)));

    it("refuses a malformed digest", async () => {
        await assert.rejects(
            build({ image: { kind: "digest", digest: "latest" } }),
            /Invalid image digest "latest" for govstack-bad: use sha256: followed by 64 lowercase hex digits/,
        );
    });

    it("refuses a secret-looking plain environment variable", async () => {
        await assert.rejects(
            build({ environment: { DB_PASSWORD: "hunter2" } }),
            /Invalid service environment "DB_PASSWORD": secrets are passed through "secrets"/,
        );
    });

    it("refuses a secret given both by name and by ARN", async () => {
        await assert.rejects(
            build({ secrets: [{ env: "X", secretName: "a", secretArn: "b" }] }),
            /Invalid secret for X: give exactly one of secretName or secretArn/,
        );
    });
});
