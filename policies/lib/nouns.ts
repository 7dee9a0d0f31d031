// One table of readable resource nouns for violation messages, so every area names a resource
// the same way (`RDS cluster "db"`, `ECR repository creation template "t"`).

import { ECR_REPOSITORY_CREATION_TEMPLATE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "./resource-types";

const NOUNS: Readonly<Record<string, string>> = {
    [RDS_INSTANCE]: "RDS instance",
    [RDS_CLUSTER]: "RDS cluster",
    [RDS_CLUSTER_INSTANCE]: "RDS cluster instance",
    "aws:docdb/cluster:Cluster": "DocumentDB cluster",
    "aws:neptune/cluster:Cluster": "Neptune cluster",
    "aws:opensearch/domain:Domain": "OpenSearch domain",
    "aws:elasticsearch/domain:Domain": "Elasticsearch domain",
    "aws:ec2/launchTemplate:LaunchTemplate": "Launch template",
    "aws:ec2/instance:Instance": "EC2 instance",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "Spot instance request",
    "aws:ecr/repository:Repository": "ECR repository",
    [ECR_REPOSITORY_CREATION_TEMPLATE]: "ECR repository creation template",
    "aws:lb/loadBalancer:LoadBalancer": "Load balancer",
    "aws:alb/loadBalancer:LoadBalancer": "Load balancer",
    "aws:lb/listenerRule:ListenerRule": "Listener rule",
    "aws:alb/listenerRule:ListenerRule": "Listener rule",
    "aws:ec2/securityGroup:SecurityGroup": "Security group",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "Security group rule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "Security group rule",
    "aws:ec2/subnet:Subnet": "Subnet",
    "aws:ecs/taskDefinition:TaskDefinition": "Task definition",
    "aws:s3/bucketV2:BucketV2": "S3 bucket",
    "aws:s3/bucketAcl:BucketAcl": "Bucket ACL",
    "aws:s3/bucketAclV2:BucketAclV2": "Bucket ACL",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "Launch configuration",
    "aws:ec2/spotFleetRequest:SpotFleetRequest": "Spot fleet request",
    "aws:ec2/eip:Eip": "Elastic IP",
    "aws:ec2/eipAssociation:EipAssociation": "Elastic IP association",
    "aws:autoscaling/group:Group": "Auto Scaling group",
    "aws:ebs/encryptionByDefault:EncryptionByDefault": "EBS encryption by default",
    "aws:elb/loadBalancer:LoadBalancer": "Classic load balancer",
    "aws:lb/listener:Listener": "Load balancer listener",
    "aws:alb/listener:Listener": "Load balancer listener",
    "aws:lb/listenerCertificate:ListenerCertificate": "Listener certificate",
    "aws:alb/listenerCertificate:ListenerCertificate": "Listener certificate",
    "aws:iam/serverCertificate:ServerCertificate": "IAM server certificate",
    "aws:eks/cluster:Cluster": "EKS cluster",
    "aws:eks/nodeGroup:NodeGroup": "EKS node group",
    "aws:lambda/function:Function": "Lambda function",
    "aws:lambda/permission:Permission": "Lambda permission",
    "aws:lambda/functionUrl:FunctionUrl": "Lambda function URL",
    "aws:apigateway/stage:Stage": "API Gateway stage",
    "aws:apigateway/methodSettings:MethodSettings": "API Gateway method settings",
    "aws:wafv2/webAclAssociation:WebAclAssociation": "WAFv2 web ACL association",
    "aws:apigatewayv2/stage:Stage": "API Gateway v2 stage",
    "aws:apigateway/domainName:DomainName": "API Gateway domain name",
    "aws:apigatewayv2/domainName:DomainName": "API Gateway v2 domain name",
    "aws:dax/cluster:Cluster": "DAX cluster",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "Firehose delivery stream",
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
    if (type === "pulumi:providers:aws") {
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
