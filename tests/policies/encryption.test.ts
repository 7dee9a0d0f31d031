import * as assert from "node:assert/strict";

import type { GovPolicy } from "../../policies/lib";
import * as enc from "../../policies/rules/encryption";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    runResourcePolicy,
    runStackPolicy,
    unknown,
    urnOf,
} from "./helpers";
import { S3_BUCKET, S3_BUCKET_V2, S3_SSE_CONFIG } from "../../policies/lib";

const KEY = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

interface Case {
    policy: GovPolicy;
    type: string;
    name: string;
    bad: Record<string, unknown>;
    message: string;
    /** A second violation: the AWS-managed key, where the policy checks for a CMK. */
    awsManaged?: { props: Record<string, unknown>; message: string };
    good: Record<string, unknown>;
    unknownProps: Record<string, unknown>;
}

const cases: Case[] = [
    {
        policy: enc.rdsStorageEncrypted,
        type: "aws:rds/instance:Instance",
        name: "db",
        bad: { storageEncrypted: false },
        message: 'RDS instance "db" is not encrypted at rest; set storageEncrypted: true.',
        awsManaged: {
            props: { storageEncrypted: true },
            message: 'RDS instance "db" has no kmsKeyId, so it is encrypted with an AWS-managed key; set kmsKeyId to a customer-managed KMS key.',
        },
        good: { storageEncrypted: true, kmsKeyId: KEY },
        unknownProps: { storageEncrypted: unknown(), kmsKeyId: unknown() },
    },
    {
        policy: enc.rdsPerformanceInsightsCmk,
        type: "aws:rds/cluster:Cluster",
        name: "aurora",
        bad: { performanceInsightsEnabled: true },
        message:
            'RDS cluster "aurora" Performance Insights has no performanceInsightsKmsKeyId, so it is encrypted with an AWS-managed key; set performanceInsightsKmsKeyId to a customer-managed KMS key.',
        good: { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY },
        unknownProps: { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: unknown() },
    },
    {
        policy: enc.elasticacheEncrypted,
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        name: "cache",
        bad: { atRestEncryptionEnabled: true, kmsKeyId: KEY, transitEncryptionEnabled: false },
        message: 'ElastiCache replication group "cache" does not encrypt in transit; set transitEncryptionEnabled: true.',
        awsManaged: {
            props: { atRestEncryptionEnabled: false, transitEncryptionEnabled: true },
            message: 'ElastiCache replication group "cache" is not encrypted at rest; set atRestEncryptionEnabled: true.',
        },
        good: { atRestEncryptionEnabled: true, transitEncryptionEnabled: true, kmsKeyId: KEY },
        unknownProps: { atRestEncryptionEnabled: unknown(), transitEncryptionEnabled: unknown(), kmsKeyId: unknown() },
    },
    {
        policy: enc.elasticacheClusterEncrypted,
        type: "aws:elasticache/cluster:Cluster",
        name: "solo",
        bad: { engine: "redis", nodeType: "cache.t3.micro" },
        message:
            'ElastiCache cluster "solo" runs redis outside a replication group, which cannot encrypt at rest; create it as an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled and transitEncryptionEnabled.',
        awsManaged: {
            props: { engine: "memcached" },
            message: 'ElastiCache cluster "solo" does not encrypt in transit; set transitEncryptionEnabled: true.',
        },
        good: { engine: "memcached", transitEncryptionEnabled: true },
        unknownProps: { engine: unknown() },
    },
    {
        policy: enc.elasticacheServerlessCmk,
        type: "aws:elasticache/serverlessCache:ServerlessCache",
        name: "sc",
        bad: { engine: "valkey" },
        message:
            'ElastiCache serverless cache "sc" has no kmsKeyId, so it is encrypted with an AWS-managed key; set kmsKeyId to a customer-managed KMS key.',
        good: { engine: "valkey", kmsKeyId: KEY },
        unknownProps: { kmsKeyId: unknown() },
    },
    {
        policy: enc.redshiftClusterEncrypted,
        type: "aws:redshift/cluster:Cluster",
        name: "wh",
        bad: { encrypted: "false" },
        message: 'Redshift cluster "wh" is not encrypted at rest; set encrypted: "true".',
        awsManaged: {
            props: {},
            message: 'Redshift cluster "wh" has no kmsKeyId, so it is encrypted with an AWS-managed key; set kmsKeyId to a customer-managed KMS key.',
        },
        good: { encrypted: "true", kmsKeyId: KEY },
        unknownProps: { encrypted: unknown() },
    },
    {
        policy: enc.rdsParameterGroupRequiresTls,
        type: "aws:rds/parameterGroup:ParameterGroup",
        name: "pg",
        bad: { family: "postgres14", parameters: [{ name: "log_connections", value: "1" }] },
        message: 'Parameter group "pg" (postgres14) does not require TLS (rds.force_ssl is unset); set rds.force_ssl to "1".',
        awsManaged: {
            props: { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "0" }] },
            message: 'Parameter group "pg" (postgres16) does not require TLS (rds.force_ssl is "0"); set rds.force_ssl to "1".',
        },
        good: { family: "postgres14", parameters: [{ name: "rds.force_ssl", value: "1" }] },
        unknownProps: { family: "postgres14", parameters: [{ name: "rds.force_ssl", value: unknown() }] },
    },
    {
        policy: enc.rdsParameterGroupRequiresTls,
        type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        name: "aurora",
        bad: { family: "aurora-mysql8.0", parameters: [] },
        message: 'Parameter group "aurora" (aurora-mysql8.0) does not require TLS (require_secure_transport is unset); set require_secure_transport to "ON".',
        good: { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] },
        unknownProps: { family: unknown(), parameters: unknown() },
    },
    {
        policy: enc.ebsVolumeEncrypted,
        type: "aws:ebs/volume:Volume",
        name: "data",
        bad: { size: 10 },
        message: 'EBS volume "data" is not encrypted; set encrypted: true.',
        awsManaged: {
            props: { encrypted: true, kmsKeyId: "alias/aws/ebs" },
            message: 'EBS volume "data" uses the AWS-managed key "alias/aws/ebs"; set kmsKeyId to a customer-managed KMS key.',
        },
        good: { encrypted: true, kmsKeyId: KEY },
        unknownProps: { encrypted: unknown() },
    },
    {
        policy: enc.ec2BlockDevicesEncrypted,
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        name: "lt",
        bad: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 20 } }] },
        message: 'Launch template "lt" blockDeviceMappings[0].ebs is not encrypted; set encrypted: true.',
        awsManaged: {
            props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] },
            message:
                'Launch template "lt" blockDeviceMappings[0].ebs has no kmsKeyId, so it is encrypted with an AWS-managed key; set kmsKeyId to a customer-managed KMS key.',
        },
        good: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY } }, { deviceName: "/dev/sdb", virtualName: "ephemeral0" }] },
        unknownProps: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: unknown(), kmsKeyId: unknown() } }] },
    },
    {
        policy: enc.ec2BlockDevicesEncrypted,
        type: "aws:ec2/instance:Instance",
        name: "vm",
        bad: { rootBlockDevice: { encrypted: true, kmsKeyId: KEY }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] },
        message: 'EC2 instance "vm" ebsBlockDevices[0] is not encrypted; set encrypted: true.',
        good: { rootBlockDevice: { encrypted: true, kmsKeyId: KEY } },
        unknownProps: { rootBlockDevice: unknown(), ebsBlockDevices: unknown() },
    },
    {
        policy: enc.efsEncrypted,
        type: "aws:efs/fileSystem:FileSystem",
        name: "fs",
        bad: { encrypted: false },
        message: 'EFS file system "fs" is not encrypted; set encrypted: true.',
        good: { encrypted: true, kmsKeyId: KEY },
        unknownProps: { encrypted: true, kmsKeyId: unknown() },
    },
    {
        policy: enc.s3BucketSseKms,
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        name: "backups",
        bad: { bucket: "gov-backups-111122223333-us-gov-west-1", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        message: 'S3 bucket "gov-backups-111122223333-us-gov-west-1" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.',
        awsManaged: {
            props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/s3" } }] },
            message:
                'S3 bucket "b" uses the AWS-managed key "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/aws/s3"; set applyServerSideEncryptionByDefault.kmsMasterKeyId to a customer-managed KMS key.',
        },
        good: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }] },
        unknownProps: { bucket: unknown(), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown() } }] },
    },
    {
        policy: enc.dynamodbTableCmk,
        type: "aws:dynamodb/table:Table",
        name: "t",
        bad: { hashKey: "id" },
        message: 'DynamoDB table "t" is encrypted with an AWS-owned key; set serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key> }.',
        good: { serverSideEncryption: { enabled: true, kmsKeyArn: KEY } },
        unknownProps: { serverSideEncryption: { enabled: true, kmsKeyArn: unknown() } },
    },
    {
        policy: enc.snsTopicEncrypted,
        type: "aws:sns/topic:Topic",
        name: "alerts",
        bad: { name: "alerts" },
        message: 'SNS topic "alerts" is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.',
        awsManaged: {
            props: { kmsMasterKeyId: "alias/aws/sns" },
            message: 'SNS topic "alerts" uses the AWS-managed key "alias/aws/sns"; set kmsMasterKeyId to a customer-managed KMS key.',
        },
        good: { kmsMasterKeyId: KEY },
        unknownProps: { kmsMasterKeyId: unknown() },
    },
    {
        policy: enc.sqsQueueEncrypted,
        type: "aws:sqs/queue:Queue",
        name: "q",
        bad: { sqsManagedSseEnabled: false },
        message: 'SQS queue "q" is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.',
        awsManaged: { props: {}, message: 'SQS queue "q" uses SQS-managed encryption; set kmsMasterKeyId to a customer-managed KMS key.' },
        good: { kmsMasterKeyId: KEY },
        unknownProps: { sqsManagedSseEnabled: unknown() },
    },
    {
        policy: enc.cloudwatchLogGroupCmk,
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "app",
        bad: { retentionInDays: 365 },
        message: 'Log group "app" has no kmsKeyId, so it is encrypted with an AWS-managed key; set kmsKeyId to a customer-managed KMS key.',
        good: { kmsKeyId: KEY },
        unknownProps: { kmsKeyId: unknown() },
    },
    {
        policy: enc.secretsManagerSecretCmk,
        type: "aws:secretsmanager/secret:Secret",
        name: "db-password",
        bad: { kmsKeyId: "alias/aws/secretsmanager" },
        message: 'Secret "db-password" uses the AWS-managed key "alias/aws/secretsmanager"; set kmsKeyId to a customer-managed KMS key.',
        good: { kmsKeyId: KEY },
        unknownProps: { kmsKeyId: unknown() },
    },
    {
        policy: enc.ecrRepositoryKms,
        type: "aws:ecr/repository:Repository",
        name: "app",
        bad: { imageTagMutability: "IMMUTABLE" },
        message: 'ECR repository "app" is encrypted with AES256, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".',
        awsManaged: {
            props: { encryptionConfigurations: [{ encryptionType: "KMS" }] },
            message: 'ECR repository "app" has no kmsKey, so it is encrypted with an AWS-managed key; set kmsKey to a customer-managed KMS key.',
        },
        good: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] },
        unknownProps: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: unknown() }] },
    },
    {
        // Repositories ECR creates itself (pull-through cache, replication) take the template's encryption.
        policy: enc.ecrRepositoryKms,
        type: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
        name: "ptc",
        bad: { prefix: "ecr-public", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "AES256" }] },
        message: 'ECR repository creation template "ptc" creates repositories encrypted with AES256, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".',
        awsManaged: {
            props: { prefix: "ecr-public", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }] },
            message: 'ECR repository creation template "ptc" uses the AWS-managed key "alias/aws/ecr"; set kmsKey to a customer-managed KMS key.',
        },
        good: { prefix: "ecr-public", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] },
        unknownProps: { prefix: "ecr-public", appliedFors: ["PULL_THROUGH_CACHE"], encryptionConfigurations: unknown() },
    },
    {
        policy: enc.backupVaultCmk,
        type: "aws:backup/vault:Vault",
        name: "vault",
        bad: {},
        message: 'Backup vault "vault" has no kmsKeyArn, so it is encrypted with an AWS-managed key; set kmsKeyArn to a customer-managed KMS key.',
        good: { kmsKeyArn: KEY },
        unknownProps: { kmsKeyArn: unknown() },
    },
    {
        policy: enc.kinesisStreamEncrypted,
        type: "aws:kinesis/stream:Stream",
        name: "events",
        bad: { encryptionType: "NONE" },
        message: 'Kinesis stream "events" is not encrypted; set encryptionType: "KMS".',
        awsManaged: {
            props: { encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" },
            message: 'Kinesis stream "events" uses the AWS-managed key "alias/aws/kinesis"; set kmsKeyId to a customer-managed KMS key.',
        },
        good: { encryptionType: "KMS", kmsKeyId: KEY },
        unknownProps: { encryptionType: unknown() },
    },
    {
        policy: enc.opensearchEncryptionAtRest,
        type: "aws:opensearch/domain:Domain",
        name: "search",
        bad: { encryptAtRest: { enabled: false } },
        message: 'OpenSearch domain "search" is not encrypted at rest; set encryptAtRest.enabled: true.',
        good: { encryptAtRest: { enabled: true, kmsKeyId: KEY } },
        unknownProps: { encryptAtRest: { enabled: unknown() } },
    },
    {
        policy: enc.opensearchEncryptionInTransit,
        type: "aws:elasticsearch/domain:Domain",
        name: "es",
        bad: {
            nodeToNodeEncryption: { enabled: true },
            domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" },
        },
        message:
            'Elasticsearch domain "es" uses TLS policy "Policy-Min-TLS-1-0-2019-07"; set domainEndpointOptions.tlsSecurityPolicy to one of Policy-Min-TLS-1-2-PFS-2023-10, Policy-Min-TLS-1-2-2019-07.',
        awsManaged: {
            props: { nodeToNodeEncryption: { enabled: false }, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } },
            message: 'Elasticsearch domain "es" does not encrypt node-to-node traffic; set nodeToNodeEncryption.enabled: true.',
        },
        good: { nodeToNodeEncryption: { enabled: true }, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } },
        unknownProps: { nodeToNodeEncryption: { enabled: unknown() }, domainEndpointOptions: unknown() },
    },
];

