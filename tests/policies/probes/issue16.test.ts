// Independent probes for issue 16 (guard round 2, network and compute), written the way an outside
// reviewer checks the "done when": for every item, realistic @pulumi/aws v7 inputs (names and types
// from the SDK's input types: node_modules/@pulumi/aws/types/input.d.ts; values as the engine sends
// them at preview: ids unknown with their property dependencies, the bridge's string-typed booleans
// such as a launch template's `associatePublicIpAddress: "false"`, a redirect's `port: "443"`).
//
// Every probe runs through the real pack builders and is judged by EVERY policy of the areas issue
// 16 touches (network, compute, serverless, databases, plus provider-allowed-regions and
// ec2-block-devices-encrypted), not only the policy the item names: a compliant resource must pass
// them all with nothing reported (no mandatory, no advisory where values are known), and a violating
// one must be blocked (mandatory) by the item's policy with a message naming the property. A few
// probes also go through the compiled pack over the analyzer protocol (bottom of the file).

import * as assert from "node:assert/strict";

import { GovPolicy } from "../../../policies/lib";
import { allPolicies } from "../../../policies/rules";
import { computePolicies } from "../../../policies/rules/compute";
import { databasePolicies } from "../../../policies/rules/databases";
import { ec2BlockDevicesEncrypted } from "../../../policies/rules/encryption/ec2-block-devices-encrypted";
import { providerAllowedRegions } from "../../../policies/rules/governance/provider-allowed-regions";
import { networkPolicies } from "../../../policies/rules/network";
import { serverlessPolicies } from "../../../policies/rules/serverless";
import { TestResource, unknown, urnOf } from "../helpers";
import { probeKit, probeProvider, servedPack, show } from "./harness";

// ---------------------------------------------------------------------------------------------
// Harness

const SCOPE: readonly GovPolicy[] = [...networkPolicies, ...computePolicies, ...serverlessPolicies, ...databasePolicies, providerAllowedRegions, ec2BlockDevicesEncrypted];

