// One table of readable resource nouns for violation messages, so every area names a resource
// the same way (`RDS cluster "db"`, `ECR repository creation template "t"`).

import {
    ALB_LISTENER,
    ALB_LISTENER_CERTIFICATE,
    ALB_LISTENER_RULE,
    ALB_LOAD_BALANCER,
    AUTOSCALING_GROUP,
    AWS_PROVIDER,
    CLASSIC_ELB,
    CONFIG_DELIVERY_CHANNEL,
    CONFIG_RECORDER,
    CONFIG_RECORDER_STATUS,
    CONFIG_REMEDIATION_CONFIGURATION,
    CONFIG_RETENTION_CONFIGURATION,
    CONFIG_RULE,
    DAX_CLUSTER,
    DEFAULT_NETWORK_ACL,
    DEFAULT_ROUTE_TABLE,
    DEFAULT_SECURITY_GROUP,
    DEFAULT_SUBNET,
    DOCDB_CLUSTER,
    EBS_ENCRYPTION_BY_DEFAULT,
    EC2_INSTANCE,
    ECR_REPOSITORY,
    ECR_REPOSITORY_CREATION_TEMPLATE,
    ECS_TASK_DEFINITION,
    EIP,
    EIP_ASSOCIATION,
    EKS_CLUSTER,
    EKS_NODE_GROUP,
    ELASTICSEARCH_DOMAIN,
    GUARDDUTY_DETECTOR,
    GUARDDUTY_DETECTOR_FEATURE,
    HTTP_DOMAIN_NAME,
    HTTP_STAGE,
    IAM_SERVER_CERTIFICATE,
    KINESIS_FIREHOSE_DELIVERY_STREAM,
    LAMBDA_FUNCTION,
    LAMBDA_FUNCTION_URL,
    LAMBDA_PERMISSION,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    LB_LISTENER,
    LB_LISTENER_CERTIFICATE,
    LB_LISTENER_RULE,
    LB_LOAD_BALANCER,
    NEPTUNE_CLUSTER,
    NETWORK_ACL,
    NETWORK_ACL_RULE,
    OPENSEARCH_DOMAIN,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    REST_DOMAIN_NAME,
    REST_METHOD_SETTINGS,
    REST_STAGE,
    ROUTE,
    ROUTE_TABLE,
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_LIFECYCLE_CONFIGURATION_V2,
    S3_BUCKET_V2,
    S3_BUCKET_VERSIONING_V2,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    SECURITYHUB_ACCOUNT,
    SECURITYHUB_STANDARDS_SUBSCRIPTION,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
    SUBNET,
    WAFV2_WEB_ACL,
    WAFV2_WEB_ACL_ASSOCIATION,
    WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
} from "./resource-types";

