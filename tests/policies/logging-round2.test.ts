import * as assert from "node:assert/strict";

import { cloudtrailCloudwatchLogs, cloudtrailCmkEncrypted, cloudtrailS3DataEvents } from "../../policies/rules/baseline";
import { secretsmanagerSecretRotation, wafv2WebAclLogging } from "../../policies/rules/logging";
import { advisory, assertClean, assertNoMandatory, assertViolations, CANNOT_EVALUATE_SUFFIX as SUFFIX, itHonoursWaivers, runResourcePolicy, runStackPolicy, TestResource, unknown, urnOf } from "./helpers";
import {
    CLOUDTRAIL_TRAIL,
    LB_LOAD_BALANCER,
    SECRETSMANAGER_SECRET,
    WAFV2_WEB_ACL,
    WAFV2_WEB_ACL_ASSOCIATION,
    WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
} from "../../policies/lib";
import { SECRETSMANAGER_SECRET_ROTATION } from "../../policies/rules/logging/resource-types";

const KEY_ARN = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const GROUP_ARN = "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*";
const ROLE_ARN = "arn:aws-us-gov:iam::111122223333:role/trail-to-logs";
const s3Selector = (...values: unknown[]) => ({ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values }] });
const advancedS3 = (...extra: unknown[]) => ({
    name: "s3",
    fieldSelectors: [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        ...extra,
    ],
});

const ACL_ARN = "arn:aws-us-gov:wafv2:us-gov-west-1:111122223333:regional/webacl/edge/abc";
const LB_ARN = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/app/edge/123";

const acl = (name = "edge", arn: unknown = ACL_ARN): TestResource => ({ type: WAFV2_WEB_ACL, name, props: { name, scope: "REGIONAL", arn } });
const lb = (name = "alb", arn: unknown = LB_ARN): TestResource => ({ type: LB_LOAD_BALANCER, name, props: { arn, internal: false } });
const association = (resourceArn: unknown = LB_ARN, webAclArn: unknown = ACL_ARN, deps: Record<string, string[]> = {}): TestResource => ({
    type: WAFV2_WEB_ACL_ASSOCIATION,
    name: "assoc",
    props: { resourceArn, webAclArn },
    propertyDependencies: deps,
});
const wafLogging = (resourceArn: unknown = ACL_ARN, deps: Record<string, string[]> = {}, destinations: unknown = ["arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-edge"]): TestResource => ({
    type: WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
    name: "waf-logging",
    props: { resourceArn, logDestinationConfigs: destinations },
    propertyDependencies: deps,
});
const NO_LOGGING =
    'WAFv2 web ACL "edge" is attached to a load balancer but has no logging configuration; add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to its ARN and a log destination.';