const ACCOUNT = "123456789012";
const REGION = "us-gov-west-1";
const ACM_CERT = `arn:aws-us-gov:acm:${REGION}:${ACCOUNT}:certificate/0f3c5d2a-1b2c-4d5e-8f90-123456789abc`;
const IAM_CERT = `arn:aws-us-gov:iam::${ACCOUNT}:server-certificate/web-2026`;
const KMS_KEY = `arn:aws-us-gov:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const PROVIDER = probeProvider("default_7_48_0", { region: REGION });
const { r, judge, passes, noMandatory, blocks } = probeKit(SCOPE, PROVIDER);

// ---------------------------------------------------------------------------------------------
// Type tokens and a compliant network every capacity probe launches into

const T = {
    provider: "pulumi:providers:aws",
    vpc: "aws:ec2/vpc:Vpc",
    defaultVpc: "aws:ec2/defaultVpc:DefaultVpc",
    subnet: "aws:ec2/subnet:Subnet",
    defaultSubnet: "aws:ec2/defaultSubnet:DefaultSubnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    eip: "aws:ec2/eip:Eip",
    nat: "aws:ec2/natGateway:NatGateway",
    rt: "aws:ec2/routeTable:RouteTable",
    defaultRt: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainAssoc: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    acl: "aws:ec2/networkAcl:NetworkAcl",
    defaultAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    aclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    flowLog: "aws:ec2/flowLog:FlowLog",
    instance: "aws:ec2/instance:Instance",
    spot: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    lc: "aws:ec2/launchConfiguration:LaunchConfiguration",
    asg: "aws:autoscaling/group:Group",
    asgAttachment: "aws:autoscaling/attachment:Attachment",
    ebd: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    profile: "aws:iam/instanceProfile:InstanceProfile",
    elb: "aws:elb/loadBalancer:LoadBalancer",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    listenerCert: "aws:lb/listenerCertificate:ListenerCertificate",
    tg: "aws:lb/targetGroup:TargetGroup",
    serverCert: "aws:iam/serverCertificate:ServerCertificate",
    wafAssoc: "aws:wafv2/webAclAssociation:WebAclAssociation",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    bucket: "aws:s3/bucket:Bucket",
    fn: "aws:lambda/function:Function",
    permission: "aws:lambda/permission:Permission",
    fnUrl: "aws:lambda/functionUrl:FunctionUrl",
    restApi: "aws:apigateway/restApi:RestApi",
    deployment: "aws:apigateway/deployment:Deployment",
    restStage: "aws:apigateway/stage:Stage",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    restDomain: "aws:apigateway/domainName:DomainName",
    httpApi: "aws:apigatewayv2/api:Api",
    httpStage: "aws:apigatewayv2/stage:Stage",
    httpDomain: "aws:apigatewayv2/domainName:DomainName",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    eks: "aws:eks/cluster:Cluster",
    dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
} as const;

const U = unknown;
const vpcRef = (name = "main") => ({ vpcId: [[T.vpc, name]] as const });

/** A compliant three-tier VPC as a preview sees it (every id unknown, every tie a property dependency). */
function network(): TestResource[] {
    const subnets = ["public", "private", "isolated"].flatMap((tier, t) =>
        ["a", "b"].map((az, i) =>
            r(T.subnet, `${tier}-${az}`, { vpcId: U(), cidrBlock: `10.0.${t * 16 + i * 8}.0/21`, availabilityZone: `${REGION}${az}`, tags: { Tier: tier, Name: `${tier}-${az}` } }, vpcRef()),
        ),
    );
    return [
        r(T.vpc, "main", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, assignGeneratedIpv6CidrBlock: true }),
        r(T.defaultSg, "main-default", { vpcId: U() }, vpcRef()),
        r(T.flowLog, "main-flow", { vpcId: U(), trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: U(), iamRoleArn: U() }, { ...vpcRef(), logDestination: [[T.logGroup, "flow"]] }),
        r(T.igw, "igw", { vpcId: U() }, vpcRef()),
        r(T.eigw, "eigw", { vpcId: U() }, vpcRef()),
        r(T.eip, "nat-a", { domain: "vpc" }),
        r(T.nat, "nat-a", { allocationId: U(), subnetId: U(), connectivityType: "public" }, { allocationId: [[T.eip, "nat-a"]], subnetId: [[T.subnet, "public-a"]] }),
        r(T.rt, "public", { vpcId: U() }, vpcRef()),
        r(T.route, "public-internet", { routeTableId: U(), destinationCidrBlock: "0.0.0.0/0", gatewayId: U() }, { routeTableId: [[T.rt, "public"]], gatewayId: [[T.igw, "igw"]] }),
        r(T.route, "public-internet-v6", { routeTableId: U(), destinationIpv6CidrBlock: "::/0", gatewayId: U() }, { routeTableId: [[T.rt, "public"]], gatewayId: [[T.igw, "igw"]] }),
        r(T.rt, "private", { vpcId: U() }, vpcRef()),
        r(T.route, "private-nat", { routeTableId: U(), destinationCidrBlock: "0.0.0.0/0", natGatewayId: U() }, { routeTableId: [[T.rt, "private"]], natGatewayId: [[T.nat, "nat-a"]] }),
        r(T.route, "private-v6", { routeTableId: U(), destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: U() }, { routeTableId: [[T.rt, "private"]], egressOnlyGatewayId: [[T.eigw, "eigw"]] }),
        r(T.rt, "isolated", { vpcId: U() }, vpcRef()),
        ...subnets,
        ...subnets.map((s) => {
            const tier = s.name.split("-")[0];
            return r(T.assoc, s.name, { subnetId: U(), routeTableId: U() }, { subnetId: [[T.subnet, s.name]], routeTableId: [[T.rt, tier]] });
        }),
    ];
}

const inPrivate = { subnetId: [[T.subnet, "private-a"]] as const };

// ---------------------------------------------------------------------------------------------

describe("issue 16 independent probes", function () {
    this.timeout(120000);

    it("the compliant base network passes every policy in scope", async () => {
        await passes(network());
    });

    describe("item 1: subnets map no public IPv4 and assign no IPv6 on launch", () => {
        it("compliant: public tier without the flags, explicit false (also as the bridge's \"false\"), an IPv6 subnet, a default subnet set to false", async () => {
            await passes([
                r(T.subnet, "web-public", { vpcId: "vpc-0a1b2c3d4e5f67890", cidrBlock: "10.1.0.0/24", availabilityZone: `${REGION}a`, tags: { Tier: "public" } }),
                r(T.subnet, "web-public-2", { vpcId: "vpc-0a1b2c3d4e5f67890", cidrBlock: "10.1.1.0/24", mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false }),
                r(T.subnet, "web-public-3", { vpcId: "vpc-0a1b2c3d4e5f67890", cidrBlock: "10.1.2.0/24", mapPublicIpOnLaunch: "false" }),
                r(T.subnet, "dual-stack", { vpcId: "vpc-0a1b2c3d4e5f67890", cidrBlock: "10.1.3.0/24", ipv6CidrBlock: "2600:1f14:abc:de00::/64", assignIpv6AddressOnCreation: false, enableDns64: true }),
                r(T.defaultSubnet, "default-a", { availabilityZone: `${REGION}a`, mapPublicIpOnLaunch: false }),
            ]);
        });
        it("violating: mapPublicIpOnLaunch true (public tier too, also \"true\"), assignIpv6AddressOnCreation true, a default subnet left at AWS's default", async () => {
            const rs = [
                r(T.subnet, "public-a", { vpcId: U(), cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true, tags: { Tier: "public" } }, vpcRef()),
                r(T.subnet, "public-b", { vpcId: U(), cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: "true" }, vpcRef()),
                r(T.subnet, "v6", { vpcId: U(), ipv6CidrBlock: "2600:1f14:abc:de01::/64", assignIpv6AddressOnCreation: true }, vpcRef()),
                r(T.defaultSubnet, "default-b", { availabilityZone: `${REGION}b` }),
            ];
            await blocks(rs, "subnet-no-public-ip-on-launch", "public-a", ["mapPublicIpOnLaunch"]);
            await blocks(rs, "subnet-no-public-ip-on-launch", "public-b", ["mapPublicIpOnLaunch"]);
            await blocks(rs, "subnet-no-public-ip-on-launch", "v6", ["assignIpv6AddressOnCreation"]);
            await blocks(rs, "subnet-no-public-ip-on-launch", "default-b", ["mapPublicIpOnLaunch"]);
        });
    });

    describe("item 2: every VPC's default security group is adopted and empty", () => {
        const flow = (vpc: string, t: string = T.vpc) => r(T.flowLog, `${vpc}-flow`, { vpcId: U(), trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws-us-gov:s3:::flow-logs" }, { vpcId: [[t, vpc]] });
        it("compliant: adopted by dependency (preview), by known id (update), with explicit empty lists, the default VPC adopted", async () => {
            await passes([
                r(T.vpc, "a", { cidrBlock: "10.0.0.0/16" }),
                r(T.defaultSg, "a-default", { vpcId: U() }, { vpcId: [[T.vpc, "a"]] }),
                flow("a"),
                r(T.vpc, "b", { cidrBlock: "10.1.0.0/16", id: "vpc-0b000000000000001" }),
                r(T.defaultSg, "b-default", { vpcId: "vpc-0b000000000000001", ingress: [], egress: [], revokeRulesOnDelete: false, tags: { Name: "b-default" } }, { vpcId: [[T.vpc, "b"]] }),
                flow("b"),
            ]);
            await passes([r(T.defaultVpc, "legacy", { tags: { Name: "default" } }), r(T.defaultSg, "legacy-default", { vpcId: U() }, { vpcId: [[T.defaultVpc, "legacy"]] })]);
        });
        it("violating: a VPC left with AWS's default group, an adopted group with ingress or egress, a standalone rule added to it", async () => {
            const rs = [
                r(T.vpc, "a", { cidrBlock: "10.0.0.0/16" }),
                r(T.vpc, "b", { cidrBlock: "10.1.0.0/16" }),
                r(T.defaultSg, "b-default", { vpcId: U(), egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, { vpcId: [[T.vpc, "b"]] }),
                r(T.vpc, "c", { cidrBlock: "10.2.0.0/16" }),
                r(T.defaultSg, "c-default", { vpcId: U(), ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }, { vpcId: [[T.vpc, "c"]] }),
                r(T.ingressRule, "c-default-https", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.2.0.0/16" }, { securityGroupId: [[T.defaultSg, "c-default"]] }),
            ];
            // "a" is not adopted although another VPC's default group is: never "some such resource exists".
            await blocks(rs, "vpc-default-security-group-closed", "a", ["DefaultSecurityGroup", "vpcId"]);
            await blocks(rs, "vpc-default-security-group-closed", "b-default", ["egress"]);
            await blocks(rs, "vpc-default-security-group-closed", "c-default", ["ingress"]);
            await blocks(rs, "vpc-default-security-group-closed", "c-default-https", ["default security group"]);
        });
    });

    describe("item 3: network ACLs allow nothing from the internet to 22, 3389 or everything", () => {
        const vpc = { vpcId: "vpc-0a1b2c3d4e5f67890" };
        it("compliant: web ports, return traffic behind lower-numbered denies, egress from 0.0.0.0/0 (not ingress), a default ACL with deny rules only, IPv6 web, protocol numbers as strings", async () => {
            await passes([
                r(T.acl, "public", {
                    ...vpc,
                    subnetIds: ["subnet-0aa", "subnet-0bb"],
                    ingress: [
                        { ruleNo: 80, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 81, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 82, action: "deny", protocol: "udp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 83, action: "deny", protocol: "udp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 101, action: "allow", protocol: "6", fromPort: 443, toPort: 443, ipv6CidrBlock: "::/0" },
                        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 120, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/16" },
                        { ruleNo: 130, action: "allow", protocol: "icmp", fromPort: 0, toPort: 0, icmpType: 3, icmpCode: 4, cidrBlock: "0.0.0.0/0" },
                    ],
                    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
                }),
                r(T.aclRule, "egress-all", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 100, egress: true, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }),
                r(T.aclRule, "egress-all-v6", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 101, egress: "true", protocol: "-1", ruleAction: "allow", ipv6CidrBlock: "::/0" }),
                r(T.aclRule, "https-in-v6", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 110, egress: false, protocol: "6", ruleAction: "allow", ipv6CidrBlock: "::/0", fromPort: 443, toPort: 443 }),
                r(T.aclRule, "ssh-from-vpn", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 120, protocol: "tcp", ruleAction: "allow", cidrBlock: "10.20.0.0/16", fromPort: 22, toPort: 22 }),
                r(T.aclRule, "deny-all-in", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 130, protocol: "-1", ruleAction: "deny", cidrBlock: "0.0.0.0/0" }),
                r(T.defaultAcl, "adopted-empty", { defaultNetworkAclId: "acl-0aaaaaaaaaaaaaaa0", subnetIds: [] }),
                r(T.defaultAcl, "default", {
                    defaultNetworkAclId: "acl-0fedcba9876543210",
                    ingress: [{ ruleNo: 100, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
                    egress: [{ ruleNo: 100, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
                }),
            ]);
        });
        it("violating: 22 or 3389 from 0.0.0.0/0 or ::/0, all protocols, all ports, a default ACL keeping AWS's allow-all, a standalone inbound rule", async () => {
            const rs = [
                r(T.acl, "ssh", { ...vpc, ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }] }),
                r(T.acl, "rdp-v6", { ...vpc, ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlock: "::/0" }] }),
                r(T.acl, "all-protocols", { ...vpc, ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] }),
                r(T.acl, "all-ports", { ...vpc, ingress: [{ ruleNo: 100, action: "allow", protocol: "udp", fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" }] }),
                r(T.defaultAcl, "default", { defaultNetworkAclId: "acl-0fedcba9876543210", ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] }),
                r(T.aclRule, "ssh-in", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 100, egress: false, protocol: "6", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
                r(T.aclRule, "all-in-v6", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 101, protocol: "all", ruleAction: "ALLOW", ipv6CidrBlock: "::/0" }),
                r(T.aclRule, "range-in", { networkAclId: "acl-0123456789abcdef0", ruleNumber: 102, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 20, toPort: 25 }),
                r(T.acl, "half-shadowed", {
                    ...vpc,
                    ingress: [
                        { ruleNo: 90, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" },
                        { ruleNo: 200, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
                    ],
                }),
            ];
            const p = "network-acl-no-world-admin-ingress";
            await blocks(rs, p, "ssh", ["ingress[0]", "22"]);
            await blocks(rs, p, "rdp-v6", ["ingress[0]", "3389", "::/0"]);
            await blocks(rs, p, "all-protocols", ["all protocols", "0.0.0.0/0"]);
            await blocks(rs, p, "all-ports", ["all udp ports"]);
            await blocks(rs, p, "default", ["ingress[0]", "all protocols"]);
            await blocks(rs, p, "ssh-in", ["22"]);
            await blocks(rs, p, "all-in-v6", ["all protocols", "::/0"]);
            await blocks(rs, p, "range-in", ["ports 20-25", "22"]);
            // A deny numbered AFTER the allow does not shadow it (first match wins).
            await blocks(rs, p, "half-shadowed", ["ingress[1]", "3389"]);
        });
    });

    describe("item 4: security group egress names its ports", () => {
        it("compliant: 443 to the internet, everything to a prefix list or a security group or the VPC, IPv6 443, standalone rules of each kind", async () => {
            await passes([
                r(T.sg, "app", {
                    vpcId: "vpc-0a1b2c3d4e5f67890",
                    description: "app tasks",
                    ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, securityGroups: [U()], description: "from the ALB" }],
                    egress: [
                        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
                        { protocol: "-1", fromPort: 0, toPort: 0, prefixListIds: ["pl-0123456789abcdef0"] },
                        { protocol: "-1", fromPort: 0, toPort: 0, securityGroups: [U()] },
                        { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] },
                        { protocol: "tcp", fromPort: 5432, toPort: 5432, self: true },
                        { protocol: "udp", fromPort: 123, toPort: 123, cidrBlocks: ["0.0.0.0/0"] },
                    ],
                }),
                r(T.egressRule, "to-s3", { securityGroupId: "sg-0123456789abcdef0", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-63a5400a" }),
                r(T.egressRule, "to-endpoints", { securityGroupId: "sg-0123456789abcdef0", ipProtocol: "-1", referencedSecurityGroupId: "sg-0fedcba9876543210" }),
                r(T.egressRule, "https-v6", { securityGroupId: "sg-0123456789abcdef0", ipProtocol: "6", fromPort: 443, toPort: 443, cidrIpv6: "::/0" }),
                r(T.sgRule, "to-db", { type: "egress", securityGroupId: "sg-0123456789abcdef0", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-0aaaaaaaaaaaaaaaa" }),
                r(T.sgRule, "all-to-vpc", { type: "egress", securityGroupId: "sg-0123456789abcdef0", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }),
            ]);
        });
        it("violating: all protocols or all ports to 0.0.0.0/0 or ::/0, inline and standalone", async () => {
            const rs = [
                r(T.sg, "default-egress", { vpcId: "vpc-0a1b2c3d4e5f67890", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
                r(T.sg, "tcp-any-v6", { vpcId: "vpc-0a1b2c3d4e5f67890", egress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, ipv6CidrBlocks: ["::/0"] }] }),
                r(T.egressRule, "anything", { securityGroupId: "sg-0123456789abcdef0", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
                r(T.sgRule, "anything-v6", { type: "egress", securityGroupId: "sg-0123456789abcdef0", protocol: "all", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }),
                r(T.sgRule, "udp-any", { type: "egress", securityGroupId: "sg-0123456789abcdef0", protocol: "udp", fromPort: 1, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }),
            ];
            const p = "security-group-egress-names-ports";
            await blocks(rs, p, "default-egress", ["egress[0]", "all protocols", "0.0.0.0/0"]);
            await blocks(rs, p, "tcp-any-v6", ["egress[0]", "all tcp ports", "::/0"]);
            await blocks(rs, p, "anything", ["all protocols"]);
            await blocks(rs, p, "anything-v6", ["all protocols", "::/0"]);
            await blocks(rs, p, "udp-any", ["all udp ports"]);
        });
    });

    describe("item 5: rules declared one way (tied through the graph)", () => {
        const sgRef = (name: string) => ({ securityGroupId: [[T.sg, name]] as const });
        it("compliant: standalone rules only, inline only, a rule on another group that references an inline group, ACL and route table rule resources only", async () => {
            await passes([
                r(T.sg, "web", { vpcId: "vpc-0a1b2c3d4e5f67890", description: "web" }),
                r(T.ingressRule, "web-https", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }, sgRef("web")),
                r(T.egressRule, "web-db", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: U() }, { ...sgRef("web"), referencedSecurityGroupId: [[T.sg, "db"]] }),
                r(T.sg, "db", { vpcId: "vpc-0a1b2c3d4e5f67890", description: "db", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [U()] }] }, { ingress: [[T.sg, "web"]] }),
                r(T.acl, "private", { vpcId: "vpc-0a1b2c3d4e5f67890" }),
                r(T.aclRule, "private-in", { networkAclId: U(), ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "10.0.0.0/16", fromPort: 443, toPort: 443 }, { networkAclId: [[T.acl, "private"]] }),
                r(T.rt, "private", { vpcId: "vpc-0a1b2c3d4e5f67890" }),
                r(T.route, "private-tgw", { routeTableId: U(), destinationCidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-0123456789abcdef0" }, { routeTableId: [[T.rt, "private"]] }),
                r(T.defaultRt, "main", { defaultRouteTableId: "rtb-0123456789abcdef0", routes: [] }),
            ]);
        });
        it("violating: inline rules plus rule resources on one group (by dependency and by id), ACL and route table likewise, both rule resource kinds on one group", async () => {
            const rs = [
                r(T.sg, "mixed", { vpcId: "vpc-0a1b2c3d4e5f67890", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] }),
                r(T.ingressRule, "mixed-extra", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/16" }, sgRef("mixed")),
                r(T.sg, "by-id", { vpcId: "vpc-0a1b2c3d4e5f67890", id: "sg-0b0b0b0b0b0b0b0b0", egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }),
                r(T.sgRule, "by-id-extra", { type: "egress", securityGroupId: "sg-0b0b0b0b0b0b0b0b0", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }),
                r(T.sg, "two-kinds", { vpcId: "vpc-0a1b2c3d4e5f67890" }),
                r(T.sgRule, "two-kinds-a", { type: "ingress", securityGroupId: U(), protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }, sgRef("two-kinds")),
                r(T.ingressRule, "two-kinds-b", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/16" }, sgRef("two-kinds")),
                r(T.acl, "acl-mixed", { vpcId: "vpc-0a1b2c3d4e5f67890", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/16" }] }),
                r(T.aclRule, "acl-mixed-extra", { networkAclId: U(), ruleNumber: 200, protocol: "tcp", ruleAction: "allow", cidrBlock: "10.0.0.0/16", fromPort: 80, toPort: 80 }, { networkAclId: [[T.acl, "acl-mixed"]] }),
                r(T.defaultAcl, "default-acl", { defaultNetworkAclId: U() }, { defaultNetworkAclId: [[T.vpc, "main"]] }),
                r(T.aclRule, "default-acl-extra", { networkAclId: U(), ruleNumber: 100, protocol: "tcp", ruleAction: "deny", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 }, { networkAclId: [[T.defaultAcl, "default-acl"]] }),
                r(T.rt, "rt-mixed", { vpcId: "vpc-0a1b2c3d4e5f67890", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" }] }),
                r(T.route, "rt-mixed-extra", { routeTableId: U(), destinationCidrBlock: "192.168.0.0/16", vpcPeeringConnectionId: "pcx-0123456789abcdef0" }, { routeTableId: [[T.rt, "rt-mixed"]] }),
            ];
            const p = "network-rules-declared-one-way";
            await blocks(rs, p, "mixed", ["ingress", "mixed-extra"]);
            await blocks(rs, p, "by-id", ["egress", "by-id-extra"]);
            await blocks(rs, p, "two-kinds", ["aws.ec2.SecurityGroupRule", "aws.vpc.SecurityGroupIngressRule"]);
            await blocks(rs, p, "acl-mixed", ["ingress", "acl-mixed-extra"]);
            await blocks(rs, p, "default-acl", ["default-acl-extra"]);
            await blocks(rs, p, "rt-mixed", ["routes", "rt-mixed-extra"]);
        });
    });

    describe("item 6: private-tier subnets never route the internet to an internet gateway; data subnet groups judged through the graph", () => {
        const withData = () => [
            ...network(),
            r(T.dbSubnetGroup, "db", { subnetIds: [U(), U()] }, { subnetIds: [[T.subnet, "isolated-a"], [T.subnet, "isolated-b"]] }),
            r(T.cacheSubnetGroup, "cache", { subnetIds: [U(), U()] }, { subnetIds: [[T.subnet, "private-a"], [T.subnet, "private-b"]] }),
        ];
        it("compliant: NAT for IPv4, egress-only gateway for IPv6, isolated with no default route; RDS and ElastiCache subnet groups on those subnets", async () => {
            await passes(withData());
        });
        it("violating: a private subnet associated with the public table, a ::/0 route to the IGW in the private table, an untagged data subnet behind the IGW", async () => {
            const retie = (rs: TestResource[], name: string, table: string) =>
                rs.map((x) => (x.type === T.assoc && x.name === name ? r(T.assoc, name, { subnetId: U(), routeTableId: U() }, { subnetId: [[T.subnet, name]], routeTableId: [[T.rt, table]] }) : x));
            await blocks(retie(withData(), "private-b", "public"), "subnet-private-tier-no-igw-route", "private-b", ["0.0.0.0/0", "internet gateway"]);
            const v6 = [...withData(), r(T.route, "private-v6-igw", { routeTableId: U(), destinationIpv6CidrBlock: "::/0", gatewayId: U() }, { routeTableId: [[T.rt, "isolated"]], gatewayId: [[T.igw, "igw"]] })];
            await blocks(v6, "subnet-private-tier-no-igw-route", "isolated-a", ["::/0", "internet gateway"]);
            await blocks(v6, "db-subnet-group-private", "db", ["isolated-a"]);
            // Names and tags that say nothing: the subnet group alone makes it a data subnet.
            const untagged = [
                ...network(),
                r(T.subnet, "s1", { vpcId: U(), cidrBlock: "10.0.200.0/24" }, vpcRef()),
                r(T.assoc, "s1", { subnetId: U(), routeTableId: U() }, { subnetId: [[T.subnet, "s1"]], routeTableId: [[T.rt, "public"]] }),
                r(T.dbSubnetGroup, "db", { subnetIds: [U(), U()] }, { subnetIds: [[T.subnet, "s1"], [T.subnet, "isolated-b"]] }),
            ];
            await blocks(untagged, "db-subnet-group-private", "db", ["s1"]);
        });
        it("compliant and violating with every id known (an update): ties by value", async () => {
            const known = [
                r(T.vpc, "main", { id: "vpc-0a", cidrBlock: "10.0.0.0/16" }),
                r(T.defaultSg, "main-default", { vpcId: "vpc-0a" }, vpcRef()),
                r(T.flowLog, "main-flow", { vpcId: "vpc-0a", trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws-us-gov:s3:::flow" }, vpcRef()),
                r(T.igw, "igw", { id: "igw-0a", vpcId: "vpc-0a" }, vpcRef()),
                r(T.rt, "public", { id: "rtb-0pub", vpcId: "vpc-0a", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0a" }] }, { ...vpcRef(), routes: [[T.igw, "igw"]] }),
                r(T.rt, "private", { id: "rtb-0priv", vpcId: "vpc-0a", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0a" }] }, vpcRef()),
                r(T.subnet, "private-a", { id: "subnet-0pa", vpcId: "vpc-0a", cidrBlock: "10.0.1.0/24", tags: { Tier: "private" } }, vpcRef()),
                r(T.subnet, "public-a", { id: "subnet-0pu", vpcId: "vpc-0a", cidrBlock: "10.0.0.0/24", tags: { Tier: "public" } }, vpcRef()),
                r(T.assoc, "public-a", { subnetId: "subnet-0pu", routeTableId: "rtb-0pub" }, { subnetId: [[T.subnet, "public-a"]], routeTableId: [[T.rt, "public"]] }),
            ];
            await passes([...known, r(T.assoc, "private-a", { subnetId: "subnet-0pa", routeTableId: "rtb-0priv" }, { subnetId: [[T.subnet, "private-a"]], routeTableId: [[T.rt, "private"]] })]);
            await blocks(
                [...known, r(T.assoc, "private-a", { subnetId: "subnet-0pa", routeTableId: "rtb-0pub" }, { subnetId: [[T.subnet, "private-a"]], routeTableId: [[T.rt, "public"]] })],
                "subnet-private-tier-no-igw-route",
                "private-a",
                ["0.0.0.0/0", "internet gateway"],
            );
        });
        it("a private subnet with no association falls back to the VPC's main table (MainRouteTableAssociation to the public table) and is blocked", async () => {
            const rs = [
                ...network().filter((x) => !(x.type === T.assoc && x.name === "private-a")),
                r(T.mainAssoc, "main", { vpcId: U(), routeTableId: U() }, { vpcId: [[T.vpc, "main"]], routeTableId: [[T.rt, "public"]] }),
            ];
            await blocks(rs, "subnet-private-tier-no-igw-route", "private-a", ["internet gateway"]);
        });
    });

    describe("item 7: EC2 capacity", () => {
        const lt = (props: Record<string, unknown> = {}) =>
            r(T.lt, "app", {
                namePrefix: "app-",
                imageId: "ami-0123456789abcdef0",
                instanceType: "m7i.large",
                iamInstanceProfile: { arn: U() },
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2, instanceMetadataTags: "enabled" },
                networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [U()] }],
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KMS_KEY, volumeSize: 30, volumeType: "gp3", deleteOnTermination: "true" } }],
                ...props,
            }, { iamInstanceProfile: [[T.profile, "app"]] });
        const instance = (name: string, props: Record<string, unknown>, deps: Record<string, readonly (readonly [string, string])[]> = inPrivate, dependsOn: string[] = []) =>
            r(T.instance, name, { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: U(), vpcSecurityGroupIds: [U()], ...props }, deps, dependsOn);
        const good = { iamInstanceProfile: "app-profile", associatePublicIpAddress: false, metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 }, rootBlockDevice: { encrypted: true, kmsKeyId: KMS_KEY, volumeType: "gp3", volumeSize: 20 } };

        it("compliant: a launch template (IMDSv2, no public IP as the bridge's \"false\", encrypted root) and an ASG using it through a mixed instances policy", async () => {
            await passes([
                ...network(),
                lt(),
                r(T.asg, "app", {
                    minSize: 2,
                    maxSize: 6,
                    vpcZoneIdentifiers: [U(), U()],
                    healthCheckType: "ELB",
                    healthCheckGracePeriod: 300,
                    targetGroupArns: [U()],
                    mixedInstancesPolicy: {
                        launchTemplate: { launchTemplateSpecification: { launchTemplateId: U(), version: "$Latest" }, overrides: [{ instanceType: "m7i.large" }, { instanceType: "m6i.large" }] },
                        instancesDistribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 50 },
                    },
                }, { vpcZoneIdentifiers: [[T.subnet, "private-a"], [T.subnet, "private-b"]], targetGroupArns: [[T.tg, "app"]], mixedInstancesPolicy: [[T.lt, "app"]] }),
            ]);
        });
        it("compliant: an instance declaring everything itself; one launched from the template; one relying on EBS encryption by default it depends on; a spot request", async () => {
            await passes([
                ...network(),
                lt(),
                r(T.ebd, "ebs-default", { enabled: true }),
                instance("self-contained", good),
                instance("from-template", { launchTemplate: { id: U(), version: "$Latest" } }, { ...inPrivate, launchTemplate: [[T.lt, "app"]] }),
                instance("ebs-default", { iamInstanceProfile: "app-profile", metadataOptions: { httpTokens: "required" } }, inPrivate, [urnOf(T.ebd, "ebs-default")]),
                r(T.spot, "batch", { ami: "ami-0123456789abcdef0", instanceType: "c7i.large", spotPrice: "0.05", subnetId: U(), ...good }, inPrivate),
            ]);
        });
        it("compliant: a launch configuration with IMDSv2, an instance profile, every EBS device encrypted (a suppressed noDevice mapping needs no flag)", async () => {
            await passes([
                ...network(),
                r(T.ebd, "ebs-default", { enabled: true }),
                r(T.lc, "legacy", {
                    imageId: "ami-0123456789abcdef0",
                    instanceType: "t3.small",
                    iamInstanceProfile: "app-profile",
                    associatePublicIpAddress: false,
                    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 2 },
                    rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 20 },
                    ebsBlockDevices: [
                        { deviceName: "/dev/sdb", encrypted: true, volumeSize: 100, volumeType: "gp3" },
                        { deviceName: "/dev/sdc", noDevice: true },
                    ],
                }),
            ]);
        });
        it("compliant: IMDS turned off entirely; EBS encryption by default left at its default", async () => {
            await passes([
                ...network(),
                r(T.ebd, "ebs-default", {}),
                instance("no-imds", { ...good, metadataOptions: { httpEndpoint: "disabled" } }),
            ]);
        });
        it("violating: public IPs (instance, template interface as \"true\", launch configuration, spot request)", async () => {
            const rs = [
                ...network(),
                instance("public", { ...good, associatePublicIpAddress: true }),
                lt({ networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }] }),
                r(T.lc, "lc", { imageId: "ami-0123456789abcdef0", instanceType: "t3.small", iamInstanceProfile: "p", associatePublicIpAddress: true, metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true } }),
                r(T.spot, "spot", { ami: "ami-0123456789abcdef0", instanceType: "c7i.large", subnetId: U(), ...good, associatePublicIpAddress: "true" }, inPrivate),
            ];
            await blocks(rs, "ec2-no-public-ip", "public", ["associatePublicIpAddress"]);
            await blocks(rs, "ec2-no-public-ip", "app", ["networkInterfaces[0].associatePublicIpAddress"]);
            await blocks(rs, "ec2-no-public-ip", "lc", ["associatePublicIpAddress"]);
            await blocks(rs, "ec2-no-public-ip", "spot", ["associatePublicIpAddress"]);
        });
        it("violating: IMDSv1 (no metadataOptions, httpTokens optional) and a hop limit above 2", async () => {
            const rs = [
                ...network(),
                instance("v1", { ...good, metadataOptions: undefined }),
                instance("optional", { ...good, metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled" } }),
                lt({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 3 } }),
                r(T.lc, "lc", { imageId: "ami-0123456789abcdef0", instanceType: "t3.small", iamInstanceProfile: "p", rootBlockDevice: { encrypted: true } }),
            ];
            await blocks(rs, "ec2-imdsv2-required", "v1", ["metadataOptions"]);
            await blocks(rs, "ec2-imdsv2-required", "optional", ["metadataOptions.httpTokens"]);
            await blocks(rs, "ec2-imdsv2-required", "app", ["metadataOptions.httpPutResponseHopLimit"]);
            await blocks(rs, "ec2-imdsv2-required", "lc", ["metadataOptions"]);
        });
        it("violating: an unencrypted launch configuration device, an undeclared root device without encryption by default, encryption by default turned off", async () => {
            const rs = [
                ...network(),
                r(T.lc, "lc", {
                    imageId: "ami-0123456789abcdef0",
                    instanceType: "t3.small",
                    iamInstanceProfile: "p",
                    metadataOptions: { httpTokens: "required" },
                    rootBlockDevice: { encrypted: true },
                    ebsBlockDevices: [{ deviceName: "/dev/sdb", encrypted: false }],
                }),
                r(T.lc, "lc-root", { imageId: "ami-0123456789abcdef0", instanceType: "t3.small", iamInstanceProfile: "p", metadataOptions: { httpTokens: "required" }, rootBlockDevice: { volumeSize: 20 } }),
                instance("no-root", { iamInstanceProfile: "p", metadataOptions: { httpTokens: "required" } }),
                lt({ blockDeviceMappings: [] }),
                r(T.ebd, "off", { enabled: false }),
                r(T.ebd, "off-bridge", { enabled: "false" }),
            ];
            await blocks(rs, "ec2-block-devices-encrypted", "lc", ["ebsBlockDevices[0]", "encrypted"]);
            await blocks(rs, "ec2-block-devices-encrypted", "lc-root", ["rootBlockDevice", "encrypted"]);
            await blocks(rs, "ec2-root-volume-encrypted", "no-root", ["root block device", "EncryptionByDefault"]);
            await blocks(rs, "ec2-root-volume-encrypted", "app", ["root block device"]);
            await blocks(rs, "ebs-encryption-by-default-enabled", "off", ["enabled"]);
            await blocks(rs, "ebs-encryption-by-default-enabled", "off-bridge", ["enabled"]);
        });
        it("violating: an instance in no subnet or the default VPC, and one without an instance profile", async () => {
            const rs = [
                ...network(),
                r(T.ebd, "ebs-default", { enabled: true }),
                r(T.instance, "nowhere", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", ...good }),
                r(T.defaultSubnet, "default-a", { availabilityZone: `${REGION}a`, mapPublicIpOnLaunch: false }),
                instance("default-vpc", good, { subnetId: [[T.defaultSubnet, "default-a"]] }),
                r(T.asg, "asg-nowhere", { minSize: 1, maxSize: 1, availabilityZones: [`${REGION}a`], launchTemplate: { id: U(), version: "$Latest" } }, { launchTemplate: [[T.lt, "app"]] }),
                instance("no-profile", { ...good, iamInstanceProfile: undefined }),
            ];
            await blocks(rs, "ec2-instance-in-stack-vpc", "nowhere", ["subnetId"]);
            await blocks(rs, "ec2-instance-in-stack-vpc", "default-vpc", ["default VPC"]);
            await blocks(rs, "ec2-instance-in-stack-vpc", "asg-nowhere", ["vpcZoneIdentifiers"]);
            await blocks(rs, "ec2-instance-profile-attached", "no-profile", ["iamInstanceProfile"]);
        });
    });

    describe("item 8: Auto Scaling ELB health checks; Classic ELB", () => {
        const asg = (name: string, props: Record<string, unknown>, deps: Record<string, readonly (readonly [string, string])[]> = {}) =>
            r(T.asg, name, { minSize: 2, maxSize: 4, vpcZoneIdentifiers: [U()], launchTemplate: { id: U(), version: "$Latest" }, ...props }, { vpcZoneIdentifiers: [[T.subnet, "private-a"]], launchTemplate: [[T.lt, "app"]], ...deps });
        it("compliant: ELB health check with targetGroupArns, with an attachment, with an elbv2 traffic source, EC2 without any load balancer", async () => {
            const rs = [
                ...network(),
                asg("tg", { healthCheckType: "ELB", targetGroupArns: [U()] }, { targetGroupArns: [[T.tg, "app"]] }),
                asg("attached", { healthCheckType: "EC2,ELB" }),
                r(T.asgAttachment, "attached", { autoscalingGroupName: U(), lbTargetGroupArn: U() }, { autoscalingGroupName: [[T.asg, "attached"]], lbTargetGroupArn: [[T.tg, "app"]] }),
                asg("traffic", { healthCheckType: "ELB", trafficSources: [{ identifier: `arn:aws-us-gov:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/app/0123456789abcdef`, type: "elbv2" }] }),
                asg("workers", { healthCheckType: "EC2" }),
                asg("classic", { healthCheckType: "ELB", loadBalancers: [U()] }, { loadBalancers: [[T.elb, "legacy"]] }),
                asg("lattice", { healthCheckType: "VPC_LATTICE", trafficSources: [{ identifier: `arn:aws-us-gov:vpc-lattice:${REGION}:${ACCOUNT}:targetgroup/tg-0123456789abcdef0`, type: "vpc-lattice" }] }),
            ];
            const fs = await judge(rs, SCOPE.filter((p) => p.name === "autoscaling-group-elb-health-check"));
            assert.deepEqual(show(fs), []);
        });
        it("violating: attached to a target group (own input or attachment) with the EC2 health check", async () => {
            const rs = [
                ...network(),
                asg("tg", { healthCheckType: "EC2", targetGroupArns: [U()] }, { targetGroupArns: [[T.tg, "app"]] }),
                asg("attached", {}),
                r(T.asgAttachment, "attached", { autoscalingGroupName: U(), lbTargetGroupArn: U() }, { autoscalingGroupName: [[T.asg, "attached"]], lbTargetGroupArn: [[T.tg, "app"]] }),
            ];
            await blocks(rs, "autoscaling-group-elb-health-check", "tg", ["healthCheckType", "ELB"]);
            await blocks(rs, "autoscaling-group-elb-health-check", "attached", ["healthCheckType", "ELB"]);
        });
        const elb = (name: string, props: Record<string, unknown>) =>
            r(T.elb, name, {
                internal: true,
                subnets: [U(), U()],
                securityGroups: [U()],
                crossZoneLoadBalancing: true,
                accessLogs: { bucket: "elb-logs-123456789012", bucketPrefix: "legacy", interval: 5, enabled: true },
                listeners: [{ instancePort: 8443, instanceProtocol: "https", lbPort: 443, lbProtocol: "https", sslCertificateId: ACM_CERT }],
                ...props,
            }, { subnets: [[T.subnet, "private-a"], [T.subnet, "private-b"]] });
        it("compliant: TLS listeners (HTTPS and SSL) with ACM certificates, access logs, cross-zone over two subnets", async () => {
            await passes([
                elb("legacy", {}),
                elb("legacy-ssl", { listeners: [{ instancePort: 5000, instanceProtocol: "tcp", lbPort: 5000, lbProtocol: "SSL", sslCertificateId: ACM_CERT }], crossZoneLoadBalancing: undefined }),
            ]);
        });
        it("violating: HTTP or TCP listener, no access logs, logs disabled, no cross-zone, one subnet; every message points to an ALB", async () => {
            const rs = [
                elb("http", { listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] }),
                elb("tcp", { listeners: [{ instancePort: 22, instanceProtocol: "tcp", lbPort: 2222, lbProtocol: "TCP" }] }),
                elb("no-logs", { accessLogs: undefined }),
                elb("logs-off", { accessLogs: { bucket: "elb-logs", enabled: false } }),
                elb("single-zone", { crossZoneLoadBalancing: false, subnets: [U()] }),
            ];
            await blocks(rs, "elb-classic-tls-listeners", "http", ["listeners[0].lbProtocol", "Application Load Balancer"]);
            await blocks(rs, "elb-classic-tls-listeners", "tcp", ["listeners[0].lbProtocol", "Application Load Balancer"]);
            await blocks(rs, "elb-classic-access-logs", "no-logs", ["accessLogs", "Application Load Balancer"]);
            await blocks(rs, "elb-classic-access-logs", "logs-off", ["accessLogs", "Application Load Balancer"]);
            await blocks(rs, "elb-classic-cross-zone", "single-zone", ["crossZoneLoadBalancing", "Application Load Balancer"]);
            await blocks(rs, "elb-classic-cross-zone", "single-zone", ["subnets", "Application Load Balancer"]);
        });
    });

    describe("item 9: a per-resource region is judged like a provider's", () => {
        it("compliant: GovCloud providers; resources overriding to the other GovCloud region or not at all", async () => {
            await passes([
                r(T.provider, "east", { region: "us-gov-east-1", useFipsEndpoint: "true" }),
                r(T.bucket, "replica", { region: "us-gov-east-1", bucket: "replica-123456789012" }),
                r(T.logGroup, "app", { region: "us-gov-west-1", name: "/app", retentionInDays: 365, kmsKeyId: KMS_KEY }),
                r(T.sg, "plain", { vpcId: "vpc-0a1b2c3d4e5f67890", description: "no region of its own" }),
            ]);
        });
        it("a resource's own region is its region for the relations too: EBS encryption by default in another region proves nothing", async () => {
            const base = [...network(), ...probeCapacity().filter((x) => x.type === T.profile)];
            const east = (props: Record<string, unknown> = {}) =>
                r(T.instance, "east", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: U(), iamInstanceProfile: "p", metadataOptions: { httpTokens: "required" }, region: "us-gov-east-1", ...props }, inPrivate, [urnOf(T.ebd, "ebs-default")]);
            await passes([...base, r(T.ebd, "ebs-default", { enabled: true, region: "us-gov-east-1" }), east()]);
            await blocks([...base, r(T.ebd, "ebs-default", { enabled: true }), east()], "ec2-root-volume-encrypted", "east", ["root block device"]);
        });
        it("violating: a resource or a provider outside GovCloud", async () => {
            const rs = [
                r(T.bucket, "commercial", { region: "us-east-1", bucket: "x-123456789012" }),
                r(T.sg, "sg-commercial", { vpcId: "vpc-0a1b2c3d4e5f67890", region: "us-west-2" }),
                r(T.provider, "commercial", { region: "us-east-1" }),
            ];
            await blocks(rs, "provider-allowed-regions", "commercial", ["region", "us-east-1"]);
            await blocks(rs, "provider-allowed-regions", "sg-commercial", ["region", "us-west-2"]);
        });
    });

    describe("item 10: relations are proven, not assumed", () => {
        it("an untied default security group (unknown vpcId, no dependency) is advisory, never mandatory", async () => {
            const fs = await noMandatory([r(T.vpc, "a", { cidrBlock: "10.0.0.0/16" }), r(T.flowLog, "a", { vpcId: U(), trafficType: "ALL", logDestination: "arn:aws-us-gov:s3:::f", logDestinationType: "s3" }, { vpcId: [[T.vpc, "a"]] }), r(T.defaultSg, "x", { vpcId: U() })]);
            assert.ok(fs.some((f) => f.policy === "vpc-default-security-group-closed" && f.level === "advisory"), JSON.stringify(show(fs)));
        });
        it("a rule resource with an untied group next to a group with inline rules is advisory, never mandatory", async () => {
            const fs = await noMandatory([
                r(T.sg, "inline", { vpcId: "vpc-0a1b2c3d4e5f67890", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] }),
                r(T.ingressRule, "untied", { securityGroupId: U(), ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/16" }),
            ]);
            assert.ok(fs.some((f) => f.policy === "network-rules-declared-one-way" && f.level === "advisory"), JSON.stringify(show(fs)));
        });
        it("method settings or a WAF association of another stage do not cover a stage", async () => {
            const rs = [
                ...restApi("a"),
                ...restApi("b", { settings: false, waf: false }),
            ];
            await blocks(rs, "apigateway-rest-stage-execution-logging", "b", ["MethodSettings"]);
            await blocks(rs, "apigateway-rest-stage-waf", "b", ["WebAclAssociation"]);
        });
    });

    describe("item 11: certificates come from ACM", () => {
        const alb = () => [
            r(T.alb, "web", {
                loadBalancerType: "application",
                internal: false,
                subnets: [U(), U()],
                securityGroups: [U()],
                dropInvalidHeaderFields: true,
                enableDeletionProtection: true,
                accessLogs: { bucket: "alb-logs-123456789012", enabled: true, prefix: "web" },
            }, { subnets: [[T.subnet, "public-a"], [T.subnet, "public-b"]], securityGroups: [[T.sg, "alb"]] }),
            r(T.sg, "alb", { vpcId: "vpc-0a1b2c3d4e5f67890", description: "alb", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }, { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }], egress: [{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["10.0.0.0/16"] }] }),
            r(T.wafAssoc, "web", { resourceArn: U(), webAclArn: U() }, { resourceArn: [[T.alb, "web"]], webAclArn: [[T.webAcl, "web"]] }),
            r(T.listener, "https", {
                loadBalancerArn: U(),
                port: 443,
                protocol: "HTTPS",
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                certificateArn: ACM_CERT,
                defaultActions: [{ type: "forward", targetGroupArn: U() }],
            }, { loadBalancerArn: [[T.alb, "web"]] }),
            r(T.listener, "http", {
                loadBalancerArn: U(),
                port: 80,
                protocol: "HTTP",
                // The redirect's port is a string in the provider's schema.
                defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
            }, { loadBalancerArn: [[T.alb, "web"]] }),
            r(T.listenerCert, "extra", { listenerArn: U(), certificateArn: `arn:aws-us-gov:acm:${REGION}:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555` }, { listenerArn: [[T.listener, "https"]] }),
        ];
        it("compliant: an ALB HTTPS listener with an aws-us-gov ACM certificate (and an extra ACM listener certificate), an HTTP listener that redirects (port as the string \"443\")", async () => {
            await passes(alb());
        });
        it("compliant: a network load balancer TLS listener with an ACM certificate and a FIPS policy", async () => {
            await passes([
                r(T.alb, "nlb", { loadBalancerType: "network", internal: true, subnets: [U(), U()], enableDeletionProtection: true, accessLogs: { bucket: "nlb-logs", enabled: true } }, { subnets: [[T.subnet, "private-a"], [T.subnet, "private-b"]] }),
                r(T.listener, "tls", { loadBalancerArn: U(), port: 443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", certificateArn: ACM_CERT, alpnPolicy: "HTTP2Preferred", defaultActions: [{ type: "forward", targetGroupArn: U() }] }, { loadBalancerArn: [[T.alb, "nlb"]] }),
            ]);
        });
        it("compliant: an ACM certificate still unknown at preview is not blocked (one advisory: a resource policy cannot see that it comes from aws.acm.Certificate)", async () => {
            const fs = await noMandatory(alb().map((x) => (x.name === "https" ? r(T.listener, "https", { ...x.props, certificateArn: U() }, { loadBalancerArn: [[T.alb, "web"]], certificateArn: [["aws:acm/certificate:Certificate", "web"]] }) : x)));
            assert.deepEqual(show(fs).map((m) => m.split(":")[0]), ["advisory tls-certificate-from-acm [https]"]);
        });
        it("violating: an IAM server certificate on a listener, a listener certificate, a classic ELB; the IAM server certificate itself", async () => {
            const rs = [
                r(T.listener, "iam", { loadBalancerArn: U(), port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", certificateArn: IAM_CERT, defaultActions: [{ type: "forward", targetGroupArn: U() }] }),
                r(T.listenerCert, "iam-extra", { listenerArn: U(), certificateArn: IAM_CERT }),
                r(T.elb, "classic", { subnets: [U(), U()], accessLogs: { bucket: "b", enabled: true }, listeners: [{ instancePort: 443, instanceProtocol: "https", lbPort: 443, lbProtocol: "https", sslCertificateId: IAM_CERT }] }),
                r(T.serverCert, "legacy", { name: "web-2026", certificateBody: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", privateKey: "redacted" }),
            ];
            await blocks(rs, "tls-certificate-from-acm", "iam", ["certificateArn", "ACM"]);
            await blocks(rs, "tls-certificate-from-acm", "iam-extra", ["certificateArn"]);
            await blocks(rs, "tls-certificate-from-acm", "classic", ["listeners[0].sslCertificateId"]);
            await blocks(rs, "no-iam-server-certificates", "legacy", ["IAM server certificate", "ACM"]);
            await blocks([r(T.restDomain, "api", { domainName: "api.example.gov", regionalCertificateArn: IAM_CERT, securityPolicy: "TLS_1_2" })], "tls-certificate-from-acm", "api", ["regionalCertificateArn"]);
        });
    });

    describe("item 12: serverless and API front doors", () => {
        it("compliant: a function in the VPC, permissions narrowed to a service with sourceArn (or an account), an IAM-authorised function URL", async () => {
            await passes([
                r(T.fn, "api", {
                    role: U(),
                    runtime: "nodejs22.x",
                    handler: "index.handler",
                    packageType: "Zip",
                    vpcConfig: { subnetIds: [U(), U()], securityGroupIds: [U()] },
                    environment: { variables: { TABLE: "orders", LOG_LEVEL: "info" } },
                    kmsKeyArn: KMS_KEY,
                    tracingConfig: { mode: "Active" },
                }, { vpcConfig: [[T.subnet, "private-a"], [T.subnet, "private-b"], [T.sg, "fn"]] }),
                r(T.permission, "from-s3", { action: "lambda:InvokeFunction", function: U(), principal: "s3.amazonaws.com", sourceArn: "arn:aws-us-gov:s3:::uploads-123456789012", sourceAccount: ACCOUNT }),
                r(T.permission, "from-apigw", { action: "lambda:InvokeFunction", function: U(), principal: "apigateway.amazonaws.com", sourceArn: U() }, { sourceArn: [[T.restApi, "a"]] }),
                r(T.permission, "from-events", { action: "lambda:InvokeFunction", function: U(), principal: "events.amazonaws.com", sourceAccount: ACCOUNT }),
                r(T.permission, "from-account", { action: "lambda:InvokeFunction", function: U(), principal: `arn:aws-us-gov:iam::${ACCOUNT}:role/caller` }),
                r(T.permission, "from-account-id", { action: "lambda:InvokeFunction", function: U(), principal: "210987654321" }),
                r(T.fnUrl, "api", { functionName: U(), authorizationType: "AWS_IAM" }),
            ]);
        });
        it("compliant: a REST stage with access logs, */* execution logging and a WAF; an HTTP API stage with access logs; TLS 1.2 custom domains with ACM certificates", async () => {
            await passes([
                ...restApi("a"),
                r(T.httpStage, "http", { apiId: U(), name: "$default", autoDeploy: true, accessLogSettings: { destinationArn: U(), format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}' } }, { apiId: [[T.httpApi, "http"]], accessLogSettings: [[T.logGroup, "http"]] }),
                r(T.restDomain, "api", { domainName: "api.example.gov", regionalCertificateArn: ACM_CERT, securityPolicy: "TLS_1_2", endpointConfiguration: { types: "REGIONAL" } }),
                r(T.httpDomain, "http", { domainName: "http.example.gov", domainNameConfiguration: { certificateArn: ACM_CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" } }),
            ]);
        });
        it("compliant with ids known (an update): method settings and a WAF association tied to the stage by restApi id, stage name and stage ARN", async () => {
            const stage = r(T.restStage, "prod", { restApi: "a1b2c3d4e5", deployment: "dep123", stageName: "prod", arn: `arn:aws-us-gov:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`, accessLogSettings: { destinationArn: `arn:aws-us-gov:logs:${REGION}:${ACCOUNT}:log-group:api`, format: "$context.requestId" } });
            await passes([
                stage,
                r(T.methodSettings, "all", { restApi: "a1b2c3d4e5", stageName: "prod", methodPath: "*/*", settings: { loggingLevel: "ERROR", metricsEnabled: true } }),
                r(T.wafAssoc, "api", { resourceArn: `arn:aws-us-gov:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/prod`, webAclArn: `arn:aws-us-gov:wafv2:${REGION}:${ACCOUNT}:regional/webacl/api/0123` }),
            ]);
            await blocks(
                [stage, r(T.methodSettings, "all", { restApi: "a1b2c3d4e5", stageName: "staging", methodPath: "*/*", settings: { loggingLevel: "INFO" } })],
                "apigateway-rest-stage-execution-logging",
                "prod",
                ["MethodSettings", "*/*"],
            );
        });
        it("violating: no VPC, empty subnets, principal *, a service without sourceArn, a NONE function URL", async () => {
            const rs = [
                r(T.fn, "outside", { role: U(), runtime: "python3.13", handler: "app.handler" }),
                r(T.fn, "empty", { role: U(), runtime: "python3.13", handler: "app.handler", vpcConfig: { subnetIds: [], securityGroupIds: [] } }),
                r(T.permission, "anyone", { action: "lambda:InvokeFunction", function: "fn", principal: "*" }),
                r(T.permission, "any-bucket", { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com" }),
                r(T.fnUrl, "open", { functionName: "fn", authorizationType: "NONE" }),
            ];
            await blocks(rs, "lambda-in-vpc", "outside", ["vpcConfig"]);
            await blocks(rs, "lambda-in-vpc", "empty", ["vpcConfig.subnetIds"]);
            await blocks(rs, "lambda-permission-restricted", "anyone", ["principal"]);
            await blocks(rs, "lambda-permission-restricted", "any-bucket", ["sourceArn"]);
            await blocks(rs, "lambda-function-url-auth", "open", ["authorizationType"]);
        });
        it("violating: REST stages without access logs, with execution logging OFF or on one method only, without a WAF; HTTP stage without access logs; TLS 1.0 domains", async () => {
            const rs = [
                ...restApi("a", { accessLogs: false }),
                ...restApi("b", { level: "OFF" }),
                ...restApi("c", { methodPath: "orders/GET" }),
                ...restApi("d", { waf: false }),
                r(T.httpStage, "http", { apiId: "a1b2c3d4e5", name: "$default" }),
                r(T.restDomain, "old", { domainName: "old.example.gov", regionalCertificateArn: ACM_CERT, securityPolicy: "TLS_1_0" }),
                r(T.httpDomain, "old-http", { domainName: "oldh.example.gov", domainNameConfiguration: { certificateArn: ACM_CERT, endpointType: "REGIONAL", securityPolicy: "TLS_1_0" } }),
            ];
            await blocks(rs, "apigateway-stage-access-logging", "a", ["accessLogSettings"]);
            await blocks(rs, "apigateway-rest-stage-execution-logging", "b", ["loggingLevel"]);
            await blocks(rs, "apigateway-rest-stage-execution-logging", "c", ["*/*"]);
            await blocks(rs, "apigateway-rest-stage-waf", "d", ["WebAclAssociation"]);
            await blocks(rs, "apigateway-stage-access-logging", "http", ["accessLogSettings"]);
            await blocks(rs, "apigateway-domain-tls12", "old", ["securityPolicy"]);
            await blocks(rs, "apigateway-domain-tls12", "old-http", ["domainNameConfiguration.securityPolicy"]);
        });
    });

    describe("item 13: EKS", () => {
        const cluster = (name: string, vpcConfig: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
            r(T.eks, name, {
                roleArn: U(),
                version: "1.33",
                vpcConfig: { subnetIds: [U(), U()], securityGroupIds: [U()], ...vpcConfig },
                encryptionConfig: { provider: { keyArn: U() }, resources: ["secrets"] },
                enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
                accessConfig: { authenticationMode: "API" },
                ...extra,
            }, { encryptionConfig: [["aws:kms/key:Key", "eks"]] });
        it("compliant: a private endpoint; a public endpoint restricted to listed CIDRs; the three required log types only; a known key ARN", async () => {
            await passes([
                cluster("private", { endpointPrivateAccess: true, endpointPublicAccess: false }),
                cluster("restricted", { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "2001:db8::/32"] }, { enabledClusterLogTypes: ["api", "audit", "authenticator"], encryptionConfig: { provider: { keyArn: KMS_KEY }, resources: ["secrets"] } }),
            ]);
        });
        it("violating: public endpoint by default or to 0.0.0.0/0 or ::/0, no secrets encryption, audit log off", async () => {
            const rs = [
                cluster("default-public", {}),
                cluster("world", { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
                cluster("world-v6", { endpointPublicAccess: true, publicAccessCidrs: ["10.0.0.0/8", "::/0"] }),
                cluster("plain-secrets", { endpointPublicAccess: false, endpointPrivateAccess: true }, { encryptionConfig: undefined }),
                cluster("no-audit", { endpointPublicAccess: false, endpointPrivateAccess: true }, { enabledClusterLogTypes: ["api", "authenticator"] }),
            ];
            await blocks(rs, "eks-endpoint-not-public", "default-public", ["publicAccessCidrs"]);
            await blocks(rs, "eks-endpoint-not-public", "world", ["0.0.0.0/0"]);
            await blocks(rs, "eks-endpoint-not-public", "world-v6", ["::/0"]);
            await blocks(rs, "eks-secrets-cmk", "plain-secrets", ["encryptionConfig"]);
            await blocks(rs, "eks-control-plane-logs", "no-audit", ["audit", "enabledClusterLogTypes"]);
        });
    });

    describe("through the compiled pack over the analyzer protocol (as `pulumi preview` and `npm run plan` drive it)", () => {
        const pack = servedPack(probeKit(SCOPE, PROVIDER));
        const served = pack.served;

        before(async function () {
            this.timeout(300000);
            await pack.open();
        });
        after(async () => {
            await pack.close();
        });

        it("compliant probes report nothing: the network, launch template + mixed-instances ASG, a REST API front door", async () => {
            assert.deepEqual(await served(network()), []);
            assert.deepEqual(await served([...network(), ...probeCapacity()]), []);
            assert.deepEqual(await served(restApi("a")), []);
        });
        it("violating probes are blocked (mandatory) by the item's policy", async () => {
            const diags = await served([
                r(T.subnet, "public-a", { vpcId: "vpc-0a", mapPublicIpOnLaunch: true }),
                r(T.vpc, "orphan", { cidrBlock: "10.9.0.0/16" }),
                r(T.acl, "ssh", { vpcId: "vpc-0a", ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }] }),
                r(T.lt, "v1", { imageId: "ami-0123456789abcdef0", metadataOptions: { httpTokens: "optional" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KMS_KEY } }] }),
                r(T.bucket, "commercial", { region: "us-east-1" }),
                ...restApi("b", { waf: false }),
            ]);
            const blocked = (policy: string, name: string) => assert.ok(diags.some((d) => d.startsWith(`mandatory ${policy} [${name}]`)), `${policy} ${name}: ${diags.join("\n")}`);
            blocked("subnet-no-public-ip-on-launch", "public-a");
            blocked("vpc-default-security-group-closed", "orphan");
            blocked("network-acl-no-world-admin-ingress", "ssh");
            blocked("ec2-imdsv2-required", "v1");
            blocked("provider-allowed-regions", "commercial");
            blocked("apigateway-rest-stage-waf", "b");
        });
    });

    it("every policy the probes name exists in the pack", () => {
        const names = new Set(allPolicies.map((p) => p.name));
        for (const p of SCOPE) {
            assert.ok(names.has(p.name), p.name);
        }
    });
});

// A REST API with a deployment and a stage named `name`: access logs, "*/*" execution logging and a WAF unless turned off.
function restApi(name: string, opts: { accessLogs?: boolean; settings?: boolean; level?: string; methodPath?: string; waf?: boolean } = {}): TestResource[] {
    const api = `${name}-api`;
    const out: TestResource[] = [
        r(T.restApi, api, { name: api, endpointConfiguration: { types: "REGIONAL" } }),
        r(T.deployment, api, { restApi: U() }, { restApi: [[T.restApi, api]] }),
        r(
            T.restStage,
            name,
            {
                restApi: U(),
                deployment: U(),
                stageName: name,
                xrayTracingEnabled: true,
                ...(opts.accessLogs === false ? {} : { accessLogSettings: { destinationArn: U(), format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp"}' } }),
            },
            { restApi: [[T.restApi, api]], deployment: [[T.deployment, api]], accessLogSettings: [[T.logGroup, name]] },
        ),
    ];
    if (opts.settings !== false) {
        out.push(
            r(T.methodSettings, name, { restApi: U(), stageName: U(), methodPath: opts.methodPath ?? "*/*", settings: { loggingLevel: opts.level ?? "INFO", metricsEnabled: true, dataTraceEnabled: false } }, { restApi: [[T.restApi, api]], stageName: [[T.restStage, name]] }),
        );
    }
    if (opts.waf !== false) {
        out.push(r(T.wafAssoc, `${name}-waf`, { resourceArn: U(), webAclArn: U() }, { resourceArn: [[T.restStage, name]], webAclArn: [[T.webAcl, "api"]] }));
    }
    return out;
}

/** A compliant launch template and an Auto Scaling group launching it through a mixed instances policy (for the served-pack probe). */
function probeCapacity(): TestResource[] {
    return [
        r(T.lt, "app", {
            imageId: "ami-0123456789abcdef0",
            instanceType: "m7i.large",
            iamInstanceProfile: { arn: U() },
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
            networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [U()] }],
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KMS_KEY, volumeType: "gp3" } }],
        }, { iamInstanceProfile: [[T.profile, "app"]] }),
        r(T.asg, "app", {
            minSize: 2,
            maxSize: 6,
            vpcZoneIdentifiers: [U(), U()],
            healthCheckType: "ELB",
            targetGroupArns: [U()],
            mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: U(), version: "$Latest" }, overrides: [{ instanceType: "m7i.large" }] } },
        }, { vpcZoneIdentifiers: [[T.subnet, "private-a"], [T.subnet, "private-b"]], targetGroupArns: [[T.tg, "app"]], mixedInstancesPolicy: [[T.lt, "app"]] }),
    ];
}
