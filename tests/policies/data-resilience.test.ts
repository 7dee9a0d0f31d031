// Issue 17 items 7 (replication or backup of prod data buckets; event notifications), 13
// (OpenSearch and Redshift logs, Redshift snapshots) and 14 (SQS dead-letter queues).

import * as assert from "node:assert/strict";

import { opensearchLogsToCloudwatch, redshiftAuditLogging, redshiftSnapshotRetention, sqsQueueDeadLetterQueue } from "../../policies/rules/data-stores";
import { s3BucketEventNotifications, s3DataBucketReplicatedOrBackedUp } from "../../policies/rules/storage-hygiene";
import { advisory, assertClean, assertNoMandatory, assertViolations, CANNOT_EVALUATE_SUFFIX as SUFFIX, itHonoursWaivers, mandatory, messages, runResourcePolicy, runStackPolicy, TestResource, unknown, urnOf } from "./helpers";
import {
    AWS_PROVIDER,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    ELASTICSEARCH_DOMAIN,
    OPENSEARCH_DOMAIN,
    REDSHIFT_CLUSTER,
    S3_BUCKET,
    SQS_QUEUE,
} from "../../policies/lib";
import { S3_BUCKET_NOTIFICATION, S3_BUCKET_REPLICATION_CONFIG } from "../../policies/rules/storage-hygiene/resource-types";
import { REDSHIFT_LOGGING, SQS_REDRIVE_ALLOW_POLICY, SQS_REDRIVE_POLICY } from "../../policies/rules/data-stores/resource-types";


const WEST = { props: { region: "us-gov-west-1" } };
const EAST = { name: "dr", props: { region: "us-gov-east-1" } };
const defaultProvider: TestResource = { type: AWS_PROVIDER, name: "default_7_0_0", props: { region: "us-gov-west-1" } };
const bucket = (name: string, props: Record<string, unknown> = {}, extra: Partial<TestResource> = {}): TestResource => ({ type: S3_BUCKET, name, props: { bucket: name, ...props }, ...extra });
const replication = (source: string, destination: unknown, status: unknown = "Enabled", extra: Partial<TestResource> = {}): TestResource => ({
    type: S3_BUCKET_REPLICATION_CONFIG,
    name: `${source}-replication`,
    props: { bucket: source, role: "arn:aws-us-gov:iam::111122223333:role/replication", rules: [{ id: "all", status, destination: { bucket: destination } }] },
    ...extra,
});
const plan: TestResource = { type: BACKUP_PLAN, name: "plan", props: { id: "plan-1", name: "plan", rules: [{ ruleName: "daily", targetVaultName: "v" }] } };
const selection = (props: Record<string, unknown>): TestResource => ({ type: BACKUP_SELECTION, name: "selection", props: { name: "s", planId: "plan-1", iamRoleArn: "arn:role", ...props } });
const BY_TAG = selection({ selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }] });

