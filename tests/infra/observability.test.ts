import * as assert from "node:assert/strict";

import * as pulumi from "@pulumi/pulumi";

import { assertLogRetention } from "../../infra/components/shared/log-group";
import { alarmNames, deploymentAlarmNames, Observability } from "../../infra/components/observability";
import { dashboardWidgets } from "../../infra/components/observability/dashboard";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { evaluateComponents, TEST_SCOPE as SCOPE, testKeyArn as KEY, unknownOutput } from "./harness";

type Alarm = DeclaredResource["inputs"] & {
    name: string;
    threshold: number;
    comparisonOperator: string;
    metricName?: string;
    dimensions?: Record<string, unknown>;
    alarmActions: unknown[];
    okActions: unknown[];
};

describe("Observability component", () => {
    let mocks: PreviewMocks;
    const alarm = (name: string): Alarm => {
        const found = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find((r) => r.inputs.name === name);
        assert.ok(found, `alarm ${name} declared`);
        return found.inputs as Alarm;
    };

    before(async () => {
        ({ mocks } = await evaluateComponents("staging", () => {
            new Observability("govstack-staging", {
                scope: SCOPE,
                tags: { Project: "govstack", Environment: "staging" },
                alertsKmsKeyArn: KEY("messaging"),
                alertEmails: ["ops@example.gov", "oncall@example.gov"],
                logsKmsKeyArn: KEY("logs"),
                logRetentionDays: 365,
                logGroupNames: ["/aws/rds/instance/govstack-staging-db/postgresql"],
                alarmTargets: {
                    // An output of another resource: unknown at preview, like the real ALB's arnSuffix.
                    albArnSuffix: unknownOutput<string>(),
                    targetGroups: [
                        { label: "blue", arnSuffix: "targetgroup/govstack-staging-blue/0123456789abcdef" },
                        { label: "green", arnSuffix: "targetgroup/govstack-staging-green/fedcba9876543210" },
                    ],
                    ecsClusterName: "govstack-staging",
                    ecsServiceName: "govstack-staging-app",
                    rdsInstanceIdentifier: "govstack-staging-db",
                    rdsAllocatedStorageGiB: 100,
                    redisReplicationGroupId: "govstack-staging-redis",
                    redisNodeCount: 2,
                },
            });
        }));
    });

    it("encrypts the alerts topic with the messaging key", () => {
        const [topic] = mocks.ofType("aws:sns/topic:Topic");
        assert.equal(topic.inputs.name, "govstack-staging-alerts");
        assert.equal(topic.inputs.kmsMasterKeyId, KEY("messaging"));
    });

    it("lets only this account's alarms publish, and denies publishing without TLS", () => {
        const [policy] = mocks.ofType("aws:sns/topicPolicy:TopicPolicy");
        const doc = JSON.parse(policy.inputs.policy as string) as { Statement: Record<string, unknown>[] };
        const [allow, deny] = doc.Statement;
        assert.deepEqual(allow.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.equal(allow.Resource, "arn:aws-us-gov:sns:us-gov-west-1:111122223333:govstack-staging-alerts");
        assert.deepEqual(allow.Condition, {
            ArnLike: { "aws:SourceArn": "arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:govstack-staging-*" },
            StringEquals: { "aws:SourceAccount": "111122223333" },
        });
        assert.equal(deny.Effect, "Deny");
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": false } });
    });

    it("subscribes every alert e-mail", () => {
        const subs = mocks.ofType("aws:sns/topicSubscription:TopicSubscription");
        assert.deepEqual(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint]), [
            ["email", "ops@example.gov"],
            ["email", "oncall@example.gov"],
        ]);
    });

    it("creates the requested log groups KMS-encrypted with the given retention", () => {
        const [group] = mocks.ofType("aws:cloudwatch/logGroup:LogGroup");
        assert.equal(group.inputs.name, "/aws/rds/instance/govstack-staging-db/postgresql");
        assert.equal(group.inputs.kmsKeyId, KEY("logs"));
        assert.equal(group.inputs.retentionInDays, 365);
    });

    it("alarms on more than 10 load-balancer 5XX in 5 minutes", () => {
        const a = alarm("govstack-staging-alb-5xx");
        assert.equal(a.metricName, "HTTPCode_ELB_5XX_Count");
        assert.equal(a.statistic, "Sum");
        assert.equal(a.period, 300);
        assert.equal(a.evaluationPeriods, 1);
        assert.equal(a.threshold, 10);
        assert.equal(a.comparisonOperator, "GreaterThanThreshold");
        // The ALB suffix is an output: unknown at preview, and the alarm still declares fine.
        assert.ok(pulumi.isUnknown((a.dimensions as Record<string, unknown>).LoadBalancer));
    });

    it("alarms on a target 5XX rate above 1 % with metric math", () => {
        const a = alarm("govstack-staging-target-5xx-rate");
        const queries = a.metricQueries as Array<{ id: string; expression?: string; returnData?: boolean; metric?: { metricName: string } }>;
        assert.deepEqual(queries.map((q) => q.metric?.metricName ?? q.id), ["HTTPCode_Target_5XX_Count", "RequestCount", "rate"]);
        const rate = queries.find((q) => q.id === "rate");
        assert.equal(rate?.expression, "IF(requests > 0, 100 * errors / requests, 0)");
        assert.equal(rate?.returnData, true);
        assert.equal(a.threshold, 1);
        assert.equal(a.comparisonOperator, "GreaterThanThreshold");
    });

    it("alarms on p95 latency above 1 second", () => {
        const a = alarm("govstack-staging-latency-p95");
        assert.equal(a.metricName, "TargetResponseTime");
        assert.equal(a.extendedStatistic, "p95");
        assert.equal(a.threshold, 1);
    });

    it("alarms on any unhealthy host in each target group", () => {
        for (const [label, suffix] of [
            ["blue", "targetgroup/govstack-staging-blue/0123456789abcdef"],
            ["green", "targetgroup/govstack-staging-green/fedcba9876543210"],
        ]) {
            const a = alarm(`govstack-staging-unhealthy-hosts-${label}`);
            assert.equal(a.metricName, "UnHealthyHostCount");
            assert.equal((a.dimensions as Record<string, unknown>).TargetGroup, suffix);
            assert.equal(a.threshold, 0);
            assert.equal(a.comparisonOperator, "GreaterThanThreshold");
        }
    });

    it("alarms on database CPU above 80 % and free storage below 20 % of allocated", () => {
        const cpu = alarm("govstack-staging-rds-cpu");
        assert.equal(cpu.metricName, "CPUUtilization");
        assert.deepEqual(cpu.dimensions, { DBInstanceIdentifier: "govstack-staging-db" });
        assert.equal(cpu.threshold, 80);
        const storage = alarm("govstack-staging-rds-free-storage");
        assert.equal(storage.metricName, "FreeStorageSpace");
        assert.equal(storage.threshold, Math.floor(0.2 * 100 * 1024 ** 3));
        assert.equal(storage.comparisonOperator, "LessThanThreshold");
    });

    it("alarms on service memory above 85 %", () => {
        const a = alarm("govstack-staging-ecs-memory");
        assert.equal(a.namespace, "AWS/ECS");
        assert.deepEqual(a.dimensions, { ClusterName: "govstack-staging", ServiceName: "govstack-staging-app" });
        assert.equal(a.threshold, 85);
    });

    it("alarms on Redis engine CPU and memory on every node", () => {
        for (const node of ["govstack-staging-redis-001", "govstack-staging-redis-002"]) {
            const cpu = alarm(`govstack-staging-redis-cpu-${node}`);
            assert.equal(cpu.metricName, "EngineCPUUtilization");
            assert.deepEqual(cpu.dimensions, { CacheClusterId: node });
            assert.equal(cpu.threshold, 80);
            const mem = alarm(`govstack-staging-redis-memory-${node}`);
            assert.equal(mem.metricName, "DatabaseMemoryUsagePercentage");
            assert.equal(mem.threshold, 80);
        }
    });

    it("sends every alarm and its recovery to the alerts topic", () => {
        const alarms = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.equal(alarms.length, 3 + 2 + 2 + 1 + 4);
        const topic = "arn:aws-us-gov:sns:us-gov-west-1:111122223333:govstack-staging-alerts";
        for (const a of alarms) {
            const inputs = a.inputs as Alarm;
            // Built from the topic's name: known at preview, so a policy can see where alarms go.
            assert.deepEqual(inputs.alarmActions, [topic], `${a.name} alarmActions`);
            assert.deepEqual(inputs.okActions, [topic], `${a.name} okActions`);
        }
        for (const s of mocks.ofType("aws:sns/topicSubscription:TopicSubscription")) {
            assert.equal(s.inputs.topic, topic);
        }
    });

    it("names the deployment alarms exactly as declared, without the component", () => {
        const declared = new Set(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name));
        const names = deploymentAlarmNames("govstack-staging");
        assert.deepEqual(names, [
            alarmNames("govstack-staging").alb5xx,
            "govstack-staging-target-5xx-rate",
            "govstack-staging-latency-p95",
        ]);
        for (const n of names) {
            assert.ok(declared.has(n), n);
        }
    });

    describe("dashboard (awsx.classic.cloudwatch widgets, a plain aws.cloudwatch.Dashboard)", () => {
        type Widget = {
            type: string;
            x: number;
            y: number;
            width: number;
            height: number;
            properties: { alarms?: string[]; annotations?: { alarms?: string[] }; title?: string; period?: number; region?: string; view?: string; sortBy?: string };
        };
        const ALARM_ARN = (name: string) => `arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:${name}`;
        let widgets: Widget[];
        before(() => {
            const dashboards = mocks.ofType("aws:cloudwatch/dashboard:Dashboard");
            assert.equal(dashboards.length, 1);
            assert.equal(dashboards[0].custom, true);
            assert.equal(dashboards[0].name, "govstack-staging-overview");
            assert.equal(dashboards[0].inputs.dashboardName, "govstack-staging-overview");
            // Known at preview even though the ALB's arnSuffix is not: built from alarm names only.
            assert.equal(typeof dashboards[0].inputs.dashboardBody, "string");
            widgets = (JSON.parse(dashboards[0].inputs.dashboardBody as string) as { widgets: Widget[] }).widgets;
        });

        it("registers nothing but the dashboard itself (no awsx component)", () => {
            assert.deepEqual(mocks.resources.filter((r) => r.type.startsWith("awsx:")), []);
        });

        it("opens with a full-width alarm-status row listing every alarm, ALARM first", () => {
            const declared = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => ALARM_ARN(a.inputs.name as string));
            assert.equal(declared.length, 12);
            const [status, ...rest] = widgets;
            assert.deepEqual([status.type, status.x, status.y, status.width, status.height], ["alarm", 0, 0, 24, 4]);
            assert.deepEqual([...(status.properties.alarms ?? [])].sort(), declared.sort());
            assert.equal(status.properties.sortBy, "stateUpdatedTimestamp");
            assert.ok(rest.every((w) => w.type === "metric"));
        });

        it("graphs each alarm's own metric and threshold at the alarm's period, three to a row below the status", () => {
            const alarms = new Map(mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => [ALARM_ARN(a.inputs.name as string), a.inputs]));
            const graphs = widgets.slice(1);
            assert.equal(graphs.length, alarms.size);
            const drawn = new Set<string>();
            graphs.forEach((g, i) => {
                const [arn, ...more] = g.properties.annotations?.alarms ?? [];
                assert.deepEqual(more, [], `graph ${i} draws one alarm`);
                const alarm = alarms.get(arn);
                assert.ok(alarm, `graph ${i} draws a declared alarm (${arn})`);
                drawn.add(arn);
                assert.equal(g.properties.title, alarm.alarmDescription);
                assert.equal(g.properties.period, (alarm.period as number | undefined) ?? 300, `graph ${i} period`);
                assert.equal(g.properties.region, "us-gov-west-1");
                assert.equal(g.properties.view, "timeSeries");
                assert.deepEqual([g.x, g.y, g.width, g.height], [(i % 3) * 8, 4 + Math.floor(i / 3) * 6, 8, 6], `graph ${i} position`);
            });
            assert.equal(drawn.size, alarms.size, "every alarm has its graph");
            assert.equal(graphs.find((g) => g.properties.title?.startsWith("p95"))?.properties.period, 60);
        });

        it("refuses a region @pulumi/aws does not know, naming it", () => {
            assert.throws(
                () => dashboardWidgets({ ...SCOPE, region: "us-gov-middle-1" }, [{ name: "a", description: "A" }]),
                /^Error: Dashboard: region "us-gov-middle-1" is not a region @pulumi\/aws knows/,
            );
        });
    });
});

describe("encryptedLogGroup", () => {
    it("refuses a retention CloudWatch Logs does not accept, naming the value and the allowed ones", () => {
        assert.throws(
            () => assertLogRetention(100, "log group /ecs/x"),
            /^Error: Invalid log retention for log group \/ecs\/x: 100 days is not accepted by CloudWatch Logs; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400/,
        );
        assert.doesNotThrow(() => assertLogRetention(365, "log group /ecs/x"));
    });
});
