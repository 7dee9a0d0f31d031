import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope, logGroupArn, roleArn } from "../../lib/arn";
import { assumeRolePolicy, policyJson } from "../../lib/iam";
import { encryptedLogGroup, estateLogGroupName } from "../shared/log-group";
import { rolePermissions } from "../shared/role-policy";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { endpointServiceName, servicePrincipal } from "../../lib/principals";
import { resourceTags } from "../../lib/tags";
import { vpcFabric } from "./vpc-fabric";

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/** Interface endpoints keep image pulls, logs, secrets and key calls off the internet (SC-7). */
export const INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "kms"] as const;

export interface NetworkArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    /** Permissions boundary ARN for every role the component creates (the deploy role requires it). */
    permissionsBoundary: string;
    /** The VPC's IPv4 block (/16 to /20). */
    cidr: string;
    /** Exactly the AZs to spread the three tiers over. */
    availabilityZones: string[];
    /** `OnePerAz` keeps egress up when an AZ fails; `Single` is the cheaper staging choice. */
    natGateways: "OnePerAz" | "Single";
    /** KMS key for the flow-log group (the logs key). */
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Port the service's containers listen on (the ALB's only egress). */
    containerPort: number;
    /** Port of the ALB's test listener (operator CIDRs only). */
    testListenerPort: number;
    /** Who may reach the ALB on 443 (and 80, which only redirects). */
    allowedCidrs: string[];
    /** Who may reach the test listener. */
    operatorCidrs: string[];
}

/** Security groups of the estate's tiers, by role. */
export interface TierSecurityGroups {
    alb: aws.ec2.SecurityGroup;
    service: aws.ec2.SecurityGroup;
    database: aws.ec2.SecurityGroup;
    cache: aws.ec2.SecurityGroup;
    endpoints: aws.ec2.SecurityGroup;
}

/**
 * The VPC in three tiers over three AZs: public (ALB, NAT), private (service tasks, endpoints,
 * egress only through NAT) and isolated (database and cache: no route off the VPC at all). Flow
 * logs record ALL traffic to a KMS-encrypted log group (AU-2, AU-9, SI-4). Security groups chain
 * the tiers: world → ALB (443/80 from allowed CIDRs) → service → database/cache (SC-7, AC-4).
 */