describe("encryption", () => {
    for (const c of cases) {
        describe(`${c.policy.name} (${c.type})`, () => {
            it("flags the unencrypted resource with the exact message", async () => {
                assertViolations(await runResourcePolicy(c.policy, { type: c.type, name: c.name, props: c.bad }), [c.message]);
            });
            if (c.awsManaged) {
                const second = c.awsManaged;
                it("flags the second failure mode", async () => {
                    assertViolations(await runResourcePolicy(c.policy, { type: c.type, name: c.name, props: second.props }), [second.message]);
                });
            }
            it("passes the compliant resource", async () => {
                assertClean(await runResourcePolicy(c.policy, { type: c.type, name: c.name, props: c.good }));
            });
            it("never fails on unknown inputs", async () => {
                assertNoMandatory(await runResourcePolicy(c.policy, { type: c.type, name: c.name, props: c.unknownProps }));
            });
        });
    }

    describe("requireCmk: false accepts AWS-managed keys but not missing encryption", () => {
        it("rds-storage-encrypted", async () => {
            const p = enc.rdsStorageEncrypted;
            const type = "aws:rds/cluster:Cluster";
            assertClean(await runResourcePolicy(p, { type, props: { storageEncrypted: true }, config: { requireCmk: false } }));
            assertViolations(await runResourcePolicy(p, { type, name: "c", props: {}, config: { requireCmk: false } }), [
                'RDS cluster "c" is not encrypted at rest; set storageEncrypted: true.',
            ]);
        });
        it("cmk-only policies pass", async () => {
            assertClean(await runResourcePolicy(enc.cloudwatchLogGroupCmk, { type: "aws:cloudwatch/logGroup:LogGroup", props: {}, config: { requireCmk: false } }));
            assertClean(await runResourcePolicy(enc.dynamodbTableCmk, { type: "aws:dynamodb/table:Table", props: {}, config: { requireCmk: false } }));
        });
    });

    describe("special cases", () => {
        it("rds-storage-encrypted reads Neptune's kmsKeyArn and DocumentDB's kmsKeyId", async () => {
            const neptune = "aws:neptune/cluster:Cluster";
            assertClean(await runResourcePolicy(enc.rdsStorageEncrypted, { type: neptune, props: { storageEncrypted: true, kmsKeyArn: KEY } }));
            assertViolations(await runResourcePolicy(enc.rdsStorageEncrypted, { type: neptune, name: "graph", props: { storageEncrypted: true, kmsKeyId: KEY } }), [
                'Neptune cluster "graph" has no kmsKeyArn, so it is encrypted with an AWS-managed key; set kmsKeyArn to a customer-managed KMS key.',
            ]);
            assertClean(await runResourcePolicy(enc.rdsStorageEncrypted, { type: "aws:docdb/cluster:Cluster", props: { storageEncrypted: true, kmsKeyId: KEY } }));
        });
        it("rds-storage-encrypted says AWS rejects a key without storageEncrypted (known or computed key, every type)", async () => {
            for (const [type, noun, path] of [
                ["aws:rds/instance:Instance", "RDS instance", "kmsKeyId"],
                ["aws:rds/cluster:Cluster", "RDS cluster", "kmsKeyId"],
                ["aws:docdb/cluster:Cluster", "DocumentDB cluster", "kmsKeyId"],
                ["aws:neptune/cluster:Cluster", "Neptune cluster", "kmsKeyArn"],
            ]) {
                for (const props of [{ [path]: KEY }, { [path]: unknown(), storageEncrypted: false }]) {
                    assertViolations(await runResourcePolicy(enc.rdsStorageEncrypted, { type, name: "db", props }), [
                        `${noun} "db" sets ${path} without storageEncrypted: true; AWS rejects that combination (a KMS key needs storage encryption on), so set storageEncrypted: true.`,
                    ]);
                }
            }
        });
        it("rds-storage-encrypted skips read replicas (the source is judged)", async () => {
            assertClean(await runResourcePolicy(enc.rdsStorageEncrypted, { type: "aws:rds/instance:Instance", props: { replicateSourceDb: "primary" } }));
        });
        it("rds-storage-encrypted reports unknown storageEncrypted as advisory", async () => {
            const diags = await runResourcePolicy(enc.rdsStorageEncrypted, { type: "aws:rds/instance:Instance", props: { storageEncrypted: unknown() } });
            assert.deepEqual(advisory(diags).map((d) => d.message), [
                "Cannot verify storageEncrypted during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        it("rds-performance-insights-cmk ignores disabled Performance Insights", async () => {
            assertClean(await runResourcePolicy(enc.rdsPerformanceInsightsCmk, { type: "aws:rds/instance:Instance", props: { performanceInsightsEnabled: false } }));
        });
        it("sqs-queue-encrypted accepts SSE-SQS when allowed", async () => {
            assertClean(await runResourcePolicy(enc.sqsQueueEncrypted, { type: "aws:sqs/queue:Queue", props: { sqsManagedSseEnabled: true }, config: { allowSqsManagedSse: true } }));
        });
        it("s3-bucket-sse-kms allows AES256 only for exempt (access-log) buckets", async () => {
            const type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
            const aes = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }];
            assertClean(await runResourcePolicy(enc.s3BucketSseKms, { type, props: { bucket: "gov-access-logs-111122223333-us-gov-west-1", rules: aes } }));
            assertClean(await runResourcePolicy(enc.s3BucketSseKms, { type, props: { bucket: "alb-logs", rules: aes }, config: { sseS3AllowedBuckets: ["alb-logs"] } }));
            assertViolations(await runResourcePolicy(enc.s3BucketSseKms, { type, props: { bucket: "alb-logs", rules: aes } }), [
                'S3 bucket "alb-logs" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.',
            ]);
            assertClean(await runResourcePolicy(enc.s3BucketSseKms, { type, props: { bucket: "x", rules: aes }, config: { requireKms: false } }));
            const computedName = await runResourcePolicy(enc.s3BucketSseKms, { type, props: { bucket: unknown(), rules: aes } });
            assertAdvisoryOnly(computedName);
        });
        it("s3-bucket-sse-kms matches the AES256 exemption on the real bucket name, not the resource's Pulumi name", async () => {
            const type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
            const aes = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }];
            // A configuration whose Pulumi name looks like an access-log one does not exempt another bucket.
            assertViolations(await runResourcePolicy(enc.s3BucketSseKms, { type, name: "alb-access-logs-sse", props: { bucket: "gov-data-111122223333", rules: aes } }), [
                'S3 bucket "gov-data-111122223333" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.',
            ]);
            // The real access-log bucket is exempt whatever the configuration resource is called.
            assertClean(await runResourcePolicy(enc.s3BucketSseKms, { type, name: "logs-sse", props: { bucket: "gov-access-logs-111122223333-us-gov-west-1", rules: aes } }));
            // Inline form on an auto-named bucket (no bucket name given): the Pulumi name stands in.
            const inline = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } };
            assertClean(await runResourcePolicy(enc.s3BucketSseKms, { type: "aws:s3/bucket:Bucket", name: "alb-access-logs-bucket", props: inline }));
            assertViolations(await runResourcePolicy(enc.s3BucketSseKms, { type: "aws:s3/bucket:Bucket", name: "alb-access-logs-bucket", props: { ...inline, bucket: "gov-data" } }), [
                'S3 bucket "gov-data" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.',
            ]);
            // A computed bucket name stays advisory even when the Pulumi name matches.
            const pending = await runResourcePolicy(enc.s3BucketSseKms, { type, name: "alb-access-logs-sse", props: { bucket: unknown(), rules: aes } });
            assertNoMandatory(pending);
            assert.deepEqual(advisory(pending).map((d) => d.message), [
                "Cannot verify bucket (the exemption for SSE-S3 depends on its name) during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        it("elasticache-encrypted rejects the migration mode that still accepts plaintext", async () => {
            assertViolations(
                await runResourcePolicy(enc.elasticacheEncrypted, {
                    type: "aws:elasticache/replicationGroup:ReplicationGroup",
                    name: "cache",
                    props: { atRestEncryptionEnabled: true, kmsKeyId: KEY, transitEncryptionEnabled: true, transitEncryptionMode: "preferred" },
                }),
                ['ElastiCache replication group "cache" still accepts unencrypted connections (transitEncryptionMode = "preferred"); set it to "required".'],
            );
            const base = { atRestEncryptionEnabled: true, kmsKeyId: KEY, transitEncryptionEnabled: true };
            const type = "aws:elasticache/replicationGroup:ReplicationGroup";
            assertClean(await runResourcePolicy(enc.elasticacheEncrypted, { type, props: { ...base, transitEncryptionMode: "required" } }));
            assertClean(await runResourcePolicy(enc.elasticacheEncrypted, { type, props: base }));
            // A mode computed at preview could be "preferred": advisory, never mandatory.
            const pending = await runResourcePolicy(enc.elasticacheEncrypted, { type, name: "cache", props: { ...base, transitEncryptionMode: unknown() } });
            assertNoMandatory(pending);
            assert.deepStrictEqual(
                pending.map((d) => d.message),
                ["Cannot verify transitEncryptionMode during preview: the value is unknown until the update. The policy runs again before the resource is created."],
            );
        });
        it("ecr-repository-kms: a creation template without encryptionConfigurations creates AES256 repositories; unknown is advisory", async () => {
            const type = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
            assertViolations(await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "ptc", props: { prefix: "ROOT", appliedFors: ["REPLICATION"] } }), [
                'ECR repository creation template "ptc" creates repositories encrypted with AES256, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".',
            ]);
            const pending = await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "ptc", props: { prefix: "ROOT", encryptionConfigurations: [{ encryptionType: unknown() }] } });
            assertNoMandatory(pending);
            assert.deepEqual(advisory(pending).map((d) => d.message), [
                "Cannot verify encryptionConfigurations[0].encryptionType during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        it("ecr-repository-kms accepts dual-layer KMS_DSSE like KMS, with the same customer-managed key requirement", async () => {
            for (const type of ["aws:ecr/repository:Repository", "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"]) {
                assertClean(await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "app", props: { encryptionConfigurations: [{ encryptionType: "KMS_DSSE", kmsKey: KEY }] } }));
            }
            const type = "aws:ecr/repository:Repository";
            assertViolations(await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "app", props: { encryptionConfigurations: [{ encryptionType: "KMS_DSSE" }] } }), [
                'ECR repository "app" has no kmsKey, so it is encrypted with an AWS-managed key; set kmsKey to a customer-managed KMS key.',
            ]);
            assertViolations(await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "app", props: { encryptionConfigurations: [{ encryptionType: "KMS_DSSE", kmsKey: "alias/aws/ecr" }] } }), [
                'ECR repository "app" uses the AWS-managed key "alias/aws/ecr"; set kmsKey to a customer-managed KMS key.',
            ]);
            // Only the exact API values count: a near miss is not KMS.
            assertViolations(await runResourcePolicy(enc.ecrRepositoryKms, { type, name: "app", props: { encryptionConfigurations: [{ encryptionType: "DSSE", kmsKey: KEY }] } }), [
                'ECR repository "app" is encrypted with DSSE, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".',
            ]);
        });
        it("rds-parameter-group-requires-tls leaves Aurora's cluster-level TLS parameter to the cluster parameter group", async () => {
            const p = enc.rdsParameterGroupRequiresTls;
            const instanceLevel = "aws:rds/parameterGroup:ParameterGroup";
            const clusterLevel = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
            // An Aurora instance's DB parameter group cannot hold rds.force_ssl / require_secure_transport.
            for (const family of ["aurora-postgresql16", "aurora-mysql8.0"]) {
                assertClean(await runResourcePolicy(p, { type: instanceLevel, name: "inst", props: { family, parameters: [{ name: "log_min_duration_statement", value: "500" }] } }));
            }
            // The cluster parameter group must still require TLS.
            assertViolations(await runResourcePolicy(p, { type: clusterLevel, name: "apg", props: { family: "aurora-postgresql16", parameters: [] } }), [
                'Parameter group "apg" (aurora-postgresql16) does not require TLS (rds.force_ssl is unset); set rds.force_ssl to "1".',
            ]);
            assertViolations(await runResourcePolicy(p, { type: clusterLevel, name: "ams", props: { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "OFF" }] } }), [
                'Parameter group "ams" (aurora-mysql8.0) does not require TLS (require_secure_transport is "OFF"); set require_secure_transport to "ON".',
            ]);
            assertClean(await runResourcePolicy(p, { type: clusterLevel, name: "apg", props: { family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "1" }] } }));
            // Non-Aurora instance-level groups are still judged (RDS for PostgreSQL/MySQL set it per instance).
            assertViolations(await runResourcePolicy(p, { type: instanceLevel, name: "my", props: { family: "mysql8.0", parameters: [] } }), [
                'Parameter group "my" (mysql8.0) does not require TLS (require_secure_transport is unset); set require_secure_transport to "ON".',
            ]);
            // An unknown family may be Aurora or not: still advisory.
            const pending = await runResourcePolicy(p, { type: instanceLevel, name: "inst", props: { family: unknown(), parameters: [] } });
            assertAdvisoryOnly(pending);
        });
        it("rds-parameter-group-requires-tls trusts the PostgreSQL 15+ default and ignores other engines", async () => {
            const type = "aws:rds/parameterGroup:ParameterGroup";
            assertClean(await runResourcePolicy(enc.rdsParameterGroupRequiresTls, { type, props: { family: "postgres16", parameters: [] } }));
            assertClean(await runResourcePolicy(enc.rdsParameterGroupRequiresTls, { type, props: { family: "oracle-ee-19" } }));
        });
        it("rds-parameter-group-requires-tls requires every entry of the parameter to be on (listed twice, the off one is not ignored)", async () => {
            const type = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
            const p = enc.rdsParameterGroupRequiresTls;
            const twice = (first: unknown, second: unknown) => [
                { name: "rds.force_ssl", value: first },
                { name: "log_connections", value: "1" },
                { name: "rds.force_ssl", value: second },
            ];
            const expected = ['Parameter group "apg" (aurora-postgresql16) does not require TLS (rds.force_ssl is "0"); set rds.force_ssl to "1".'];
            assertViolations(await runResourcePolicy(p, { type, name: "apg", props: { family: "aurora-postgresql16", parameters: twice("1", "0") } }), expected);
            assertViolations(await runResourcePolicy(p, { type, name: "apg", props: { family: "aurora-postgresql16", parameters: twice("0", "1") } }), expected);
            // A known "0" decides even when the other entry is computed.
            assertViolations(await runResourcePolicy(p, { type, name: "apg", props: { family: "aurora-postgresql16", parameters: twice(unknown(), "0") } }), expected);
            assertClean(await runResourcePolicy(p, { type, props: { family: "aurora-postgresql16", parameters: twice("1", "1") } }));
            const pending = await runResourcePolicy(p, { type, props: { family: "aurora-postgresql16", parameters: twice("1", unknown()) } });
            assertNoMandatory(pending);
            assert.deepEqual(advisory(pending).map((d) => d.message), [
                "Cannot verify parameter rds.force_ssl during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        describe("rds-parameter-group-requires-tls: a database without a parameter group runs with AWS's default group", () => {
            const p = enc.rdsParameterGroupRequiresTls;
            const instance = "aws:rds/instance:Instance";
            const cluster = "aws:rds/cluster:Cluster";
            const PENDING_VERSION =
                "Cannot verify engineVersion (the default parameter group's TLS setting depends on it) during preview: the value is unknown until the update. The policy runs again before the resource is created.";

            it("blocks engines whose default group accepts plaintext", async () => {
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mysql", engineVersion: "8.0" } }), [
                    'RDS instance "db" (mysql 8.0) uses the default parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ParameterGroup with require_secure_transport = ON.',
                ]);
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "14.12", parameterGroupName: "" } }), [
                    'RDS instance "db" (postgres 14.12) uses the default parameter group, which does not require TLS (rds.force_ssl = 0); give it an aws.rds.ParameterGroup with rds.force_ssl = 1.',
                ]);
                assertViolations(await runResourcePolicy(p, { type: cluster, name: "ams", props: { engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.05.2" } }), [
                    'RDS cluster "ams" (aurora-mysql 8.0.mysql_aurora.3.05.2) uses the default cluster parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ClusterParameterGroup with require_secure_transport = ON.',
                ]);
                assertViolations(await runResourcePolicy(p, { type: cluster, name: "apg", props: { engine: "aurora-postgresql", engineVersion: "16.4" } }), [
                    'RDS cluster "apg" (aurora-postgresql 16.4) uses the default cluster parameter group, which does not require TLS (rds.force_ssl = 0); give it an aws.rds.ClusterParameterGroup with rds.force_ssl = 1.',
                ]);
                // A Multi-AZ DB cluster (engine mysql) and SQL Server, whose version does not change the default.
                assertViolations(await runResourcePolicy(p, { type: cluster, name: "maz", props: { engine: "mysql", engineVersion: "8.0.39" } }), [
                    'RDS cluster "maz" (mysql 8.0.39) uses the default cluster parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ClusterParameterGroup with require_secure_transport = ON.',
                ]);
                assertViolations(await runResourcePolicy(p, { type: instance, name: "mss", props: { engine: "sqlserver-se", engineVersion: "15.00.4073.23.v1" } }), [
                    'RDS instance "mss" (sqlserver-se 15.00.4073.23.v1) uses the default parameter group, which does not require TLS (rds.force_ssl = 0); give it an aws.rds.ParameterGroup with rds.force_ssl = 1.',
                ]);
                // Naming AWS's default group explicitly is the same as naming none.
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mariadb", engineVersion: "10.11.8", parameterGroupName: "default.mariadb10.11" } }), [
                    'RDS instance "db" (mariadb 10.11.8) uses the default parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ParameterGroup with require_secure_transport = ON.',
                ]);
                // Without engineVersion RDS picks a current version; every MySQL default is OFF.
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mysql" } }), [
                    'RDS instance "db" (mysql) uses the default parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ParameterGroup with require_secure_transport = ON.',
                ]);
                // A major-only version (how the estate declares it, "16") names its family too: postgres14 defaults off.
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "14" } }), [
                    'RDS instance "db" (postgres 14) uses the default parameter group, which does not require TLS (rds.force_ssl = 0); give it an aws.rds.ParameterGroup with rds.force_ssl = 1.',
                ]);
                // A cross-Region read replica (source given as an ARN) gets the engine's default group.
                const source = "arn:aws-us-gov:rds:us-gov-east-1:111122223333:db:primary";
                assertViolations(await runResourcePolicy(p, { type: instance, name: "dr", props: { engine: "postgres", engineVersion: "13.15", replicateSourceDb: source } }), [
                    'RDS instance "dr" (postgres 13.15) uses the default parameter group, which does not require TLS (rds.force_ssl = 0); give it an aws.rds.ParameterGroup with rds.force_ssl = 1.',
                ]);
            });

            it("passes defaults that force TLS, named groups, Aurora members, same-Region replicas and engines it does not know", async () => {
                // RDS for PostgreSQL 15+ defaults rds.force_ssl to 1; without a version RDS picks a current (15+) one.
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "16.3" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "15" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "16" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres" } }));
                // A named group, known or computed, is judged as a parameter group instead.
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mysql", engineVersion: "8.0", parameterGroupName: "gov-mysql" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mysql", engineVersion: "8.0", parameterGroupName: unknown() } }));
                assertClean(await runResourcePolicy(p, { type: cluster, name: "apg", props: { engine: "aurora-postgresql", engineVersion: "16.4", dbClusterParameterGroupName: "gov-apg" } }));
                assertClean(await runResourcePolicy(p, { type: cluster, name: "apg", props: { engine: "aurora-postgresql", engineVersion: "16.4", dbClusterParameterGroupName: unknown() } }));
                // Aurora member instances: the cluster's parameter group decides.
                assertClean(await runResourcePolicy(p, { type: instance, name: "member", props: { engine: "aurora-postgresql", engineVersion: "16.4" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "member", props: { engine: "mysql", engineVersion: "8.0", clusterIdentifier: "apg" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "member", props: { engine: "mysql", engineVersion: "8.0", clusterIdentifier: unknown() } }));
                // A same-Region read replica keeps its source's parameter group.
                assertClean(await runResourcePolicy(p, { type: instance, name: "replica", props: { engine: "mysql", engineVersion: "8.0", replicateSourceDb: "primary" } }));
                // Engines the policy does not know keep today's behaviour (nothing), as does an absent engine.
                assertClean(await runResourcePolicy(p, { type: instance, name: "ora", props: { engine: "oracle-ee", engineVersion: "19.0.0.0.ru-2024-04.rur-2024-04.r1" } }));
                assertClean(await runResourcePolicy(p, { type: instance, name: "restored", props: { snapshotIdentifier: "snap" } }));
            });

            it("is advisory when the engine or a version that decides is unknown", async () => {
                const pendingVersion = await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: unknown() } });
                assertNoMandatory(pendingVersion);
                assert.deepEqual(advisory(pendingVersion).map((d) => d.message), [PENDING_VERSION]);
                // Every MySQL default is OFF, so an unknown version still blocks.
                assertViolations(await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "mysql", engineVersion: unknown() } }), [
                    'RDS instance "db" (mysql) uses the default parameter group, which does not require TLS (require_secure_transport = OFF); give it an aws.rds.ParameterGroup with require_secure_transport = ON.',
                ]);
                const pendingEngine = await runResourcePolicy(p, { type: cluster, name: "c", props: { engine: unknown(), engineVersion: "16.4" } });
                assertNoMandatory(pendingEngine);
                assert.deepEqual(advisory(pendingEngine).map((d) => d.message), [
                    "Cannot verify engine (it decides whether the default parameter group requires TLS) during preview: the value is unknown until the update. The policy runs again before the resource is created.",
                ]);
                const oddVersion = await runResourcePolicy(p, { type: instance, name: "db", props: { engine: "postgres", engineVersion: "latest" } });
                assertNoMandatory(oddVersion);
                assert.deepEqual(advisory(oddVersion).map((d) => d.message), [
                    'RDS instance "db" (postgres latest) uses the default parameter group, and its engineVersion names no parameter group family, so whether it requires TLS cannot be verified; give it an aws.rds.ParameterGroup that requires TLS.',
                ]);
            });
        });
        it("dynamodb-table-cmk requires a customer-managed key on every global-table replica", async () => {
            const p = enc.dynamodbTableCmk;
            const type = "aws:dynamodb/table:Table";
            const sse = { enabled: true, kmsKeyArn: KEY };
            assertViolations(
                await runResourcePolicy(p, {
                    type,
                    name: "t",
                    props: { serverSideEncryption: sse, replicas: [{ regionName: "us-gov-east-1" }, { regionName: "us-gov-east-1", kmsKeyArn: "alias/aws/dynamodb" }] },
                }),
                [
                    'DynamoDB table "t" replicas[0] (us-gov-east-1) has no kmsKeyArn, so it is encrypted with an AWS-managed key; set kmsKeyArn to a customer-managed KMS key.',
                    'DynamoDB table "t" replicas[1] (us-gov-east-1) uses the AWS-managed key "alias/aws/dynamodb"; set kmsKeyArn to a customer-managed KMS key.',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: "aws:dynamodb/tableReplica:TableReplica", name: "r", props: { globalTableArn: "t" } }), [
                'DynamoDB table replica "r" has no kmsKeyArn, so it is encrypted with an AWS-managed key; set kmsKeyArn to a customer-managed KMS key.',
            ]);
            assertClean(await runResourcePolicy(p, { type, props: { serverSideEncryption: sse, replicas: [{ regionName: "us-gov-east-1", kmsKeyArn: KEY }] } }));
            assertClean(await runResourcePolicy(p, { type: "aws:dynamodb/tableReplica:TableReplica", props: { globalTableArn: "t", kmsKeyArn: KEY } }));
            assertClean(await runResourcePolicy(p, { type, props: { serverSideEncryption: sse, replicas: [{ regionName: "us-gov-east-1", kmsKeyArn: unknown() }] } }));
            const pending = await runResourcePolicy(p, { type, props: { serverSideEncryption: sse, replicas: unknown() } });
            assertNoMandatory(pending);
            assert.deepEqual(advisory(pending).map((d) => d.message), [
                "Cannot verify replicas during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
        });
        it("elasticache-cluster-encrypted leaves replication group members to the group", async () => {
            assertClean(await runResourcePolicy(enc.elasticacheClusterEncrypted, { type: "aws:elasticache/cluster:Cluster", props: { replicationGroupId: "rg" } }));
            assertClean(await runResourcePolicy(enc.elasticacheClusterEncrypted, { type: "aws:elasticache/cluster:Cluster", props: { replicationGroupId: unknown() } }));
        });
        it("s3-bucket-sse-kms also judges the deprecated V2 resource", async () => {
            assertViolations(
                await runResourcePolicy(enc.s3BucketSseKms, {
                    type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    props: { bucket: "v2", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
                }),
                ['S3 bucket "v2" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.'],
            );
        });
        it("s3-bucket-sse-kms judges the deprecated inline encryption on the bucket itself (Bucket and BucketV2)", async () => {
            const p = enc.s3BucketSseKms;
            const inline = (applyServerSideEncryptionByDefault: Record<string, unknown>) => ({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault } } });
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET, name: "data", props: { bucket: "gov-data", ...inline({ sseAlgorithm: "AES256" }) } }), [
                'S3 bucket "gov-data" uses sseAlgorithm "AES256"; use "aws:kms" with a customer-managed KMS key.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET, name: "data", props: inline({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }) }), [
                'S3 bucket "data" uses the AWS-managed key "alias/aws/s3"; set applyServerSideEncryptionByDefault.kmsMasterKeyId to a customer-managed KMS key.',
            ]);
            assertViolations(
                await runResourcePolicy(p, {
                    type: S3_BUCKET_V2,
                    name: "old",
                    props: { bucket: "gov-old", serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }] },
                }),
                ['S3 bucket "gov-old" has no kmsMasterKeyId, so it is encrypted with an AWS-managed key; set kmsMasterKeyId to a customer-managed KMS key.'],
            );
            // Compliant inline forms, the access-log exemption, and a bucket without the inline form (left to s3-bucket-encryption-configured).
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET, props: { bucket: "gov-data", ...inline({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY }) } }));
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET, props: { bucket: "gov-access-logs-111122223333-us-gov-west-1", ...inline({ sseAlgorithm: "AES256" }) } }));
            assertClean(
                await runResourcePolicy(p, {
                    type: S3_BUCKET_V2,
                    props: { bucket: "gov-old", serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }] }] }] },
                }),
            );
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET, props: { bucket: "gov-data" } }));
            // Computed: advisory only.
            const pending = await runResourcePolicy(p, { type: S3_BUCKET, name: "data", props: { bucket: unknown(), ...inline({ sseAlgorithm: "AES256" }) } });
            assertNoMandatory(pending);
            assert.deepEqual(advisory(pending).map((d) => d.message), [
                "Cannot verify bucket (the exemption for SSE-S3 depends on its name) during preview: the value is unknown until the update. The policy runs again before the resource is created.",
            ]);
            assertNoMandatory(await runResourcePolicy(p, { type: S3_BUCKET, props: { serverSideEncryptionConfiguration: unknown() } }));
        });
        it("ec2-block-devices-encrypted also judges spot instance requests (their own root and EBS devices)", async () => {
            const type = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
            assertViolations(
                await runResourcePolicy(enc.ec2BlockDevicesEncrypted, {
                    type,
                    name: "spot",
                    props: { spotPrice: "0.03", rootBlockDevice: { volumeSize: 20 }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: "alias/aws/ebs" }] },
                }),
                [
                    'Spot instance request "spot" rootBlockDevice is not encrypted; set encrypted: true.',
                    'Spot instance request "spot" ebsBlockDevices[0] uses the AWS-managed key "alias/aws/ebs"; set kmsKeyId to a customer-managed KMS key.',
                ],
            );
            assertClean(await runResourcePolicy(enc.ec2BlockDevicesEncrypted, { type, props: { rootBlockDevice: { encrypted: true, kmsKeyId: KEY } } }));
            const pending = await runResourcePolicy(enc.ec2BlockDevicesEncrypted, { type, props: { rootBlockDevice: { encrypted: true, kmsKeyId: unknown() }, ebsBlockDevices: unknown() } });
            assertAdvisoryOnly(pending);
        });
        it("ec2-block-devices-encrypted ignores undeclared devices", async () => {
            assertClean(await runResourcePolicy(enc.ec2BlockDevicesEncrypted, { type: "aws:ec2/launchTemplate:LaunchTemplate", props: { imageId: "ami-1" } }));
        });
        it("opensearch-encryption-in-transit requires HTTPS and an explicit TLS policy", async () => {
            assertViolations(
                await runResourcePolicy(enc.opensearchEncryptionInTransit, {
                    type: "aws:opensearch/domain:Domain",
                    name: "s",
                    props: { nodeToNodeEncryption: { enabled: true }, domainEndpointOptions: { enforceHttps: false } },
                }),
                [
                    'OpenSearch domain "s" accepts plain HTTP; set domainEndpointOptions.enforceHttps: true.',
                    'OpenSearch domain "s" uses TLS policy null; set domainEndpointOptions.tlsSecurityPolicy to one of Policy-Min-TLS-1-2-PFS-2023-10, Policy-Min-TLS-1-2-2019-07.',
                ],
            );
        });
        itHonoursWaivers(enc.snsTopicEncrypted, { type: "aws:sns/topic:Topic", name: "alerts", props: {} });
    });

    describe("s3-bucket-encryption-configured (stack)", () => {
        const p = enc.s3BucketEncryptionConfigured;
        it("flags a bucket with no encryption configuration", async () => {
            const diags = await runStackPolicy(p, [
                { type: S3_BUCKET, name: "logs", props: { bucket: "gov-logs" } },
                { type: S3_BUCKET, name: "data", props: { bucket: "gov-data" } },
                { type: S3_SSE_CONFIG, name: "logs", props: { bucket: "gov-logs", rules: [] } },
            ]);
            assertViolations(diags, [
                'S3 bucket "data" has no server-side encryption configuration; add an aws.s3.BucketServerSideEncryptionConfiguration with SSE-KMS.',
            ]);
            assert.equal(diags[0].urn, urnOf(S3_BUCKET, "data"));
        });
        it("matches configurations by known name or by property dependency", async () => {
            assertClean(
                await runStackPolicy(p, [
                    { type: S3_BUCKET, name: "named", props: { bucket: "gov-named" } },
                    { type: S3_BUCKET, name: "generated", props: { bucketPrefix: "gen-" } },
                    { type: S3_SSE_CONFIG, name: "named", props: { bucket: "gov-named" } },
                    { type: S3_SSE_CONFIG, name: "generated", props: { bucket: unknown() }, propertyDependencies: { bucket: [urnOf(S3_BUCKET, "generated")] } },
                ]),
            );
        });
        it("is advisory when a configuration's bucket cannot be resolved", async () => {
            const diags = await runStackPolicy(p, [
                { type: S3_BUCKET, name: "b", props: { bucketPrefix: "x-" } },
                { type: S3_SSE_CONFIG, name: "s", props: { bucket: unknown() } },
            ]);
            assertAdvisoryOnly(diags);
        });
        it("covers the deprecated V2 bucket and configuration names", async () => {
            assertViolations(await runStackPolicy(p, [{ type: S3_BUCKET_V2, name: "old", props: { bucket: "gov-old" } }]), [
                'S3 bucket "old" has no server-side encryption configuration; add an aws.s3.BucketServerSideEncryptionConfiguration with SSE-KMS.',
            ]);
            assertClean(
                await runStackPolicy(p, [
                    { type: S3_BUCKET_V2, name: "old", props: { bucket: "gov-old" } },
                    { type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", name: "old", props: { bucket: "gov-old" } },
                ]),
            );
        });
        it("is skipped without buckets", async () => {
            assertClean(await runStackPolicy(p, [{ type: S3_SSE_CONFIG, name: "s", props: { bucket: "x" } }]));
        });
        itHonoursWaivers(p, { stack: [{ type: S3_BUCKET, name: "data", props: { bucket: "gov-data" } }], name: "data" });
    });
});
