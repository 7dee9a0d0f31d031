// AWSGuard (github.com/pulumi/pulumi-policy-aws, @pulumi/awsguard): every policy of src/*.ts at
// 4355f3be (2024-06-20), 28 policies, by policy name, with the first sentence of its description.
//
// Add a row: copy the source's id exactly (never invent one), set `type` to the Pulumi type token and
// exactly one of `covered` (+ `partial`), `gap` or `outOfScope` (see ./types.ts). A covered row's
// policies name the id in their spec's `anchors`. Then `npm run docs:coverage`.

import type { SourceInfo } from "./types";

export const AWSGUARD: SourceInfo = {
    source: "awsguard",
    title: "AWSGuard (pulumi-policy-aws)",
    origin: "pulumi/pulumi-policy-aws src/*.ts (@pulumi/awsguard) at 4355f3be903b4e13396fbcc3f735cabec89db92a (2024-06-20)",
    rows: [
        { id: "apigateway-stage-cached", type: "aws:apigateway/stage:Stage", requirement: "Checks that API Gateway Stages have a cache cluster enabled.", outOfScope: "response caching is a cost and latency choice, not a control" },
        { id: "apigateway-method-cached-and-encrypted", type: "aws:apigateway/methodSettings:MethodSettings", requirement: "Checks API Gateway Methods that responses are configured to be cached and that those cached responses are encrypted.", covered: ["apigateway-cache-encrypted"], partial: "caching itself is not required (a cost and latency choice); a cache that is on must be encrypted" },
        { id: "apigateway-endpoint-type", type: "aws:apigateway/restApi:RestApi", requirement: "Checks API Gateway endpoint configuration is one of the allowed types.", outOfScope: "the endpoint type (EDGE, REGIONAL, PRIVATE) is a design choice; AWSGuard's default (EDGE only) does not exist in GovCloud, which has no edge-optimized endpoints" },
        { id: "ec2-instance-detailed-monitoring-enabled", type: "aws:ec2/instance:Instance", requirement: "Checks whether detailed monitoring is enabled for EC2 instances.", outOfScope: "1-minute metrics are operations monitoring, not a control" },
        { id: "ec2-instance-no-public-ip", type: "aws:ec2/instance:Instance", requirement: "Checks whether Amazon EC2 instances have a public IP association.", covered: ["ec2-no-public-ip"] },
        { id: "ec2-volume-inuse", type: "aws:ebs/volume:Volume", requirement: "Checks whether EBS volumes are attached to EC2 instances.", outOfScope: "an unattached volume is a cost finding; the volume is still encrypted (ebs-volume-encrypted)" },
        { id: "elb-logging-enabled", type: "aws:lb/loadBalancer:LoadBalancer", requirement: "Checks whether the Application Load Balancers and the Classic Load Balancers have logging enabled.", covered: ["alb-access-logs-enabled", "elb-classic-access-logs"] },
        { id: "encrypted-volumes", type: "aws:ebs/volume:Volume", requirement: "Checks whether the EBS volumes that are in an attached state are encrypted.", covered: ["ebs-volume-encrypted"] },
        { id: "security-group-no-rule-management-conflicts", type: "aws:ec2/securityGroup:SecurityGroup", requirement: "Checks that ec2.SecurityGroup resources do not conflict with vpc.SecurityGroupEgressRule, vpc.SecurityGroupIngressRule, or ec2.SecurityGroupRule.", covered: ["network-rules-declared-one-way"] },
        { id: "redshift-cluster-configuration", type: "aws:redshift/cluster:Cluster", requirement: "Checks whether Amazon Redshift clusters have the specified settings.", covered: ["redshift-cluster-encrypted", "redshift-audit-logging", "redshift-snapshot-retention"] },
        { id: "redshift-cluster-maintenance-settings", type: "aws:redshift/cluster:Cluster", requirement: "Checks whether Amazon Redshift clusters have the specified maintenance settings.", outOfScope: "version upgrades and maintenance windows are operations settings; AWS applies required patches in any window" },
        { id: "redshift-cluster-public-access", type: "aws:redshift/cluster:Cluster", requirement: "Checks whether Amazon Redshift clusters are not publicly accessible.", covered: ["redshift-not-publicly-accessible"] },
        { id: "dynamodb-table-encryption-enabled", type: "aws:dynamodb/table:Table", requirement: "Checks whether the Amazon DynamoDB tables are encrypted.", covered: ["dynamodb-table-cmk"] },
        { id: "rds-instance-backup-enabled", type: "aws:rds/instance:Instance", requirement: "Checks whether RDS DB instances have backups enabled.", covered: ["rds-backup-retention"], partial: "prod only (scope \"prod\"): advisory in staging" },
        { id: "rds-instance-multi-az-enabled", type: "aws:rds/instance:Instance", requirement: "Check whether high availability is enabled for Amazon Relational Database Service instances.", covered: ["rds-multi-az"], partial: "prod only (scope \"prod\"): advisory in staging" },
        { id: "rds-instance-public-access", type: "aws:rds/instance:Instance", requirement: "Check whether the Amazon Relational Database Service instances are not publicly accessible.", covered: ["rds-not-publicly-accessible"] },
        { id: "rds-storage-encrypted", type: "aws:rds/instance:Instance", requirement: "Checks whether storage encryption is enabled for your RDS DB instances.", covered: ["rds-storage-encrypted"] },
        { id: "elasticsearch-encrypted-at-rest", type: "aws:elasticsearch/domain:Domain", requirement: "Checks if the Elasticsearch Service domains have encryption at rest enabled.", covered: ["opensearch-encryption-at-rest"] },
        { id: "elasticsearch-in-vpc-only", type: "aws:elasticsearch/domain:Domain", requirement: "Checks that the Elasticsearch domain is only available within a VPC, and not accessible via a public endpoint.", covered: ["opensearch-in-vpc"] },
        { id: "iam-role-no-policy-management-conflicts", type: "aws:iam/role:Role", requirement: "Checks that iam.Role resources do not conflict with iam.PolicyAttachment, iam.RolePolicyAttachment, iam.RolePolicy", covered: ["iam-role-one-way-to-attach"] },
        { id: "alb-http-to-https-redirection", type: "aws:lb/listener:Listener", requirement: "Checks that the default action for all HTTP listeners is to redirect to HTTPS.", covered: ["alb-http-redirects-to-https"] },
        { id: "acm-certificate-expiration", type: "aws:acm/certificate:Certificate", requirement: "Checks whether an ACM certificate has expired.", outOfScope: "expiry is a run-time fact a preview cannot see; ACM-issued certificates renew themselves (tls-certificate-from-acm)" },
        { id: "cmk-backing-key-rotation-enabled", type: "aws:kms/key:Key", requirement: "Checks that key rotation is enabled for each customer master key (CMK).", covered: ["kms-key-rotation-enabled"] },
        { id: "access-keys-rotated", type: "aws:iam/accessKey:AccessKey", requirement: "Checks whether an access key have been rotated within maxKeyAge days.", covered: ["iam-no-user-access-keys"] },
        { id: "mfa-enabled-for-iam-console-access", type: "aws:iam/userLoginProfile:UserLoginProfile", requirement: "Checks whether multi-factor Authentication (MFA) is enabled for an IAM user that use a console password.", covered: ["iam-no-user-login-profile"] },
        { id: "efs-encrypted", type: "aws:efs/fileSystem:FileSystem", requirement: "Checks whether Amazon Elastic File System (Amazon EFS) is configured to encrypt the file data using AWS Key Management Service (AWS KMS).", covered: ["efs-encrypted"] },
        { id: "elb-deletion-protection-enabled", type: "aws:lb/loadBalancer:LoadBalancer", requirement: "Checks whether Elastic Load Balancing has deletion protection enabled.", covered: ["alb-deletion-protection"], partial: "prod only (scope \"prod\"): advisory in staging" },
        { id: "s3-bucket-logging-enabled", type: "aws:s3/bucket:Bucket", requirement: "Checks whether logging is enabled for your S3 buckets.", gap: "issue 17 item 7 (S3 server access logging)" },
    ],
};
