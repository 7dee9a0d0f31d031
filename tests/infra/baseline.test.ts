import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

import { AUDIT_ALARMS } from "../../infra/components/audit-trail";
import { CONFORMANCE_RULES } from "../../infra/components/detection/conformance-pack";
import { parseSettings } from "../../infra/config";
import { SettingsError } from "../../infra/lib/settings-error";
import { evaluateStack, Evaluation } from "../../tools/lib/evaluate";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { readStackConfig } from "../../tools/lib/stack-config";
import { beforeBothStacks, estateProgram, json, named, one, sequentially, statement } from "./harness";

const PROD_ACCOUNT = "318920475611";
const STG_ACCOUNT = "204718392650";
const T = {
    trail: "aws:cloudtrail/trail:Trail",
    key: "aws:kms/key:Key",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    detector: "aws:guardduty/detector:Detector",
    feature: "aws:guardduty/detectorFeature:DetectorFeature",
    hub: "aws:securityhub/account:Account",
    standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
    analyzer: "aws:accessanalyzer/analyzer:Analyzer",
    recorder: "aws:cfg/recorder:Recorder",
    channel: "aws:cfg/deliveryChannel:DeliveryChannel",
    recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
    retention: "aws:cfg/retentionConfiguration:RetentionConfiguration",
    conformancePack: "aws:cfg/conformancePack:ConformancePack",
    vault: "aws:backup/vault:Vault",
    lock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    provider: "pulumi:providers:aws",
    db: "aws:rds/instance:Instance",
} as const;

interface PlanRule {
    ruleName: string;
    schedule: string;
    targetVaultName: string;
    enableContinuousBackup?: boolean;
    lifecycle: { deleteAfter: number };
    copyActions?: Array<{ destinationVaultArn: string; lifecycle: { deleteAfter: number } }>;
}

/** The resources of a stack declared through the explicit DR provider (its URN names the provider). */
function viaProvider(ev: Evaluation, providerName: string): DeclaredResource[] {
    return ev.mocks.resources.filter((r) => r.provider?.includes(`pulumi:providers:aws::${providerName}::`));
}

function rejects(stack: string, change: (baseline: Record<string, unknown>, raw: Record<string, unknown>) => void): string {
    const raw = structuredClone(readStackConfig(stack).values);
    change(raw["govstack:baseline"] as Record<string, unknown>, raw);
    try {
        parseSettings(stack, raw);
    } catch (e) {
        assert.ok(e instanceof SettingsError, String(e));
        return e.message;
    }
    return assert.fail("expected the settings to be rejected");
}