const NOUNS: Readonly<Record<string, string>> = {
    [RDS_INSTANCE]: "RDS instance",
    [RDS_CLUSTER]: "RDS cluster",
    [RDS_CLUSTER_INSTANCE]: "RDS cluster instance",
    [DOCDB_CLUSTER]: "DocumentDB cluster",
    [NEPTUNE_CLUSTER]: "Neptune cluster",
    [OPENSEARCH_DOMAIN]: "OpenSearch domain",
    [ELASTICSEARCH_DOMAIN]: "Elasticsearch domain",
    [LAUNCH_TEMPLATE]: "Launch template",
    [EC2_INSTANCE]: "EC2 instance",
    [SPOT_INSTANCE_REQUEST]: "Spot instance request",
    [ECR_REPOSITORY]: "ECR repository",
    [ECR_REPOSITORY_CREATION_TEMPLATE]: "ECR repository creation template",
    [LB_LOAD_BALANCER]: "Load balancer",
    [ALB_LOAD_BALANCER]: "Load balancer",
    [LB_LISTENER_RULE]: "Listener rule",
    [ALB_LISTENER_RULE]: "Listener rule",
    [SECURITY_GROUP]: "Security group",
    [SECURITY_GROUP_RULE]: "Security group rule",
    [SECURITY_GROUP_INGRESS_RULE]: "Security group rule",
    [SUBNET]: "Subnet",
    [DEFAULT_SUBNET]: "Subnet",
    [ROUTE_TABLE]: "Route table",
    [DEFAULT_ROUTE_TABLE]: "Route table",
    [ROUTE]: "Route",
    [NETWORK_ACL]: "Network ACL",
    [DEFAULT_NETWORK_ACL]: "Network ACL",
    [NETWORK_ACL_RULE]: "Network ACL rule",
    [DEFAULT_SECURITY_GROUP]: "Default security group",
    [ECS_TASK_DEFINITION]: "Task definition",
    [S3_BUCKET_V2]: "S3 bucket",
    [S3_BUCKET_ACL]: "Bucket ACL",
    [S3_BUCKET_ACL_V2]: "Bucket ACL",
    [S3_BUCKET_VERSIONING_V2]: "S3 bucket versioning",
    [S3_BUCKET_LIFECYCLE_CONFIGURATION_V2]: "S3 bucket lifecycle configuration",
    [WAFV2_WEB_ACL]: "WAFv2 web ACL",
    [WAFV2_WEB_ACL_ASSOCIATION]: "WAFv2 web ACL association",
    [WAFV2_WEB_ACL_LOGGING_CONFIGURATION]: "WAFv2 logging configuration",
    [LAUNCH_CONFIGURATION]: "Launch configuration",
    [SPOT_FLEET_REQUEST]: "Spot fleet request",
    [EIP]: "Elastic IP",
    [EIP_ASSOCIATION]: "Elastic IP association",
    [AUTOSCALING_GROUP]: "Auto Scaling group",
    [EBS_ENCRYPTION_BY_DEFAULT]: "EBS encryption by default",
    [CLASSIC_ELB]: "Classic load balancer",
    [LB_LISTENER]: "Load balancer listener",
    [ALB_LISTENER]: "Load balancer listener",
    [LB_LISTENER_CERTIFICATE]: "Listener certificate",
    [ALB_LISTENER_CERTIFICATE]: "Listener certificate",
    [IAM_SERVER_CERTIFICATE]: "IAM server certificate",
    [EKS_CLUSTER]: "EKS cluster",
    [EKS_NODE_GROUP]: "EKS node group",
    [LAMBDA_FUNCTION]: "Lambda function",
    [LAMBDA_PERMISSION]: "Lambda permission",
    [LAMBDA_FUNCTION_URL]: "Lambda function URL",
    [REST_STAGE]: "API Gateway stage",
    [REST_METHOD_SETTINGS]: "API Gateway method settings",
    [HTTP_STAGE]: "API Gateway v2 stage",
    [REST_DOMAIN_NAME]: "API Gateway domain name",
    [HTTP_DOMAIN_NAME]: "API Gateway v2 domain name",
    [DAX_CLUSTER]: "DAX cluster",
    [KINESIS_FIREHOSE_DELIVERY_STREAM]: "Firehose delivery stream",
    [GUARDDUTY_DETECTOR]: "GuardDuty detector",
    [GUARDDUTY_DETECTOR_FEATURE]: "GuardDuty detector feature",
    [SECURITYHUB_ACCOUNT]: "Security Hub account",
    [SECURITYHUB_STANDARDS_SUBSCRIPTION]: "Security Hub standards subscription",
    [CONFIG_RECORDER]: "AWS Config recorder",
    [CONFIG_RECORDER_STATUS]: "AWS Config recorder status",
    [CONFIG_DELIVERY_CHANNEL]: "AWS Config delivery channel",
    [CONFIG_RETENTION_CONFIGURATION]: "AWS Config retention configuration",
    [CONFIG_RULE]: "AWS Config rule",
    [CONFIG_REMEDIATION_CONFIGURATION]: "AWS Config remediation configuration",
};

/** How a type token's module reads in a noun ("aws:kms/key:Key" → "KMS key"). */
const MODULES: Readonly<Record<string, string>> = {
    acm: "ACM",
    alb: "ALB",
    backup: "AWS Backup",
    cloudtrail: "CloudTrail",
    cloudwatch: "CloudWatch",
    docdb: "DocumentDB",
    dynamodb: "DynamoDB",
    ebs: "EBS",
    ec2: "EC2",
    ecr: "ECR",
    ecs: "ECS",
    efs: "EFS",
    elasticache: "ElastiCache",
    elasticsearch: "Elasticsearch",
    iam: "IAM",
    kinesis: "Kinesis",
    kms: "KMS",
    lb: "Load balancer",
    neptune: "Neptune",
    opensearch: "OpenSearch",
    pipes: "EventBridge Pipes",
    rds: "RDS",
    redshift: "Redshift",
    redshiftserverless: "Redshift Serverless",
    s3: "S3",
    scheduler: "EventBridge Scheduler",
    secretsmanager: "Secrets Manager",
    sns: "SNS",
    sqs: "SQS",
    ssoadmin: "IAM Identity Center",
    vpc: "VPC",
    wafv2: "WAFv2",
};

/**
 * A readable noun derived from a type token: the table's entry, else module + class in words
 * ("aws:elasticache/replicationGroup:ReplicationGroup" → "ElastiCache replication group"), else the token.
 */
export function defaultNoun(type: string): string {
    const listed = NOUNS[type];
    if (listed !== undefined) {
        return listed;
    }
    if (type === AWS_PROVIDER) {
        return "AWS provider";
    }
    const m = /^aws:([a-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    if (!m) {
        return type;
    }
    const words = m[2].replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return `${MODULES[m[1]] ?? m[1]} ${words}`;
}

/** The noun for a resource type, or `fallback` for a type the table does not name. */
export function nounOf(type: string, fallback: string): string {
    return NOUNS[type] ?? fallback;
}

/** `<noun> "<name>"` for messages, e.g. `RDS instance "db"`; `fallback` names an unlisted type. */
export function labelOf(ctx: { readonly type: string; readonly name: string }, fallback: string): string {
    return `${nounOf(ctx.type, fallback)} "${ctx.name}"`;
}

const labels = new Map<string, string>();

/** `<noun> "<name>"` with the derived noun (defaultNoun), as typed reads and the safety net name a resource. */
export function labelFor(type: string, name: string): string {
    let noun = labels.get(type);
    if (noun === undefined) {
        noun = defaultNoun(type);
        if (labels.size < 4096) {
            labels.set(type, noun);
        }
    }
    return `${noun} "${name}"`;
}
