import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { PlannedSubnet, SubnetTier, subnetLayout } from "./subnet-layout";

export interface VpcFabricArgs {
    namePrefix: string;
    cidr: string;
    availabilityZones: readonly string[];
    natGateways: "OnePerAz" | "Single";
    /** Tags for a resource of the network component, with an optional Name. */
    tags: (name?: string) => Record<string, string>;
}

/** What the rest of the Network component (and, through it, the estate) builds on. */
export interface VpcFabric {
    vpc: aws.ec2.Vpc;
    subnets: Record<SubnetTier, aws.ec2.Subnet[]>;
    /** One per AZ: the tables the S3 gateway endpoint is added to (the service's image layers). */
    privateRouteTables: aws.ec2.RouteTable[];
}

/**
 * The VPC and everything that decides what can reach what at the boundary, as plain @pulumi/aws
 * resources the policy pack sees in a preview and in the offline plan (SC-7):
 *
 * - the VPC's default security group adopted with no rules (SC-7(5) deny by default): anything
 *   launched without a group gets no traffic at all;
 * - subnets with exact CIDRs, none mapping public IPs on launch — not even public ones: the ALB and
 *   NAT gateways get their addresses from AWS without it, and Security Hub's EC2.15 (enabled by the
 *   baseline) reports any subnet that does;
 * - public tier: one route table, 0.0.0.0/0 → the internet gateway;
 * - private tier: one route table per AZ, 0.0.0.0/0 → that AZ's NAT gateway (`OnePerAz`), or the
 *   one NAT gateway (`Single`), so an AZ failure never cuts another AZ's egress in prod (CP-10);
 * - isolated tier: one route table with no route at all (only the implicit local route): the
 *   database and cache can reach nothing off the VPC, and nothing off the VPC can reach them.
 *
 * Routes are standalone aws.ec2.Route resources and no table has inline routes: one way to declare
 * them (mixing the two makes the provider overwrite one with the other).
 */
export function vpcFabric(name: string, args: VpcFabricArgs, parent: pulumi.Resource): VpcFabric {
    const opts = { parent };
    const prefix = args.namePrefix;
    const vpc = new aws.ec2.Vpc(
        `${name}-vpc`,
        {
            cidrBlock: args.cidr,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: args.tags(`${prefix}-vpc`),
        },
        opts,
    );
    // Adopting the default group removes every rule AWS put in it (allow all from the group itself,
    // allow all egress); declaring none keeps it empty (Security Hub EC2.2, CIS AWS Foundations).
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: args.tags(`${prefix}-default-closed`) }, opts);

    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: args.tags(`${prefix}-igw`) }, opts);

    const layout = subnetLayout(args.cidr, args.availabilityZones);
    const subnets: Record<SubnetTier, aws.ec2.Subnet[]> = { public: [], private: [], isolated: [] };
    const subnetName = (s: PlannedSubnet) => `${s.tier}-${s.availabilityZone}`;
    for (const s of layout) {
        subnets[s.tier].push(
            new aws.ec2.Subnet(
                `${name}-${subnetName(s)}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: s.cidrBlock,
                    availabilityZone: s.availabilityZone,
                    mapPublicIpOnLaunch: false,
                    assignIpv6AddressOnCreation: false,
                    tags: { ...args.tags(`${prefix}-${subnetName(s)}`), Tier: s.tier },
                },
                opts,
            ),
        );
    }
    const associate = (table: aws.ec2.RouteTable, subnet: aws.ec2.Subnet, id: string) =>
        new aws.ec2.RouteTableAssociation(`${name}-${id}`, { routeTableId: table.id, subnetId: subnet.id }, opts);

    // Public: the only tier with a route to the internet gateway.
    const publicTable = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, tags: { ...args.tags(`${prefix}-public`), Tier: "public" } }, opts);
    new aws.ec2.Route(`${name}-public-internet`, { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, opts);
    layout
        .filter((s) => s.tier === "public")
        .forEach((s, i) => associate(publicTable, subnets.public[i], subnetName(s)));

    // NAT gateways live in the public subnets; their elastic IPs are the estate's only public egress addresses.
    const natAzs = args.natGateways === "OnePerAz" ? args.availabilityZones.map((_, i) => i) : [0];
    const nats = natAzs.map((azIndex) => {
        const az = args.availabilityZones[azIndex];
        const eip = new aws.ec2.Eip(`${name}-nat-${az}`, { domain: "vpc", tags: args.tags(`${prefix}-nat-${az}`) }, opts);
        return new aws.ec2.NatGateway(
            `${name}-nat-${az}`,
            {
                allocationId: eip.allocationId,
                subnetId: subnets.public[azIndex].id,
                connectivityType: "public",
                tags: args.tags(`${prefix}-nat-${az}`),
            },
            // AWS needs the internet gateway attached before a public NAT gateway can work.
            { parent, dependsOn: [igw] },
        );
    });

    // Private: egress only through a NAT gateway, never straight to the internet gateway.
    const privateRouteTables = layout
        .filter((s) => s.tier === "private")
        .map((s, i) => {
            const table = new aws.ec2.RouteTable(
                `${name}-${subnetName(s)}`,
                { vpcId: vpc.id, tags: { ...args.tags(`${prefix}-${subnetName(s)}`), Tier: "private" } },
                opts,
            );
            const nat = nats[args.natGateways === "OnePerAz" ? s.azIndex : 0];
            new aws.ec2.Route(`${name}-${subnetName(s)}-egress`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, opts);
            associate(table, subnets.private[i], subnetName(s));
            return table;
        });

    // Isolated: no route at all beyond the VPC's implicit local route.
    const isolatedTable = new aws.ec2.RouteTable(`${name}-isolated`, { vpcId: vpc.id, tags: { ...args.tags(`${prefix}-isolated`), Tier: "isolated" } }, opts);
    layout
        .filter((s) => s.tier === "isolated")
        .forEach((s, i) => associate(isolatedTable, subnets.isolated[i], subnetName(s)));

    return { vpc, subnets, privateRouteTables };
}