describe("logging round 2 (issue 17 items 8, 9, 12)", () => {
    describe("wafv2-web-acl-logging (stack)", () => {
        const p = wafv2WebAclLogging;
        it("blocks a web ACL attached to a load balancer without a logging configuration", async () => {
            assertViolations(await runStackPolicy(p, [acl(), lb(), association()]), [NO_LOGGING]);
            // A logging configuration for another ACL, or one without a destination, does not count.
            assertViolations(await runStackPolicy(p, [acl(), acl("other", "arn:other"), lb(), association(), wafLogging("arn:other")]), [NO_LOGGING]);
            assertViolations(await runStackPolicy(p, [acl(), lb(), association(), wafLogging(ACL_ARN, {}, [])]), [NO_LOGGING]);
        });
        it("blocks a destination list of the wrong type", async () => {
            const diags = await runStackPolicy(p, [acl(), lb(), association(), wafLogging(ACL_ARN, {}, "arn:x")]);
            assert.ok(
                diags.some(
                    (d) =>
                        d.message ===
                        'Cannot evaluate WAFv2 logging configuration "waf-logging": logDestinationConfigs is "arn:x", expected an array; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                ),
                JSON.stringify(diags),
            );
        });
        it("passes a logged ACL, tied by value or by property dependency (the estate's shape at preview)", async () => {
            assertClean(await runStackPolicy(p, [acl(), lb(), association(), wafLogging()]));
            const aclUrn = urnOf(WAFV2_WEB_ACL, "edge");
            assertClean(
                await runStackPolicy(p, [
                    acl("edge", unknown()),
                    lb("alb", unknown()),
                    association(unknown(), unknown(), { resourceArn: [urnOf(LB_LOAD_BALANCER, "alb")], webAclArn: [aclUrn] }),
                    wafLogging(unknown(), { resourceArn: [aclUrn] }),
                ]),
            );
        });
        it("leaves ACLs not attached to a load balancer alone", async () => {
            assertClean(await runStackPolicy(p, [acl()]));
            const stage = "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1/stages/prod";
            assertClean(await runStackPolicy(p, [acl(), association(stage)]));
        });
        it("is advisory when a tie is unresolved at preview", async () => {
            for (const stack of [
                [acl(), association(unknown())],
                [acl(), lb(), association(), wafLogging(unknown())],
                [lb(), association(LB_ARN, unknown())],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.ok(advisory(diags).length > 0, JSON.stringify(stack));
            }
        });
        itHonoursWaivers(p, { stack: [acl(), lb(), association()], name: "edge" });
    });

    describe("cloudtrail-cloudwatch-logs", () => {
        const p = cloudtrailCloudwatchLogs;
        it("blocks a trail without a log group, or with a log group but no role", async () => {
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: {} }), [
                'CloudTrail trail "audit" does not deliver to CloudWatch Logs; set cloudWatchLogsGroupArn (the log group ARN ending in ":*") and cloudWatchLogsRoleArn.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { cloudWatchLogsGroupArn: GROUP_ARN } }), [
                'CloudTrail trail "audit" sets cloudWatchLogsGroupArn without cloudWatchLogsRoleArn, so CloudTrail cannot write to the log group; set cloudWatchLogsRoleArn to its delivery role.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { cloudWatchLogsGroupArn: 5, cloudWatchLogsRoleArn: ROLE_ARN } }), [
                `Cannot evaluate CloudTrail trail "audit": cloudWatchLogsGroupArn is the number 5, expected a string${SUFFIX}`,
            ]);
        });
        it("passes a trail delivering to CloudWatch Logs, known or computed", async () => {
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { cloudWatchLogsGroupArn: GROUP_ARN, cloudWatchLogsRoleArn: ROLE_ARN } }));
        });
        it("counts a computed (unknown at preview) ARN as set, never mandatory", async () => {
            const diags = await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { cloudWatchLogsGroupArn: unknown(), cloudWatchLogsRoleArn: unknown() } });
            assertNoMandatory(diags);
        });
        itHonoursWaivers(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: {} });
    });

    describe("cloudtrail-cmk-encrypted", () => {
        const p = cloudtrailCmkEncrypted;
        it("blocks a trail without kmsKeyId or with an AWS-managed alias", async () => {
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: {} }), [
                'CloudTrail trail "audit" has no kmsKeyId, so its log files are encrypted only with SSE-S3; set kmsKeyId to a customer-managed KMS key.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { kmsKeyId: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/s3" } }), [
                'CloudTrail trail "audit" uses the AWS-managed key "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/s3"; set kmsKeyId to a customer-managed KMS key.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { kmsKeyId: { id: "k" } } }), [
                `Cannot evaluate CloudTrail trail "audit": kmsKeyId is an object {"id":"k"}, expected a string${SUFFIX}`,
            ]);
        });
        it("passes a customer-managed key or alias", async () => {
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { kmsKeyId: KEY_ARN } }));
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { kmsKeyId: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/govstack-audit" } }));
        });
        it("counts a computed key (unknown at preview) as a customer-managed key, never mandatory", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { kmsKeyId: unknown() } }));
        });
        itHonoursWaivers(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: {} });
    });

    describe("cloudtrail-s3-data-events", () => {
        const p = cloudtrailS3DataEvents;
        const NONE = 'CloudTrail trail "audit" records no S3 data events; add an event selector with a dataResources entry of type AWS::S3::Object naming the data buckets.';
        it("blocks a trail recording no S3 data events", async () => {
            for (const props of [
                {},
                { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] },
                { eventSelectors: [{ readWriteType: "All", dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws-us-gov:lambda"] }] }] },
                { advancedEventSelectors: [{ name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }] },
                { advancedEventSelectors: [{ name: "ddb", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::DynamoDB::Table"] }] }] },
            ]) {
                assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props }), [NONE]);
            }
        });
        it("blocks a data bucket pattern no selector covers", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: CLOUDTRAIL_TRAIL,
                    name: "audit",
                    props: { eventSelectors: [s3Selector("arn:aws-us-gov:s3:::govstack-prod-backups-1/")] },
                    config: { dataBucketPatterns: ["*-backups-*", "*-uploads-*"] },
                }),
                ['CloudTrail trail "audit" records no S3 data events for data buckets matching "*-uploads-*"; add their ARNs (arn:<partition>:s3:::<bucket>/) to an AWS::S3::Object data-event selector.'],
            );
        });
        it("blocks a trail recording only object reads or only object writes, and passes the two halves in two selectors", async () => {
            const s3 = { type: "AWS::S3::Object", values: ["arn:aws-us-gov:s3"] };
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { eventSelectors: [{ readWriteType: "WriteOnly", dataResources: [s3] }] } }), [
                'CloudTrail trail "audit" records no S3 data-event reads; set readWriteType "All" on the S3 data-event selector (advanced selectors: drop the readOnly condition).',
            ]);
            const readsOnly = { name: "reads", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "readOnly", equals: ["true"] }] };
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { advancedEventSelectors: [readsOnly] } }), [
                'CloudTrail trail "audit" records no S3 data-event writes; set readWriteType "All" on the S3 data-event selector (advanced selectors: drop the readOnly condition).',
            ]);
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { eventSelectors: [{ readWriteType: "ReadOnly", dataResources: [s3] }, { readWriteType: "WriteOnly", dataResources: [s3] }] } }));
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { eventSelectors: [{ readWriteType: "Both", dataResources: [s3] }] } }), [
                `Cannot evaluate CloudTrail trail "audit": eventSelectors[0].readWriteType is "Both", expected one of "ReadOnly", "WriteOnly", "All"${SUFFIX}`,
            ]);
        });
        it("blocks selectors of the wrong type", async () => {
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: { eventSelectors: { dataResources: [] } } }), [
                `Cannot evaluate CloudTrail trail "audit": eventSelectors is an object {"dataResources":[]}, expected an array${SUFFIX}`,
            ]);
        });
        it("passes classic or advanced S3 data-event selectors (the estate's shape), and covered patterns", async () => {
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { eventSelectors: [s3Selector("arn:aws-us-gov:s3:::govstack-prod-backups-1/")] } }));
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { advancedEventSelectors: [advancedS3()] } }));
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { eventSelectors: [s3Selector("arn:aws-us-gov:s3")] }, config: { dataBucketPatterns: ["*"] } }));
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { advancedEventSelectors: [advancedS3()] }, config: { dataBucketPatterns: ["*-uploads-*"] } }));
            assertClean(
                await runResourcePolicy(p, {
                    type: CLOUDTRAIL_TRAIL,
                    props: { advancedEventSelectors: [advancedS3({ field: "resources.ARN", startsWith: ["arn:aws-us-gov:s3:::govstack-uploads-1/"] })] },
                    config: { dataBucketPatterns: ["*-uploads-*"] },
                }),
            );
        });
        it("is advisory when the selectors are unknown at preview", async () => {
            for (const props of [{ eventSelectors: unknown() }, { eventSelectors: [{ dataResources: unknown() }] }]) {
                const diags = await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props });
                assertNoMandatory(diags);
                assert.ok(advisory(diags).length > 0, JSON.stringify(props));
            }
            assertNoMandatory(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, props: { eventSelectors: [s3Selector(unknown())] }, config: { dataBucketPatterns: ["*-uploads-*"] } }));
        });
        itHonoursWaivers(p, { type: CLOUDTRAIL_TRAIL, name: "audit", props: {} });
    });
});


