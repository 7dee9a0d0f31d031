// Independent probes for issue 17 (guard round 2: data stores, keys, logging and detection), written
// the way an outside reviewer checks the "done when": for every item, realistic @pulumi/aws v7 inputs
// (names and types from the SDK: node_modules/@pulumi/aws/<service>/<resource>.d.ts and
// types/input.d.ts; AWS enums from botocore), with values as the engine sends them at preview (ids
// and ARNs of new resources unknown, tied by property dependencies), plus known-id variants.
//
// Every probe is judged by EVERY policy of the pack (allPolicies) under prod's pack config, not only
// the item's: a compliant probe must come out with nothing reported (no mandatory finding, and no
// advisory where every value is known), and a violating one must be blocked (mandatory) by the
// item's policy with a message naming the property. Workload resources (databases, load
// balancers, ECS services) make a stack a workload stack, so the compliant probes carry the
// account baseline a workload stack must declare (a trail, GuardDuty, Security Hub, AWS Config and
// a backup plan): `account()`. A few probes also go through the compiled pack over the analyzer
// protocol (bottom of the file).

import * as assert from "node:assert/strict";

import { allPolicies } from "../../../policies/rules";
import { TestResource, unknown, urnOf } from "../helpers";
import { packConfigOf, probeKit, probeProvider, servedPack, show } from "./harness";

const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "210987654321";
const REGION = "us-gov-west-1";
const DR_REGION = "us-gov-east-1";
const P = "aws-us-gov";
const ROOT = `arn:${P}:iam::${ACCOUNT}:root`;
const KEY_ARN = `arn:${P}:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TAGS = { Project: "govstack", Environment: "prod", ManagedBy: "Pulumi", Compliance: "FedRAMP-Moderate", Owner: "platform-team@agency.example.com" };

const PROD = packConfigOf("prod");
const PROVIDER = probeProvider("default_7_48_0", { region: REGION, useFipsEndpoint: true, allowedAccountIds: [ACCOUNT], defaultTags: { tags: TAGS } });
const kit = probeKit(allPolicies, PROVIDER, PROD);
const { r, judge, passes, noMandatory, blocks } = kit;
const U = unknown;

const T = {
    key: "aws:kms/key:Key",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    flowLog: "aws:ec2/flowLog:FlowLog",
    rt: "aws:ec2/routeTable:RouteTable",
    rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    externalKey: "aws:kms/externalKey:ExternalKey",
    replicaKey: "aws:kms/replicaKey:ReplicaKey",
    keyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    alias: "aws:kms/alias:Alias",
    role: "aws:iam/role:Role",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    rdsInstance: "aws:rds/instance:Instance",
    rdsCluster: "aws:rds/cluster:Cluster",
    rdsClusterInstance: "aws:rds/clusterInstance:ClusterInstance",
    rdsParams: "aws:rds/parameterGroup:ParameterGroup",
    rdsClusterParams: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    docdbCluster: "aws:docdb/cluster:Cluster",
    docdbInstance: "aws:docdb/clusterInstance:ClusterInstance",
    neptuneCluster: "aws:neptune/cluster:Cluster",
    neptuneInstance: "aws:neptune/clusterInstance:ClusterInstance",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    serverlessCache: "aws:elasticache/serverlessCache:ServerlessCache",
    table: "aws:dynamodb/table:Table",
    tableReplica: "aws:dynamodb/tableReplica:TableReplica",
    dax: "aws:dax/cluster:Cluster",
    firehose: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    kinesis: "aws:kinesis/stream:Stream",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    efs: "aws:efs/fileSystem:FileSystem",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    lifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    logging: "aws:s3/bucketLogging:BucketLogging",
    loggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    objectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    notification: "aws:s3/bucketNotification:BucketNotification",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    wafAssoc: "aws:wafv2/webAclAssociation:WebAclAssociation",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    trail: "aws:cloudtrail/trail:Trail",
    detector: "aws:guardduty/detector:Detector",
    detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    hub: "aws:securityhub/account:Account",
    standards: "aws:securityhub/standardsSubscription:StandardsSubscription",
    recorder: "aws:cfg/recorder:Recorder",
    recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
    channel: "aws:cfg/deliveryChannel:DeliveryChannel",
    retention: "aws:cfg/retentionConfiguration:RetentionConfiguration",
    configRule: "aws:cfg/rule:Rule",
    remediation: "aws:cfg/remediationConfiguration:RemediationConfiguration",
    vault: "aws:backup/vault:Vault",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    secret: "aws:secretsmanager/secret:Secret",
    secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
    lambda: "aws:lambda/function:Function",
    opensearch: "aws:opensearch/domain:Domain",
    redshift: "aws:redshift/cluster:Cluster",
    redshiftLogging: "aws:redshift/logging:Logging",
    redshiftParams: "aws:redshift/parameterGroup:ParameterGroup",
    queue: "aws:sqs/queue:Queue",
    redrive: "aws:sqs/redrivePolicy:RedrivePolicy",
} as const;

// ---------------------------------------------------------------------------------------------
// Fixtures

/** A key policy document: the account root administers the key (IAM decides use), plus `extra` statements. */
function keyPolicy(...extra: readonly Record<string, unknown>[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "EnableIAMUserPermissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }, ...extra],
    });
}

/** A compliant symmetric key (the one every other probe encrypts with). */
const dataKey = (name = "data", extra: Record<string, unknown> = {}) =>
    r(T.key, name, { description: `${name} key`, deletionWindowInDays: 30, enableKeyRotation: true, policy: keyPolicy(), ...extra });

const keyRef = (name = "data") => [[T.key, name]] as const;

/** Log group with a CMK and a year's retention. */
const logGroup = (name: string, logName = `/govstack/${name}`) =>
    r(T.logGroup, name, { name: logName, retentionInDays: 365, kmsKeyId: U() }, { kmsKeyId: [[T.key, "logs"]] });

/** A role a service assumes (trust policy confined to the account). */
function serviceRole(name: string, service: string): TestResource {
    return r(T.role, name, {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
        }),
    });
}

interface BucketOptions {
    /** Name of the bucket resource; the bucket name is `govstack-prod-<name>`. */
    readonly type?: string;
    readonly props?: Record<string, unknown>;
    /** Satellites: false leaves one out. */
    readonly versioning?: boolean;
    readonly lifecycle?: boolean;
    readonly logging?: boolean;
    readonly ownership?: boolean;
    readonly notifications?: boolean;
    /** V2 satellite types (BucketVersioningV2, BucketLifecycleConfigurationV2, BucketLoggingV2). */
    readonly v2?: boolean;
    /** Tie satellites by known bucket name instead of the (unknown) id. */
    readonly known?: boolean;
    readonly accessLogs?: string;
}

/** A compliant S3 bucket with its satellites (PAB, SSE-KMS, TLS-only policy, versioning, lifecycle, access logging, ownership). */
function bucket(name: string, o: BucketOptions = {}): TestResource[] {
    const type = o.type ?? T.bucket;
    const bucketName = `govstack-prod-${name}`;
    const ref = o.known ? bucketName : U();
    const dep = { bucket: [[type, name]] as const };
    const arn = `arn:${P}:s3:::${bucketName}`;
    const out: TestResource[] = [
        r(type, name, { bucket: bucketName, forceDestroy: false, ...o.props }),
        r(T.pab, name, { bucket: ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, dep),
        r(
            o.v2 ? T.sseV2 : T.sse,
            name,
            { bucket: ref, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: U() }, bucketKeyEnabled: true }] },
            { ...dep, rules: keyRef("storage") },
        ),
        r(
            T.bucketPolicy,
            name,
            {
                bucket: ref,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
                }),
            },
            dep,
        ),
    ];
    if (o.versioning !== false) {
        out.push(r(o.v2 ? T.versioningV2 : T.versioning, name, { bucket: ref, versioningConfiguration: { status: "Enabled" } }, dep));
    }
    if (o.lifecycle !== false) {
        out.push(
            r(
                o.v2 ? T.lifecycleV2 : T.lifecycle,
                name,
                {
                    bucket: ref,
                    rules: [
                        { id: "noncurrent", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 90 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
                    ],
                },
                dep,
            ),
        );
    }
    if (o.logging !== false) {
        out.push(
            r(o.v2 ? T.loggingV2 : T.logging, name, { bucket: ref, targetBucket: o.known ? "govstack-prod-access-logs" : U(), targetPrefix: `${name}/` }, { ...dep, targetBucket: [[T.bucket, o.accessLogs ?? "access-logs"]] }),
        );
    }
    if (o.ownership !== false) {
        out.push(r(T.ownership, name, { bucket: ref, rule: { objectOwnership: "BucketOwnerEnforced" } }, dep));
    }
    if (o.notifications !== false) {
        out.push(r(T.notification, name, { bucket: ref, eventbridge: true }, dep));
    }
    return out;
}

/** The access-log bucket: everything but access logging of its own (it is the target), with Object Lock (an audit bucket). */
const accessLogBucket = () => bucket("access-logs", { logging: false, props: { objectLockEnabled: true } });

/** Everything a prod workload stack must declare for the account: keys, trail, detection, a backup plan. */
function account(): TestResource[] {
    const trailArn = `arn:${P}:cloudtrail:${REGION}:${ACCOUNT}:trail/govstack-prod-trail`;
    return [
        dataKey("data"),
        dataKey("storage"),
        dataKey("logs", {
            policy: keyPolicy({
                Sid: "CloudWatchLogs",
                Effect: "Allow",
                Principal: { Service: `logs.${REGION}.amazonaws.com` },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${P}:logs:${REGION}:${ACCOUNT}:log-group:*` } },
            }),
        }),
        dataKey("audit", {
            policy: keyPolicy({
                Sid: "CloudTrailEncrypts",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            }),
        }),
        ...accessLogBucket(),
        ...bucket("audit", { props: { objectLockEnabled: true, tags: { Purpose: "audit" } } }),
        logGroup("trail", "/govstack/prod/cloudtrail"),
        serviceRole("trail-logs", "cloudtrail.amazonaws.com"),
        r(
            T.trail,
            "trail",
            {
                name: "govstack-prod-trail",
                s3BucketName: U(),
                s3KeyPrefix: "cloudtrail",
                kmsKeyId: U(),
                cloudWatchLogsGroupArn: U(),
                cloudWatchLogsRoleArn: U(),
                enableLogFileValidation: true,
                enableLogging: true,
                includeGlobalServiceEvents: true,
                isMultiRegionTrail: true,
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: [`arn:${P}:s3`] }] }],
            },
            { s3BucketName: [[T.bucket, "audit"]], kmsKeyId: keyRef("audit"), cloudWatchLogsGroupArn: [[T.logGroup, "trail"]], cloudWatchLogsRoleArn: [[T.role, "trail-logs"]] },
        ),
        ...detection(),
        ...backups(),
    ];
}

