import * as assert from "node:assert/strict";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { deploymentAlarmNames } from "../../infra/components/observability";
import { BlueGreenService, BlueGreenServiceArgs } from "../../infra/components/service";
import { contentTag } from "../../infra/components/service/container-image";
import { permissionsBoundaryArn } from "../../infra/lib/arn";
import { evaluateStack } from "../../tools/lib/evaluate";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { StackConfig } from "../../tools/lib/stack-config";

const SCOPE = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "111122223333" };
const KEY = (purpose: string) => `arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${purpose}`;
const DIGEST = `sha256:${"ab12".repeat(16)}`;
const APP = path.resolve(__dirname, "..", "..", "app");
const CONFIG: StackConfig = {
    project: "govstack",
    stack: "prod",
    values: { "aws:region": "us-gov-west-1" },
    secretKeys: [],
    environments: [],
};
const unknown = <T>() => pulumi.output(pulumi.unknown as unknown as T);

/** Realistic arguments; network and edge values are outputs, unknown at preview as in a real one. */
function args(overrides: Partial<BlueGreenServiceArgs>): BlueGreenServiceArgs {
    return {
        scope: SCOPE,
        permissionsBoundary: permissionsBoundaryArn(SCOPE, "prod"),
        tags: { Project: "govstack", Environment: "prod" },
        vpcId: unknown<string>(),
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

describe("BlueGreenService component", () => {
    let mocks: PreviewMocks;
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
        ({ mocks } = await evaluateStack(
            "prod",
            () => {
                // Prod: promoted by digest, secrets by name — everything a policy judges is known.
                new BlueGreenService(
                    "govstack-prod",
                    args({
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
                    args({
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
            },
            new PreviewMocks(),
            CONFIG,
        ));
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

    it("never writes a commercial-partition ARN", () => {
        assert.doesNotMatch(JSON.stringify(mocks.resources.map((r) => r.inputs)), /arn:aws:/);
    });
});

describe("BlueGreenService component: argument checks", () => {
    const build = (overrides: Partial<BlueGreenServiceArgs>) =>
        evaluateStack("prod", () => void new BlueGreenService("govstack-bad", args(overrides)), new PreviewMocks(), CONFIG);

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
