// Compliant example resources for every type the pack judges, built in code, and known-bad
// variants per policy: the ground the property-based tests (fuzz.test.ts) stand on. A fixture
// marks a JSON-document input (a task definition's containerDefinitions, an IAM document) with
// `json(...)`: the fuzzer reaches inside it and sends it JSON-encoded, as a program does.

import { TAGGABLE_TYPES } from "../../../policies/rules/governance";
import { TestResource, urnOf } from "../helpers";
import { AUTOSCALING_GROUP, EC2_INSTANCE, LAUNCH_TEMPLATE, REST_STAGE } from "../../../policies/lib";

/** A JSON-document input: sent as JSON text; the fuzzer puts hostile values inside it too. */
export class JsonDoc {
    constructor(readonly value: unknown) {}
}
export const json = (value: unknown): JsonDoc => new JsonDoc(value);

export const KEY = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/**
 * The AWS provider every fixture is analyzed with, as a stack with aws:allowedAccountIds hands it
 * over: the account the fixtures' ARNs name (kms-key-policy-least-privilege tells the key's own
 * account root from another account's by it).
 */
export const FIXTURE_PROVIDER = { props: { allowedAccountIds: ["111122223333"] } };
export const TAGS = { Project: "govstack", Environment: "prod", ManagedBy: "Pulumi", Compliance: "FedRAMP-Moderate", Owner: "platform" };
const DIGEST = `111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/app@sha256:${"a".repeat(64)}`;
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04";