function detection(): TestResource[] {
    return [
        r(T.detector, "guardduty", { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" }),
        r(T.detectorFeature, "s3", { detectorId: U(), name: "S3_DATA_EVENTS", status: "ENABLED" }, { detectorId: [[T.detector, "guardduty"]] }),
        r(T.detectorFeature, "malware", { detectorId: U(), name: "EBS_MALWARE_PROTECTION", status: "ENABLED" }, { detectorId: [[T.detector, "guardduty"]] }),
        r(T.hub, "hub", { enableDefaultStandards: false, autoEnableControls: true, controlFindingGenerator: "SECURITY_CONTROL" }),
        r(T.standards, "nist", { standardsArn: `arn:${P}:securityhub:${REGION}::standards/nist-800-53/v/5.0.0` }, {}, [urnOf(T.hub, "hub")]),
        serviceRole("config", "config.amazonaws.com"),
        r(T.recorder, "config", { name: "govstack-prod-recorder", roleArn: U(), recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }, { roleArn: [[T.role, "config"]] }),
        r(T.channel, "config", { name: "govstack-prod-delivery", s3BucketName: U(), s3KeyPrefix: "config", s3KmsKeyArn: U() }, { s3BucketName: [[T.bucket, "audit"]], s3KmsKeyArn: keyRef("audit") }, [urnOf(T.recorder, "config")]),
        r(T.recorderStatus, "config", { name: U(), isEnabled: true }, { name: [[T.recorder, "config"]] }, [urnOf(T.channel, "config")]),
        r(T.retention, "config", { retentionPeriodInDays: 2557 }),
    ];
}

function backups(): TestResource[] {
    return [
        dataKey("backup"),
        r(T.vault, "vault", { name: "govstack-prod-vault", kmsKeyArn: U() }, { kmsKeyArn: keyRef("backup") }),
        r(T.vaultLock, "vault", { backupVaultName: U(), minRetentionDays: 7, maxRetentionDays: 365, changeableForDays: 3 }, { backupVaultName: [[T.vault, "vault"]] }),
        r(T.plan, "plan", {
            name: "govstack-prod-plan",
            rules: [
                {
                    ruleName: "daily",
                    targetVaultName: U(),
                    schedule: "cron(0 5 ? * * *)",
                    lifecycle: { deleteAfter: 35 },
                    copyActions: [{ destinationVaultArn: `arn:${P}:backup:${DR_REGION}:${ACCOUNT}:backup-vault:govstack-prod-dr`, lifecycle: { deleteAfter: 35 } }],
                },
            ],
        }, { rules: [[T.vault, "vault"]] }),
        serviceRole("backup", "backup.amazonaws.com"),
        r(T.selection, "tagged", { name: "tagged", planId: U(), iamRoleArn: U(), selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }] }, { planId: [[T.plan, "plan"]], iamRoleArn: [[T.role, "backup"]] }),
    ];
}

/** A VPC with two isolated subnets (no internet route) and a DB subnet group over them, all ids unknown. */
function isolatedNetwork(): TestResource[] {
    const subnets = ["a", "b"].map((az, i) =>
        r(T.subnet, `isolated-${az}`, { vpcId: U(), cidrBlock: `10.0.${i * 8}.0/21`, availabilityZone: `${REGION}${az}`, tags: { Tier: "isolated", Name: `isolated-${az}` } }, { vpcId: [[T.vpc, "main"]] }),
    );
    return [
        r(T.vpc, "main", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true }),
        r(T.defaultSg, "main-default", { vpcId: U() }, { vpcId: [[T.vpc, "main"]] }),
        r(T.flowLog, "main", { vpcId: U(), trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: U(), iamRoleArn: U() }, { vpcId: [[T.vpc, "main"]], logDestination: [[T.logGroup, "flow"]], iamRoleArn: [[T.role, "flow"]] }),
        logGroup("flow"),
        serviceRole("flow", "vpc-flow-logs.amazonaws.com"),
        r(T.rt, "isolated", { vpcId: U() }, { vpcId: [[T.vpc, "main"]] }),
        ...subnets,
        ...subnets.map((sn) => r(T.rtAssoc, sn.name, { subnetId: U(), routeTableId: U() }, { subnetId: [[T.subnet, sn.name]], routeTableId: [[T.rt, "isolated"]] })),
        r(T.dbSubnetGroup, "db", { name: "govstack-prod-db", subnetIds: [U(), U()] }, { subnetIds: subnets.map((sn) => [T.subnet, sn.name] as const) }),
    ];
}

// ---------------------------------------------------------------------------------------------