export class Network extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly isolatedSubnetIds: pulumi.Output<string[]>;
    readonly securityGroups: Readonly<TierSecurityGroups>;
    /** Route tables of the private tier (one per AZ), where the S3 gateway endpoint is added. */
    private readonly privateRouteTableIds: pulumi.Output<string>[];
    readonly flowLogGroupName: string;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:network:Network", name, {}, opts);
        const tags = (n?: string) => resourceTags(args.tags, "network", n);

        // Plain @pulumi/aws resources, not awsx.ec2.Vpc: awsx v3 creates its subnets, route tables
        // and gateways inside its provider, where neither a preview's policy pack nor the offline
        // plan can judge them, and its public subnets always map public IPs (docs/architecture.md).
        const fabric = vpcFabric(
            name,
            { namePrefix: args.namePrefix, cidr: args.cidr, availabilityZones: args.availabilityZones, natGateways: args.natGateways, tags },
            this,
        );
        this.vpc = fabric.vpc;
        this.vpcId = fabric.vpc.id;
        const ids = (subnets: aws.ec2.Subnet[]) => pulumi.all(subnets.map((s) => s.id));
        this.publicSubnetIds = ids(fabric.subnets.public);
        this.privateSubnetIds = ids(fabric.subnets.private);
        this.isolatedSubnetIds = ids(fabric.subnets.isolated);
        this.privateRouteTableIds = fabric.privateRouteTables.map((t) => t.id);

        this.flowLogGroupName = estateLogGroupName(args.namePrefix, "vpc-flow-logs");
        this.createFlowLogs(name, args, tags);
        this.securityGroups = this.createSecurityGroups(name, args, tags);
        this.createEndpoints(name, args, tags);

        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
        });
    }

    private createFlowLogs(name: string, args: NetworkArgs, tags: (n?: string) => Record<string, string>): void {
        const logGroup = encryptedLogGroup(
            `${name}-flow-logs`,
            {
                name: this.flowLogGroupName,
                retentionInDays: args.logRetentionDays,
                kmsKeyArn: args.logsKeyArn,
                tags: tags(this.flowLogGroupName),
            },
            { parent: this },
        );
        const roleName = physicalName(args.namePrefix, ["vpc-flow-logs"], NAME_LIMITS.iamRole);
        const groupArn = logGroupArn(args.scope, this.flowLogGroupName);
        const role = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                name: roleName,
                description: "Lets VPC Flow Logs write to its one log group",
                assumeRolePolicy: assumeRolePolicy(servicePrincipal("vpc-flow-logs"), args.scope.accountId),
                permissionsBoundary: args.permissionsBoundary,
                tags: tags(roleName),
            },
            { parent: this },
        );
        const permissions = rolePermissions(
            `${name}-flow-logs`,
            {
                role: role.name,
                policyName: roleName,
                description: "Write VPC Flow Logs to its one log group",
                // AC-6: only this log group, only the calls delivery needs.
                policy: policyJson([
                    {
                        Sid: "WriteFlowLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        Resource: [groupArn, `${groupArn}:*`],
                    },
                ]),
                tags: tags(roleName),
            },
            { parent: this },
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: this.vpcId,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: groupArn,
                iamRoleArn: roleArn(args.scope, roleName),
                maxAggregationInterval: 60,
                tags: tags(`${args.namePrefix}-flow-logs`),
            },
            { parent: this, dependsOn: [logGroup, ...permissions] },
        );
    }

    private createSecurityGroups(
        name: string,
        args: NetworkArgs,
        tags: (n?: string) => Record<string, string>,
    ): TierSecurityGroups {
        const group = (role: keyof TierSecurityGroups, description: string) => {
            const groupName = physicalName(args.namePrefix, [role]);
            return new aws.ec2.SecurityGroup(
                `${name}-${role}`,
                {
                    name: groupName,
                    description,
                    vpcId: this.vpcId,
                    // Rules are separate resources (below); with none declared here AWS's default
                    // allow-all egress rule is removed, so every group starts closed.
                    revokeRulesOnDelete: true,
                    tags: tags(groupName),
                },
                { parent: this },
            );
        };
        const sg: TierSecurityGroups = {
            alb: group("alb", "Load balancer: HTTPS from allowed networks, test listener from operators"),
            service: group("service", "Service tasks: container port from the load balancer only"),
            database: group("database", "PostgreSQL: 5432 from the service only"),
            cache: group("cache", "Redis: 6379 from the service only"),
            endpoints: group("endpoints", "VPC interface endpoints: 443 from the service only"),
        };

        type Peer = { cidr: string } | { group: aws.ec2.SecurityGroup } | { prefixList: pulumi.Input<string> };
        const peerArgs = (peer: Peer) =>
            "cidr" in peer
                ? peer.cidr.includes(":")
                    ? { cidrIpv6: peer.cidr }
                    : { cidrIpv4: peer.cidr }
                : "group" in peer
                  ? { referencedSecurityGroupId: peer.group.id }
                  : { prefixListId: peer.prefixList };
        const ingress = (id: string, to: aws.ec2.SecurityGroup, port: number, peer: Peer, description: string) =>
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-${id}`,
                { securityGroupId: to.id, ipProtocol: "tcp", fromPort: port, toPort: port, description, ...peerArgs(peer), tags: tags() },
                { parent: this },
            );
        const egress = (id: string, from: aws.ec2.SecurityGroup, port: number, peer: Peer, description: string) =>
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-${id}`,
                { securityGroupId: from.id, ipProtocol: "tcp", fromPort: port, toPort: port, description, ...peerArgs(peer), tags: tags() },
                { parent: this },
            );

        args.allowedCidrs.forEach((cidr, i) => {
            ingress(`alb-https-${i}`, sg.alb, HTTPS_PORT, { cidr }, `HTTPS from allowed network ${cidr}`);
            ingress(`alb-http-${i}`, sg.alb, HTTP_PORT, { cidr }, `HTTP (redirect to HTTPS only) from ${cidr}`);
        });
        args.operatorCidrs.forEach((cidr, i) => {
            ingress(`alb-test-${i}`, sg.alb, args.testListenerPort, { cidr }, `Test listener from operator network ${cidr}`);
        });
        egress("alb-to-service", sg.alb, args.containerPort, { group: sg.service }, "To service tasks");

        ingress("service-from-alb", sg.service, args.containerPort, { group: sg.alb }, "From the load balancer");
        egress("service-to-database", sg.service, POSTGRES_PORT, { group: sg.database }, "To PostgreSQL");
        egress("service-to-cache", sg.service, REDIS_PORT, { group: sg.cache }, "To Redis");
        egress("service-to-endpoints", sg.service, HTTPS_PORT, { group: sg.endpoints }, "To AWS APIs via interface endpoints");

        ingress("database-from-service", sg.database, POSTGRES_PORT, { group: sg.service }, "PostgreSQL from the service");
        ingress("cache-from-service", sg.cache, REDIS_PORT, { group: sg.service }, "Redis from the service");
        ingress("endpoints-from-service", sg.endpoints, HTTPS_PORT, { group: sg.service }, "AWS APIs from the service");
        return sg;
    }

    private createEndpoints(name: string, args: NetworkArgs, tags: (n?: string) => Record<string, string>): void {
        const region = args.scope.region;
        // Gateway endpoint: ECR image layers live in S3. Only the private tier's tables get it: the
        // service pulls from there; the isolated tier keeps no path off the VPC, S3 included.
        const routeTableIds = this.privateRouteTableIds;
        const s3 = new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: this.vpcId,
                serviceName: endpointServiceName("s3", region),
                vpcEndpointType: "Gateway",
                routeTableIds,
                tags: tags(`${args.namePrefix}-s3`),
            },
            { parent: this },
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-service-to-s3`,
            {
                securityGroupId: this.securityGroups.service.id,
                ipProtocol: "tcp",
                fromPort: HTTPS_PORT,
                toPort: HTTPS_PORT,
                prefixListId: s3.prefixListId,
                description: "To S3 through the gateway endpoint (image layers)",
                tags: tags(),
            },
            { parent: this },
        );
        for (const service of INTERFACE_ENDPOINTS) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service.replace(".", "-")}`,
                {
                    vpcId: this.vpcId,
                    serviceName: endpointServiceName(service, region),
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: this.privateSubnetIds,
                    securityGroupIds: [this.securityGroups.endpoints.id],
                    tags: tags(`${args.namePrefix}-${service}`),
                },
                { parent: this },
            );
        }
    }
}