describe("data resilience (issue 17 items 7, 13, 14)", () => {
    describe("s3-data-bucket-replicated-or-backed-up (stack)", () => {
        const p = s3DataBucketReplicatedOrBackedUp;
        const NEITHER = (name: string) =>
            `S3 data bucket "${name}" is neither replicated to another allowed region nor in an AWS Backup plan; add an aws.s3.BucketReplicationConfig ` +
            "with an Enabled rule to a bucket in another allowed region (us-gov-west-1, us-gov-east-1), or tag it into an aws.backup.Selection (e.g. Backup=daily).";

        it("blocks a data bucket with neither replication nor a backup plan", async () => {
            assertViolations(await runStackPolicy(p, [defaultProvider, bucket("gov-data")]), [NEITHER("gov-data")]);
            // A plan whose selection tags something else does not cover it.
            assertViolations(await runStackPolicy(p, [defaultProvider, bucket("gov-data", { tags: { Backup: "weekly" } }), plan, BY_TAG]), [NEITHER("gov-data")]);
        });
        it("blocks replication to the same region, to a region outside the allowed list, or with no Enabled rule", async () => {
            const sameRegion = [defaultProvider, bucket("gov-data"), bucket("gov-copy"), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")];
            assertViolations(await runStackPolicy(p, sameRegion), [NEITHER("gov-data")]);
            const outside = [defaultProvider, bucket("gov-data"), bucket("gov-copy", { region: "us-east-1" }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")];
            assertViolations(await runStackPolicy(p, outside), [NEITHER("gov-data")]);
            const disabled = [defaultProvider, bucket("gov-data"), bucket("gov-copy", {}, { provider: EAST }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy", "Disabled")];
            assertViolations(await runStackPolicy(p, disabled), [NEITHER("gov-data")]);
        });
        it("passes replication to a bucket in the other GovCloud region (its provider's or its own region), by ARN or property dependency", async () => {
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data"), bucket("gov-copy", {}, { provider: EAST }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")]));
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data", {}, { provider: WEST }), bucket("gov-copy", { region: "us-gov-east-1" }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")]));
            const viaDeps = replication("gov-data", unknown(), "Enabled", { propertyDependencies: { rules: [urnOf(S3_BUCKET, "gov-copy")] } });
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data"), bucket("gov-copy", {}, { provider: EAST }), { ...viaDeps, props: { ...viaDeps.props, bucket: unknown() }, propertyDependencies: { bucket: [urnOf(S3_BUCKET, "gov-data")], rules: [urnOf(S3_BUCKET, "gov-copy")] } }]));
        });
        it("passes a data bucket an AWS Backup selection covers (by tag, provider default tag, or ARN)", async () => {
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data", { tags: { Backup: "daily" } }), plan, BY_TAG]));
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data", {}, { provider: { props: { region: "us-gov-west-1", defaultTags: { tags: { Backup: "daily" } } } } }), plan, BY_TAG]));
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data"), plan, selection({ resources: ["arn:aws-us-gov:s3:::gov-*"] })]));
            // notResources wins.
            assertViolations(await runStackPolicy(p, [defaultProvider, bucket("gov-data"), plan, selection({ resources: ["*"], notResources: ["arn:aws-us-gov:s3:::gov-data"] })]), [NEITHER("gov-data")]);
        });
        it("exempts log and audit buckets (tag, name, BucketLogging target, CloudTrail bucket) and replicas", async () => {
            assertClean(
                await runStackPolicy(p, [
                    defaultProvider,
                    bucket("gov-access-logs"),
                    bucket("gov-trail", { tags: { Purpose: "audit" } }),
                    bucket("gov-sink"),
                    { type: "aws:s3/bucketLogging:BucketLogging", name: "l", props: { bucket: "gov-trail", targetBucket: "gov-sink" } },
                    bucket("gov-ct"),
                    { type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "gov-ct" } },
                    bucket("gov-data", { tags: { Backup: "daily" } }),
                    plan,
                    BY_TAG,
                ]),
            );
            assertClean(await runStackPolicy(p, [defaultProvider, bucket("gov-data"), bucket("gov-copy", {}, { provider: EAST }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")]));
        });
        it("counts a bucket that only inline logging blocks write to as a log bucket, as s3-bucket-access-logging does", async () => {
            const v2 = (name: string, props: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketV2:BucketV2", name, props: { bucket: name, ...props } });
            const covered = { tags: { Backup: "daily" } };
            // "gov-sink" and "gov-sink2" match no log name pattern and carry no purpose tag: only being a target exempts them.
            assertClean(
                await runStackPolicy(p, [
                    defaultProvider,
                    bucket("gov-sink"),
                    bucket("gov-sink2"),
                    bucket("gov-data", { ...covered, logging: { targetBucket: "gov-sink" } }),
                    v2("gov-more", { ...covered, loggings: [{ targetBucket: "gov-data" }, { targetBucket: "gov-sink2" }] }),
                    plan,
                    BY_TAG,
                ]),
            );
            // An empty inline target names no bucket: the would-be sink stays a data bucket.
            assertViolations(await runStackPolicy(p, [defaultProvider, bucket("gov-sink"), bucket("gov-data", { ...covered, logging: { targetBucket: "" } }), plan, BY_TAG]), [NEITHER("gov-sink")]);
        });
        it("is cannot-verify when the destination's region, the tie or the tags are unknown", async () => {
            for (const stack of [
                [defaultProvider, bucket("gov-data"), replication("gov-data", "arn:aws-us-gov:s3:::elsewhere")],
                [bucket("gov-data"), bucket("gov-copy"), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy")],
                [defaultProvider, bucket("gov-data"), replication(unknown() as string, "arn:aws-us-gov:s3:::x")],
                [defaultProvider, bucket("gov-data", { tags: unknown() })],
                [defaultProvider, bucket("gov-data"), plan, selection({ selectionTags: unknown() })],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(messages(diags)));
            }
        });
        it("reports a rule status S3 does not define as malformed, never as replicated", async () => {
            const diags = await runStackPolicy(p, [defaultProvider, bucket("gov-data"), bucket("gov-copy", {}, { provider: EAST }), replication("gov-data", "arn:aws-us-gov:s3:::gov-copy", "enabled!")]);
            assertViolations(diags, [
                `Cannot evaluate S3 bucket replication config "gov-data-replication": rules[0].status is "enabled!", expected one of "Enabled", "Disabled"${SUFFIX}`,
                NEITHER("gov-data"),
            ]);
        });
        it("is advisory in staging", async () => {
            assertNoMandatory(await runStackPolicy(p, [defaultProvider, bucket("gov-data")], { enforcementLevel: "advisory" }));
        });
        itHonoursWaivers(p, { stack: [defaultProvider, bucket("gov-data")], name: "gov-data" });
    });

    describe("s3-bucket-event-notifications (stack, advisory)", () => {
        const p = s3BucketEventNotifications;
        const MESSAGE = 'S3 bucket "gov-data" sends no event notifications; add an aws.s3.BucketNotification with eventbridge: true or a topic, queue or Lambda function.';
        it("is advisory by default: never blocks", async () => {
            const diags = await runStackPolicy(p, [bucket("gov-data")]);
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [MESSAGE]);
        });
        it("reports a bucket without notifications (at a mandatory level when configured so)", async () => {
            const strict = { enforcementLevel: "mandatory" };
            assertViolations(await runStackPolicy(p, [bucket("gov-data")], strict), [MESSAGE]);
            assertViolations(await runStackPolicy(p, [bucket("gov-data"), { type: S3_BUCKET_NOTIFICATION, name: "n", props: { bucket: "gov-data", eventbridge: false } }], strict), [MESSAGE]);
        });
        it("passes a bucket whose notification sends to EventBridge, a topic, a queue or a function", async () => {
            for (const props of [{ eventbridge: true }, { topics: [{ topicArn: "arn:t", events: ["s3:ObjectRemoved:*"] }] }, { queues: [{ queueArn: "arn:q", events: ["s3:ObjectCreated:*"] }] }, { lambdaFunctions: [{ lambdaFunctionArn: "arn:f", events: ["s3:ObjectCreated:*"] }] }]) {
                assertClean(await runStackPolicy(p, [bucket("gov-data"), { type: S3_BUCKET_NOTIFICATION, name: "n", props: { bucket: "gov-data", ...props } }]));
            }
        });
        it("is cannot-verify when the tie or the targets are unknown; a malformed eventbridge is reported", async () => {
            const diags = await runStackPolicy(p, [bucket("gov-data"), { type: S3_BUCKET_NOTIFICATION, name: "n", props: { bucket: unknown() } }]);
            assert.deepEqual(messages(diags), ['Cannot verify the event notifications of S3 bucket "gov-data" during preview: the value is unknown until the update. The policy runs again before the resource is created.']);
            const bad = await runStackPolicy(p, [bucket("gov-data"), { type: S3_BUCKET_NOTIFICATION, name: "n", props: { bucket: "gov-data", eventbridge: "yes" } }], { enforcementLevel: "mandatory" });
            assert.equal(messages(mandatory(bad))[0], `Cannot evaluate S3 bucket notification "n": eventbridge is "yes", expected a boolean${SUFFIX}`);
        });
    });

    describe("opensearch-logs-to-cloudwatch", () => {
        const p = opensearchLogsToCloudwatch;
        const GROUP = "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/opensearch/search";
        const entry = (logType: unknown, extra: Record<string, unknown> = {}) => ({ logType, cloudwatchLogGroupArn: GROUP, ...extra });
        const FGAC = { advancedSecurityOptions: { enabled: true } };
        it("blocks a domain that does not publish application and audit logs", async () => {
            assertViolations(await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, name: "search", props: {} }), [
                'OpenSearch domain "search" does not publish ES_APPLICATION_LOGS and AUDIT_LOGS to CloudWatch Logs; add logPublishingOptions entries with logType "ES_APPLICATION_LOGS" and logType "AUDIT_LOGS" and a cloudwatchLogGroupArn (audit logs need advancedSecurityOptions.enabled: true).',
            ]);
            assertViolations(
                await runResourcePolicy(p, { type: ELASTICSEARCH_DOMAIN, name: "legacy", props: { logPublishingOptions: [entry("ES_APPLICATION_LOGS"), entry("AUDIT_LOGS", { enabled: false }), entry("INDEX_SLOW_LOGS")] } }),
                [
                    'Elasticsearch domain "legacy" does not publish AUDIT_LOGS to CloudWatch Logs; add logPublishingOptions an entry with logType "AUDIT_LOGS" and a cloudwatchLogGroupArn (audit logs need advancedSecurityOptions.enabled: true).',
                ],
            );
        });
        it("passes both logs published (enabled unset or true, a computed log group) with fine-grained access control", async () => {
            assertClean(await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, props: { ...FGAC, logPublishingOptions: [entry("ES_APPLICATION_LOGS"), entry("AUDIT_LOGS", { enabled: true })] } }));
            assertClean(await runResourcePolicy(p, { type: ELASTICSEARCH_DOMAIN, props: { ...FGAC, logPublishingOptions: [entry("AUDIT_LOGS", { cloudwatchLogGroupArn: unknown() }), entry("ES_APPLICATION_LOGS")] } }));
        });
        it("adds an advisory when audit logs are published without fine-grained access control (AWS refuses them)", async () => {
            const diags = await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, name: "search", props: { logPublishingOptions: [entry("ES_APPLICATION_LOGS"), entry("AUDIT_LOGS")] } });
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), ['OpenSearch domain "search" publishes AUDIT_LOGS without fine-grained access control; AWS accepts audit logs only with advancedSecurityOptions.enabled: true.']);
        });
        it("is cannot-verify when the options or a log type are unknown", async () => {
            for (const logPublishingOptions of [unknown(), [entry("ES_APPLICATION_LOGS"), entry(unknown())], [entry("ES_APPLICATION_LOGS"), entry("AUDIT_LOGS", { enabled: unknown() })]]) {
                const diags = await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, props: { ...FGAC, logPublishingOptions } });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1);
            }
        });
        it("reports a log type AWS does not define, and options that are not a list, as malformed", async () => {
            assertViolations(await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, name: "search", props: { logPublishingOptions: [entry("ES_APPLICATION_LOGS"), entry("AUDIT")] } }), [
                `Cannot evaluate OpenSearch domain "search": logPublishingOptions[1].logType is "AUDIT", expected one of "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS"${SUFFIX}`,
            ]);
            assertViolations(await runResourcePolicy(p, { type: OPENSEARCH_DOMAIN, name: "search", props: { logPublishingOptions: { logType: "AUDIT_LOGS" } } }), [
                `Cannot evaluate OpenSearch domain "search": logPublishingOptions is an object {"logType":"AUDIT_LOGS"}, expected an array${SUFFIX}`,
            ]);
        });
        itHonoursWaivers(p, { type: OPENSEARCH_DOMAIN, name: "search", props: {} });
    });

    describe("redshift-snapshot-retention", () => {
        const p = redshiftSnapshotRetention;
        it("blocks automated snapshots turned off (0), and fewer days than configured", async () => {
            assertViolations(await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, name: "dw", props: { automatedSnapshotRetentionPeriod: 0 } }), [
                'Redshift cluster "dw" keeps no automated snapshots; set automatedSnapshotRetentionPeriod to at least 1.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, name: "dw", props: {}, config: { minRetentionDays: 7 } }), [
                'Redshift cluster "dw" keeps automated snapshots for 1 day (AWS\'s default); set automatedSnapshotRetentionPeriod to at least 7.',
            ]);
        });
        it("passes unset (AWS's default of 1 day) and 1–35 days", async () => {
            assertClean(await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, props: {} }));
            assertClean(await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, props: { automatedSnapshotRetentionPeriod: 35 } }));
        });
        it("is cannot-verify when unknown; a value AWS rejects is malformed", async () => {
            const diags = await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, props: { automatedSnapshotRetentionPeriod: unknown() } });
            assertNoMandatory(diags);
            assert.equal(advisory(diags).length, 1);
            assertViolations(await runResourcePolicy(p, { type: REDSHIFT_CLUSTER, name: "dw", props: { automatedSnapshotRetentionPeriod: "7" } }), [
                `Cannot evaluate Redshift cluster "dw": automatedSnapshotRetentionPeriod is "7", expected a whole number of days from 0 to 35${SUFFIX}`,
            ]);
        });
        itHonoursWaivers(p, { type: REDSHIFT_CLUSTER, name: "dw", props: { automatedSnapshotRetentionPeriod: 0 } });
    });

    describe("redshift-audit-logging (stack)", () => {
        const p = redshiftAuditLogging;
        const cluster: TestResource = { type: REDSHIFT_CLUSTER, name: "dw", props: { clusterIdentifier: "dw" } };
        const logging = (props: Record<string, unknown>, extra: Partial<TestResource> = {}): TestResource => ({ type: REDSHIFT_LOGGING, name: "dw-logging", props: { clusterIdentifier: "dw", ...props }, ...extra });
        const ADD = '; add an aws.redshift.Logging for it with logDestinationType "cloudwatch" and logExports ["connectionlog", "userlog"] (or "s3" with a bucketName).';
        it("blocks a cluster without audit logging, or with CloudWatch logging missing the connection or user log", async () => {
            assertViolations(await runStackPolicy(p, [cluster]), [`Redshift cluster "dw" has no audit logging${ADD}`]);
            assertViolations(await runStackPolicy(p, [cluster, logging({ logDestinationType: "cloudwatch", logExports: ["useractivitylog"] })]), [
                `Redshift cluster "dw" has no audit logging: its aws.redshift.Logging "dw-logging" exports no connectionlog or userlog to CloudWatch Logs${ADD}`,
            ]);
            assertViolations(await runStackPolicy(p, [cluster, logging({ logDestinationType: "s3" })]), [
                `Redshift cluster "dw" has no audit logging: its aws.redshift.Logging "dw-logging" names no bucketName (S3) and no logDestinationType "cloudwatch" with logExports${ADD}`,
            ]);
        });
        it("passes a Logging to CloudWatch or S3 tied by identifier or property dependency, and the v6 inline block", async () => {
            assertClean(await runStackPolicy(p, [cluster, logging({ logDestinationType: "cloudwatch", logExports: ["connectionlog", "userlog", "useractivitylog"] })]));
            assertClean(await runStackPolicy(p, [cluster, logging({ bucketName: "gov-redshift-logs", s3KeyPrefix: "dw/" })]));
            assertClean(
                await runStackPolicy(p, [
                    { ...cluster, props: {} },
                    logging({ clusterIdentifier: unknown(), logDestinationType: "s3", bucketName: "b" }, { propertyDependencies: { clusterIdentifier: [urnOf(REDSHIFT_CLUSTER, "dw")] } }),
                ]),
            );
            assertClean(await runStackPolicy(p, [{ ...cluster, props: { logging: { enable: true, bucketName: "b" } } }]));
        });
        it("is cannot-verify when the tie or the exports are unknown", async () => {
            for (const stack of [[cluster, logging({ clusterIdentifier: unknown(), bucketName: "b" })], [cluster, logging({ logDestinationType: "cloudwatch", logExports: unknown() })]]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1);
            }
        });
        it("reports a destination type or log export AWS does not define as malformed, never as logging", async () => {
            const diags = await runStackPolicy(p, [cluster, logging({ logDestinationType: "cloudwatch", logExports: ["connectionlog", "userlog", "audit"] })]);
            assert.equal(
                messages(mandatory(diags))[0],
                `Cannot evaluate Redshift logging "dw-logging": logExports[2] is "audit", expected one of "connectionlog", "useractivitylog", "userlog"${SUFFIX}`,
            );
            assert.equal(mandatory(diags).length, 2);
        });
        itHonoursWaivers(p, { stack: [cluster], name: "dw" });
    });

    describe("sqs-queue-dead-letter-queue (stack, advisory)", () => {
        const p = sqsQueueDeadLetterQueue;
        const STRICT = { enforcementLevel: "mandatory" };
        const queue = (name: string, props: Record<string, unknown> = {}, extra: Partial<TestResource> = {}): TestResource => ({ type: SQS_QUEUE, name, props: { name, ...props }, ...extra });
        const redrive = (target: unknown, count: unknown = 5) => JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: count });
        const NONE = (name: string) => `SQS queue "${name}" has no dead-letter queue; set redrivePolicy with deadLetterTargetArn and maxReceiveCount, or add an aws.sqs.RedrivePolicy for it.`;
        it("is advisory by default: a queue without a redrive policy never blocks", async () => {
            const diags = await runStackPolicy(p, [queue("jobs")]);
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [NONE("jobs")]);
        });
        it("reports a queue without a dead-letter queue (at the configured level)", async () => {
            assertViolations(await runStackPolicy(p, [queue("jobs"), queue("other")], STRICT), [NONE("jobs"), NONE("other")]);
            assertViolations(await runStackPolicy(p, [queue("jobs", { redrivePolicy: "" })], STRICT), [NONE("jobs")]);
        });
        it("passes a redrive policy (inline or aws.sqs.RedrivePolicy) and exempts the dead-letter queue", async () => {
            const dlqArn = "arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs-dlq";
            assertClean(await runStackPolicy(p, [queue("jobs", { redrivePolicy: redrive(dlqArn) }), queue("jobs-dlq")], STRICT));
            assertClean(await runStackPolicy(p, [queue("jobs", { redrivePolicy: redrive(dlqArn, "10") }), queue("jobs-dlq")], STRICT));
            // At preview: the ARN is unknown, the dependency names the dead-letter queue.
            assertClean(await runStackPolicy(p, [queue("jobs", { redrivePolicy: unknown() }, { propertyDependencies: { redrivePolicy: [urnOf(SQS_QUEUE, "jobs-dlq")] } }), queue("jobs-dlq")], STRICT));
            assertClean(
                await runStackPolicy(
                    p,
                    [
                        queue("jobs", { url: "https://sqs/jobs" }),
                        queue("jobs-dlq", { url: "https://sqs/jobs-dlq" }),
                        { type: SQS_REDRIVE_POLICY, name: "r", props: { queueUrl: "https://sqs/jobs", redrivePolicy: redrive(dlqArn) } },
                    ],
                    STRICT,
                ),
            );
            assertClean(await runStackPolicy(p, [queue("dlq", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }) })], STRICT));
            assertClean(await runStackPolicy(p, [queue("dlq", { url: "u" }), { type: SQS_REDRIVE_ALLOW_POLICY, name: "a", props: { queueUrl: "u", redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: ["arn:x"] }) } }], STRICT));
            // denyAll: no queue may use it as a dead-letter queue, so it needs its own.
            assertViolations(await runStackPolicy(p, [queue("q", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) })], STRICT), [NONE("q")]);
        });
        it("is cannot-verify when a redrive policy's tie, or a redrive-allow policy, is unknown", async () => {
            for (const stack of [
                [queue("jobs"), { type: SQS_REDRIVE_POLICY, name: "r", props: { queueUrl: unknown(), redrivePolicy: redrive("arn:x") } }],
                [queue("jobs", { redriveAllowPolicy: unknown() })],
            ]) {
                const diags = await runStackPolicy(p, stack, STRICT);
                assertNoMandatory(diags);
                assert.deepEqual(messages(advisory(diags)), ['Cannot verify the dead-letter queue of SQS queue "jobs" during preview: the value is unknown until the update. The policy runs again before the resource is created.']);
            }
        });
        it("reports a malformed redrive policy at the policy's level (advisory by default), never as a dead-letter queue", async () => {
            const bad = [queue("jobs", { redrivePolicy: "{not json" })];
            const message = `Cannot evaluate SQS queue "jobs": redrivePolicy is "{not json", expected a JSON object (as text)${SUFFIX}`;
            assert.deepEqual(messages(advisory(await runStackPolicy(p, bad))), [message]);
            assertViolations(await runStackPolicy(p, bad, STRICT), [message]);
            assertViolations(await runStackPolicy(p, [queue("jobs", { redrivePolicy: redrive("arn:x", 0) })], STRICT), [
                `Cannot evaluate SQS queue "jobs": redrivePolicy.maxReceiveCount is the number 0, expected a whole number from 1 to 1000${SUFFIX}`,
            ]);
        });
    });
});
