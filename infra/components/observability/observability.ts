import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope } from "../../lib/arn";
import { policyJson } from "../../lib/iam";
import { resourceTags } from "../../lib/tags";
import { encryptedLogGroup } from "../shared/log-group";
import { alarmSpecs, AlarmTargets, AlarmThresholds, DEFAULT_THRESHOLDS } from "./alarms";
import { overviewDashboard } from "./dashboard";

export interface ObservabilityArgs {
    /** Partition, region and account: the topic and alarm ARNs are built from them (known at preview). */
    scope: ArnScope;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    /** KMS key for the alerts topic (messaging key). Its policy must let cloudwatch.amazonaws.com use it. */
    alertsKmsKeyArn: pulumi.Input<string>;
    /** E-mail addresses subscribed to the alerts topic (plain strings: one subscription each). */
    alertEmails: readonly string[];
    /** KMS key and retention for the log groups this component owns. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Further log groups to create (explicit names), e.g. for RDS/Redis log exports. */
    logGroupNames?: readonly string[];
    /** What the alarms watch (from Edge, BlueGreenService and Data). */
    alarmTargets: AlarmTargets;
    /** Thresholds to change. @default DEFAULT_THRESHOLDS (alarms.ts) */
    thresholds?: Partial<AlarmThresholds>;
}

/**
 * Alerting and visibility (AU-6, SI-4, IR-6): an SNS alerts topic encrypted with KMS, e-mail
 * subscriptions, the estate's CloudWatch alarms (all notifying the topic), KMS-encrypted log groups
 * with finite retention, and one dashboard whose JSON is known at preview.
 */
export class Observability extends pulumi.ComponentResource {
    /** The alerts topic's ARN, built from its name: known at preview, for other components' alarms. */
    readonly alertsTopicArn: string;
    readonly alarmArns: pulumi.Output<Record<string, string>>;
    readonly logGroupNames: pulumi.Output<string[]>;
    readonly dashboardName: pulumi.Output<string>;

    constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:observability:Observability", name, {}, opts);
        const parent = { parent: this };
        const tags = (n: string) => resourceTags(args.tags, "observability", n);

        const topicName = `${name}-alerts`;
        const topic = new aws.sns.Topic(
            `${name}-alerts`,
            { name: topicName, kmsMasterKeyId: args.alertsKmsKeyArn, tags: tags(topicName) },
            parent,
        );
        // The topic's ARN from its name: alarm actions, subscriptions and the policy are then known at
        // preview (a policy can see where alarms go); dependsOn keeps the creation order.
        const topicArn = arn(args.scope, "sns", topicName);
        const afterTopic = { parent: this, dependsOn: [topic] };
        new aws.sns.TopicPolicy(
            `${name}-alerts`,
            {
                arn: topicArn,
                // Only this account's alarms may publish, and nobody over plain HTTP (SC-8).
                policy: policyJson([
                    {
                        Sid: "CloudWatchAlarmsPublish",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: topicArn,
                        Condition: {
                            ArnLike: { "aws:SourceArn": arn(args.scope, "cloudwatch", `alarm:${name}-*`) },
                            StringEquals: { "aws:SourceAccount": args.scope.accountId },
                        },
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "sns:Publish",
                        Resource: topicArn,
                        Condition: { Bool: { "aws:SecureTransport": false } },
                    },
                ]),
            },
            afterTopic,
        );
        args.alertEmails.forEach((email, i) => {
            new aws.sns.TopicSubscription(
                `${name}-alerts-email-${i}`,
                { topic: topicArn, protocol: "email", endpoint: email },
                afterTopic,
            );
        });

        const logGroups = (args.logGroupNames ?? []).map((logGroupName, i) =>
            encryptedLogGroup(
                `${name}-logs-${i}`,
                {
                    name: logGroupName,
                    retentionInDays: args.logRetentionDays,
                    kmsKeyArn: args.logsKmsKeyArn,
                    tags: tags(logGroupName),
                },
                parent,
            ),
        );

        const thresholds = { ...DEFAULT_THRESHOLDS, ...args.thresholds };
        const specs = alarmSpecs(name, args.alarmTargets, thresholds);
        const alarms = specs.map(
            (spec) =>
                new aws.cloudwatch.MetricAlarm(
                    spec.name,
                    { ...spec, alarmActions: [topicArn], okActions: [topicArn], tags: tags(spec.name) },
                    afterTopic,
                ),
        );

        const dashboardName = `${name}-overview`;
        // Built from alarm ARNs (names + scope), never from resource outputs: known at preview.
        const dashboard = overviewDashboard(
            dashboardName,
            args.scope,
            specs.map((s) => ({
                name: s.name,
                description: String(s.alarmDescription ?? s.name),
                period: typeof s.period === "number" ? s.period : undefined,
            })),
            parent,
        );

        this.alertsTopicArn = topicArn;
        this.alarmArns = pulumi
            .all(alarms.map((a) => pulumi.all([a.name, a.arn])))
            .apply((pairs) => Object.fromEntries(pairs));
        this.logGroupNames = pulumi.all(logGroups.map((g) => g.name));
        this.dashboardName = dashboard.dashboardName;
        this.registerOutputs({
            alertsTopicArn: this.alertsTopicArn,
            alarmArns: this.alarmArns,
            logGroupNames: this.logGroupNames,
            dashboardName: this.dashboardName,
        });
    }
}
