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
    "aws:lambda/function:Function": "Lambda function",
    "aws:lambda/permission:Permission": "Lambda permission",
    "aws:lambda/functionUrl:FunctionUrl": "Lambda function URL",
    "aws:apigateway/stage:Stage": "API Gateway stage",
    "aws:apigatewayv2/stage:Stage": "API Gateway v2 stage",
    "aws:apigateway/domainName:DomainName": "API Gateway domain name",
    "aws:apigatewayv2/domainName:DomainName": "API Gateway v2 domain name",
};

/** The noun for a resource type, or `fallback` for a type the table does not name. */
export function nounOf(type: string, fallback: string): string {
    return NOUNS[type] ?? fallback;
}

/** `<noun> "<name>"` for messages, e.g. `RDS instance "db"`; `fallback` names an unlisted type. */
export function labelOf(ctx: { readonly type: string; readonly name: string }, fallback: string): string {
    return `${nounOf(ctx.type, fallback)} "${ctx.name}"`;
}