const SECRET_ARN = "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:redis-default-AbCdEf";
const secretRes = (name = "redis-default", props: Record<string, unknown> = {}): TestResource => ({ type: SECRETSMANAGER_SECRET, name, props: { name, arn: SECRET_ARN, ...props } });
const rotation = (secretId: unknown = SECRET_ARN, rotationRules: unknown = { automaticallyAfterDays: 30 }, deps: Record<string, string[]> = {}, extra: Record<string, unknown> = {}): TestResource => ({
    type: SECRETSMANAGER_SECRET_ROTATION,
    name: "rotation",
    props: { secretId, rotationLambdaArn: "arn:aws-us-gov:lambda:us-gov-west-1:111122223333:function:rotate", rotationRules, ...extra },
    propertyDependencies: deps,
});

describe("logging round 2: secrets (issue 17 item 12)", () => {
    describe("secretsmanager-secret-rotation (stack, prod)", () => {
        const p = secretsmanagerSecretRotation;
        const NO_ROTATION =
            'Secrets Manager secret "redis-default" does not rotate; add an aws.secretsmanager.SecretRotation with secretId set to it and rotationRules (automaticallyAfterDays or scheduleExpression).';
        const SWITCHED_OFF =
            'Secrets Manager secret rotation "rotation" switches automatic rotation off (rotationEnabled: false); remove it, or set rotationRules to rotate the secret.';
        const malformed = (path: string, got: string, expected: string) =>
            `Cannot evaluate Secrets Manager secret rotation "rotation": ${path} is ${got}, expected ${expected}; set a valid value (the policy cannot judge this one, so it blocks the resource).`;
        it("blocks a secret without a scheduled rotation", async () => {
            assertViolations(await runStackPolicy(p, [secretRes()]), [NO_ROTATION]);
            // A rotation of another secret (by ARN, or by a name of no secret here) is not this one's.
            assertViolations(await runStackPolicy(p, [secretRes(), secretRes("other", { arn: "arn:other" }), rotation("arn:other")]), [NO_ROTATION]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation("elsewhere/secret")]), [NO_ROTATION]);
            // No schedule: empty rules, an empty expression.
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, {})]), [NO_ROTATION]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, { scheduleExpression: "" })]), [NO_ROTATION]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, null)]), [NO_ROTATION]);
            // A dependency on something that is not this secret does not tie it.
            assertViolations(
                await runStackPolicy(p, [secretRes(), secretRes("other", { arn: unknown() }), rotation(unknown(), { automaticallyAfterDays: 30 }, { secretId: [urnOf(SECRETSMANAGER_SECRET, "other")] })]),
                [NO_ROTATION],
            );
        });
        it("blocks a rotation that switches rotation off, and the secret it leaves unrotated", async () => {
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, undefined, {}, { rotationEnabled: false })]), [SWITCHED_OFF, NO_ROTATION]);
            // An RDS-managed master secret is not declared as a secret: switching its rotation off is still blocked.
            const rdsSecret = "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:rds!db-0123-AbCdEf";
            assertViolations(await runStackPolicy(p, [rotation(rdsSecret, undefined, {}, { rotationEnabled: false })]), [SWITCHED_OFF]);
        });
        it("blocks a schedule AWS does not accept, never reading it as scheduled", async () => {
            const days = "an integer number of days from 1 to 1000";
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, { automaticallyAfterDays: "30" })]), [
                malformed("rotationRules.automaticallyAfterDays", '"30"', days),
                NO_ROTATION,
            ]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, { automaticallyAfterDays: 0 })]), [
                malformed("rotationRules.automaticallyAfterDays", "the number 0", days),
                NO_ROTATION,
            ]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, { scheduleExpression: "every month" })]), [
                malformed("rotationRules.scheduleExpression", '"every month"', 'a "rate(…)" or "cron(…)" expression'),
                NO_ROTATION,
            ]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, "30 days")]), [malformed("rotationRules", '"30 days"', "an object"), NO_ROTATION]);
            assertViolations(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, undefined, {}, { rotationEnabled: "no" })]), [
                malformed("rotationEnabled", '"no"', "a boolean"),
                NO_ROTATION,
            ]);
        });
        it("passes a rotated secret, tied by ARN, name, the name in a secret ARN or property dependency", async () => {
            assertClean(await runStackPolicy(p, [secretRes(), rotation()]));
            assertClean(await runStackPolicy(p, [secretRes(), rotation("redis-default", { scheduleExpression: "rate(30 days)" })]));
            assertClean(await runStackPolicy(p, [secretRes(), rotation("redis-default", { scheduleExpression: "cron(0 8 1 * ? *)", duration: "3h" })]));
            // A new secret's ARN is unknown at preview; an ARN written out still names it.
            assertClean(await runStackPolicy(p, [secretRes("redis-default", { arn: unknown() }), rotation(SECRET_ARN)]));
            assertClean(
                await runStackPolicy(p, [secretRes("redis-default", { arn: unknown() }), rotation(unknown(), { automaticallyAfterDays: 30 }, { secretId: [urnOf(SECRETSMANAGER_SECRET, "redis-default")] })]),
            );
            // Rotation enabled explicitly; an RDS-managed secret rotated on a schedule of one's own.
            assertClean(await runStackPolicy(p, [secretRes(), rotation(SECRET_ARN, { automaticallyAfterDays: 7 }, {}, { rotationEnabled: true })]));
            assertClean(await runStackPolicy(p, [rotation("arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:rds!db-0123-AbCdEf")]));
        });
        it("is advisory when the tie or the schedule is unknown at preview", async () => {
            for (const stack of [
                [secretRes(), rotation(unknown())],
                [secretRes(), rotation(SECRET_ARN, unknown())],
                [secretRes(), rotation(SECRET_ARN, { automaticallyAfterDays: unknown() })],
                [secretRes(), rotation(SECRET_ARN, undefined, {}, { rotationEnabled: unknown() })],
                // A name given by value could be a secret whose name is computed.
                [secretRes("redis-default", { name: unknown(), arn: unknown() }), rotation("redis-default")],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.ok(advisory(diags).length > 0, JSON.stringify(stack));
            }
        });
        itHonoursWaivers(p, { stack: [secretRes()], name: "redis-default" });
    });
});