const IDENTITY_DOC = json({
    Version: "2012-10-17",
    Statement: [
        { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws-us-gov:s3:::gov-data", "arn:aws-us-gov:s3:::gov-data/*"] },
        {
            Sid: "Pass",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: "arn:aws-us-gov:iam::111122223333:role/app-task",
            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
        { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
    ],
});
const TRUST_DOC = json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const RESOURCE_DOC = json({
    Version: "2012-10-17",
    Statement: [
        { Sid: "Account", Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::111122223333:root" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
        {
            Sid: "Org",
            Effect: "Allow",
            Principal: "*",
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
        },
    ],
});
const tlsDeny = (bucket: string) =>
    json({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [`arn:aws-us-gov:s3:::${bucket}`, `arn:aws-us-gov:s3:::${bucket}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
const CONTAINERS = json([
    {
        name: "app",
        image: DIGEST,
        user: "1001:1001",
        readonlyRootFilesystem: true,
        privileged: false,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: "tcp" }],
        environment: [
            { name: "PORT", value: "8080" },
            { name: "DB_HOST", value: "db.internal" },
        ],
        secrets: [{ name: "DB_PASSWORD", valueFrom: "govstack/db" }],
        linuxParameters: { capabilities: { add: [], drop: ["ALL"] }, initProcessEnabled: true },
    },
]);
const ALL_FLAGS = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const NET = { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-app"], assignPublicIp: false };
const SSE_RULE = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true };
const MONITORING_ROLE = "arn:aws-us-gov:iam::111122223333:role/rds-monitoring";
const DB_INSTANCE = {
    identifier: "gov-db",
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass: "db.r6g.large",
    publiclyAccessible: false,
    storageEncrypted: true,
    kmsKeyId: KEY,
    parameterGroupName: "pg-tls",
    dbSubnetGroupName: "db",
    multiAz: true,
    deletionProtection: true,
    backupRetentionPeriod: 30,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "gov-db-final",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: KEY,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    monitoringInterval: 60,
    monitoringRoleArn: MONITORING_ROLE,
    tags: { ...TAGS, Backup: "daily" },
};
const CLUSTER = {
    clusterIdentifier: "aurora",
    engine: "aurora-postgresql",
    engineVersion: "16.4",
    storageEncrypted: true,
    kmsKeyId: KEY,
    dbClusterParameterGroupName: "apg-tls",
    deletionProtection: true,
    backupRetentionPeriod: 30,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "aurora-final",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: KEY,
    enabledCloudwatchLogsExports: ["postgresql"],
    tags: { ...TAGS, Backup: "daily" },
};
const CLUSTER_MEMBER = {
    clusterIdentifier: "aurora",
    instanceClass: "db.r6g.large",
    publiclyAccessible: false,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: KEY,
    monitoringInterval: 60,
    monitoringRoleArn: MONITORING_ROLE,
};
const LOAD_BALANCER = {
    name: "web",
    arn: "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/app/web/1",
    loadBalancerType: "application",
    internal: false,
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    accessLogs: { bucket: "alb-access-logs-gov", prefix: "web", enabled: true },
    securityGroups: ["sg-lb"],
    subnets: ["subnet-pub-a", "subnet-pub-b"],
};
const HTTPS_LISTENER = {
    arn: "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/app/web/1/https",
    loadBalancerArn: LOAD_BALANCER.arn,
    protocol: "HTTPS",
    port: 443,
    sslPolicy: TLS_POLICY,
    certificateArn: "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/c",
    defaultActions: [{ type: "forward", targetGroupArn: "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:targetgroup/blue/1" }],
};
const HTTP_LISTENER = {
    arn: "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/app/web/1/http",
    loadBalancerArn: LOAD_BALANCER.arn,
    protocol: "HTTP",
    port: 80,
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
};
const BLOCK_DEVICES = {
    rootBlockDevice: { volumeSize: 20, encrypted: true, kmsKeyId: KEY },
    ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 50, encrypted: true, kmsKeyId: KEY }],
};
const METADATA = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
const ACM_CERT = "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/c";
const ACCESS_LOGS = { destinationArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/api", format: "$context.requestId" };
const SEARCH_DOMAIN = {
    domainName: "search",
    vpcOptions: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-search"] },
    encryptAtRest: { enabled: true, kmsKeyId: KEY },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: false },
    logPublishingOptions: [
        { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/opensearch/search/app" },
        { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/opensearch/search/audit", enabled: true },
    ],
};

/** Compliant props per type, one or more fixtures each (tags added where the type is taggable). */
const RAW: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
    "aws:lb/listener:Listener": [HTTPS_LISTENER, HTTP_LISTENER],
    "aws:alb/listener:Listener": [HTTPS_LISTENER, HTTP_LISTENER],
    "aws:lb/listenerRule:ListenerRule": [{ listenerArn: HTTPS_LISTENER.arn, priority: 10, actions: [{ type: "forward", targetGroupArn: "arn:tg" }], conditions: [{ pathPattern: { values: ["/api/*"] } }] }],
    "aws:alb/listenerRule:ListenerRule": [{ listenerArn: HTTP_LISTENER.arn, priority: 10, actions: [{ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_301" } }] }],
    "aws:lb/loadBalancer:LoadBalancer": [LOAD_BALANCER],
    "aws:alb/loadBalancer:LoadBalancer": [LOAD_BALANCER],
    "aws:backup/plan:Plan": [
        {
            id: "plan-1",
            name: "daily",
            rules: [
                {
                    ruleName: "daily",
                    targetVaultName: "gov-vault",
                    schedule: "cron(0 5 * * ? *)",
                    copyActions: [{ destinationVaultArn: "arn:aws-us-gov:backup:us-gov-east-1:111122223333:backup-vault:dr" }],
                },
            ],
        },
    ],
    "aws:backup/selection:Selection": [
        {
            name: "databases",
            planId: "plan-1",
            iamRoleArn: "arn:aws-us-gov:iam::111122223333:role/backup",
            selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }],
            resources: ["arn:aws-us-gov:rds:*:*:db:*"],
            notResources: [],
            conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Environment", value: "prod" }] }],
        },
    ],
    "aws:backup/vault:Vault": [{ name: "gov-vault", kmsKeyArn: KEY }],
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": [{ backupVaultName: "gov-vault", minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 }],
    "aws:cloudtrail/trail:Trail": [
        {
            name: "audit",
            s3BucketName: "gov-audit",
            kmsKeyId: KEY,
            enableLogging: true,
            enableLogFileValidation: true,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            cloudWatchLogsGroupArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*",
            cloudWatchLogsRoleArn: "arn:aws-us-gov:iam::111122223333:role/trail-logs",
            eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws-us-gov:s3"] }] }],
        },
        {
            name: "advanced",
            s3BucketName: "gov-audit",
            enableLogFileValidation: true,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            kmsKeyId: KEY,
            cloudWatchLogsGroupArn: "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*",
            cloudWatchLogsRoleArn: "arn:aws-us-gov:iam::111122223333:role/trail-logs",
            advancedEventSelectors: [
                { name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
                {
                    name: "data",
                    fieldSelectors: [
                        { field: "eventCategory", equals: ["Data"] },
                        { field: "resources.type", equals: ["AWS::S3::Object"] },
                    ],
                },
            ],
        },
    ],
    "aws:cloudwatch/eventTarget:EventTarget": [
        { rule: "nightly", arn: "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:cluster/app", ecsTarget: { taskDefinitionArn: "arn:td", launchType: "FARGATE", networkConfiguration: NET } },
    ],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [
        {
            name: "app-5xx",
            comparisonOperator: "GreaterThanThreshold",
            evaluationPeriods: 1,
            threshold: 5,
            actionsEnabled: true,
            alarmActions: ["arn:aws-us-gov:sns:us-gov-west-1:111122223333:alerts"],
        },
    ],
    "aws:cloudwatch/logGroup:LogGroup": [{ name: "/govstack/app", kmsKeyId: KEY, retentionInDays: 365 }],
    "aws:docdb/cluster:Cluster": [{ clusterIdentifier: "docs", storageEncrypted: true, kmsKeyId: KEY, enabledCloudwatchLogsExports: ["audit", "profiler"] }],
    "aws:docdb/clusterInstance:ClusterInstance": [{ clusterIdentifier: "docs", publiclyAccessible: false }],
    "aws:dynamodb/table:Table": [
        {
            name: "items",
            serverSideEncryption: { enabled: true, kmsKeyArn: KEY },
            pointInTimeRecovery: { enabled: true },
            replicas: [{ regionName: "us-gov-east-1", kmsKeyArn: KEY.replace("west", "east"), pointInTimeRecovery: true }],
        },
    ],
    "aws:dynamodb/tableReplica:TableReplica": [{ globalTableArn: "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/items", kmsKeyArn: KEY, pointInTimeRecovery: true }],
    "aws:dax/cluster:Cluster": [{ clusterName: "dax", iamRoleArn: "arn:aws-us-gov:iam::111122223333:role/dax", nodeType: "dax.r5.large", replicationFactor: 3, serverSideEncryption: { enabled: true } }],
    "aws:ebs/volume:Volume": [{ availabilityZone: "us-gov-west-1a", size: 10, encrypted: true, kmsKeyId: KEY }],
    "aws:ec2/instance:Instance": [{ ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-a", iamInstanceProfile: "app", metadataOptions: METADATA, ...BLOCK_DEVICES }],
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": [{ ami: "ami-1", instanceType: "t3.micro", subnetId: "subnet-a", iamInstanceProfile: "app", metadataOptions: METADATA, ...BLOCK_DEVICES }],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        {
            name: "lt",
            iamInstanceProfile: { name: "app" },
            metadataOptions: METADATA,
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY, volumeSize: 20 } }],
        },
    ],
    "aws:ec2/launchConfiguration:LaunchConfiguration": [
        {
            imageId: "ami-1",
            instanceType: "t3.micro",
            iamInstanceProfile: "app",
            metadataOptions: METADATA,
            rootBlockDevice: { volumeSize: 20, encrypted: true },
            ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 50, encrypted: true }],
        },
    ],
    "aws:ebs/encryptionByDefault:EncryptionByDefault": [{ enabled: true, region: "us-gov-west-1" }],
    "aws:iam/serverCertificate:ServerCertificate": [{ name: "legacy", certificateBody: "-----BEGIN CERTIFICATE-----", privateKey: "-----BEGIN RSA PRIVATE KEY-----" }],
    "aws:elb/loadBalancer:LoadBalancer": [
        {
            name: "classic",
            subnets: ["subnet-a", "subnet-b"],
            crossZoneLoadBalancing: true,
            listeners: [{ instancePort: 8443, instanceProtocol: "https", lbPort: 443, lbProtocol: "https", sslCertificateId: ACM_CERT }],
            accessLogs: { bucket: "alb-access-logs-gov", enabled: true },
        },
    ],
    "aws:eks/cluster:Cluster": [
        {
            name: "eks",
            roleArn: "arn:aws-us-gov:iam::111122223333:role/eks",
            vpcConfig: { subnetIds: ["subnet-a", "subnet-b"], endpointPublicAccess: false, endpointPrivateAccess: true },
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } },
            enabledClusterLogTypes: ["api", "audit", "authenticator"],
        },
    ],
    "aws:eks/nodeGroup:NodeGroup": [{ clusterName: "eks", remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] } }],
    "aws:batch/computeEnvironment:ComputeEnvironment": [
        { type: "MANAGED", computeResources: { type: "EC2", instanceRole: "arn:aws-us-gov:iam::123456789012:instance-profile/batch", maxVcpus: 16, subnets: ["subnet-a"], securityGroupIds: ["sg-1"] } },
    ],
    "aws:lambda/function:Function": [
        { name: "fn", role: "arn:role", vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-app"] }, environment: { variables: { PORT: "8080" } } },
    ],
    "aws:lambda/functionUrl:FunctionUrl": [{ functionName: "fn", authorizationType: "AWS_IAM" }],
    "aws:apigateway/stage:Stage": [{ restApi: "api", stageName: "prod", deployment: "d", accessLogSettings: ACCESS_LOGS }],
    "aws:apigatewayv2/stage:Stage": [{ apiId: "api2", name: "prod", accessLogSettings: ACCESS_LOGS }],
    "aws:apigateway/domainName:DomainName": [{ domainName: "api.example.gov", securityPolicy: "TLS_1_2", regionalCertificateArn: ACM_CERT }],
    "aws:apigatewayv2/domainName:DomainName": [
        { domainName: "api2.example.gov", domainNameConfiguration: { securityPolicy: "TLS_1_2", certificateArn: ACM_CERT, endpointType: "REGIONAL" } },
    ],
    "aws:apigateway/methodSettings:MethodSettings": [
        { restApi: "api", stageName: "prod", methodPath: "*/*", settings: { loggingLevel: "ERROR", cachingEnabled: true, cacheDataEncrypted: true } },
    ],
    "aws:ec2/managedPrefixList:ManagedPrefixList": [{ name: "partners", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "10.20.0.0/16", description: "partner" }] }],
    "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry": [{ prefixListId: "pl-1", cidr: "10.30.0.0/16" }],
    "aws:ec2/securityGroup:SecurityGroup": [
        {
            name: "app",
            vpcId: "vpc-1",
            ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: [] }],
            egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        },
    ],
    "aws:ec2/securityGroupRule:SecurityGroupRule": [{ type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"], securityGroupId: "sg-db" }],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "10.0.0.0/16" },
        { securityGroupId: "sg-bastion", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.8.0.0/16" },
    ],
    "aws:ec2/subnet:Subnet": [
        { id: "subnet-a", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false, tags: { ...TAGS, Name: "app-private-a", Tier: "private" } },
    ],
    "aws:ec2/defaultSubnet:DefaultSubnet": [{ availabilityZone: "us-gov-west-1a", mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false }],
    "aws:ec2/networkAcl:NetworkAcl": [
        {
            vpcId: "vpc-1",
            ingress: [
                { ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.0.0/16", fromPort: 22, toPort: 22 },
                { ruleNo: 200, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
            ],
            egress: [{ ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 }],
        },
    ],
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": [
        { defaultNetworkAclId: "acl-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.0.0/16", fromPort: 0, toPort: 65535 }] },
    ],
    "aws:ec2/networkAclRule:NetworkAclRule": [
        { networkAclId: "acl-1", ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
    ],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [{ securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }],
    "aws:iam/userLoginProfile:UserLoginProfile": [{ user: "ci", passwordResetRequired: true }],
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": [
        {
            minimumPasswordLength: 14,
            passwordReusePrevention: 24,
            maxPasswordAge: 90,
            requireSymbols: true,
            requireNumbers: true,
            requireUppercaseCharacters: true,
            requireLowercaseCharacters: true,
        },
    ],
    "aws:lambda/permission:Permission": [
        { action: "lambda:InvokeFunction", function: "fn", principal: "events.amazonaws.com", sourceArn: "arn:aws-us-gov:events:us-gov-west-1:111122223333:rule/nightly" },
    ],
    "aws:kinesis/resourcePolicy:ResourcePolicy": [{ resourceArn: "arn:aws-us-gov:kinesis:us-gov-west-1:111122223333:stream/events", policy: RESOURCE_DOC }],
    "aws:ecr/repository:Repository": [
        { name: "app", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] },
    ],
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": [
        { prefix: "ptc", appliedFors: ["PULL_THROUGH_CACHE"], imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS_DSSE", kmsKey: KEY }] },
    ],
    "aws:ecr/repositoryPolicy:RepositoryPolicy": [{ repository: "app", policy: RESOURCE_DOC }],
    "aws:ecs/service:Service": [{ name: "app", cluster: "arn:cluster", taskDefinition: "arn:td", desiredCount: 2, networkConfiguration: NET }],
    "aws:ecs/taskSet:TaskSet": [{ service: "app", cluster: "app", taskDefinition: "arn:td", networkConfiguration: NET }],
    "aws:ecs/taskDefinition:TaskDefinition": [
        {
            family: "app",
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: "512",
            memory: "1024",
            containerDefinitions: CONTAINERS,
            volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED", authorizationConfig: { iam: "ENABLED", accessPointId: "fsap-1" } } }],
        },
    ],
    "aws:efs/fileSystem:FileSystem": [{ encrypted: true, kmsKeyId: KEY }],
    "aws:elasticache/cluster:Cluster": [
        { clusterId: "sessions", engine: "memcached", nodeType: "cache.t4g.small", numCacheNodes: 2, azMode: "cross-az", transitEncryptionEnabled: true },
        { clusterId: "member", replicationGroupId: "cache" },
    ],
    "aws:elasticache/replicationGroup:ReplicationGroup": [
        {
            replicationGroupId: "cache",
            engine: "valkey",
            atRestEncryptionEnabled: true,
            kmsKeyId: KEY,
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            numCacheClusters: 2,
            snapshotRetentionLimit: 7,
        },
    ],
    "aws:elasticache/serverlessCache:ServerlessCache": [{ name: "cache", engine: "valkey", kmsKeyId: KEY, snapshotRetentionLimit: 7 }],
    // RBAC users as the estate declares them: the group's "default" switched off without a password, the app on IAM.
    "aws:elasticache/user:User": [
        { userId: "cache-default", userName: "default", engine: "redis", accessString: "off -@all", authenticationMode: { type: "no-password-required" } },
        { userId: "cache-app", userName: "cache-app", engine: "redis", accessString: "on ~* +@all -@dangerous", authenticationMode: { type: "iam" } },
    ],
    "aws:elasticsearch/domain:Domain": [SEARCH_DOMAIN],
    "aws:opensearch/domain:Domain": [SEARCH_DOMAIN],
    "aws:iam/accessKey:AccessKey": [{ user: "ci", status: "Active" }],
    "aws:iam/policy:Policy": [{ name: "app", policy: IDENTITY_DOC }],
    "aws:iam/rolePolicy:RolePolicy": [{ role: "app-task", policy: IDENTITY_DOC }],
    "aws:iam/groupPolicy:GroupPolicy": [{ group: "readers", policy: IDENTITY_DOC }],
    "aws:iam/userPolicy:UserPolicy": [{ user: "ci", policy: IDENTITY_DOC }],
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": [{ instanceArn: "arn:sso", permissionSetArn: "arn:ps", inlinePolicy: IDENTITY_DOC }],
    "aws:iam/role:Role": [
        {
            name: "app-task",
            assumeRolePolicy: TRUST_DOC,
            managedPolicyArns: ["arn:aws-us-gov:iam::111122223333:policy/app", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"],
        },
        // Inline policies (iam-no-inline-policies blocks them; the document policies judge what they grant).
        { name: "legacy", assumeRolePolicy: TRUST_DOC, inlinePolicies: [{ name: "inline", policy: IDENTITY_DOC }] },
    ],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [{ role: "app-task", policyArn: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" }],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": [{ user: "ci", policyArn: "arn:aws-us-gov:iam::111122223333:policy/app" }],
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": [{ group: "readers", policyArn: "arn:aws-us-gov:iam::111122223333:policy/app" }],
    "aws:iam/policyAttachment:PolicyAttachment": [{ policyArn: "arn:aws-us-gov:iam::111122223333:policy/app", roles: ["app-task"], groups: ["readers"], users: [] }],
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": [{ roleName: "app-task", policyArns: ["arn:aws-us-gov:iam::111122223333:policy/app"] }],
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": [{ userName: "ci", policyArns: [] }],
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": [{ groupName: "readers", policyArns: ["arn:aws-us-gov:iam::111122223333:policy/app"] }],
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": [{ instanceArn: "arn:sso", permissionSetArn: "arn:ps", managedPolicyArn: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" }],
    "aws:kinesis/stream:Stream": [{ name: "events", shardCount: 1, encryptionType: "KMS", kmsKeyId: KEY }],
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": [
        { name: "events", destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY } },
    ],
    "aws:kms/key:Key": [{ description: "data", enableKeyRotation: true, customerMasterKeySpec: "SYMMETRIC_DEFAULT", policy: RESOURCE_DOC }],
    "aws:kms/keyPolicy:KeyPolicy": [{ keyId: "k", policy: RESOURCE_DOC }],
    "aws:kms/externalKey:ExternalKey": [{ description: "imported", deletionWindowInDays: 30, policy: RESOURCE_DOC }],
    "aws:kms/replicaKey:ReplicaKey": [{ primaryKeyArn: KEY, policy: RESOURCE_DOC }],
    "aws:kms/replicaExternalKey:ReplicaExternalKey": [{ primaryKeyArn: KEY, policy: RESOURCE_DOC }],
    "aws:neptune/cluster:Cluster": [{ clusterIdentifier: "graph", storageEncrypted: true, kmsKeyArn: KEY, enableCloudwatchLogsExports: ["audit"] }],
    "aws:neptune/clusterInstance:ClusterInstance": [{ clusterIdentifier: "graph", publiclyAccessible: false }],
    "aws:pipes/pipe:Pipe": [
        {
            source: "arn:sqs",
            target: "arn:cluster",
            roleArn: "arn:role",
            targetParameters: { ecsTaskParameters: { taskDefinitionArn: "arn:td", networkConfiguration: { awsVpcConfiguration: { subnets: ["subnet-a"], assignPublicIp: "DISABLED" } } } },
        },
    ],
    "aws:rds/instance:Instance": [DB_INSTANCE],
    "aws:rds/cluster:Cluster": [CLUSTER],
    "aws:rds/clusterInstance:ClusterInstance": [{ ...CLUSTER_MEMBER, availabilityZone: "us-gov-west-1a" }],
    "aws:rds/parameterGroup:ParameterGroup": [{ name: "pg-tls", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }] }],
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": [{ name: "apg-tls", family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "1" }] }],
    "aws:redshift/cluster:Cluster": [{ clusterIdentifier: "dw", publiclyAccessible: false, encrypted: "true", kmsKeyId: KEY, automatedSnapshotRetentionPeriod: 7 }],
    "aws:redshiftserverless/workgroup:Workgroup": [{ workgroupName: "dw", namespaceName: "dw", publiclyAccessible: false }],
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": [{ ...ALL_FLAGS }],
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": [{ bucket: "gov-data", ...ALL_FLAGS }],
    "aws:s3/bucket:Bucket": [
        {
            bucket: "gov-data",
            acl: "private",
            serverSideEncryptionConfiguration: { rule: SSE_RULE },
            policy: tlsDeny("gov-data"),
            versioning: { enabled: true },
            grants: [{ type: "CanonicalUser", id: "owner", permissions: ["FULL_CONTROL"] }],
        },
        // An audit-log bucket (by name): Object Lock from creation.
        { bucket: "gov-audit-logs", objectLockEnabled: true, versioning: { enabled: true }, serverSideEncryptionConfiguration: { rule: SSE_RULE }, policy: tlsDeny("gov-audit-logs") },
    ],
    "aws:s3/bucketV2:BucketV2": [
        {
            bucket: "gov-data",
            serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }], bucketKeyEnabled: true }] }],
            grants: [{ type: "CanonicalUser", id: "owner", permissions: ["FULL_CONTROL"] }],
        },
    ],
    "aws:s3/bucketAcl:BucketAcl": [{ bucket: "gov-data", accessControlPolicy: { grants: [{ grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" }], owner: { id: "owner" } } }],
    "aws:s3/bucketAclV2:BucketAclV2": [{ bucket: "gov-data", acl: "private" }],
    "aws:s3/bucketObject:BucketObject": [{ bucket: "gov-data", key: "index.html", acl: "private" }],
    "aws:s3/bucketObjectv2:BucketObjectv2": [{ bucket: "gov-data", key: "index.html", acl: "bucket-owner-full-control" }],
    "aws:s3/objectCopy:ObjectCopy": [{ bucket: "gov-data", key: "copy", source: "gov-data/index.html", acl: "private", grants: [{ type: "CanonicalUser", id: "owner", permissions: ["READ"] }] }],
    "aws:s3/bucketPolicy:BucketPolicy": [{ bucket: "gov-data", policy: tlsDeny("gov-data") }],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [{ bucket: "gov-data", rules: [SSE_RULE] }],
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": [{ bucket: "gov-data", rules: [SSE_RULE] }],
    "aws:scheduler/schedule:Schedule": [
        { scheduleExpression: "rate(1 hour)", target: { arn: "arn:cluster", roleArn: "arn:role", ecsParameters: { taskDefinitionArn: "arn:td", networkConfiguration: NET } } },
    ],
    "aws:secretsmanager/secret:Secret": [{ name: "govstack/db", kmsKeyId: KEY }],
    "aws:secretsmanager/secretPolicy:SecretPolicy": [{ secretArn: "arn:secret", policy: RESOURCE_DOC }],
    "aws:secretsmanager/secretRotation:SecretRotation": [{ secretId: "arn:secret", rotationLambdaArn: "arn:lambda", rotationRules: { automaticallyAfterDays: 30 } }],
    "aws:sns/topic:Topic": [{ name: "alarms", kmsMasterKeyId: KEY, policy: RESOURCE_DOC }],
    "aws:sns/topicPolicy:TopicPolicy": [{ arn: "arn:topic", policy: RESOURCE_DOC }],
    "aws:sqs/queue:Queue": [{ name: "jobs", kmsMasterKeyId: KEY, policy: RESOURCE_DOC }],
    "aws:sqs/queuePolicy:QueuePolicy": [{ queueUrl: "https://sqs/jobs", policy: RESOURCE_DOC }],
    "pulumi:providers:aws": [
        {
            region: "us-gov-west-1",
            useFipsEndpoint: "true",
            skipCredentialsValidation: "true",
            defaultTags: json({ tags: TAGS }),
            endpoints: json([{ sts: "https://sts-fips.us-gov-west-1.amazonaws.com" }]),
        },
    ],
};

const TAGGABLE = new Set(TAGGABLE_TYPES);

/** Compliant fixtures per type (the taggable ones carry the required tags). */
export const COMPLIANT: ReadonlyMap<string, readonly Record<string, unknown>[]> = new Map(
    Object.entries(RAW).map(([type, list]) => [type, list.map((props) => (TAGGABLE.has(type) && props.tags === undefined ? { ...props, tags: { ...TAGS } } : props))]),
);

/** Policies a fixture violates by nature (an access key is always a finding), by type or by "type#index". */
export const ALWAYS_VIOLATES: Readonly<Record<string, readonly string[]>> = {
    "aws:iam/accessKey:AccessKey": ["iam-no-user-access-keys"],
    "aws:iam/userLoginProfile:UserLoginProfile": ["iam-no-user-login-profile"],
    "aws:iam/serverCertificate:ServerCertificate": ["no-iam-server-certificates"],
    "aws:iam/userPolicy:UserPolicy": ["iam-user-no-policies", "iam-no-inline-policies"],
    "aws:iam/rolePolicy:RolePolicy": ["iam-no-inline-policies"],
    "aws:iam/groupPolicy:GroupPolicy": ["iam-no-inline-policies"],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ["iam-user-no-policies"],
    "aws:iam/role:Role#1": ["iam-no-inline-policies"],
};

/**
 * Known-bad resources: for each resource policy, fixtures it must block, as a compliant fixture of
 * `type` with the value at `path` replaced. "Garbage in the OTHER fields" means any path that is
 * not `path`, nor above or below it.
 */
export interface BadCase {
    readonly type: string;
    /** Which compliant fixture of the type (default 0). */
    readonly fixture?: number;
    readonly path: readonly (string | number)[];
    readonly value: unknown;
}

export const BAD: Readonly<Record<string, readonly BadCase[]>> = {
    "rds-not-publicly-accessible": [{ type: "aws:rds/instance:Instance", path: ["publiclyAccessible"], value: true }],
    "redshift-not-publicly-accessible": [{ type: "aws:redshift/cluster:Cluster", path: ["publiclyAccessible"], value: true }],
    "opensearch-in-vpc": [{ type: "aws:opensearch/domain:Domain", path: ["vpcOptions", "subnetIds"], value: [] }],
    "security-group-database-ports-not-public": [{ type: "aws:ec2/securityGroupRule:SecurityGroupRule", path: ["cidrBlocks", 0], value: "0.0.0.0/0" }],
    "rds-storage-encrypted": [{ type: "aws:rds/instance:Instance", path: ["storageEncrypted"], value: false }],
    "rds-performance-insights-cmk": [{ type: "aws:rds/cluster:Cluster", path: ["performanceInsightsKmsKeyId"], value: "alias/aws/rds" }],
    "elasticache-encrypted": [{ type: "aws:elasticache/replicationGroup:ReplicationGroup", path: ["transitEncryptionMode"], value: "preferred" }],
    "elasticache-cluster-encrypted": [{ type: "aws:elasticache/cluster:Cluster", path: ["transitEncryptionEnabled"], value: false }],
    "elasticache-serverless-cmk": [{ type: "aws:elasticache/serverlessCache:ServerlessCache", path: ["kmsKeyId"], value: "" }],
    "redshift-cluster-encrypted": [{ type: "aws:redshift/cluster:Cluster", path: ["encrypted"], value: false }],
    "rds-parameter-group-requires-tls": [
        { type: "aws:rds/parameterGroup:ParameterGroup", path: ["parameters", 0, "value"], value: "0" },
    ],
    "ebs-volume-encrypted": [{ type: "aws:ebs/volume:Volume", path: ["encrypted"], value: false }],
    "ec2-block-devices-encrypted": [{ type: "aws:ec2/instance:Instance", path: ["ebsBlockDevices", 0, "encrypted"], value: false }],
    "efs-encrypted": [{ type: "aws:efs/fileSystem:FileSystem", path: ["kmsKeyId"], value: "alias/aws/elasticfilesystem" }],
    "s3-bucket-sse-kms": [{ type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", path: ["rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"], value: "AES256" }],
    "dynamodb-table-cmk": [{ type: "aws:dynamodb/table:Table", path: ["serverSideEncryption", "enabled"], value: false }],
    "sns-topic-encrypted": [{ type: "aws:sns/topic:Topic", path: ["kmsMasterKeyId"], value: "" }],
    "sqs-queue-encrypted": [{ type: "aws:sqs/queue:Queue", path: ["kmsMasterKeyId"], value: "alias/aws/sqs" }],
    "cloudwatch-log-group-cmk": [{ type: "aws:cloudwatch/logGroup:LogGroup", path: ["kmsKeyId"], value: "" }],
    "secretsmanager-secret-cmk": [{ type: "aws:secretsmanager/secret:Secret", path: ["kmsKeyId"], value: "alias/aws/secretsmanager" }],
    "ecr-repository-kms": [{ type: "aws:ecr/repository:Repository", path: ["encryptionConfigurations", 0, "encryptionType"], value: "AES256" }],
    "backup-vault-cmk": [{ type: "aws:backup/vault:Vault", path: ["kmsKeyArn"], value: "" }],
    "kinesis-stream-encrypted": [{ type: "aws:kinesis/stream:Stream", path: ["encryptionType"], value: "NONE" }],
    "opensearch-encryption-at-rest": [{ type: "aws:opensearch/domain:Domain", path: ["encryptAtRest", "enabled"], value: false }],
    "opensearch-encryption-in-transit": [{ type: "aws:elasticsearch/domain:Domain", path: ["domainEndpointOptions", "tlsSecurityPolicy"], value: "Policy-Min-TLS-1-0-2019-07" }],
    "ecs-container-non-root": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "user"], value: "0" }],
    "ecs-container-not-privileged": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "privileged"], value: true }],
    "ecs-container-readonly-root-fs": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "readonlyRootFilesystem"], value: false }],
    "ecs-container-no-added-capabilities": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "linuxParameters", "capabilities", "add"], value: ["SYS_ADMIN"] }],
    "ecs-container-image-pinned": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "image"], value: "nginx:latest" }],
    "ecs-container-no-plaintext-secrets": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["containerDefinitions", 0, "environment", 1, "name"], value: "DB_PASSWORD" }],
    "ecs-service-no-public-ip": [{ type: "aws:ecs/service:Service", path: ["networkConfiguration", "assignPublicIp"], value: true }],
    "ecr-repository-immutable-tags": [{ type: "aws:ecr/repository:Repository", path: ["imageTagMutability"], value: "MUTABLE" }],
    "ecr-repository-scan-on-push": [{ type: "aws:ecr/repository:Repository", path: ["imageScanningConfiguration", "scanOnPush"], value: false }],
    "security-group-world-ingress-web-only": [{ type: "aws:ec2/securityGroup:SecurityGroup", path: ["ingress", 0, "cidrBlocks", 0], value: "0.0.0.0/0" }],
    "security-group-no-world-admin-ports": [{ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", fixture: 1, path: ["cidrIpv4"], value: "0.0.0.0/0" }],
    "managed-prefix-list-no-world-cidr": [{ type: "aws:ec2/managedPrefixList:ManagedPrefixList", path: ["entries", 0, "cidr"], value: "0.0.0.0/0" }],
    "alb-http-redirects-to-https": [{ type: "aws:lb/listener:Listener", fixture: 1, path: ["defaultActions", 0, "type"], value: "forward" }],
    "alb-listener-tls-policy": [{ type: "aws:lb/listener:Listener", path: ["sslPolicy"], value: "ELBSecurityPolicy-2016-08" }],
    "alb-access-logs-enabled": [{ type: "aws:lb/loadBalancer:LoadBalancer", path: ["accessLogs", "enabled"], value: false }],
    "alb-drops-invalid-headers": [{ type: "aws:alb/loadBalancer:LoadBalancer", path: ["dropInvalidHeaderFields"], value: false }],
    "iam-policy-no-wildcard-actions": [{ type: "aws:iam/policy:Policy", path: ["policy", "Statement", 0, "Action"], value: "*" }],
    "iam-policy-no-passrole-wildcard": [{ type: "aws:iam/rolePolicy:RolePolicy", path: ["policy", "Statement", 1, "Resource"], value: "*" }],
    "iam-no-user-access-keys": [{ type: "aws:iam/accessKey:AccessKey", path: ["status"], value: "Inactive" }],
    "iam-user-no-policies": [{ type: "aws:iam/policyAttachment:PolicyAttachment", path: ["users"], value: ["ci"] }],
    "iam-no-admin-managed-policies": [{ type: "aws:iam/role:Role", path: ["managedPolicyArns", 1], value: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" }],
    "kms-key-rotation-enabled": [{ type: "aws:kms/key:Key", path: ["enableKeyRotation"], value: false }],
    "kms-key-explicit-policy": [{ type: "aws:kms/key:Key", path: ["policy"], value: "" }],
    "kms-key-policy-least-privilege": [{ type: "aws:kms/key:Key", path: ["policy", "Statement", 0, "Principal", "AWS"], value: "arn:aws-us-gov:iam::111122223333:role/app" }],
    "kms-key-policy-lockout-check": [{ type: "aws:kms/keyPolicy:KeyPolicy", path: ["bypassPolicyLockoutSafetyCheck"], value: true }],
    "kms-key-deletion-window": [{ type: "aws:kms/externalKey:ExternalKey", path: ["deletionWindowInDays"], value: 7 }],
    "kms-key-encryption-symmetric": [{ type: "aws:kms/key:Key", path: ["customerMasterKeySpec"], value: "RSA_4096" }],
    "kms-key-rotation-supported": [{ type: "aws:kms/key:Key", path: ["customerMasterKeySpec"], value: "HMAC_256" }],
    "rds-log-exports-enabled": [{ type: "aws:rds/instance:Instance", path: ["enabledCloudwatchLogsExports"], value: ["postgresql"] }],
    "rds-enhanced-monitoring": [{ type: "aws:rds/clusterInstance:ClusterInstance", path: ["monitoringInterval"], value: 0 }],
    "rds-auto-minor-version-upgrade": [{ type: "aws:rds/instance:Instance", path: ["autoMinorVersionUpgrade"], value: false }],
    "elasticache-snapshot-retention": [{ type: "aws:elasticache/replicationGroup:ReplicationGroup", path: ["snapshotRetentionLimit"], value: 0 }],
    "elasticache-user-authentication": [
        { type: "aws:elasticache/user:User", path: ["accessString"], value: "on ~* +@all" },
        { type: "aws:elasticache/user:User", fixture: 1, path: ["authenticationMode", "type"], value: "no-password-required" },
    ],
    "dynamodb-point-in-time-recovery": [{ type: "aws:dynamodb/table:Table", path: ["replicas", 0, "pointInTimeRecovery"], value: false }],
    "dax-cluster-encrypted": [{ type: "aws:dax/cluster:Cluster", path: ["serverSideEncryption", "enabled"], value: false }],
    "firehose-delivery-stream-cmk": [{ type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", path: ["serverSideEncryption", "keyType"], value: "AWS_OWNED_CMK" }],
    "ecs-task-network-mode-awsvpc": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["networkMode"], value: "bridge" }],
    "ecs-task-efs-transit-encryption": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["volumes", 0, "efsVolumeConfiguration", "transitEncryption"], value: "DISABLED" }],
    "ecs-task-efs-iam-authorization": [{ type: "aws:ecs/taskDefinition:TaskDefinition", path: ["volumes", 0, "efsVolumeConfiguration", "authorizationConfig", "iam"], value: "DISABLED" }],
    "resource-policy-no-public-principal": [{ type: "aws:sqs/queuePolicy:QueuePolicy", path: ["policy", "Statement", 1, "Condition"], value: { Bool: { "aws:SecureTransport": "true" } } }],
    "s3-public-access-block-all-flags": [{ type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", path: ["restrictPublicBuckets"], value: false }],
    "s3-no-public-acl": [{ type: "aws:s3/bucketObject:BucketObject", path: ["acl"], value: "public-read" }],
    "required-tags": [{ type: "aws:kms/key:Key", path: ["tags", "Owner"], value: "" }],
    "provider-allowed-regions": [{ type: "pulumi:providers:aws", path: ["region"], value: "us-east-1" }],
    "provider-fips-endpoints": [{ type: "pulumi:providers:aws", path: ["useFipsEndpoint"], value: false }],
    "rds-multi-az": [{ type: "aws:rds/instance:Instance", path: ["multiAz"], value: false }],
    "rds-deletion-protection": [{ type: "aws:rds/cluster:Cluster", path: ["deletionProtection"], value: false }],
    "rds-backup-retention": [{ type: "aws:rds/instance:Instance", path: ["backupRetentionPeriod"], value: 7 }],
    "rds-final-snapshot": [{ type: "aws:rds/cluster:Cluster", path: ["skipFinalSnapshot"], value: true }],
    "cloudwatch-log-retention": [{ type: "aws:cloudwatch/logGroup:LogGroup", path: ["retentionInDays"], value: 30 }],
    "alb-deletion-protection": [{ type: "aws:lb/loadBalancer:LoadBalancer", path: ["enableDeletionProtection"], value: false }],
    "elasticache-multi-az": [{ type: "aws:elasticache/replicationGroup:ReplicationGroup", path: ["multiAzEnabled"], value: false }],
    "cloudtrail-log-file-validation": [{ type: "aws:cloudtrail/trail:Trail", path: ["enableLogFileValidation"], value: false }],
    "cloudwatch-alarm-has-action": [{ type: "aws:cloudwatch/metricAlarm:MetricAlarm", path: ["alarmActions"], value: [] }],
    "s3-acl-no-group-acp-grants": [
        {
            type: "aws:s3/bucketAcl:BucketAcl",
            path: ["accessControlPolicy", "grants", 0, "grantee"],
            value: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" },
        },
    ],
    "security-group-egress-names-ports": [{ type: "aws:ec2/securityGroup:SecurityGroup", path: ["egress", 0], value: { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } }],
    "network-acl-no-world-admin-ingress": [{ type: "aws:ec2/networkAcl:NetworkAcl", path: ["ingress", 0, "cidrBlock"], value: "0.0.0.0/0" }],
    "subnet-no-public-ip-on-launch": [{ type: "aws:ec2/subnet:Subnet", path: ["mapPublicIpOnLaunch"], value: true }],
    "iam-role-trust-policy": [{ type: "aws:iam/role:Role", path: ["assumeRolePolicy", "Statement", 0, "Action"], value: "sts:*" }],
    "iam-no-user-login-profile": [{ type: "aws:iam/userLoginProfile:UserLoginProfile", path: ["passwordResetRequired"], value: false }],
    "iam-password-policy-strength": [{ type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", path: ["minimumPasswordLength"], value: 8 }],
    "iam-no-inline-policies": [{ type: "aws:iam/rolePolicy:RolePolicy", path: ["role"], value: "app-task" }],
    "resource-policy-no-wildcard-actions": [{ type: "aws:sqs/queuePolicy:QueuePolicy", path: ["policy", "Statement", 0, "Action"], value: "*" }],
    "ec2-no-public-ip": [{ type: "aws:ec2/instance:Instance", path: ["associatePublicIpAddress"], value: true }],
    "ec2-imdsv2-required": [{ type: "aws:ec2/launchTemplate:LaunchTemplate", path: ["metadataOptions", "httpTokens"], value: "optional" }],
    "ebs-encryption-by-default-enabled": [{ type: "aws:ebs/encryptionByDefault:EncryptionByDefault", path: ["enabled"], value: false }],
    "no-embedded-credentials": [{ type: "aws:lambda/function:Function", path: ["environment", "variables", "PORT"], value: "AKIAIOSFODNN7EXAMPLE" }],
    "elb-classic-tls-listeners": [{ type: "aws:elb/loadBalancer:LoadBalancer", path: ["listeners", 0, "lbProtocol"], value: "http" }],
    "elb-classic-access-logs": [{ type: "aws:elb/loadBalancer:LoadBalancer", path: ["accessLogs", "enabled"], value: false }],
    "elb-classic-cross-zone": [{ type: "aws:elb/loadBalancer:LoadBalancer", path: ["crossZoneLoadBalancing"], value: false }],
    "tls-certificate-from-acm": [{ type: "aws:apigateway/domainName:DomainName", path: ["regionalCertificateArn"], value: "arn:aws-us-gov:iam::111122223333:server-certificate/legacy" }],
    "no-iam-server-certificates": [{ type: "aws:iam/serverCertificate:ServerCertificate", path: ["name"], value: "legacy" }],
    "eks-endpoint-not-public": [{ type: "aws:eks/cluster:Cluster", path: ["vpcConfig", "endpointPublicAccess"], value: true }],
    "eks-secrets-cmk": [{ type: "aws:eks/cluster:Cluster", path: ["encryptionConfig", "resources"], value: [] }],
    "eks-control-plane-logs": [{ type: "aws:eks/cluster:Cluster", path: ["enabledClusterLogTypes"], value: ["api"] }],
    "eks-node-group-ssh-restricted": [{ type: "aws:eks/nodeGroup:NodeGroup", path: ["remoteAccess", "sourceSecurityGroupIds"], value: [] }],
    "lambda-in-vpc": [{ type: "aws:lambda/function:Function", path: ["vpcConfig", "subnetIds"], value: [] }],
    "lambda-permission-restricted": [{ type: "aws:lambda/permission:Permission", path: ["principal"], value: "*" }],
    "lambda-function-url-auth": [{ type: "aws:lambda/functionUrl:FunctionUrl", path: ["authorizationType"], value: "NONE" }],
    "apigateway-stage-access-logging": [{ type: "aws:apigateway/stage:Stage", path: ["accessLogSettings", "destinationArn"], value: "" }],
    "apigateway-cache-encrypted": [{ type: "aws:apigateway/methodSettings:MethodSettings", path: ["settings", "cacheDataEncrypted"], value: false }],
    "apigateway-domain-tls12": [{ type: "aws:apigateway/domainName:DomainName", path: ["securityPolicy"], value: "TLS_1_0" }],
    "cloudtrail-cloudwatch-logs": [{ type: "aws:cloudtrail/trail:Trail", path: ["cloudWatchLogsRoleArn"], value: "" }],
    "cloudtrail-cmk-encrypted": [{ type: "aws:cloudtrail/trail:Trail", path: ["kmsKeyId"], value: "alias/aws/cloudtrail" }],
    "cloudtrail-s3-data-events": [{ type: "aws:cloudtrail/trail:Trail", path: ["eventSelectors", 0, "dataResources"], value: [] }],
    "opensearch-logs-to-cloudwatch": [
        { type: "aws:opensearch/domain:Domain", path: ["logPublishingOptions", 1, "enabled"], value: false },
        { type: "aws:elasticsearch/domain:Domain", path: ["logPublishingOptions"], value: [] },
    ],
    "redshift-snapshot-retention": [{ type: "aws:redshift/cluster:Cluster", path: ["automatedSnapshotRetentionPeriod"], value: 0 }],
};

// ---------------------------------------------------------------------------------------------
// A compliant stack for the stack policies: resources linked by explicit names and ids, as the
// estate links them, so every stack policy has something to judge and judges it clean.

const first = (type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...(COMPLIANT.get(type)?.[0] ?? {}), ...overrides });

function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<TestResource> = {}): StackFixture {
    return { type, name, props, ...extra };
}

/** A stack resource whose props may hold JsonDoc boxes (materialised by the fuzzer). */
export interface StackFixture extends Omit<TestResource, "props"> {
    readonly props: Record<string, unknown>;
}

const TARGET_GROUP = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:targetgroup/app/1";
// The stage the REST_STAGE fixture declares (restApi "api", stageName "prod"), as AWS names it.
const REST_STAGE_ARN = "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/api/stages/prod";

const PROVIDER = { type: "pulumi:providers:aws", name: "default_7_0_0", props: first("pulumi:providers:aws") };

export function compliantStack(): StackFixture[] {
    const provider = { props: { region: "us-gov-west-1", defaultTags: JSON.stringify({ tags: TAGS }) } };
    return [
        resource(PROVIDER.type, PROVIDER.name, PROVIDER.props),
        resource("aws:ec2/vpc:Vpc", "vpc", { id: "vpc-1", cidrBlock: "10.0.0.0/16", tags: TAGS }),
        resource("awsx:ec2:Vpc", "edge-vpc", { vpcId: "vpc-2" }),
        resource("aws:ec2/flowLog:FlowLog", "vpc-flow", { vpcId: "vpc-1", trafficType: "ALL", logDestination: "arn:logs", tags: TAGS }),
        resource("aws:ec2/flowLog:FlowLog", "edge-flow", { vpcId: "vpc-2", trafficType: "ALL", tags: TAGS }),
        resource("aws:ec2/flowLog:FlowLog", "eni-flow", { eniId: "eni-1", trafficType: "REJECT", tags: TAGS }),
        resource("aws:ec2/subnet:Subnet", "private-a", first("aws:ec2/subnet:Subnet", { id: "subnet-a" })),
        resource("aws:ec2/subnet:Subnet", "private-b", first("aws:ec2/subnet:Subnet", { id: "subnet-b", cidrBlock: "10.0.2.0/24" })),
        resource("aws:ec2/internetGateway:InternetGateway", "igw", { id: "igw-1", vpcId: "vpc-1", tags: TAGS }),
        resource("aws:ec2/routeTable:RouteTable", "private-rt", {
            id: "rtb-private",
            vpcId: "vpc-1",
            routes: [
                { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
                { ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" },
            ],
            tags: TAGS,
        }),
        resource("aws:ec2/routeTable:RouteTable", "public-rt", { id: "rtb-public", vpcId: "vpc-1", tags: TAGS }),
        resource("aws:ec2/route:Route", "public-default", { routeTableId: "rtb-public", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-a-assoc", { subnetId: "subnet-a", routeTableId: "rtb-private" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "private-b-assoc", { subnetId: "subnet-b", routeTableId: "rtb-private" }),
        resource("aws:rds/subnetGroup:SubnetGroup", "db", { name: "db", subnetIds: ["subnet-a", "subnet-b"], tags: TAGS }),
        resource("aws:elasticache/subnetGroup:SubnetGroup", "cache", { name: "cache", subnetIds: ["subnet-a", "subnet-b"], tags: TAGS }),
        resource("aws:ec2/securityGroup:SecurityGroup", "lb", { id: "sg-lb", vpcId: "vpc-1", tags: TAGS }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-https", {
            securityGroupId: "sg-lb",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            tags: TAGS,
        }),
        resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "vpc-default-sg", { vpcId: "vpc-1", tags: TAGS }),
        resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "edge-default-sg", { vpcId: "vpc-2", tags: TAGS }),
        resource("aws:ec2/securityGroup:SecurityGroup", "app", first("aws:ec2/securityGroup:SecurityGroup", { id: "sg-app" })),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-http", {
            securityGroupId: "sg-lb",
            ipProtocol: "tcp",
            fromPort: 80,
            toPort: 80,
            cidrIpv4: "0.0.0.0/0",
            tags: TAGS,
        }),
        resource("aws:ec2/securityGroupRule:SecurityGroupRule", "db-from-app", first("aws:ec2/securityGroupRule:SecurityGroupRule")),
        resource("aws:lb/loadBalancer:LoadBalancer", "web", first("aws:lb/loadBalancer:LoadBalancer", { id: LOAD_BALANCER.arn })),
        resource("aws:lb/listener:Listener", "https", first("aws:lb/listener:Listener")),
        resource("aws:lb/listener:Listener", "http", { ...HTTP_LISTENER, tags: TAGS }),
        resource("aws:lb/listenerRule:ListenerRule", "http-rule", { ...first("aws:alb/listenerRule:ListenerRule"), listenerArn: HTTP_LISTENER.arn }),
        resource("aws:lb/listenerRule:ListenerRule", "api", first("aws:lb/listenerRule:ListenerRule")),
        resource("aws:wafv2/webAcl:WebAcl", "web-acl", { arn: "arn:waf", name: "web", scope: "REGIONAL", tags: TAGS }),
        resource("aws:wafv2/webAclAssociation:WebAclAssociation", "web-waf", { resourceArn: LOAD_BALANCER.arn, webAclArn: "arn:waf" }),
        resource("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "web-acl-logging", {
            resourceArn: "arn:waf",
            logDestinationConfigs: ["arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-web"],
        }),
        resource("aws:secretsmanager/secret:Secret", "db-secret", first("aws:secretsmanager/secret:Secret", { arn: "arn:secret" })),
        resource("aws:secretsmanager/secretRotation:SecretRotation", "db-secret-rotation", first("aws:secretsmanager/secretRotation:SecretRotation")),
        // Both data buckets are in the backup plan by tag; data also replicates to a bucket outside the stack.
        resource("aws:s3/bucket:Bucket", "data", first("aws:s3/bucket:Bucket", { tags: { ...TAGS, Backup: "daily" } })),
        resource("aws:s3/bucketV2:BucketV2", "backups", { bucket: "gov-backups", tags: { ...TAGS, Purpose: "backups", Backup: "daily" } }),
        resource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "data-replication", {
            bucket: "gov-data",
            role: "arn:aws-us-gov:iam::111122223333:role/replication",
            rules: [{ id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: "arn:aws-us-gov:s3:::gov-data-dr", storageClass: "STANDARD" } }],
        }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "data-pab", first("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "backups-pab", { bucket: "gov-backups", ...ALL_FLAGS }),
        resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "backups-sse", { bucket: "gov-backups", rules: [SSE_RULE] }),
        resource("aws:s3/bucketPolicy:BucketPolicy", "backups-policy", { bucket: "gov-backups", policy: tlsDeny("gov-backups") }),
        resource("aws:s3/bucketVersioning:BucketVersioning", "backups-versioning", { bucket: "gov-backups", versioningConfiguration: { status: "Enabled" } }),
        // The access-log bucket the others log to (it does not log into itself).
        resource("aws:s3/bucket:Bucket", "access-logs", {
            bucket: "gov-access-logs",
            objectLockEnabled: true,
            serverSideEncryptionConfiguration: { rule: SSE_RULE },
            policy: tlsDeny("gov-access-logs"),
            versioning: { enabled: true },
            tags: TAGS,
        }),
        resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "access-logs-pab", { bucket: "gov-access-logs", ...ALL_FLAGS }),
        resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "access-logs-lifecycle", {
            bucket: "gov-access-logs",
            rules: [{ id: "expire", status: "Enabled", expiration: { days: 365 } }],
        }),
        resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "access-logs-ownership", { bucket: "gov-access-logs", rule: { objectOwnership: "BucketOwnerEnforced" } }),
        ...["data", "backups"].flatMap((b) => [
            resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${b}-lifecycle`, {
                bucket: `gov-${b}`,
                rules: [{ id: "noncurrent", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 90 } }],
            }),
            resource("aws:s3/bucketLogging:BucketLogging", `${b}-logging`, { bucket: `gov-${b}`, targetBucket: "gov-access-logs", targetPrefix: `${b}/` }),
            resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${b}-ownership`, { bucket: `gov-${b}`, rule: { objectOwnership: "BucketOwnerEnforced" } }),
        ]),
        ...["data", "backups", "access-logs"].map((b) =>
            resource("aws:s3/bucketNotification:BucketNotification", `${b}-notification`, { bucket: `gov-${b}`, eventbridge: true }),
        ),
        resource("aws:sqs/queue:Queue", "jobs", { name: "jobs", url: "https://sqs/jobs", kmsMasterKeyId: KEY, tags: TAGS }),
        resource("aws:sqs/queue:Queue", "jobs-dlq", { name: "jobs-dlq", kmsMasterKeyId: KEY, redriveAllowPolicy: json({ redrivePermission: "byQueue", sourceQueueArns: ["arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs"] }), tags: TAGS }),
        resource("aws:sqs/redrivePolicy:RedrivePolicy", "jobs-redrive", {
            queueUrl: "https://sqs/jobs",
            redrivePolicy: json({ deadLetterTargetArn: "arn:aws-us-gov:sqs:us-gov-west-1:111122223333:jobs-dlq", maxReceiveCount: 5 }),
        }),
        resource("aws:redshift/cluster:Cluster", "dw", first("aws:redshift/cluster:Cluster")),
        resource("aws:redshift/logging:Logging", "dw-logging", { clusterIdentifier: "dw", logDestinationType: "cloudwatch", logExports: ["connectionlog", "userlog", "useractivitylog"] }),
        resource("aws:ec2/vpcEndpoint:VpcEndpoint", "sqs-endpoint", { id: "vpce-1", vpcId: "vpc-1", serviceName: "com.amazonaws.us-gov-west-1.sqs", tags: TAGS }),
        resource("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy", {
            queueUrl: "https://sqs/jobs",
            policy: json({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }],
            }),
        }),
        resource("aws:iam/role:Role", "app-task-role", { name: "app-task", assumeRolePolicy: TRUST_DOC, managedPolicyArns: ["arn:aws-us-gov:iam::111122223333:policy/app"], tags: TAGS }),
        resource("aws:iam/role:Role", "deploy-role", { name: "deploy", assumeRolePolicy: TRUST_DOC, tags: TAGS }),
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "deploy-attach", { role: "deploy", policyArn: "arn:aws-us-gov:iam::111122223333:policy/deploy" }),
        resource("aws:rds/instance:Instance", "db", DB_INSTANCE, { provider }),
        resource("aws:rds/cluster:Cluster", "aurora", CLUSTER),
        resource("aws:rds/clusterInstance:ClusterInstance", "aurora-1", { ...CLUSTER_MEMBER, availabilityZone: "us-gov-west-1a", tags: TAGS }),
        resource("aws:rds/clusterInstance:ClusterInstance", "aurora-2", { ...CLUSTER_MEMBER, tags: TAGS }),
        resource("aws:backup/vault:Vault", "vault", first("aws:backup/vault:Vault")),
        resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "vault-lock", first("aws:backup/vaultLockConfiguration:VaultLockConfiguration")),
        resource("aws:backup/plan:Plan", "plan", first("aws:backup/plan:Plan")),
        resource("aws:backup/selection:Selection", "selection", first("aws:backup/selection:Selection")),
        resource("aws:cloudtrail/trail:Trail", "audit", first("aws:cloudtrail/trail:Trail")),
        resource("aws:ecs/service:Service", "app", first("aws:ecs/service:Service")),
        // The account's detection services (issue 17 item 10): each tied as the policies require.
        resource("aws:guardduty/detector:Detector", "gd", { id: "det-1", enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: TAGS }),
        ...["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION"].map((name) =>
            resource("aws:guardduty/detectorFeature:DetectorFeature", `gd-${name.toLowerCase()}`, { detectorId: "det-1", name, status: "ENABLED" }),
        ),
        resource("aws:securityhub/account:Account", "hub", { enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL" }),
        resource(
            "aws:securityhub/standardsSubscription:StandardsSubscription",
            "hub-nist",
            { standardsArn: "arn:aws-us-gov:securityhub:us-gov-west-1::standards/nist-800-53/v/5.0.0" },
            { dependencies: [urnOf("aws:securityhub/account:Account", "hub")] },
        ),
        resource("aws:cfg/recorder:Recorder", "config-recorder", {
            name: "rec",
            roleArn: "arn:aws-us-gov:iam::111122223333:role/config",
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        }),
        resource("aws:cfg/recorderStatus:RecorderStatus", "config-status", { name: "rec", isEnabled: true }),
        resource("aws:cfg/deliveryChannel:DeliveryChannel", "config-channel", { name: "channel", s3BucketName: "gov-audit", s3KmsKeyArn: KEY }),
        resource("aws:cfg/retentionConfiguration:RetentionConfiguration", "config-retention", { retentionPeriodInDays: 2557 }),
        resource("aws:cfg/rule:Rule", "s3-ssl", { name: "s3-ssl", source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_SSL_REQUESTS_ONLY" }, tags: TAGS }),
        resource("aws:cfg/remediationConfiguration:RemediationConfiguration", "s3-ssl-fix", {
            configRuleName: "s3-ssl",
            targetType: "SSM_DOCUMENT",
            targetId: "AWSConfigRemediation-EnforceSSLOnlyConnections",
            automatic: true,
            maximumAutomaticAttempts: 3,
        }),
        // A type outside required-tags' list whose inputs carry tags (judged by required-tags-other-types).
        resource("aws:cognito/userPool:UserPool", "users", { name: "users", tags: TAGS }),
        // Compute: an instance in our subnet with a profile and an encrypted root device; Auto Scaling
        // groups of a launch template (root device /dev/xvda) in our subnets, one with the target
        // group in its own inputs, one attached by an aws.autoscaling.Attachment, both on the ELB
        // health check.
        resource(EC2_INSTANCE, "bastion", first(EC2_INSTANCE)),
        resource(LAUNCH_TEMPLATE, "app-lt", first(LAUNCH_TEMPLATE, { id: "lt-1" })),
        resource("aws:lb/targetGroup:TargetGroup", "app-tg", { arn: TARGET_GROUP, port: 8443, protocol: "HTTPS", vpcId: "vpc-1", targetType: "instance", tags: TAGS }),
        resource(AUTOSCALING_GROUP, "app-asg", {
            name: "app",
            minSize: 2,
            maxSize: 4,
            vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
            launchTemplate: { id: "lt-1", version: "$Latest" },
            targetGroupArns: [TARGET_GROUP],
            healthCheckType: "ELB",
            healthCheckGracePeriod: 300,
        }),
        resource(AUTOSCALING_GROUP, "worker-asg", {
            name: "worker",
            minSize: 1,
            maxSize: 2,
            vpcZoneIdentifiers: ["subnet-b"],
            launchTemplate: { id: "lt-1", version: "$Latest" },
            healthCheckType: "EC2,ELB",
            healthCheckGracePeriod: 300,
        }),
        resource("aws:autoscaling/attachment:Attachment", "worker-asg-tg", { autoscalingGroupName: "worker", lbTargetGroupArn: TARGET_GROUP }),
        // Serverless: a REST API stage with execution logging for all methods and a WAF web ACL.
        resource("aws:apigateway/restApi:RestApi", "api", { id: "api", name: "api", tags: TAGS }),
        resource(REST_STAGE, "api-prod", first(REST_STAGE, { arn: REST_STAGE_ARN })),
        resource("aws:apigateway/methodSettings:MethodSettings", "api-all", first("aws:apigateway/methodSettings:MethodSettings")),
        resource("aws:wafv2/webAclAssociation:WebAclAssociation", "api-waf", { resourceArn: REST_STAGE_ARN, webAclArn: "arn:waf" }),
    ];
}

/**
 * Known-bad stacks: for each stack policy, the compliant stack with one resource's value at
 * `path` replaced (or the resource removed), which the policy must block.
 */
export interface StackBadCase {
    /** The resource changed (by name). */
    readonly resource: string;
    /** The path set to `value`; absent: the resource is removed from the stack. */
    readonly path?: readonly (string | number)[];
    readonly value?: unknown;
    /** Other resources removed as well (a workaround, said why where used). */
    readonly without?: readonly string[];
}

export const STACK_BAD: Readonly<Record<string, readonly StackBadCase[]>> = {
    "db-subnet-group-private": [{ resource: "private-a", path: ["mapPublicIpOnLaunch"], value: true }],
    "s3-bucket-encryption-configured": [{ resource: "backups-sse" }],
    "security-group-world-web-only-load-balancer": [{ resource: "app", path: ["ingress", 0], value: { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] } }],
    "alb-http-listener-rules-redirect-only": [{ resource: "http-rule", path: ["actions", 0, "type"], value: "forward" }],
    // With the API stage's association present: it targets a stage, so it protects no load balancer.
    "alb-waf-associated": [{ resource: "web-waf" }],
    "vpc-flow-logs-enabled": [{ resource: "vpc-flow" }],
    "ec2-instance-profile-attached": [
        { resource: "bastion", path: ["iamInstanceProfile"], value: "" },
        { resource: "app-lt", path: ["iamInstanceProfile"], value: {} },
    ],
    "s3-bucket-public-access-block-present": [{ resource: "data-pab" }],
    "s3-bucket-tls-only-policy": [{ resource: "backups-policy" }],
    "s3-backup-bucket-versioning": [{ resource: "backups-versioning", path: ["versioningConfiguration", "status"], value: "Suspended" }],
    "aurora-cluster-multi-az": [{ resource: "aurora-2" }],
    "required-tags-other-types": [{ resource: "users", path: ["tags"], value: { Project: "govstack" } }],
    "cloudtrail-trail-present": [{ resource: "audit" }],
    "backup-plan-covers-database": [{ resource: "selection" }],
    "backup-vault-locked": [{ resource: "vault-lock" }],
    "backup-plan-cross-region-copy": [{ resource: "plan", path: ["rules", 0, "copyActions"], value: [] }],
    "network-rules-declared-one-way": [{ resource: "lb", path: ["ingress"], value: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }],
    "subnet-private-tier-no-igw-route": [{ resource: "private-a-assoc", path: ["routeTableId"], value: "rtb-public" }],
    "vpc-default-security-group-closed": [{ resource: "vpc-default-sg" }],
    "s3-bucket-versioning-enabled": [{ resource: "backups-versioning", path: ["versioningConfiguration", "status"], value: "Suspended" }],
    "s3-bucket-lifecycle-configured": [{ resource: "data-lifecycle" }],
    "s3-bucket-access-logging": [{ resource: "data-logging" }],
    "s3-bucket-owner-enforced": [{ resource: "data-ownership" }],
    "s3-audit-bucket-object-lock": [{ resource: "access-logs", path: ["objectLockEnabled"], value: false }],
    "iam-role-one-way-to-attach": [{ resource: "deploy-attach", path: ["role"], value: "app-task" }],
    "wafv2-web-acl-logging": [{ resource: "web-acl-logging" }],
    "secretsmanager-secret-rotation": [{ resource: "db-secret-rotation" }, { resource: "db-secret-rotation", path: ["rotationEnabled"], value: false }],
    "guardduty-detector-enabled": [{ resource: "gd-ebs_malware_protection", path: ["status"], value: "DISABLED" }],
    "securityhub-standard-subscribed": [{ resource: "hub-nist" }],
    "config-recorder-enabled": [{ resource: "config-retention", path: ["retentionPeriodInDays"], value: 365 }],
    "config-rule-auto-remediation": [{ resource: "s3-ssl-fix", path: ["automatic"], value: false }],
    "ec2-instance-in-stack-vpc": [
        { resource: "bastion", path: ["subnetId"], value: undefined },
        { resource: "app-asg", path: ["vpcZoneIdentifiers"], value: [] },
    ],
    "ec2-root-volume-encrypted": [{ resource: "bastion", path: ["rootBlockDevice"], value: undefined }],
    "autoscaling-group-elb-health-check": [
        { resource: "app-asg", path: ["healthCheckType"], value: "EC2" },
        { resource: "worker-asg", path: ["healthCheckType"], value: undefined },
    ],
    "apigateway-rest-stage-execution-logging": [{ resource: "api-all", path: ["settings", "loggingLevel"], value: "OFF" }],
    "apigateway-rest-stage-waf": [{ resource: "api-waf" }],
    "resource-policy-no-network-only-principal": [{ resource: "jobs-policy", path: ["policy", "Statement", 0, "Condition", "StringEquals", "aws:SourceVpce"], value: "vpce-elsewhere" }],
    "s3-data-bucket-replicated-or-backed-up": [{ resource: "backups", path: ["tags", "Backup"], value: "weekly" }],
    "s3-bucket-event-notifications": [{ resource: "data-notification" }],
    "redshift-audit-logging": [{ resource: "dw-logging" }],
    "sqs-queue-dead-letter-queue": [{ resource: "jobs-redrive" }],
};

export function stackUrn(r: { type: string; name: string; urn?: string }): string {
    return r.urn ?? urnOf(r.type, r.name);
}