describe("issue 17 independent probes", function () {
    this.timeout(300000);

    it("the compliant account baseline passes every policy of the pack", async () => {
        await passes(account());
    });

    describe("item 1: KMS keys", () => {
        const admin = `arn:${P}:iam::${ACCOUNT}:role/KeyAdmin`;
        const app = `arn:${P}:iam::${ACCOUNT}:role/app`;
        it("compliant: root-only policy, the console's key-admin and use statements through the root, an HMAC key without rotation, 30 days or unset, a service decrypting, a KeyPolicy, an ExternalKey", async () => {
            await passes([
                dataKey("plain"),
                r(T.key, "unset-window", { enableKeyRotation: true, rotationPeriodInDays: 365, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT", policy: keyPolicy() }),
                r(T.key, "admins", {
                    deletionWindowInDays: 30,
                    enableKeyRotation: true,
                    policy: keyPolicy(
                        {
                            Sid: "AllowAccessForKeyAdministrators",
                            Effect: "Allow",
                            Principal: { AWS: admin },
                            Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                            Resource: "*",
                        },
                        {
                            Sid: "AccountUsesKeyThroughRds",
                            Effect: "Allow",
                            Principal: { AWS: ROOT },
                            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                            Resource: "*",
                            Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": `rds.${REGION}.amazonaws.com` } },
                        },
                        {
                            Sid: "SnsDecrypts",
                            Effect: "Allow",
                            Principal: { Service: "cloudwatch.amazonaws.com" },
                            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                            Resource: "*",
                            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                        },
                    ),
                }),
                r(T.key, "hmac", { keyUsage: "GENERATE_VERIFY_MAC", customerMasterKeySpec: "HMAC_256", deletionWindowInDays: 30, policy: keyPolicy() }),
                r(T.key, "signing", { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "ECC_NIST_P256", enableKeyRotation: false, policy: keyPolicy() }),
                r(T.key, "bare-account", { enableKeyRotation: true, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" }] }) }),
                r(T.externalKey, "imported", { deletionWindowInDays: 30, keyUsage: "ENCRYPT_DECRYPT", policy: keyPolicy() }),
                r(T.keyPolicy, "data-policy", { keyId: U(), policy: keyPolicy() }, { keyId: keyRef("plain") }),
                r(T.alias, "data", { name: "alias/govstack-data", targetKeyId: U() }, { targetKeyId: keyRef("plain") }),
            ]);
        });
        it("compliant: a key-admin role holding kms:* is accepted once the pack config names it in keyAdministrators", async () => {
            const withAdmins = probeKit(allPolicies, PROVIDER, { ...PROD, "kms-key-policy-least-privilege": { keyAdministrators: [`arn:${P}:iam::${ACCOUNT}:role/KeyAdmin*`] }, "resource-policy-no-wildcard-actions": {} });
            const fs = await withAdmins.judge([r(T.key, "admin-star", { deletionWindowInDays: 30, enableKeyRotation: true, policy: keyPolicy({ Sid: "KeyAdmin", Effect: "Allow", Principal: { AWS: admin }, Action: "kms:*", Resource: "*" }) })]);
            assert.deepEqual(show(fs.filter((f) => f.policy.startsWith("kms-key"))), []);
        });
        it("compliant at preview: a policy built from outputs (unknown) and an account the pack cannot place only advise", async () => {
            await noMandatory([r(T.key, "computed", { deletionWindowInDays: 30, enableKeyRotation: true, policy: U() })]);
        });
        it("violating: a short deletion window, asymmetric or unrecognised encryption specs, rotation on HMAC/asymmetric keys, no key policy, broad grants", async () => {
            const rs = [
                r(T.key, "week", { deletionWindowInDays: 7, enableKeyRotation: true, policy: keyPolicy() }),
                r(T.replicaKey, "replica-week", { primaryKeyArn: KEY_ARN, deletionWindowInDays: 10, policy: keyPolicy() }),
                r(T.key, "rsa-encrypt", { customerMasterKeySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", policy: keyPolicy() }),
                r(T.key, "rsa-default-usage", { customerMasterKeySpec: "RSA_4096", policy: keyPolicy() }),
                r(T.key, "hmac-rotating", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", enableKeyRotation: true, policy: keyPolicy() }),
                r(T.key, "ecc-rotating", { customerMasterKeySpec: "ECC_NIST_P384", keyUsage: "SIGN_VERIFY", enableKeyRotation: true, policy: keyPolicy() }),
                r(T.key, "bogus-spec", { customerMasterKeySpec: "AES_256", enableKeyRotation: true, policy: keyPolicy() }),
                r(T.key, "bogus-usage", { keyUsage: "ENCRYPT", enableKeyRotation: true, policy: keyPolicy() }),
                r(T.key, "implicit", { deletionWindowInDays: 30, enableKeyRotation: true }),
                r(T.externalKey, "implicit-external", { deletionWindowInDays: 30 }),
                r(T.key, "role-star", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: app }, Action: "kms:*", Resource: "*" }) }),
                r(T.key, "role-decrypt", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: [app] }, Action: ["kms:Decrypt"], Resource: "*" }) }),
                r(T.key, "public-decrypt", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) }),
                r(T.key, "public-network-only", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }) }),
                r(T.key, "foreign-root", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: `arn:${P}:iam::${OTHER_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }) }),
                r(T.key, "service-star", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: "*" }) }),
                r(T.key, "not-action", { enableKeyRotation: true, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: app }, NotAction: "kms:ScheduleKeyDeletion", Resource: "*" }) }),
                r(T.keyPolicy, "separate", { keyId: KEY_ARN, policy: keyPolicy({ Effect: "Allow", Principal: { AWS: app }, Action: "kms:ReEncrypt*", Resource: "*" }) }),
            ];
            await blocks(rs, "kms-key-deletion-window", "week", ["deletionWindowInDays"]);
            await blocks(rs, "kms-key-deletion-window", "replica-week", ["deletionWindowInDays"]);
            await blocks(rs, "kms-key-encryption-symmetric", "rsa-encrypt", ["customerMasterKeySpec", "RSA_2048"]);
            await blocks(rs, "kms-key-encryption-symmetric", "rsa-default-usage", ["customerMasterKeySpec", "RSA_4096"]);
            await blocks(rs, "kms-key-rotation-supported", "hmac-rotating", ["enableKeyRotation", "HMAC"]);
            await blocks(rs, "kms-key-rotation-supported", "ecc-rotating", ["enableKeyRotation"]);
            await blocks(rs, "kms-key-encryption-symmetric", "bogus-spec", ["customerMasterKeySpec"]);
            await blocks(rs, "kms-key-rotation-supported", "bogus-spec", ["customerMasterKeySpec"]);
            await blocks(rs, "kms-key-encryption-symmetric", "bogus-usage", ["keyUsage"]);
            await blocks(rs, "kms-key-explicit-policy", "implicit", ["policy"]);
            await blocks(rs, "kms-key-explicit-policy", "implicit-external", ["policy"]);
            await blocks(rs, "kms-key-policy-least-privilege", "role-star", ["kms:*", "role/app"]);
            await blocks(rs, "kms-key-policy-least-privilege", "role-decrypt", ["kms:Decrypt", "role/app"]);
            await blocks(rs, "kms-key-policy-least-privilege", "public-decrypt", ["Principal", "Condition"]);
            // A network-only condition (aws:SourceIp) fixes no caller: the perimeter policy blocks it for every resource document.
            await blocks(rs, "resource-policy-no-network-only-principal", "public-network-only", ["aws:SourceIp"]);
            await blocks(rs, "kms-key-policy-least-privilege", "foreign-root", [OTHER_ACCOUNT]);
            await blocks(rs, "kms-key-policy-least-privilege", "service-star", ["kms:*", "logs.amazonaws.com"]);
            await blocks(rs, "kms-key-policy-least-privilege", "not-action", ["kms:Decrypt", "role/app"]);
            await blocks(rs, "kms-key-policy-least-privilege", "separate", ["kms:ReEncryptFrom"]);
        });
    });

    describe("item 2: RDS, Aurora, DocumentDB, Neptune", () => {
        const net = () => isolatedNetwork();
        const monitoring = () => serviceRole("rds-monitoring", "monitoring.rds.amazonaws.com");
        const common = {
            dbSubnetGroupName: U(),
            storageEncrypted: true,
            kmsKeyId: U(),
            deletionProtection: true,
            backupRetentionPeriod: 30,
            copyTagsToSnapshot: true,
            finalSnapshotIdentifier: "final",
            skipFinalSnapshot: false,
            tags: { Backup: "daily" },
        };
        const commonDeps = { dbSubnetGroupName: [[T.dbSubnetGroup, "db"]] as const, kmsKeyId: keyRef() };
        const instance = (name: string, props: Record<string, unknown>) =>
            r(
                T.rdsInstance,
                name,
                {
                    instanceClass: "db.m6g.large",
                    allocatedStorage: 100,
                    storageType: "gp3",
                    multiAz: true,
                    publiclyAccessible: false,
                    manageMasterUserPassword: true,
                    username: "dbadmin",
                    iamDatabaseAuthenticationEnabled: true,
                    performanceInsightsEnabled: true,
                    performanceInsightsKmsKeyId: U(),
                    monitoringInterval: 60,
                    monitoringRoleArn: U(),
                    ...common,
                    ...props,
                },
                { ...commonDeps, performanceInsightsKmsKeyId: keyRef(), monitoringRoleArn: [[T.role, "rds-monitoring"]], parameterGroupName: [[T.rdsParams, "pg"]] },
            );
        const pgParams = () => r(T.rdsParams, "pg", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }] });
        const mysqlParams = () =>
            r(T.rdsParams, "mysql", {
                family: "mysql8.0",
                parameters: [
                    { name: "require_secure_transport", value: "ON" },
                    { name: "general_log", value: "1" },
                    { name: "slow_query_log", value: "1" },
                ],
            });

        it("compliant: PostgreSQL and MySQL instances (all log types, Enhanced Monitoring, unset or true minor upgrades)", async () => {
            await passes([
                ...account(),
                ...net(),
                monitoring(),
                pgParams(),
                mysqlParams(),
                instance("postgres", { engine: "postgres", engineVersion: "16", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], autoMinorVersionUpgrade: true, parameterGroupName: U() }),
                instance("mysql", { engine: "mysql", engineVersion: "8.0", enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery"], parameterGroupName: "govstack-prod-mysql" }),
            ]);
        });
        it("compliant: an Aurora PostgreSQL cluster (postgresql logs) with a monitored cluster instance; Aurora MySQL", async () => {
            const cluster = (name: string, engine: string, logs: string[]) =>
                r(
                    T.rdsCluster,
                    name,
                    { engine, engineVersion: engine === "aurora-postgresql" ? "16.4" : "8.0.mysql_aurora.3.05.2", enabledCloudwatchLogsExports: logs, manageMasterUserPassword: true, masterUsername: "dbadmin", iamDatabaseAuthenticationEnabled: true, ...common, availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`], dbClusterParameterGroupName: U() },
                    { ...commonDeps, dbClusterParameterGroupName: [[T.rdsClusterParams, name]] },
                );
            const member = (name: string, cluster: string, engine: string, az: string) =>
                r(
                    T.rdsClusterInstance,
                    name,
                    { clusterIdentifier: U(), engine, instanceClass: "db.r6g.large", monitoringInterval: 60, monitoringRoleArn: U(), publiclyAccessible: false, performanceInsightsEnabled: true, performanceInsightsKmsKeyId: U(), dbSubnetGroupName: U(), availabilityZone: az },
                    { clusterIdentifier: [[T.rdsCluster, cluster]], monitoringRoleArn: [[T.role, "rds-monitoring"]], performanceInsightsKmsKeyId: keyRef(), dbSubnetGroupName: [[T.dbSubnetGroup, "db"]] },
                );
            await passes([
                ...account(),
                ...net(),
                monitoring(),
                r(T.rdsClusterParams, "apg", { family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "1" }] }),
                r(T.rdsClusterParams, "amy", { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }, { name: "server_audit_logging", value: "1" }] }),
                cluster("apg", "aurora-postgresql", ["postgresql"]),
                member("apg-1", "apg", "aurora-postgresql", `${REGION}a`),
                member("apg-2", "apg", "aurora-postgresql", `${REGION}b`),
                cluster("amy", "aurora-mysql", ["audit", "error", "general", "slowquery"]),
                member("amy-1", "amy", "aurora-mysql", `${REGION}a`),
                member("amy-2", "amy", "aurora-mysql", `${REGION}b`),
            ]);
        });
        it("compliant: DocumentDB (audit, profiler) and Neptune (audit) clusters with their instances", async () => {
            await passes([
                ...account(),
                ...net(),
                r(T.docdbCluster, "docdb", { engine: "docdb", masterUsername: "dbadmin", manageMasterUserPassword: true, enabledCloudwatchLogsExports: ["audit", "profiler"], storageEncrypted: true, kmsKeyId: U(), dbSubnetGroupName: U(), deletionProtection: true, backupRetentionPeriod: 30, finalSnapshotIdentifier: "docdb-final", skipFinalSnapshot: false, dbClusterParameterGroupName: "tls-on" }, commonDeps),
                r(T.docdbInstance, "docdb-1", { clusterIdentifier: U(), instanceClass: "db.r6g.large", autoMinorVersionUpgrade: true }, { clusterIdentifier: [[T.docdbCluster, "docdb"]] }),
                r(T.neptuneCluster, "graph", { engine: "neptune", enableCloudwatchLogsExports: ["audit"], storageEncrypted: true, kmsKeyArn: U(), iamDatabaseAuthenticationEnabled: true, neptuneSubnetGroupName: "govstack-prod-db", deletionProtection: true, backupRetentionPeriod: 30, finalSnapshotIdentifier: "graph-final", skipFinalSnapshot: false }, { kmsKeyArn: keyRef() }),
                r(T.neptuneInstance, "graph-1", { clusterIdentifier: U(), instanceClass: "db.r6g.large", engine: "neptune", publiclyAccessible: false }, { clusterIdentifier: [[T.neptuneCluster, "graph"]] }),
            ]);
        });
        it("compliant: a Multi-AZ DB cluster (engine postgres) monitored at the cluster; SQL Server and Oracle instances with their log types", async () => {
            await passes([
                ...account(),
                ...net(),
                monitoring(),
                pgParams(),
                r(T.rdsClusterParams, "maz", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] }),
                r(
                    T.rdsCluster,
                    "maz",
                    { engine: "postgres", engineVersion: "16", dbClusterInstanceClass: "db.m6gd.large", storageType: "io1", allocatedStorage: 100, iops: 1000, enabledCloudwatchLogsExports: ["postgresql", "upgrade"], monitoringInterval: 30, monitoringRoleArn: U(), manageMasterUserPassword: true, masterUsername: "dbadmin", performanceInsightsEnabled: true, performanceInsightsKmsKeyId: U(), dbClusterParameterGroupName: U(), ...common },
                    { ...commonDeps, monitoringRoleArn: [[T.role, "rds-monitoring"]], performanceInsightsKmsKeyId: keyRef(), dbClusterParameterGroupName: [[T.rdsClusterParams, "maz"]] },
                ),
                r(T.rdsParams, "mssql", { family: "sqlserver-se-16.0", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }] }),
                instance("mssql", { engine: "sqlserver-se", licenseModel: "license-included", enabledCloudwatchLogsExports: ["agent", "error"], parameterGroupName: "govstack-prod-mssql" }),
                instance("oracle", { engine: "oracle-se2", licenseModel: "license-included", enabledCloudwatchLogsExports: ["alert", "audit", "listener", "trace"], parameterGroupName: "govstack-prod-oracle" }),
            ]);
        });
        it("violating: missing log types, no Enhanced Monitoring, an interval without a role, minor upgrades off, kmsKeyId without storageEncrypted", async () => {
            const rs = [
                instance("pg-no-upgrade-log", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql"] }),
                instance("pg-no-logs", { engine: "postgres" }),
                instance("mysql-partial", { engine: "mysql", enabledCloudwatchLogsExports: ["error", "slowquery"] }),
                instance("no-monitoring", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], monitoringInterval: 0 }),
                instance("unset-monitoring", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], monitoringInterval: undefined, monitoringRoleArn: undefined }),
                instance("no-role", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], monitoringRoleArn: undefined }),
                instance("pinned", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], autoMinorVersionUpgrade: false }),
                instance("key-no-encryption", { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"], storageEncrypted: undefined }),
                instance("bogus-engine", { engine: "postgresql" }),
                r(T.rdsCluster, "apg", { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: KEY_ARN }),
                r(T.rdsClusterInstance, "apg-1", { clusterIdentifier: U(), engine: "aurora-postgresql", instanceClass: "db.r6g.large", autoMinorVersionUpgrade: false }, { clusterIdentifier: [[T.rdsCluster, "apg"]] }),
                r(T.rdsCluster, "multi-az", { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY_ARN, enabledCloudwatchLogsExports: ["postgresql", "upgrade"], dbClusterInstanceClass: "db.m6gd.large" }),
                r(T.docdbCluster, "docdb", { enabledCloudwatchLogsExports: ["audit"], kmsKeyId: KEY_ARN }),
                r(T.docdbInstance, "docdb-1", { clusterIdentifier: "docdb", instanceClass: "db.r6g.large", autoMinorVersionUpgrade: false }),
                r(T.neptuneCluster, "graph", { storageEncrypted: true, enableCloudwatchLogsExports: ["slowquery"] }),
                r(T.neptuneCluster, "graph-key", { kmsKeyArn: KEY_ARN, enableCloudwatchLogsExports: ["audit"] }),
                r(T.neptuneInstance, "graph-1", { clusterIdentifier: "graph", instanceClass: "db.r6g.large", autoMinorVersionUpgrade: false }),
            ];
            await blocks(rs, "rds-log-exports-enabled", "pg-no-upgrade-log", ['"upgrade"', "enabledCloudwatchLogsExports"]);
            await blocks(rs, "rds-log-exports-enabled", "pg-no-logs", ['"postgresql"', "enabledCloudwatchLogsExports"]);
            await blocks(rs, "rds-log-exports-enabled", "mysql-partial", ['"audit"', '"general"']);
            await blocks(rs, "rds-log-exports-enabled", "apg", ['"postgresql"']);
            await blocks(rs, "rds-log-exports-enabled", "docdb", ['"profiler"']);
            await blocks(rs, "rds-log-exports-enabled", "graph", ['"audit"', "enableCloudwatchLogsExports"]);
            await blocks(rs, "rds-log-exports-enabled", "bogus-engine", ["engine"]);
            await blocks(rs, "rds-enhanced-monitoring", "no-monitoring", ["monitoringInterval"]);
            await blocks(rs, "rds-enhanced-monitoring", "unset-monitoring", ["monitoringInterval"]);
            await blocks(rs, "rds-enhanced-monitoring", "no-role", ["monitoringRoleArn"]);
            await blocks(rs, "rds-enhanced-monitoring", "apg-1", ["monitoringInterval"]);
            await blocks(rs, "rds-enhanced-monitoring", "multi-az", ["monitoringInterval"]);
            await blocks(rs, "rds-auto-minor-version-upgrade", "pinned", ["autoMinorVersionUpgrade"]);
            await blocks(rs, "rds-auto-minor-version-upgrade", "apg-1", ["autoMinorVersionUpgrade"]);
            await blocks(rs, "rds-auto-minor-version-upgrade", "docdb-1", ["autoMinorVersionUpgrade"]);
            await blocks(rs, "rds-auto-minor-version-upgrade", "graph-1", ["autoMinorVersionUpgrade"]);
            await blocks(rs, "rds-storage-encrypted", "key-no-encryption", ["kmsKeyId", "storageEncrypted", "AWS rejects"]);
            await blocks(rs, "rds-storage-encrypted", "docdb", ["kmsKeyId", "storageEncrypted", "AWS rejects"]);
            await blocks(rs, "rds-storage-encrypted", "graph-key", ["kmsKeyArn", "storageEncrypted", "AWS rejects"]);
        });
    });

    describe("item 3: ElastiCache Redis snapshots", () => {
        const group = (name: string, props: Record<string, unknown>) =>
            r(T.replicationGroup, name, {
                description: name,
                engine: "redis",
                engineVersion: "7.1",
                nodeType: "cache.r7g.large",
                numCacheClusters: 2,
                automaticFailoverEnabled: true,
                multiAzEnabled: true,
                atRestEncryptionEnabled: true,
                transitEncryptionEnabled: true,
                kmsKeyId: U(),
                subnetGroupName: "govstack-prod-cache",
                userGroupIds: ["govstack-prod-users"],
                snapshotWindow: "05:00-06:00",
                ...props,
            }, { kmsKeyId: keyRef() });
        it("compliant: Redis and Valkey replication groups keeping 7 days (prod), a serverless Valkey cache, Memcached", async () => {
            await passes([
                dataKey(),
                group("redis", { snapshotRetentionLimit: 7 }),
                group("valkey", { engine: "valkey", engineVersion: "8.0", snapshotRetentionLimit: 35 }),
                r(T.serverlessCache, "serverless", { name: "govstack-prod-sls", engine: "valkey", majorEngineVersion: "8", kmsKeyId: U(), snapshotRetentionLimit: 7, subnetIds: ["subnet-0a1b2c3d4e5f60001"], securityGroupIds: ["sg-0a1b2c3d4e5f60001"], userGroupId: "govstack-prod-users" }, { kmsKeyId: keyRef() }),
                r(T.cacheCluster, "member", { clusterId: "redis-003", replicationGroupId: "govstack-prod-redis" }),
                r(T.cacheCluster, "memcached", { clusterId: "sessions", engine: "memcached", nodeType: "cache.t4g.small", numCacheNodes: 2, azMode: "cross-az", transitEncryptionEnabled: true }),
            ]);
        });
        it("violating: unset (0), 1 day in prod, a standalone Redis cluster", async () => {
            const rs = [group("unset", {}), group("one-day", { snapshotRetentionLimit: 1 }), r(T.cacheCluster, "standalone", { engine: "redis", nodeType: "cache.t4g.small", numCacheNodes: 1, snapshotRetentionLimit: 0 })];
            await blocks(rs, "elasticache-snapshot-retention", "unset", ["snapshotRetentionLimit", "7"]);
            await blocks(rs, "elasticache-snapshot-retention", "one-day", ["snapshotRetentionLimit", "7"]);
            await blocks(rs, "elasticache-snapshot-retention", "standalone", ["snapshotRetentionLimit"]);
        });
    });

    describe("item 4: DynamoDB point-in-time recovery; DAX encrypted", () => {
        it("compliant: a table with PITR and a CMK, a global-table replica with PITR, a TableReplica, an encrypted DAX cluster", async () => {
            await passes([
                dataKey(),
                r(T.table, "orders", {
                    name: "orders",
                    billingMode: "PAY_PER_REQUEST",
                    hashKey: "pk",
                    attributes: [{ name: "pk", type: "S" }],
                    pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
                    serverSideEncryption: { enabled: true, kmsKeyArn: U() },
                    deletionProtectionEnabled: true,
                    streamEnabled: true,
                    streamViewType: "NEW_AND_OLD_IMAGES",
                    replicas: [{ regionName: DR_REGION, pointInTimeRecovery: true, kmsKeyArn: `arn:${P}:kms:${DR_REGION}:${ACCOUNT}:key/abcd` }],
                    tags: { Backup: "daily" },
                }, { serverSideEncryption: keyRef() }),
                r(T.tableReplica, "orders-east", { globalTableArn: U(), pointInTimeRecovery: true, kmsKeyArn: `arn:${P}:kms:${DR_REGION}:${ACCOUNT}:key/abcd`, region: DR_REGION }, { globalTableArn: [[T.table, "orders"]] }),
                r(T.dax, "cache", { clusterName: "orders-cache", nodeType: "dax.r5.large", replicationFactor: 3, iamRoleArn: `arn:${P}:iam::${ACCOUNT}:role/dax`, serverSideEncryption: { enabled: true }, clusterEndpointEncryptionType: "TLS", subnetGroupName: "dax" }),
            ]);
        });
        it("violating: PITR unset or false, a replica without PITR, DAX without encryption", async () => {
            const rs = [
                r(T.table, "unset", { hashKey: "pk", attributes: [{ name: "pk", type: "S" }], serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN } }),
                r(T.table, "off", { hashKey: "pk", attributes: [{ name: "pk", type: "S" }], pointInTimeRecovery: { enabled: false } }),
                r(T.table, "replica-off", { hashKey: "pk", attributes: [{ name: "pk", type: "S" }], pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: DR_REGION }] }),
                r(T.tableReplica, "east", { globalTableArn: `arn:${P}:dynamodb:${REGION}:${ACCOUNT}:table/orders` }),
                r(T.dax, "plain", { nodeType: "dax.r5.large", replicationFactor: 3, iamRoleArn: "arn" }),
                r(T.dax, "off", { nodeType: "dax.r5.large", replicationFactor: 3, iamRoleArn: "arn", serverSideEncryption: { enabled: false } }),
            ];
            await blocks(rs, "dynamodb-point-in-time-recovery", "unset", ["pointInTimeRecovery"]);
            await blocks(rs, "dynamodb-point-in-time-recovery", "off", ["pointInTimeRecovery"]);
            await blocks(rs, "dynamodb-point-in-time-recovery", "replica-off", ["replicas[0].pointInTimeRecovery"]);
            await blocks(rs, "dynamodb-point-in-time-recovery", "east", ["pointInTimeRecovery"]);
            await blocks(rs, "dax-cluster-encrypted", "plain", ["serverSideEncryption"]);
            await blocks(rs, "dax-cluster-encrypted", "off", ["serverSideEncryption"]);
        });
    });

    describe("item 5: Firehose server-side encryption with a customer-managed key", () => {
        const extended = { roleArn: `arn:${P}:iam::${ACCOUNT}:role/firehose`, bucketArn: `arn:${P}:s3:::govstack-prod-stream`, kmsKeyArn: KEY_ARN, cloudwatchLoggingOptions: { enabled: true, logGroupName: "/aws/kinesisfirehose/events", logStreamName: "delivery" } };
        it("compliant: CUSTOMER_MANAGED_CMK with a key (known and computed); a Kinesis-sourced stream", async () => {
            await passes([
                dataKey(),
                r(T.firehose, "events", { name: "events", destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN }, extendedS3Configuration: extended }),
                r(T.firehose, "events-preview", { name: "events2", destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: U() }, extendedS3Configuration: extended }, { serverSideEncryption: keyRef() }),
                r(T.kinesis, "source", { name: "source", shardCount: 1, encryptionType: "KMS", kmsKeyId: U(), retentionPeriod: 168 }, { kmsKeyId: keyRef() }),
                r(T.firehose, "from-kinesis", { name: "from-kinesis", destination: "extended_s3", kinesisSourceConfiguration: { kinesisStreamArn: U(), roleArn: extended.roleArn }, extendedS3Configuration: extended }, { kinesisSourceConfiguration: [[T.kinesis, "source"]] }),
            ]);
        });
        it("violating: no SSE, SSE off, AWS-owned key, customer-managed without a key, an AWS-managed alias, an unknown key type", async () => {
            const rs = [
                r(T.firehose, "none", { destination: "extended_s3", extendedS3Configuration: extended }),
                r(T.firehose, "off", { destination: "extended_s3", serverSideEncryption: { enabled: false }, extendedS3Configuration: extended }),
                r(T.firehose, "owned", { destination: "extended_s3", serverSideEncryption: { enabled: true }, extendedS3Configuration: extended }),
                r(T.firehose, "owned-explicit", { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" }, extendedS3Configuration: extended }),
                r(T.firehose, "no-key", { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" }, extendedS3Configuration: extended }),
                r(T.firehose, "managed-alias", { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: `arn:${P}:kms:${REGION}:${ACCOUNT}:alias/aws/firehose` }, extendedS3Configuration: extended }),
                r(T.firehose, "bogus-type", { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CMK" }, extendedS3Configuration: extended }),
            ];
            await blocks(rs, "firehose-delivery-stream-cmk", "none", ["serverSideEncryption.enabled"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "off", ["serverSideEncryption.enabled"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "owned", ["keyType", "CUSTOMER_MANAGED_CMK"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "owned-explicit", ["keyType"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "no-key", ["keyArn"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "managed-alias", ["keyArn", "alias/aws/firehose"]);
            await blocks(rs, "firehose-delivery-stream-cmk", "bogus-type", ["keyType"]);
        });
    });

    describe("item 6: ECS task definitions: awsvpc, EFS transit encryption and IAM authorization", () => {
        const containers = JSON.stringify([
            {
                name: "app",
                image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app@sha256:4f1c9a2b7d3e8f60a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2`,
                essential: true,
                user: "1001",
                readonlyRootFilesystem: true,
                privileged: false,
                linuxParameters: { capabilities: { add: [], drop: ["ALL"] } },
                portMappings: [{ containerPort: 8080, protocol: "tcp" }],
                mountPoints: [{ sourceVolume: "shared", containerPath: "/data", readOnly: false }],
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": REGION, "awslogs-stream-prefix": "app" } },
            },
        ]);
        const task = (name: string, props: Record<string, unknown>) =>
            r(T.taskDef, name, {
                family: name,
                cpu: "512",
                memory: "1024",
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                executionRoleArn: `arn:${P}:iam::${ACCOUNT}:role/exec`,
                taskRoleArn: `arn:${P}:iam::${ACCOUNT}:role/task`,
                containerDefinitions: containers,
                ...props,
            });
        const efsVolume = (config: Record<string, unknown>) => [{ name: "shared", efsVolumeConfiguration: { fileSystemId: U(), rootDirectory: "/", ...config } }];
        it("compliant: awsvpc with an EFS volume (TLS + IAM, with an access point), a bind-mount volume, no volumes", async () => {
            await passes([
                task("efs", { volumes: efsVolume({ transitEncryption: "ENABLED", transitEncryptionPort: 2999, authorizationConfig: { iam: "ENABLED", accessPointId: "fsap-0123456789abcdef0" } }) }),
                task("scratch", { volumes: [{ name: "shared" }] }),
                task("ec2-awsvpc", { requiresCompatibilities: ["EC2"] }),
            ]);
        });
        it("violating: host, bridge, none and unset network modes; EFS without TLS or without IAM authorization", async () => {
            const rs = [
                task("host", { networkMode: "host", requiresCompatibilities: ["EC2"] }),
                task("bridge", { networkMode: "bridge", requiresCompatibilities: ["EC2"] }),
                task("none", { networkMode: "none", requiresCompatibilities: ["EC2"] }),
                task("unset", { networkMode: undefined, requiresCompatibilities: ["EC2"] }),
                task("plain-efs", { volumes: efsVolume({}) }),
                task("tls-off", { volumes: efsVolume({ transitEncryption: "DISABLED", authorizationConfig: { iam: "ENABLED" } }) }),
                task("iam-off", { volumes: efsVolume({ transitEncryption: "ENABLED", authorizationConfig: { iam: "DISABLED" } }) }),
            ];
            await blocks(rs, "ecs-task-network-mode-awsvpc", "host", ["networkMode"]);
            await blocks(rs, "ecs-task-network-mode-awsvpc", "bridge", ["networkMode"]);
            await blocks(rs, "ecs-task-network-mode-awsvpc", "none", ["networkMode"]);
            await blocks(rs, "ecs-task-network-mode-awsvpc", "unset", ["networkMode"]);
            await blocks(rs, "ecs-task-efs-transit-encryption", "plain-efs", ["transitEncryption"]);
            await blocks(rs, "ecs-task-efs-transit-encryption", "tls-off", ["transitEncryption"]);
            await blocks(rs, "ecs-task-efs-iam-authorization", "plain-efs", ["authorizationConfig.iam"]);
            await blocks(rs, "ecs-task-efs-iam-authorization", "iam-off", ["authorizationConfig.iam"]);
        });
    });

    describe("item 7: S3 buckets", () => {
        const dataTags = { tags: { Backup: "daily" } };
        it("compliant: aws.s3.Bucket with separate configuration resources tied by dependency (preview) and by known name", async () => {
            await passes([...account(), ...bucket("data", { props: dataTags }), ...bucket("data-known", { props: dataTags, known: true })]);
        });
        it("compliant: aws.s3.BucketV2 with V2 satellites; an audit bucket whose Object Lock comes from a BucketObjectLockConfiguration", async () => {
            await passes([
                ...account(),
                ...bucket("data-v2", { type: T.bucketV2, v2: true, props: dataTags }),
                ...bucket("alb-logs", { props: { tags: { Purpose: "audit" } } }),
                r(T.objectLock, "alb-logs", { bucket: U(), rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } }, { bucket: [[T.bucket, "alb-logs"]] }),
                ...bucket("config-logs", { type: T.bucketV2, v2: true, props: { tags: { Purpose: "audit" } } }),
                r(T.objectLockV2, "config-logs", { bucket: U(), objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } }, { bucket: [[T.bucketV2, "config-logs"]] }),
            ]);
        });
        it("compliant: the deprecated inline forms (Bucket versioning/logging/lifecycleRules/objectLockConfiguration, BucketV2 versionings/loggings)", async () => {
            const inline = (name: string, type: string, props: Record<string, unknown>) => {
                const [b, ...rest] = bucket(name, { type, versioning: false, lifecycle: false, logging: false });
                return [r(type, name, { ...b.props, ...props }), ...rest];
            };
            await passes([
                ...account(),
                ...inline("legacy", T.bucket, {
                    tags: { Backup: "daily" },
                    versioning: { enabled: true },
                    logging: { targetBucket: U(), targetPrefix: "legacy/" },
                    lifecycleRules: [{ id: "noncurrent", enabled: true, noncurrentVersionExpiration: { days: 90 } }],
                }),
                ...inline("legacy-audit", T.bucket, {
                    tags: { Purpose: "audit" },
                    versioning: { enabled: true },
                    logging: { targetBucket: "govstack-prod-access-logs" },
                    lifecycleRules: [{ enabled: true, expiration: { days: 2555 } }],
                    objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
                }),
                ...inline("legacy-v2", T.bucketV2, {
                    tags: { Backup: "daily" },
                    versionings: [{ enabled: true }],
                    loggings: [{ targetBucket: "govstack-prod-access-logs", targetPrefix: "v2/" }],
                    lifecycleRules: [{ enabled: true, noncurrentVersionExpirations: [{ days: 90 }] }],
                }),
            ]);
        });
        it("compliant: an access-log bucket that only inline logging blocks name is not asked to log into itself", async () => {
            const only = allPolicies.filter((p) => p.name === "s3-bucket-access-logging");
            const rs = [
                r(T.bucket, "legacy-logs", { bucket: "govstack-prod-legacy-logs" }),
                r(T.bucket, "src", { bucket: "govstack-prod-src", logging: { targetBucket: "govstack-prod-legacy-logs", targetPrefix: "src/" } }),
                r(T.bucketV2, "src2", { bucket: "govstack-prod-src2", loggings: [{ targetBucket: U() }] }, { loggings: [[T.bucket, "legacy-logs"]] }),
            ];
            assert.deepEqual(show(await judge(rs, only)), []);
        });
        it("compliant: a data bucket replicated to the other region instead of backed up", async () => {
            const dr = probeProvider("dr", { region: DR_REGION, useFipsEndpoint: true, allowedAccountIds: [ACCOUNT], defaultTags: { tags: TAGS } });
            const replica = bucket("replica").map((x) => ({ ...x, provider: dr }));
            await passes([
                ...account(),
                ...bucket("replicated"),
                ...replica,
                serviceRole("replication", "s3.amazonaws.com"),
                r(
                    T.replication,
                    "replicated",
                    { bucket: U(), role: U(), rules: [{ id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: U(), storageClass: "STANDARD_IA" } }] },
                    { bucket: [[T.bucket, "replicated"]], role: [[T.role, "replication"]], rules: [[T.bucket, "replica"]] },
                    [urnOf(T.versioning, "replicated")],
                ),
            ]);
            // The deprecated inline forms: Bucket replicationConfiguration, BucketV2 replicationConfigurations (known destination ARN).
            const inlineReplica = (name: string, type: string, props: Record<string, unknown>) => {
                const [b, ...rest] = bucket(name, { type });
                return [r(type, name, { ...b.props, ...props }), ...rest];
            };
            const role = `arn:${P}:iam::${ACCOUNT}:role/replication`;
            await passes([
                ...account(),
                ...replica,
                ...inlineReplica("inline-v1", T.bucket, { replicationConfiguration: { role, rules: [{ id: "all", status: "Enabled", destination: { bucket: `arn:${P}:s3:::govstack-prod-replica` } }] } }),
                ...inlineReplica("inline-v2", T.bucketV2, { replicationConfigurations: [{ role, rules: [{ id: "all", status: "Enabled", destinations: [{ bucket: `arn:${P}:s3:::govstack-prod-replica` }] }] }] }),
            ]);
        });
        it("violating: no versioning or Suspended, no lifecycle or only Disabled rules, no access logging, no ownership or ObjectWriter, an audit bucket without Object Lock, an unprotected data bucket", async () => {
            const rs = [
                ...account(),
                ...bucket("no-versioning", { versioning: false, props: dataTags }),
                ...bucket("suspended", { versioning: false, props: dataTags }),
                r(T.versioning, "suspended", { bucket: U(), versioningConfiguration: { status: "Suspended" } }, { bucket: [[T.bucket, "suspended"]] }),
                ...bucket("no-lifecycle", { lifecycle: false, props: dataTags }),
                ...bucket("disabled-rules", { lifecycle: false, props: dataTags }),
                r(T.lifecycle, "disabled-rules", { bucket: U(), rules: [{ id: "x", status: "Disabled", expiration: { days: 30 } }] }, { bucket: [[T.bucket, "disabled-rules"]] }),
                ...bucket("no-logging", { logging: false, props: dataTags }),
                ...bucket("v2-no-logging", { type: T.bucketV2, v2: true, logging: false, props: dataTags }),
                ...bucket("no-ownership", { ownership: false, props: dataTags }),
                ...bucket("writer", { ownership: false, props: dataTags }),
                r(T.ownership, "writer", { bucket: U(), rule: { objectOwnership: "ObjectWriter" } }, { bucket: [[T.bucket, "writer"]] }),
                ...bucket("govstack-cloudtrail", {}),
                ...bucket("lb-logs", { props: { tags: { Purpose: "audit" } } }),
                ...bucket("unprotected", {}),
            ];
            await blocks(rs, "s3-bucket-versioning-enabled", "no-versioning", ["versioning"]);
            await blocks(rs, "s3-bucket-versioning-enabled", "suspended", ["versioning"]);
            await blocks(rs, "s3-bucket-lifecycle-configured", "no-lifecycle", ["lifecycle"]);
            await blocks(rs, "s3-bucket-lifecycle-configured", "disabled-rules", ["lifecycle", "Enabled"]);
            await blocks(rs, "s3-bucket-access-logging", "no-logging", ["access logging"]);
            await blocks(rs, "s3-bucket-access-logging", "v2-no-logging", ["access logging"]);
            await blocks(rs, "s3-bucket-owner-enforced", "no-ownership", ["BucketOwnerEnforced"]);
            await blocks(rs, "s3-bucket-owner-enforced", "writer", ["BucketOwnerEnforced"]);
            await blocks(rs, "s3-audit-bucket-object-lock", "govstack-cloudtrail", ["Object Lock", "objectLockEnabled"]);
            await blocks(rs, "s3-audit-bucket-object-lock", "lb-logs", ["Object Lock", "objectLockEnabled"]);
            await blocks(rs, "s3-data-bucket-replicated-or-backed-up", "unprotected", ["replicated", "Backup"]);
        });
        it("violating: group grants of WRITE_ACP, READ_ACP or FULL_CONTROL (BucketAcl and inline grants); event notifications only advise", async () => {
            const group = (g: string) => `http://acs.amazonaws.com/groups/${g}`;
            const rs = [
                r(T.bucketAcl, "acl", {
                    bucket: "govstack-prod-data",
                    accessControlPolicy: {
                        owner: { id: "abc" },
                        grants: [
                            { grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" },
                            { grantee: { type: "Group", uri: group("s3/LogDelivery") }, permission: "READ_ACP" },
                        ],
                    },
                }),
                r(T.bucketAcl, "acl-write", { bucket: "govstack-prod-data", accessControlPolicy: { owner: { id: "abc" }, grants: [{ grantee: { type: "Group", uri: group("global/AuthenticatedUsers") }, permission: "WRITE_ACP" }] } }),
                r(T.bucket, "inline-grants", { bucket: "govstack-prod-inline", grants: [{ type: "Group", uri: group("global/AuthenticatedUsers"), permissions: ["READ", "FULL_CONTROL"] }] }),
            ];
            await blocks(rs, "s3-acl-no-group-acp-grants", "acl", ["READ_ACP", "LogDelivery"]);
            await blocks(rs, "s3-acl-no-group-acp-grants", "acl-write", ["WRITE_ACP"]);
            await blocks(rs, "s3-acl-no-group-acp-grants", "inline-grants", ["FULL_CONTROL"]);
            const quiet = await judge([...account(), ...bucket("quiet", { notifications: false, props: dataTags })]);
            assert.deepEqual(show(quiet), [
                'advisory s3-bucket-event-notifications [quiet]: S3 bucket "quiet" sends no event notifications; add an aws.s3.BucketNotification with eventbridge: true or a topic, queue or Lambda function.',
            ]);
        });
    });

    describe("item 8: a WAFv2 web ACL attached to a load balancer logs", () => {
        const webAcl = (name: string) =>
            r(T.webAcl, name, {
                name,
                scope: "REGIONAL",
                defaultAction: { allow: {} },
                rules: [{ name: "common", priority: 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } }, visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "common", sampledRequestsEnabled: true } }],
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
            });
        const lb = (name: string) => r(T.alb, name, { loadBalancerType: "application", internal: false, subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] });
        it("compliant: a logging configuration to a CloudWatch log group (tied by dependency) and to Firehose (known ARN)", async () => {
            const fs = await judge([
                webAcl("web"),
                lb("web"),
                r(T.wafAssoc, "web", { resourceArn: U(), webAclArn: U() }, { resourceArn: [[T.alb, "web"]], webAclArn: [[T.webAcl, "web"]] }),
                logGroup("waf", "aws-waf-logs-web"),
                r(T.wafLogging, "web", { resourceArn: U(), logDestinationConfigs: [U()] }, { resourceArn: [[T.webAcl, "web"]], logDestinationConfigs: [[T.logGroup, "waf"]] }),
                { ...webAcl("api"), props: { ...webAcl("api").props, arn: `arn:${P}:wafv2:${REGION}:${ACCOUNT}:regional/webacl/api/a1b2c3d4`, id: "a1b2c3d4" } },
                r(T.wafAssoc, "api", { resourceArn: `arn:${P}:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/api/50dc6c495c0c9188`, webAclArn: `arn:${P}:wafv2:${REGION}:${ACCOUNT}:regional/webacl/api/a1b2c3d4` }),
                r(T.wafLogging, "api", { resourceArn: `arn:${P}:wafv2:${REGION}:${ACCOUNT}:regional/webacl/api/a1b2c3d4`, logDestinationConfigs: [`arn:${P}:firehose:${REGION}:${ACCOUNT}:deliverystream/aws-waf-logs-api`] }),
            ]);
            assert.deepEqual(show(fs.filter((f) => f.policy === "wafv2-web-acl-logging" || f.resource === "web" && f.policy.startsWith("wafv2"))), []);
        });
        it("violating: an attached ACL without a logging configuration, one whose configuration has no destination", async () => {
            const rs = [
                webAcl("web"),
                lb("web"),
                r(T.wafAssoc, "web", { resourceArn: U(), webAclArn: U() }, { resourceArn: [[T.alb, "web"]], webAclArn: [[T.webAcl, "web"]] }),
                webAcl("empty"),
                r(T.wafAssoc, "empty", { resourceArn: `arn:${P}:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/b/1`, webAclArn: U() }, { webAclArn: [[T.webAcl, "empty"]] }),
                r(T.wafLogging, "empty", { resourceArn: U(), logDestinationConfigs: [] }, { resourceArn: [[T.webAcl, "empty"]] }),
            ];
            await blocks(rs, "wafv2-web-acl-logging", "web", ["WebAclLoggingConfiguration"]);
            await blocks(rs, "wafv2-web-acl-logging", "empty", ["WebAclLoggingConfiguration"]);
        });
    });

    describe("item 9: CloudTrail to CloudWatch Logs, with a CMK, recording S3 data events", () => {
        const trail = (name: string, props: Record<string, unknown>) =>
            r(T.trail, name, {
                name,
                s3BucketName: "govstack-prod-audit",
                kmsKeyId: KEY_ARN,
                cloudWatchLogsGroupArn: `arn:${P}:logs:${REGION}:${ACCOUNT}:log-group:/govstack/prod/cloudtrail:*`,
                cloudWatchLogsRoleArn: `arn:${P}:iam::${ACCOUNT}:role/cloudtrail-logs`,
                enableLogFileValidation: true,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: [`arn:${P}:s3:::govstack-prod-data/`] }] }],
                ...props,
            });
        it("compliant: known ARNs with classic selectors; advanced selectors for management and S3 data events; a key alias of a CMK", async () => {
            await passes([
                trail("classic", {}),
                trail("advanced", {
                    eventSelectors: undefined,
                    advancedEventSelectors: [
                        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                        { name: "S3 data events", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] },
                    ],
                }),
                trail("alias", { kmsKeyId: `arn:${P}:kms:${REGION}:${ACCOUNT}:alias/govstack-audit` }),
                trail("split", {
                    eventSelectors: [
                        { readWriteType: "ReadOnly", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: [`arn:${P}:s3:::govstack-prod-data/`] }] },
                        { readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: [`arn:${P}:s3:::govstack-prod-data/`] }] },
                    ],
                }),
            ]);
        });
        it("violating: no CloudWatch Logs, a log group without its role, no key, an AWS-managed key, no S3 data events", async () => {
            const rs = [
                trail("no-cwl", { cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined }),
                trail("no-role", { cloudWatchLogsRoleArn: undefined }),
                trail("sse-s3", { kmsKeyId: undefined }),
                trail("managed", { kmsKeyId: "alias/aws/cloudtrail" }),
                trail("managed-arn", { kmsKeyId: `arn:${P}:kms:${REGION}:${ACCOUNT}:alias/aws/cloudtrail` }),
                trail("management-only", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }),
                trail("lambda-only", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::Lambda::Function", values: [`arn:${P}:lambda`] }] }] }),
                trail("write-only", { eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: [`arn:${P}:s3`] }] }] }),
                trail("advanced-read-only", {
                    eventSelectors: undefined,
                    advancedEventSelectors: [{ name: "s3 reads", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "readOnly", equals: ["true"] }] }],
                }),
                trail("advanced-management-only", { eventSelectors: undefined, advancedEventSelectors: [{ name: "m", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }] }),
            ];
            await blocks(rs, "cloudtrail-cloudwatch-logs", "no-cwl", ["cloudWatchLogsGroupArn"]);
            await blocks(rs, "cloudtrail-cloudwatch-logs", "no-role", ["cloudWatchLogsRoleArn"]);
            await blocks(rs, "cloudtrail-cmk-encrypted", "sse-s3", ["kmsKeyId"]);
            await blocks(rs, "cloudtrail-cmk-encrypted", "managed", ["kmsKeyId", "alias/aws/cloudtrail"]);
            await blocks(rs, "cloudtrail-cmk-encrypted", "managed-arn", ["kmsKeyId"]);
            await blocks(rs, "cloudtrail-s3-data-events", "management-only", ["S3 data events"]);
            await blocks(rs, "cloudtrail-s3-data-events", "lambda-only", ["S3 data events"]);
            await blocks(rs, "cloudtrail-s3-data-events", "advanced-management-only", ["S3 data events"]);
            await blocks(rs, "cloudtrail-s3-data-events", "write-only", ["S3 data-event reads", "readWriteType"]);
            await blocks(rs, "cloudtrail-s3-data-events", "advanced-read-only", ["S3 data-event writes"]);
        });
    });

    describe("item 10: detection services in a workload stack", () => {
        const workload = () => r(T.alb, "web", { loadBalancerType: "application", internal: true, subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] });
        const detectionOf = (policies: readonly string[]) => allPolicies.filter((p) => policies.includes(p.name));
        const DETECTION = ["guardduty-detector-enabled", "securityhub-standard-subscribed", "config-recorder-enabled"];
        it("compliant: the baseline's detector features, hub subscription and started recorder; legacy datasources; default standards; a known recorder name", async () => {
            const fs = await judge([...detection(), workload()], detectionOf(DETECTION));
            assert.deepEqual(show(fs), []);
            const legacy = [
                r(T.detector, "gd", { enable: true, datasources: { s3Logs: { enable: true }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: { enable: true } } } } }),
                r(T.hub, "hub", {}),
                r(T.recorder, "rec", { name: "main", roleArn: `arn:${P}:iam::${ACCOUNT}:role/config` }),
                r(T.channel, "ch", { name: "main", s3BucketName: "govstack-prod-config-logs" }),
                r(T.recorderStatus, "rec", { name: "main", isEnabled: true }),
                r(T.retention, "ret", { retentionPeriodInDays: 2557 }),
                workload(),
            ];
            assert.deepEqual(show(await judge(legacy, detectionOf(DETECTION))), []);
        });
        it("compliant: a stack that names the owner of the account's services passes with an advisory naming it", async () => {
            const delegated = probeKit(allPolicies, PROVIDER, { ...PROD, "guardduty-detector-enabled": { accountServicesOwner: "shared-security" }, "securityhub-standard-subscribed": { accountServicesOwner: "shared-security" }, "config-recorder-enabled": { accountServicesOwner: "shared-security" } });
            const fs = await delegated.judge([workload()], detectionOf(DETECTION));
            assert.deepEqual(show(fs.filter((f) => f.level === "mandatory")), []);
            assert.equal(fs.length, 3);
            assert.ok(fs.every((f) => f.message.includes("shared-security")), JSON.stringify(show(fs)));
        });
        it("violating: a workload without the services; a disabled detector, a missing or DISABLED feature; no standard; a stopped recorder, no channel, short retention", async () => {
            await blocks([workload()], "guardduty-detector-enabled", "web", ["GuardDuty"]);
            await blocks([workload()], "securityhub-standard-subscribed", "web", ["Security Hub"]);
            await blocks([workload()], "config-recorder-enabled", "web", ["AWS Config recorder"]);
            await blocks([workload(), r(T.detector, "off", { enable: false })], "guardduty-detector-enabled", "off", ["enable"]);
            await blocks(
                [workload(), r(T.detector, "gd", { enable: true }), r(T.detectorFeature, "s3", { detectorId: U(), name: "S3_DATA_EVENTS", status: "DISABLED" }, { detectorId: [[T.detector, "gd"]] })],
                "guardduty-detector-enabled",
                "gd",
                ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION"],
            );
            await blocks([workload(), r(T.hub, "hub", { enableDefaultStandards: false })], "securityhub-standard-subscribed", "hub", ["enableDefaultStandards", "StandardsSubscription"]);
            const config = (status: Record<string, unknown> | undefined, retention: number | undefined, channel = true) => [
                workload(),
                r(T.recorder, "rec", { name: "main", roleArn: "arn" }),
                ...(status ? [r(T.recorderStatus, "rec", { name: "main", ...status })] : []),
                ...(channel ? [r(T.channel, "ch", { s3BucketName: "b" })] : []),
                ...(retention !== undefined ? [r(T.retention, "ret", { retentionPeriodInDays: retention })] : []),
            ];
            await blocks(config({ isEnabled: false }, 2557), "config-recorder-enabled", "rec", ["isEnabled"]);
            await blocks(config({ isEnabled: true }, 2557, false), "config-recorder-enabled", "rec", ["DeliveryChannel"]);
            await blocks(config({ isEnabled: true }, 365), "config-recorder-enabled", "ret", ["retentionPeriodInDays", "2557"]);
            await blocks(config({ isEnabled: true }, undefined), "config-recorder-enabled", "rec", ["RetentionConfiguration"]);
        });
        it("Config rules without an automatic remediation only advise", async () => {
            const fs = await judge([r(T.configRule, "s3-versioning", { name: "s3-versioning", source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_VERSIONING_ENABLED" } })], detectionOf(["config-rule-auto-remediation"]));
            assert.equal(fs.length, 1);
            assert.equal(fs[0].level, "advisory");
            assert.ok(fs[0].message.includes("automatic remediation"));
        });
    });

    describe("item 11: CloudWatch alarms act; log groups declare retention", () => {
        it("compliant: an alarm notifying a topic (computed ARN and known ARN); log groups keeping 365 days and 10 years", async () => {
            await passes([
                dataKey("logs"),
                r(T.alarm, "cpu", { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 2, metricName: "CPUUtilization", namespace: "AWS/RDS", period: 300, statistic: "Average", threshold: 80, alarmActions: [U()], okActions: [U()] }, { alarmActions: [[T.topic, "alerts"]], okActions: [[T.topic, "alerts"]] }),
                r(T.alarm, "errors", { comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, metricName: "5XXError", namespace: "AWS/ApiGateway", period: 60, statistic: "Sum", threshold: 1, alarmActions: [`arn:${P}:sns:${REGION}:${ACCOUNT}:alerts`], actionsEnabled: true }),
                logGroup("app"),
                r(T.logGroup, "archive", { name: "/govstack/archive", retentionInDays: 3653, kmsKeyId: KEY_ARN }),
            ]);
        });
        it("violating: no alarm action, an empty list, actions disabled, only OK actions; retention unset, 0 or 30 days", async () => {
            const alarm = (name: string, props: Record<string, unknown>) => r(T.alarm, name, { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, metricName: "Errors", namespace: "AWS/Lambda", period: 60, statistic: "Sum", threshold: 1, ...props });
            const rs = [
                alarm("silent", {}),
                alarm("empty", { alarmActions: [] }),
                alarm("disabled", { alarmActions: [`arn:${P}:sns:${REGION}:${ACCOUNT}:alerts`], actionsEnabled: false }),
                alarm("ok-only", { okActions: [`arn:${P}:sns:${REGION}:${ACCOUNT}:alerts`] }),
                r(T.logGroup, "forever", { name: "/x", kmsKeyId: KEY_ARN }),
                r(T.logGroup, "zero", { name: "/y", kmsKeyId: KEY_ARN, retentionInDays: 0 }),
                r(T.logGroup, "month", { name: "/z", kmsKeyId: KEY_ARN, retentionInDays: 30 }),
            ];
            await blocks(rs, "cloudwatch-alarm-has-action", "silent", ["alarmActions"]);
            await blocks(rs, "cloudwatch-alarm-has-action", "empty", ["alarmActions"]);
            await blocks(rs, "cloudwatch-alarm-has-action", "disabled", ["actionsEnabled"]);
            await blocks(rs, "cloudwatch-alarm-has-action", "ok-only", ["alarmActions"]);
            await blocks(rs, "cloudwatch-log-retention", "forever", ["retentionInDays"]);
            await blocks(rs, "cloudwatch-log-retention", "zero", ["retentionInDays"]);
            await blocks(rs, "cloudwatch-log-retention", "month", ["retentionInDays", "365"]);
        });
    });

    describe("item 12: Secrets Manager secrets rotate", () => {
        const secret = (name: string, props: Record<string, unknown> = {}) => r(T.secret, name, { name: `govstack/prod/${name}`, kmsKeyId: U(), recoveryWindowInDays: 30, ...props }, { kmsKeyId: keyRef() });
        it("compliant: a SecretRotation tied by dependency (days or a schedule expression), by the secret's ARN, an RDS-managed master password", async () => {
            await passes([
                dataKey(),
                secret("api"),
                r(T.secretRotation, "api", { secretId: U(), rotationLambdaArn: U(), rotationRules: { automaticallyAfterDays: 30 } }, { secretId: [[T.secret, "api"]], rotationLambdaArn: [[T.lambda, "rotator"]] }),
                secret("db"),
                r(T.secretRotation, "db", { secretId: U(), rotationLambdaArn: `arn:${P}:lambda:${REGION}:${ACCOUNT}:function:rotator`, rotationRules: { scheduleExpression: "rate(7 days)", duration: "2h" } }, { secretId: [[T.secret, "db"]] }),
                secret("known"),
                r(T.secretRotation, "known", { secretId: `arn:${P}:secretsmanager:${REGION}:${ACCOUNT}:secret:govstack/prod/known-AbC123`, rotationLambdaArn: `arn:${P}:lambda:${REGION}:${ACCOUNT}:function:rotator`, rotationRules: { automaticallyAfterDays: 90 } }),
            ]);
        });
        it("violating: a secret without a rotation, a rotation switched off, a rotation without rules", async () => {
            const rs = [
                secret("plain"),
                secret("off"),
                r(T.secretRotation, "off", { secretId: U(), rotationEnabled: false, rotationRules: { automaticallyAfterDays: 30 } }, { secretId: [[T.secret, "off"]] }),
                secret("no-rules"),
                r(T.secretRotation, "no-rules", { secretId: U(), rotationLambdaArn: "arn" }, { secretId: [[T.secret, "no-rules"]] }),
            ];
            await blocks(rs, "secretsmanager-secret-rotation", "plain", ["SecretRotation"]);
            await blocks(rs, "secretsmanager-secret-rotation", "off", ["rotationEnabled"]);
            await blocks(rs, "secretsmanager-secret-rotation", "no-rules", ["rotationRules"]);
        });
    });

    describe("item 13: OpenSearch logs; Redshift audit logging and snapshots", () => {
        const domain = (name: string, logs: readonly Record<string, unknown>[]) =>
            r(T.opensearch, name, {
                domainName: name,
                engineVersion: "OpenSearch_2.13",
                clusterConfig: { instanceType: "r6g.large.search", instanceCount: 3, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 3 }, dedicatedMasterEnabled: true, dedicatedMasterCount: 3, dedicatedMasterType: "r6g.large.search" },
                vpcOptions: { subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"], securityGroupIds: ["sg-0a1b2c3d4e5f60001"] },
                encryptAtRest: { enabled: true, kmsKeyId: KEY_ARN },
                nodeToNodeEncryption: { enabled: true },
                domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
                advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: `arn:${P}:iam::${ACCOUNT}:role/search-admin` } },
                ebsOptions: { ebsEnabled: true, volumeSize: 100, volumeType: "gp3" },
                logPublishingOptions: logs,
            });
        const log = (logType: string, extra: Record<string, unknown> = {}) => ({ logType, cloudwatchLogGroupArn: `arn:${P}:logs:${REGION}:${ACCOUNT}:log-group:/aws/opensearch/${logType}`, ...extra });
        const cluster = (name: string, props: Record<string, unknown> = {}) =>
            r(T.redshift, name, {
                clusterIdentifier: name,
                nodeType: "ra3.xlplus",
                numberOfNodes: 2,
                masterUsername: "dbadmin",
                manageMasterPassword: true,
                encrypted: true,
                kmsKeyId: KEY_ARN,
                publiclyAccessible: false,
                enhancedVpcRouting: true,
                clusterSubnetGroupName: "govstack-prod-redshift",
                clusterParameterGroupName: "require-ssl",
                automatedSnapshotRetentionPeriod: 7,
                ...props,
            });
        it("compliant: a domain publishing application and audit logs (plus slow logs); clusters logging to S3 (known) and CloudWatch (by dependency)", async () => {
            await passes([
                domain("search", [log("ES_APPLICATION_LOGS"), log("AUDIT_LOGS", { enabled: true }), log("INDEX_SLOW_LOGS"), log("SEARCH_SLOW_LOGS", { enabled: false })]),
                cluster("warehouse"),
                r(T.redshiftLogging, "warehouse", { clusterIdentifier: "warehouse", logDestinationType: "s3", bucketName: "govstack-prod-redshift-audit-logs", s3KeyPrefix: "audit/" }),
                cluster("analytics", { automatedSnapshotRetentionPeriod: undefined }),
                r(T.redshiftLogging, "analytics", { clusterIdentifier: U(), logDestinationType: "cloudwatch", logExports: ["connectionlog", "userlog", "useractivitylog"] }, { clusterIdentifier: [[T.redshift, "analytics"]] }),
            ].map((x) => (x.type === T.redshiftLogging && "s3KeyPrefix" in x.props ? { ...x, props: { clusterIdentifier: "warehouse", logDestinationType: "s3", bucketName: "govstack-prod-redshift-audit-logs" } } : x)));
        });
        it("violating: no audit log, audit disabled, no logs; a cluster without logging, CloudWatch logging without userlog, snapshots off", async () => {
            const rs = [
                domain("app-only", [log("ES_APPLICATION_LOGS")]),
                domain("audit-off", [log("ES_APPLICATION_LOGS"), log("AUDIT_LOGS", { enabled: false })]),
                domain("none", []),
                cluster("silent"),
                cluster("partial"),
                r(T.redshiftLogging, "partial", { clusterIdentifier: "partial", logDestinationType: "cloudwatch", logExports: ["connectionlog"] }),
                cluster("no-snapshots", { automatedSnapshotRetentionPeriod: 0 }),
                r(T.redshiftLogging, "no-snapshots", { clusterIdentifier: "no-snapshots", bucketName: "b" }),
            ];
            await blocks(rs, "opensearch-logs-to-cloudwatch", "app-only", ["AUDIT_LOGS", "logPublishingOptions"]);
            await blocks(rs, "opensearch-logs-to-cloudwatch", "audit-off", ["AUDIT_LOGS"]);
            await blocks(rs, "opensearch-logs-to-cloudwatch", "none", ["ES_APPLICATION_LOGS", "AUDIT_LOGS"]);
            await blocks(rs, "redshift-audit-logging", "silent", ["aws.redshift.Logging"]);
            await blocks(rs, "redshift-audit-logging", "partial", ["userlog"]);
            await blocks(rs, "redshift-snapshot-retention", "no-snapshots", ["automatedSnapshotRetentionPeriod"]);
        });
    });

    describe("item 14: SQS queues have a dead-letter queue (advisory)", () => {
        const queue = (name: string, props: Record<string, unknown> = {}, deps = {}) => r(T.queue, name, { name, kmsMasterKeyId: KEY_ARN, ...props }, deps);
        const dlqArn = `arn:${P}:sqs:${REGION}:${ACCOUNT}:orders-dlq`;
        it("compliant: a redrive policy to a DLQ that allows it (known ARNs); a separate RedrivePolicy; at preview only advisories", async () => {
            await passes([
                queue("orders", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }) }),
                queue("orders-dlq", { messageRetentionSeconds: 1209600, redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [`arn:${P}:sqs:${REGION}:${ACCOUNT}:orders`] }) }),
                queue("jobs"),
                r(T.redrive, "jobs", { queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`, redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) }),
            ].map((x) => (x.name === "jobs" && x.type === T.queue ? { ...x, props: { ...x.props, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs` } } : x)));
            const preview = await noMandatory([queue("a", { redrivePolicy: U() }, { redrivePolicy: [[T.queue, "a-dlq"]] }), queue("a-dlq")]);
            assert.ok(preview.every((f) => f.level === "advisory"));
        });
        it("violating: a queue without a DLQ is reported at the policy's level (advisory), blocking where a stack raises it", async () => {
            const fs = await judge([queue("lonely")], allPolicies.filter((p) => p.name === "sqs-queue-dead-letter-queue"));
            assert.deepEqual(show(fs), [
                'advisory sqs-queue-dead-letter-queue [lonely]: SQS queue "lonely" has no dead-letter queue; set redrivePolicy with deadLetterTargetArn and maxReceiveCount, or add an aws.sqs.RedrivePolicy for it.',
            ]);
            const raised = probeKit(allPolicies, PROVIDER, { ...PROD, "sqs-queue-dead-letter-queue": "mandatory" });
            await raised.blocks([queue("lonely")], "sqs-queue-dead-letter-queue", "lonely", ["redrivePolicy"]);
        });
    });

    describe("through the compiled pack over the analyzer protocol, with prod's pack config", () => {
        const pack = servedPack(kit, PROD);
        before(async function () {
            this.timeout(300000);
            await pack.open();
        });
        after(async () => {
            await pack.close();
        });
        it("compliant probes report nothing: the account baseline, an audit bucket locked by a BucketObjectLockConfiguration, a BucketV2 with inline versionings/loggings", async () => {
            const lockedLater = [...bucket("alb-logs", { props: { tags: { Purpose: "audit" } } }), r(T.objectLock, "alb-logs", { bucket: U(), rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } }, { bucket: [[T.bucket, "alb-logs"]] })];
            const [v2, ...v2rest] = bucket("legacy-v2", { type: T.bucketV2, versioning: false, logging: false, props: { tags: { Backup: "daily" } } });
            assert.deepEqual(await pack.served([...account(), ...lockedLater, { ...v2, props: { ...v2.props, versionings: [{ enabled: true }], loggings: [{ targetBucket: "govstack-prod-access-logs" }] } }, ...v2rest]), []);
        });
        it("violating probes are blocked (mandatory) by the item's policy", async () => {
            const diags = await pack.served([
                r(T.key, "week", { deletionWindowInDays: 7, enableKeyRotation: true, policy: keyPolicy() }),
                r(T.key, "hmac-rotating", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", enableKeyRotation: true, policy: keyPolicy() }),
                r(T.rdsInstance, "pg", { engine: "postgres", instanceClass: "db.m6g.large", storageEncrypted: true, kmsKeyId: KEY_ARN, enabledCloudwatchLogsExports: ["postgresql"] }),
                r(T.replicationGroup, "redis", { description: "r", snapshotRetentionLimit: 1 }),
                r(T.table, "t", { hashKey: "pk" }),
                r(T.taskDef, "host", { family: "host", networkMode: "host", containerDefinitions: "[]" }),
                ...bucket("govstack-cloudtrail", {}),
                r(T.trail, "trail", { s3BucketName: "b", isMultiRegionTrail: true }),
                r(T.logGroup, "forever", { name: "/x", kmsKeyId: KEY_ARN }),
                r(T.secret, "plain", { name: "plain", kmsKeyId: KEY_ARN }),
            ]);
            const blocked = (policy: string, name: string) => assert.ok(diags.some((d) => d.startsWith(`mandatory ${policy} [${name}]`)), `${policy} ${name}: ${diags.join("\n")}`);
            blocked("kms-key-deletion-window", "week");
            blocked("kms-key-rotation-supported", "hmac-rotating");
            blocked("rds-log-exports-enabled", "pg");
            blocked("rds-enhanced-monitoring", "pg");
            blocked("elasticache-snapshot-retention", "redis");
            blocked("dynamodb-point-in-time-recovery", "t");
            blocked("ecs-task-network-mode-awsvpc", "host");
            blocked("s3-audit-bucket-object-lock", "govstack-cloudtrail");
            blocked("cloudtrail-cloudwatch-logs", "trail");
            blocked("cloudtrail-cmk-encrypted", "trail");
            blocked("cloudtrail-s3-data-events", "trail");
            blocked("cloudwatch-log-retention", "forever");
            blocked("secretsmanager-secret-rotation", "plain");
            blocked("guardduty-detector-enabled", "pg");
            blocked("securityhub-standard-subscribed", "pg");
            blocked("config-recorder-enabled", "pg");
        });
    });
});