describe("security baseline, backups and DR (issue 7)", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));

    describe("audit trail", () => {
        const trailArn = `arn:aws-us-gov:cloudtrail:us-gov-west-1:${PROD_ACCOUNT}:trail/govstack-prod-trail`;

        it("is a multi-region trail with log file validation, global events, KMS and both destinations", () => {
            const trail = one(prod, T.trail).inputs;
            assert.strictEqual(trail.name, "govstack-prod-trail");
            assert.strictEqual(trail.isMultiRegionTrail, true);
            assert.strictEqual(trail.enableLogFileValidation, true);
            assert.strictEqual(trail.includeGlobalServiceEvents, true);
            assert.strictEqual(trail.enableLogging, true);
            assert.ok("kmsKeyId" in trail && trail.kmsKeyId !== undefined, "encrypted with the audit key (an output)");
            assert.strictEqual(trail.s3BucketName, `govstack-prod-audit-${PROD_ACCOUNT}-us-gov-west-1`);
            assert.strictEqual(trail.s3KeyPrefix, "cloudtrail");
            assert.strictEqual(
                trail.cloudWatchLogsGroupArn,
                `arn:aws-us-gov:logs:us-gov-west-1:${PROD_ACCOUNT}:log-group:/govstack/govstack-prod/cloudtrail:*`,
            );
            assert.strictEqual(trail.cloudWatchLogsRoleArn, `arn:aws-us-gov:iam::${PROD_ACCOUNT}:role/govstack-prod-cloudtrail-logs`);
        });

        it("records every management event and the S3 data events of the backups bucket (cloudtrail-s3-data-events)", () => {
            assert.deepStrictEqual(one(prod, T.trail).inputs.eventSelectors, [
                {
                    readWriteType: "All",
                    includeManagementEvents: true,
                    dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws-us-gov:s3:::govstack-prod-backups-${PROD_ACCOUNT}-us-gov-west-1/`] }],
                },
            ]);
        });

        it("has its own rotating key that lets CloudTrail encrypt only for this trail (SourceArn)", () => {
            const key = named(prod, T.key, "govstack-prod-audit-key").inputs;
            assert.strictEqual(key.enableKeyRotation, true);
            const encrypt = statement(key.policy, "CloudTrailEncryptsLogFiles");
            assert.deepStrictEqual(encrypt.Principal, { Service: "cloudtrail.amazonaws.com" });
            assert.strictEqual(encrypt.Action, "kms:GenerateDataKey*");
            assert.deepStrictEqual(encrypt.Condition?.StringEquals, { "aws:SourceArn": trailArn });
            assert.deepStrictEqual(encrypt.Condition?.StringLike, {
                "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws-us-gov:cloudtrail:*:${PROD_ACCOUNT}:trail/*`,
            });
            assert.deepStrictEqual(statement(key.policy, "AccountUsesKeyThroughS3").Condition?.StringEquals, {
                "kms:CallerAccount": PROD_ACCOUNT,
                "kms:ViaService": "s3.us-gov-west-1.amazonaws.com",
            });
        });

        it("delivers to a locked-down bucket: all public access blocked, versioned, SSE-KMS, TLS only, no deletes", () => {
            const name = `govstack-prod-audit-${PROD_ACCOUNT}-us-gov-west-1`;
            const resource = "govstack-prod-audit-bucket";
            assert.strictEqual(named(prod, T.bucket, resource).inputs.bucket, name);
            const pab = named(prod, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", resource).inputs;
            assert.deepStrictEqual(
                [pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
                [true, true, true, true],
            );
            assert.deepStrictEqual(named(prod, "aws:s3/bucketVersioning:BucketVersioning", resource).inputs.versioningConfiguration, {
                status: "Enabled",
            });
            const sse = named(prod, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", resource)
                .inputs.rules as Array<{ applyServerSideEncryptionByDefault: Record<string, unknown> }>;
            assert.strictEqual(sse[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            const policy = named(prod, T.bucketPolicy, resource).inputs.policy;
            assert.strictEqual(statement(policy, "DenyInsecureTransport").Effect, "Deny");
            const write = statement(policy, "CloudTrailWrite");
            assert.strictEqual(write.Resource, `arn:aws-us-gov:s3:::${name}/cloudtrail/AWSLogs/${PROD_ACCOUNT}/*`);
            assert.strictEqual(write.Condition?.StringEquals["aws:SourceArn"], trailArn);
            assert.strictEqual(statement(policy, "CloudTrailAclCheck").Condition?.StringEquals["aws:SourceArn"], trailArn);
            const noDelete = statement(policy, "DenyAuditObjectDeletion");
            assert.deepStrictEqual([noDelete.Effect, noDelete.Action], ["Deny", ["s3:DeleteObject", "s3:DeleteObjectVersion"]]);
        });

        it("also delivers to a KMS-encrypted log group through a least-privilege role with the boundary", () => {
            const group = named(prod, T.logGroup, "govstack-prod-audit-logs").inputs;
            assert.strictEqual(group.name, "/govstack/govstack-prod/cloudtrail");
            assert.strictEqual(group.retentionInDays, 400);
            assert.ok(group.kmsKeyId !== undefined);
            const role = named(prod, T.role, "govstack-prod-audit-logs").inputs;
            assert.deepStrictEqual(statement(role.assumeRolePolicy, "TrustService").Principal, { Service: "cloudtrail.amazonaws.com" });
            const deliver = statement(named(prod, T.rolePolicy, "govstack-prod-audit-logs").inputs.policy, "DeliverTrailEvents");
            assert.deepStrictEqual(deliver.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
            assert.strictEqual(
                deliver.Resource,
                `arn:aws-us-gov:logs:us-gov-west-1:${PROD_ACCOUNT}:log-group:/govstack/govstack-prod/cloudtrail:log-stream:*`,
            );
        });

        it("alarms on root use, IAM policy changes and security group changes to the alerts topic", () => {
            const filters = prod.mocks.ofType(T.metricFilter);
            assert.deepStrictEqual(filters.map((f) => f.inputs.logGroupName), AUDIT_ALARMS.map(() => "/govstack/govstack-prod/cloudtrail"));
            assert.match(String(named(prod, T.metricFilter, "govstack-prod-audit-root-account-use").inputs.pattern), /userIdentity\.type = "Root"/);
            assert.match(String(named(prod, T.metricFilter, "govstack-prod-audit-iam-policy-changes").inputs.pattern), /PutRolePolicy/);
            assert.match(String(named(prod, T.metricFilter, "govstack-prod-audit-security-group-changes").inputs.pattern), /AuthorizeSecurityGroupIngress/);
            for (const id of ["root-account-use", "iam-policy-changes", "security-group-changes"]) {
                const alarm = named(prod, T.alarm, `govstack-prod-audit-${id}`).inputs;
                assert.deepStrictEqual(alarm.alarmActions, [`arn:aws-us-gov:sns:us-gov-west-1:${PROD_ACCOUNT}:govstack-prod-alerts`]);
                assert.strictEqual(alarm.namespace, "govstack/govstack-prod/audit");
                assert.deepStrictEqual([alarm.statistic, alarm.threshold, alarm.comparisonOperator], ["Sum", 1, "GreaterThanOrEqualToThreshold"]);
            }
            // The topic policy lets only alarms named <prefix>-* publish: the audit alarms qualify.
            const publish = statement(one(prod, "aws:sns/topicPolicy:TopicPolicy").inputs.policy, "CloudWatchAlarmsPublish");
            assert.strictEqual(publish.Condition?.ArnLike["aws:SourceArn"], `arn:aws-us-gov:cloudwatch:us-gov-west-1:${PROD_ACCOUNT}:alarm:govstack-prod-*`);
        });

        it("staging has its own trail too (its settings switch it on)", () => {
            assert.strictEqual(one(staging, T.trail).inputs.s3BucketName, `govstack-stg-audit-${STG_ACCOUNT}-us-gov-west-1`);
            assert.strictEqual(one(staging, T.trail).inputs.enableLogFileValidation, true);
        });
    });

    describe("detection", () => {
        it("prod: a GuardDuty detector with S3 data events, EKS audit logs and EBS malware protection, no Runtime Monitoring unless switched on", () => {
            assert.strictEqual(one(prod, T.detector).inputs.enable, true);
            const features = prod.mocks.ofType(T.feature).map((f) => [f.inputs.name, f.inputs.status]);
            assert.deepStrictEqual(features, [
                ["S3_DATA_EVENTS", "ENABLED"],
                ["EKS_AUDIT_LOGS", "ENABLED"],
                ["EBS_MALWARE_PROTECTION", "ENABLED"],
            ]);
        });

        it("prod: Security Hub with only the NIST SP 800-53 rev5 standard (ARN from partition and region)", () => {
            assert.strictEqual(one(prod, T.hub).inputs.enableDefaultStandards, false);
            assert.strictEqual(one(prod, T.standard).inputs.standardsArn, "arn:aws-us-gov:securityhub:us-gov-west-1::standards/nist-800-53/v/5.0.0");
        });

        it("prod: an account IAM Access Analyzer", () => {
            assert.deepStrictEqual(
                [one(prod, T.analyzer).inputs.analyzerName, one(prod, T.analyzer).inputs.type],
                ["govstack-prod-access-analyzer", "ACCOUNT"],
            );
        });

        it("prod: AWS Config records everything to the audit bucket with the audit key, then runs the conformance pack", () => {
            const recorder = one(prod, T.recorder).inputs;
            assert.deepStrictEqual(recorder.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
            assert.strictEqual(recorder.roleArn, `arn:aws-us-gov:iam::${PROD_ACCOUNT}:role/govstack-prod-config`);
            const channel = one(prod, T.channel).inputs;
            assert.strictEqual(channel.s3BucketName, `govstack-prod-audit-${PROD_ACCOUNT}-us-gov-west-1`);
            assert.strictEqual(channel.s3KeyPrefix, "config");
            assert.ok(channel.s3KmsKeyArn !== undefined);
            assert.deepStrictEqual([one(prod, T.recorderStatus).inputs.name, one(prod, T.recorderStatus).inputs.isEnabled], [recorder.name, true]);
            assert.strictEqual(one(prod, T.retention).inputs.retentionPeriodInDays, 2557, "7 years of configuration history (AU-11)");
            const template = parse(String(one(prod, T.conformancePack).inputs.templateBody)) as {
                Resources: Record<string, { Type: string; Properties: { Source: { Owner: string; SourceIdentifier: string } } }>;
            };
            const identifiers = Object.values(template.Resources).map((r) => r.Properties.Source.SourceIdentifier);
            assert.deepStrictEqual(identifiers, CONFORMANCE_RULES.map((r) => r.identifier));
            assert.ok(identifiers.includes("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED") && identifiers.includes("RDS_IN_BACKUP_PLAN"));
            assert.ok(Buffer.byteLength(String(one(prod, T.conformancePack).inputs.templateBody)) < 51_200, "templateBody limit");
        });

        it("prod: the Config role has the managed Config policy (partition-aware) and writes only its prefix with the audit key via S3", () => {
            // The AWS-managed policy; the role's own permissions are a customer-managed policy (attached by ARN, unknown at preview).
            const attached = prod.mocks.ofType(T.attachment).filter((a) => a.name.startsWith("govstack-prod-detection-config") && a.name !== "govstack-prod-detection-config");
            assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), ["arn:aws-us-gov:iam::aws:policy/service-role/AWS_ConfigRole"]);
            const policy = named(prod, T.rolePolicy, "govstack-prod-detection-config").inputs.policy;
            assert.strictEqual(
                statement(policy, "DeliverToAuditBucket").Resource,
                `arn:aws-us-gov:s3:::govstack-prod-audit-${PROD_ACCOUNT}-us-gov-west-1/config/AWSLogs/${PROD_ACCOUNT}/Config/*`,
            );
            assert.deepStrictEqual(statement(policy, "EncryptWithAuditKeyViaS3").Condition?.["ForAnyValue:StringEquals"], {
                "kms:ResourceAliases": "alias/govstack-prod-audit",
            });
        });

        it("staging: its own account's detection services (each example stack runs in its own account)", () => {
            for (const type of [T.detector, T.hub, T.standard, T.analyzer, T.recorder, T.recorderStatus, T.channel, T.retention]) {
                assert.strictEqual(staging.mocks.ofType(type).length, 1, type);
            }
            assert.strictEqual(one(staging, T.recorder).inputs.roleArn, "arn:aws-us-gov:iam::204718392650:role/govstack-stg-config");
        });
    });

    describe("backups and DR", () => {
        const drVaultArn = `arn:aws-us-gov:backup:us-gov-east-1:${PROD_ACCOUNT}:backup-vault:govstack-prod-vault-dr`;

        it("prod: a KMS-encrypted vault locked in compliance mode (grace period 3 days)", () => {
            const vault = named(prod, T.vault, "govstack-prod-backups-vault").inputs;
            assert.strictEqual(vault.name, "govstack-prod-vault");
            assert.ok(vault.kmsKeyArn !== undefined && vault.kmsKeyArn !== "");
            const lock = named(prod, T.lock, "govstack-prod-backups-vault-lock").inputs;
            assert.deepStrictEqual(
                [lock.backupVaultName, lock.changeableForDays, lock.minRetentionDays, lock.maxRetentionDays],
                ["govstack-prod-vault", 3, 7, 365],
            );
        });

        it("prod: the second-region provider targets us-gov-east-1 with FIPS endpoints, the account guard and the same default tags", () => {
            const provider = named(prod, T.provider, "govstack-prod-backups-dr").inputs;
            assert.strictEqual(provider.region, "us-gov-east-1");
            assert.ok(provider.useFipsEndpoint === true || provider.useFipsEndpoint === "true", String(provider.useFipsEndpoint));
            assert.deepStrictEqual(JSON.parse(String(provider.allowedAccountIds)), [PROD_ACCOUNT]);
            assert.deepStrictEqual(JSON.parse(String(provider.defaultTags)), readStackConfig("prod").values["aws:defaultTags"]);
        });

        it("prod: the DR vault, its own key and its compliance lock live in the second region (through that provider)", () => {
            const dr = viaProvider(prod, "govstack-prod-backups-dr").map((r) => `${r.type} ${r.name}`).sort();
            assert.deepStrictEqual(dr, [
                `${T.lock} govstack-prod-backups-dr-vault-lock`,
                `${T.vault} govstack-prod-backups-dr-vault`,
                `aws:kms/alias:Alias govstack-prod-backups-dr-key`,
                `${T.key} govstack-prod-backups-dr-key`,
            ].sort());
            const key = named(prod, T.key, "govstack-prod-backups-dr-key").inputs;
            assert.strictEqual(key.enableKeyRotation, true);
            assert.deepStrictEqual(statement(key.policy, "AccountUsesKeyThroughBackupAndRds").Condition?.StringEquals["kms:ViaService"], [
                "backup.us-gov-east-1.amazonaws.com",
                "rds.us-gov-east-1.amazonaws.com",
            ]);
            assert.strictEqual(named(prod, T.lock, "govstack-prod-backups-dr-vault-lock").inputs.changeableForDays, 3);
            // The primary vault stays on the stack's default provider (us-gov-west-1).
            assert.ok(!named(prod, T.vault, "govstack-prod-backups-vault").provider?.includes("backups-dr"));
        });

        it("prod: a plan with continuous backup (PITR) kept 30 days and an hourly snapshot, each copied to the DR vault", () => {
            const plan = one(prod, T.plan).inputs;
            const rules = plan.rules as PlanRule[];
            assert.deepStrictEqual(
                rules.map((r) => [r.ruleName, r.schedule, r.targetVaultName, r.enableContinuousBackup ?? false, r.lifecycle.deleteAfter]),
                [
                    ["daily-continuous", "cron(0 5 ? * * *)", "govstack-prod-vault", true, 30],
                    ["hourly-dr-copy", "cron(0 * ? * * *)", "govstack-prod-vault", false, 7],
                ],
            );
            assert.deepStrictEqual(rules[0].copyActions, [{ destinationVaultArn: drVaultArn, lifecycle: { deleteAfter: 30 } }]);
            assert.deepStrictEqual(rules[1].copyActions, [{ destinationVaultArn: drVaultArn, lifecycle: { deleteAfter: 7 } }]);
        });

        it("prod: the selection picks resources by the Backup=daily tag, and the database and the backups bucket carry it", () => {
            const selection = one(prod, T.selection).inputs;
            assert.deepStrictEqual(selection.selectionTags, [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }]);
            assert.strictEqual(selection.iamRoleArn, `arn:aws-us-gov:iam::${PROD_ACCOUNT}:role/govstack-prod-backup`);
            assert.strictEqual((one(prod, T.db).inputs.tags as Record<string, string>).Backup, "daily");
            const backupTags = (name: string) => (named(prod, T.bucket, name).inputs.tags as Record<string, string>).Backup;
            // The backups bucket is data (S3 backup and a DR copy); the log buckets are records, not in the plan.
            assert.strictEqual(backupTags("storage-backups"), "daily");
            assert.strictEqual(backupTags("storage-access-logs"), undefined);
        });

        it("prod: the backup role has AWS's backup and restore policies, S3's included (partition-aware), and the boundary", () => {
            const attached = prod.mocks.ofType(T.attachment).filter((a) => a.name.startsWith("govstack-prod-backups-role"));
            assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), [
                "arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
                "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
            ]);
            const role = named(prod, T.role, "govstack-prod-backups-role").inputs;
            assert.deepStrictEqual(statement(role.assumeRolePolicy, "TrustService").Principal, { Service: "backup.amazonaws.com" });
            assert.strictEqual(role.permissionsBoundary, `arn:aws-us-gov:iam::${PROD_ACCOUNT}:policy/govstack-delivery/govstack-prod-boundary`);
        });

        it("staging: a governance-locked vault, continuous backup for 7 days, no second region", () => {
            const lock = one(staging, T.lock).inputs;
            assert.strictEqual(lock.changeableForDays, undefined, "governance mode: no grace period");
            const rules = one(staging, T.plan).inputs.rules as PlanRule[];
            assert.deepStrictEqual(rules.map((r) => [r.ruleName, r.enableContinuousBackup, r.lifecycle.deleteAfter, r.copyActions]), [
                ["daily-continuous", true, 7, []],
            ]);
            assert.deepStrictEqual(staging.mocks.ofType(T.provider), []);
            assert.strictEqual(staging.mocks.ofType(T.vault).length, 1);
        });
    });

    describe("the optional switches (prod settings with each changed, one extra evaluation)", () => {
        const DR_KEY = `arn:aws-us-gov:kms:us-gov-west-1:${PROD_ACCOUNT}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
        let switched: Evaluation;
        before(async () => {
            const config = readStackConfig("prod");
            config.values["govstack:baseline"] = {
                ...(config.values["govstack:baseline"] as object),
                guardDutyRuntimeMonitoring: true,
                conformancePack: false,
            };
            config.values["govstack:database"] = { ...(config.values["govstack:database"] as object), kmsKeyArn: DR_KEY };
            switched = await sequentially(() => evaluateStack("prod", estateProgram, new PreviewMocks(), config));
        });

        it("guardDutyRuntimeMonitoring adds Runtime Monitoring with the managed Fargate agent only", () => {
            const runtime = named(switched, T.feature, "govstack-prod-detection-guardduty-runtime-monitoring").inputs;
            assert.strictEqual(runtime.status, "ENABLED");
            assert.deepStrictEqual(runtime.additionalConfigurations, [
                { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
                { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
                { name: "EC2_AGENT_MANAGEMENT", status: "DISABLED" },
            ]);
        });

        it("conformancePack: false leaves AWS Config recording without the pack", () => {
            assert.deepStrictEqual(switched.mocks.ofType(T.conformancePack), []);
            assert.strictEqual(one(switched, T.recorderStatus).inputs.isEnabled, true);
        });

        it("database.kmsKeyArn becomes the instance's storage key (DR cut-over)", () => {
            assert.strictEqual(one(switched, T.db).inputs.kmsKeyId, DR_KEY);
            assert.notStrictEqual(one(prod, T.db).inputs.kmsKeyId, DR_KEY);
        });
    });

    it("no baseline input holds a commercial-partition ARN, and every policy document is known at preview", () => {
        for (const ev of [staging, prod]) {
            const baseline = ev.mocks.resources.filter((r) => /-(audit|detection|backups)/.test(r.name));
            assert.ok(baseline.length > 20);
            assert.doesNotMatch(JSON.stringify(baseline.map((r) => r.inputs)), /arn:aws:/);
            for (const r of baseline) {
                for (const field of ["policy", "assumeRolePolicy"]) {
                    if (field in r.inputs) {
                        assert.ok(!pulumi.isUnknown(r.inputs[field]) && json(r.inputs[field]), `${r.type} ${r.name}.${field}`);
                    }
                }
            }
        }
    });

    describe("settings guard rails", () => {
        it("prod must switch every part on", () => {
            const message = rejects("prod", (b) => {
                b.detection = false;
                b.crossRegionCopy = false;
            });
            assert.match(message, /Invalid setting "govstack:baseline\.detection": false must be true in prod/);
            assert.match(message, /Invalid setting "govstack:baseline\.crossRegionCopy": false must be true in prod/);
        });

        it("prod must lock the vault in compliance mode", () => {
            assert.strictEqual(
                rejects("prod", (b) => (b.vaultLock = "governance")),
                'Invalid setting "govstack:baseline.vaultLock": "governance" must be "compliance" in prod (recovery points nobody can delete early, AU-9, CP-9)',
            );
        });

        it("prod without the baseline key names each missing part", () => {
            const message = rejects("prod", (_b, raw) => delete raw["govstack:baseline"]);
            assert.match(message, /Missing setting "govstack:baseline\.auditTrail": must be true in prod/);
            assert.match(message, /Missing setting "govstack:baseline\.vaultLock": must be "compliance" in prod/);
        });

        it("the DR region must be the other GovCloud region", () => {
            assert.strictEqual(
                rejects("prod", (b) => (b.drRegion = "us-gov-west-1")),
                'Invalid setting "govstack:baseline.drRegion": "us-gov-west-1" must differ from aws:region us-gov-west-1 (a copy in the same region survives no regional outage)',
            );
            assert.match(rejects("prod", (b) => (b.drRegion = "us-east-1")), /govstack:baseline\.drRegion": "us-east-1" must be one of us-gov-west-1, us-gov-east-1/);
        });

        it("detection needs the audit trail, copies and locks need backups", () => {
            assert.match(
                rejects("staging", (b) => {
                    b.auditTrail = false;
                    b.detection = true;
                }),
                /"govstack:baseline\.detection": true requires auditTrail: true/,
            );
            assert.match(
                rejects("staging", (b) => {
                    b.backups = false;
                    b.crossRegionCopy = true;
                }),
                /"govstack:baseline\.crossRegionCopy": true requires backups: true/,
            );
        });

        it("a locked vault needs at least 7 days of database backup retention", () => {
            assert.match(
                rejects("staging", (_b, raw) => ((raw["govstack:database"] as Record<string, unknown>).backupRetentionDays = 3)),
                /"govstack:database\.backupRetentionDays": 3 must be at least 7 while govstack:baseline\.vaultLock is "governance"/,
            );
        });

        it("rejects an unknown baseline key", () => {
            assert.match(rejects("staging", (b) => (b.cloudTrail = true)), /Unknown setting "govstack:baseline\.cloudTrail"/);
        });

        it("a database key for the DR cut-over must be a key of the stack's partition, region and account", () => {
            const key = (region: string) => `arn:aws-us-gov:kms:${region}:${PROD_ACCOUNT}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
            assert.strictEqual(
                rejects("prod", (_b, raw) => ((raw["govstack:database"] as Record<string, unknown>).kmsKeyArn = key("us-gov-east-1"))),
                `Invalid setting "govstack:database.kmsKeyArn": "${key("us-gov-east-1")}" must be a key of partition aws-us-gov, region us-gov-west-1 and account ${PROD_ACCOUNT}`,
            );
            const raw = structuredClone(readStackConfig("prod").values);
            (raw["govstack:database"] as Record<string, unknown>).kmsKeyArn = key("us-gov-west-1");
            assert.strictEqual(parseSettings("prod", raw).database.kmsKeyArn, key("us-gov-west-1"));
        });

        it("defaults the DR region to the other GovCloud region", () => {
            const raw = structuredClone(readStackConfig("prod").values);
            delete (raw["govstack:baseline"] as Record<string, unknown>).drRegion;
            assert.strictEqual(parseSettings("prod", raw).baseline.drRegion, "us-gov-east-1");
        });
    });
});
