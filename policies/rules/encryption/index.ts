// At-rest and in-transit encryption of storage services: SC-28/SC-28(1) protection of
// information at rest, SC-8/SC-8(1) in transit, SC-12/SC-13 keys under the customer's control
// (a customer-managed KMS key can be rotated, audited, scoped by key policy and revoked; the
// AWS-managed `aws/<service>` keys cannot).
//
// One file per policy (the OpenSearch pair shares a file); cmk.ts holds the customer-managed-key
// check they share. The array's order is the pack's and docs/policies.md's order.

import { GovPolicy } from "../../lib";
import { backupVaultCmk } from "./backup-vault-cmk";
import { cloudwatchLogGroupCmk } from "./cloudwatch-log-group-cmk";
import { daxClusterEncrypted } from "./dax-cluster-encrypted";
import { dynamodbTableCmk } from "./dynamodb-table-cmk";
import { ebsVolumeEncrypted } from "./ebs-volume-encrypted";
import { ec2BlockDevicesEncrypted } from "./ec2-block-devices-encrypted";
import { ecrRepositoryKms } from "./ecr-repository-kms";
import { efsEncrypted } from "./efs-encrypted";
import { elasticacheClusterEncrypted } from "./elasticache-cluster-encrypted";
import { elasticacheEncrypted } from "./elasticache-encrypted";
import { elasticacheServerlessCmk } from "./elasticache-serverless-cmk";
import { firehoseDeliveryStreamCmk } from "./firehose-delivery-stream-cmk";
import { kinesisStreamEncrypted } from "./kinesis-stream-encrypted";
import { DEFAULT_OPENSEARCH_TLS_POLICIES, opensearchEncryptionAtRest, opensearchEncryptionInTransit } from "./opensearch-encryption";
import { rdsParameterGroupRequiresTls } from "./rds-parameter-group-requires-tls";
import { rdsPerformanceInsightsCmk } from "./rds-performance-insights-cmk";
import { rdsStorageEncrypted } from "./rds-storage-encrypted";
import { redshiftClusterEncrypted } from "./redshift-cluster-encrypted";
import { s3BucketEncryptionConfigured } from "./s3-bucket-encryption-configured";
import { s3BucketSseKms } from "./s3-bucket-sse-kms";
import { secretsManagerSecretCmk } from "./secretsmanager-secret-cmk";
import { snsTopicEncrypted } from "./sns-topic-encrypted";
import { sqsQueueEncrypted } from "./sqs-queue-encrypted";

export const encryptionPolicies: GovPolicy[] = [
    rdsStorageEncrypted,
    rdsPerformanceInsightsCmk,
    elasticacheEncrypted,
    elasticacheClusterEncrypted,
    elasticacheServerlessCmk,
    redshiftClusterEncrypted,
    rdsParameterGroupRequiresTls,
    ebsVolumeEncrypted,
    ec2BlockDevicesEncrypted,
    efsEncrypted,
    s3BucketSseKms,
    s3BucketEncryptionConfigured,
    dynamodbTableCmk,
    daxClusterEncrypted,
    snsTopicEncrypted,
    sqsQueueEncrypted,
    cloudwatchLogGroupCmk,
    secretsManagerSecretCmk,
    ecrRepositoryKms,
    backupVaultCmk,
    kinesisStreamEncrypted,
    firehoseDeliveryStreamCmk,
    opensearchEncryptionAtRest,
    opensearchEncryptionInTransit,
];

// Everything the old rules/encryption.ts exported, so `import … from "policies/rules/encryption"` keeps working.
export {
    backupVaultCmk,
    cloudwatchLogGroupCmk,
    daxClusterEncrypted,
    DEFAULT_OPENSEARCH_TLS_POLICIES,
    dynamodbTableCmk,
    ebsVolumeEncrypted,
    ec2BlockDevicesEncrypted,
    ecrRepositoryKms,
    efsEncrypted,
    elasticacheClusterEncrypted,
    elasticacheEncrypted,
    elasticacheServerlessCmk,
    firehoseDeliveryStreamCmk,
    kinesisStreamEncrypted,
    opensearchEncryptionAtRest,
    opensearchEncryptionInTransit,
    rdsParameterGroupRequiresTls,
    rdsPerformanceInsightsCmk,
    rdsStorageEncrypted,
    redshiftClusterEncrypted,
    s3BucketEncryptionConfigured,
    s3BucketSseKms,
    secretsManagerSecretCmk,
    snsTopicEncrypted,
    sqsQueueEncrypted,
};
