// The pack's type tokens, one declaration each. Rules never import @pulumi/aws at run time (it
// would cost the pack ~1 s of start-up), so tokens are plain strings. The rule (policies/lib/README.md):
// a token that policies/lib or more than one rule area names is declared here; a token only one
// area names, in that area's `resource-types.ts`. Rule files, lib and tests import the constant and
// never repeat the string (tests/policies/resource-types.test.ts fails on a second declaration).
// Names are the service and the resource (RDS_INSTANCE, WAFV2_WEB_ACL_ASSOCIATION); EC2 networking
// types drop the EC2 prefix (VPC, SUBNET, ROUTE_TABLE); API Gateway v1 is REST_, v2 is HTTP_.

export const ALB_LISTENER = "aws:alb/listener:Listener";
export const ALB_LISTENER_CERTIFICATE = "aws:alb/listenerCertificate:ListenerCertificate";
export const ALB_LISTENER_RULE = "aws:alb/listenerRule:ListenerRule";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";

export const REST_DOMAIN_NAME = "aws:apigateway/domainName:DomainName";
export const REST_METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
export const REST_STAGE = "aws:apigateway/stage:Stage";

export const HTTP_DOMAIN_NAME = "aws:apigatewayv2/domainName:DomainName";
export const HTTP_STAGE = "aws:apigatewayv2/stage:Stage";

export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";

export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_SELECTION = "aws:backup/selection:Selection";
export const BACKUP_VAULT = "aws:backup/vault:Vault";

export const CONFIG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
export const CONFIG_RECORDER = "aws:cfg/recorder:Recorder";
export const CONFIG_RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
export const CONFIG_REMEDIATION_CONFIGURATION = "aws:cfg/remediationConfiguration:RemediationConfiguration";
export const CONFIG_RETENTION_CONFIGURATION = "aws:cfg/retentionConfiguration:RetentionConfiguration";
export const CONFIG_RULE = "aws:cfg/rule:Rule";

export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";

export const CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const DAX_CLUSTER = "aws:dax/cluster:Cluster";

export const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
export const DOCDB_CLUSTER_INSTANCE = "aws:docdb/clusterInstance:ClusterInstance";

export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const DYNAMODB_TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";

export const DEFAULT_NETWORK_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
export const DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
export const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
export const EIP = "aws:ec2/eip:Eip";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
export const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const MAIN_ROUTE_TABLE_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
export const NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";
export const NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
export const ROUTE = "aws:ec2/route:Route";
export const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
export const ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SPOT_FLEET_REQUEST = "aws:ec2/spotFleetRequest:SpotFleetRequest";
export const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const VPC = "aws:ec2/vpc:Vpc";
// The other gateway a route's `gatewayId` may name (a virtual private gateway is not the internet).
export const VPN_GATEWAY = "aws:ec2/vpnGateway:VpnGateway";

export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
// A repository creation template sets imageTagMutability / encryptionConfigurations for every
// repository ECR creates on its own (pull-through cache, replication, create-on-push): those
// repositories never pass through an aws.ecr.Repository, so the template is where they are judged.
export const ECR_REPOSITORY_CREATION_TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";

export const ECS_SERVICE = "aws:ecs/service:Service";
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

export const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const ELASTICACHE_SERVERLESS_CACHE = "aws:elasticache/serverlessCache:ServerlessCache";

export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";

export const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";

export const GUARDDUTY_DETECTOR = "aws:guardduty/detector:Detector";
export const GUARDDUTY_DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";

export const IAM_SERVER_CERTIFICATE = "aws:iam/serverCertificate:ServerCertificate";

export const KINESIS_FIREHOSE_DELIVERY_STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const LAMBDA_FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";

export const LB_LISTENER = "aws:lb/listener:Listener";
export const LB_LISTENER_CERTIFICATE = "aws:lb/listenerCertificate:ListenerCertificate";
export const LB_LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
export const LB_LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

export const NEPTUNE_CLUSTER = "aws:neptune/cluster:Cluster";
export const NEPTUNE_CLUSTER_INSTANCE = "aws:neptune/clusterInstance:ClusterInstance";

export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";

export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_INSTANCE = "aws:rds/instance:Instance";

export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";

export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
export const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const S3_BUCKET_LIFECYCLE_CONFIGURATION_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const S3_SSE_CONFIG_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";

export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";

export const SECURITYHUB_ACCOUNT = "aws:securityhub/account:Account";
export const SECURITYHUB_STANDARDS_SUBSCRIPTION = "aws:securityhub/standardsSubscription:StandardsSubscription";

export const SNS_TOPIC = "aws:sns/topic:Topic";

export const SQS_QUEUE = "aws:sqs/queue:Queue";

export const SECURITY_GROUP_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

export const WAFV2_WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WAFV2_WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const WAFV2_WEB_ACL_LOGGING_CONFIGURATION = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

// awsx's VPC component (its subnets are the stack's own: the component creates the VPC).
export const AWSX_VPC = "awsx:ec2:Vpc";

// An AWS provider resource (explicit `aws.Provider` or the stack's default provider). The engine
// analyzes provider resources like any other, so a rule can judge a provider's settings (region,
// FIPS endpoints) once, or read its region for the resources that use it.
export const AWS_PROVIDER = "pulumi:providers:aws";

/** ElastiCache engines AWS defines (aws.elasticache.Cluster / ReplicationGroup `engine`). */
export const CACHE_ENGINES = ["memcached", "redis", "valkey"] as const;

/**
 * Workload types whose presence makes a stack one that needs the account's audit trail and
 * detection services (cloudtrail-trail-present and the detection area): a database, an ECS
 * service or a load balancer.
 */
export const WORKLOAD_TYPES = [
    RDS_INSTANCE,
    RDS_CLUSTER,
    ECS_SERVICE,
    LB_LOAD_BALANCER,
    ALB_LOAD_BALANCER,
] as const;
