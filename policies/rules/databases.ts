// Public databases: database endpoints reachable from the internet (SC-7 boundary protection,
// AC-3/AC-4 access and flow enforcement, CM-7 least functionality).

import {
    GovPolicy,
    ingressEntries,
    INGRESS_TYPES,
    isUnknown,
    resourcePolicy,
    StackContext,
    stackPolicy,
    StackResource,
    worldExposure,
} from "../lib";

// Instance types that carry `publiclyAccessible` (Aurora, DocumentDB and Neptune instances are
// the cluster members; aws.rds.Cluster, aws.docdb.Cluster and aws.neptune.Cluster have no such
// input in @pulumi/aws 7, so an Aurora Serverless v2 cluster is public only through a member).
const DB_INSTANCE_TYPES = [
    "aws:rds/instance:Instance",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:docdb/clusterInstance:ClusterInstance",
    "aws:neptune/clusterInstance:ClusterInstance",
] as const;

export const rdsNotPubliclyAccessible = resourcePolicy({
    name: "rds-not-publicly-accessible",
    description:
        "RDS, Aurora, DocumentDB and Neptune DB instances must not be publicly accessible: a public endpoint puts the " +
        "database on the internet boundary, where only the load balancer belongs.",
    severity: "critical",
    controls: ["SC-7", "AC-3", "AC-4"],
    remediationSteps:
        "Set `publiclyAccessible: false` (the default) and place the instance in a DB subnet group of private subnets; " +
        "reach it from the service's security group only.",
    resourceTypes: DB_INSTANCE_TYPES,
    validate: (ctx) => {
        const pub = ctx.read("publiclyAccessible");
        if (!pub.known) {
            ctx.cannotVerify("publiclyAccessible");
        } else if (pub.value === true) {
            ctx.violation(`DB instance "${ctx.name}" has publiclyAccessible = true; set it to false.`);
        }
    },
});

const REDSHIFT_SERVERLESS_WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";

export const redshiftNotPubliclyAccessible = resourcePolicy({
    name: "redshift-not-publicly-accessible",
    description:
        "Redshift clusters and Redshift Serverless workgroups must not be publicly accessible: a public endpoint exposes " +
        "the warehouse to the internet instead of the VPC.",
    severity: "critical",
    controls: ["SC-7", "AC-3", "AC-4"],
    remediationSteps:
        "Set `publiclyAccessible: false` on the aws.redshift.Cluster (with a subnet group of private subnets) or the " +
        "aws.redshiftserverless.Workgroup (with private `subnetIds`).",
    resourceTypes: ["aws:redshift/cluster:Cluster", REDSHIFT_SERVERLESS_WORKGROUP],
    validate: (ctx) => {
        const what = ctx.type === REDSHIFT_SERVERLESS_WORKGROUP ? "Redshift Serverless workgroup" : "Redshift cluster";
        const pub = ctx.read("publiclyAccessible");
        if (!pub.known) {
            ctx.cannotVerify("publiclyAccessible");
        } else if (pub.value === true) {
            ctx.violation(`${what} "${ctx.name}" has publiclyAccessible = true; set it to false.`);
        }
    },
});

export const opensearchInVpc = resourcePolicy({
    name: "opensearch-in-vpc",
    description:
        "OpenSearch and Elasticsearch domains must be deployed inside a VPC: a domain without `vpcOptions` gets a public " +
        "endpoint guarded only by its access policy.",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps: "Set `vpcOptions` with private `subnetIds` and `securityGroupIds` on the domain (changing it replaces the domain).",
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate: (ctx) => {
        const subnets = ctx.read("vpcOptions.subnetIds");
        if (!subnets.known) {
            // Unknown subnet ids (from a VPC created in the same update) still mean "in a VPC".
            return;
        }
        if (!Array.isArray(subnets.value) || subnets.value.length === 0) {
            ctx.violation(`OpenSearch domain "${ctx.name}" has no vpcOptions.subnetIds, so its endpoint is public; deploy it in private subnets.`);
        }
    },
});

/** Default database and cache ports (PostgreSQL, MySQL/Aurora, SQL Server, Oracle, MongoDB/DocumentDB, Redis, Memcached, OpenSearch, Redshift, Neptune, Cassandra). */
export const DEFAULT_DATABASE_PORTS = [1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 8182, 9042, 9200, 9300, 11211, 27017, 27018, 27019];

export const securityGroupDatabasePortsNotPublic = resourcePolicy({
    name: "security-group-database-ports-not-public",
    description:
        "Security groups and security group rules must not open database or cache ports to 0.0.0.0/0 or ::/0: data stores " +
        "accept connections only from the application tier's security group.",
    severity: "critical",
    controls: ["SC-7", "AC-4", "CM-7"],
    remediationSteps:
        "Replace the world CIDR with `referencedSecurityGroupId` / `securityGroups` of the application tier (or a private " +
        "CIDR), and narrow protocol \"-1\" / 0-65535 ranges to the one port the database listens on.",
    resourceTypes: INGRESS_TYPES,
    options: {
        databasePorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: DEFAULT_DATABASE_PORTS,
            description: "Ports treated as database or cache ports.",
        },
    },
    validate: (ctx) => {
        const { entries, unknown } = ingressEntries(ctx.type, ctx.props);
        const what = ctx.type === "aws:ec2/securityGroup:SecurityGroup" ? `Security group "${ctx.name}"` : `Security group rule "${ctx.name}"`;
        if (unknown) {
            ctx.cannotVerify("ingress");
        }
        for (const entry of entries) {
            const exposure = worldExposure(entry, ctx.config.databasePorts);
            const where = entry.label ? `${what} ${entry.label}` : what;
            if (exposure.ports.length > 0) {
                ctx.violation(
                    `${where} opens database port(s) ${exposure.ports.join(", ")} to ${exposure.sources.join(", ")}; ` +
                        "allow only the application's security group.",
                );
            } else if (exposure.possible) {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports or source CIDRs`);
            }
        }
    },
});

// Subnet groups whose members must be private subnets.
const SUBNET_GROUP_TYPES = [
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:docdb/subnetGroup:SubnetGroup",
    "aws:neptune/subnetGroup:SubnetGroup",
    "aws:redshift/subnetGroup:SubnetGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
] as const;
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const ROUTE = "aws:ec2/route:Route";
const ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const MAIN_ROUTE_TABLE_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
const VPC = "aws:ec2/vpc:Vpc";
const TABLE_TYPES = [ROUTE_TABLE, DEFAULT_ROUTE_TABLE];

type Verdict = { kind: "public"; reason: string } | { kind: "private" } | { kind: "unknown"; what: string };

/** Whether a route (inline or standalone) sends world traffic to an internet gateway. */
function routeToIgw(
    ctx: StackContext<unknown>,
    route: Record<string, unknown>,
    destinationKeys: readonly [string, string],
    owner: StackResource,
    depKey: string,
): Verdict {
    const v4 = route[destinationKeys[0]];
    const v6 = route[destinationKeys[1]];
    const world = v4 === "0.0.0.0/0" || v6 === "::/0";
    const destUnknown = isUnknown(v4) || isUnknown(v6);
    const gw = route.gatewayId;
    let viaIgw: boolean | undefined;
    if (typeof gw === "string" && !isUnknown(gw)) {
        // Internet gateway ids always start with "igw-" (a vgw-/tgw- id is not the internet).
        viaIgw = gw.startsWith("igw-");
    } else if (isUnknown(gw)) {
        // An unknown gateway id comes from a resource in this stack, so it is among the property's
        // dependencies: an internet gateway there means this route uses it.
        viaIgw = (owner.propertyDependencies[depKey] ?? []).some((urn) => ctx.byUrn(urn)?.type === INTERNET_GATEWAY);
    } else {
        viaIgw = false;
    }
    if (!viaIgw) {
        return { kind: "private" };
    }
    if (world) {
        return { kind: "public", reason: `routes ${v4 === "0.0.0.0/0" ? "0.0.0.0/0" : "::/0"} to an internet gateway` };
    }
    return destUnknown ? { kind: "unknown", what: "a route's destination" } : { kind: "private" };
}

function judgeTable(ctx: StackContext<unknown>, table: StackResource, standaloneRoutes: ReadonlyMap<string, StackResource[]>): Verdict {
    let unknownWhat: string | undefined;
    const routes = ctx.read<unknown[]>(table.props, "routes");
    if (!routes.known) {
        unknownWhat = `route table "${table.name}" routes`;
    } else {
        for (const r of Array.isArray(routes.value) ? routes.value : []) {
            if (isUnknown(r)) {
                unknownWhat = `route table "${table.name}" routes`;
                continue;
            }
            const v = routeToIgw(ctx, (r ?? {}) as Record<string, unknown>, ["cidrBlock", "ipv6CidrBlock"], table, "routes");
            if (v.kind === "public") {
                return { kind: "public", reason: `its route table "${table.name}" ${v.reason}` };
            }
            if (v.kind === "unknown") {
                unknownWhat = v.what;
            }
        }
    }
    for (const route of standaloneRoutes.get(table.urn) ?? []) {
        const v = routeToIgw(ctx, route.props, ["destinationCidrBlock", "destinationIpv6CidrBlock"], route, "gatewayId");
        if (v.kind === "public") {
            return { kind: "public", reason: `its route table "${table.name}" ${v.reason} (route "${route.name}")` };
        }
        if (v.kind === "unknown") {
            unknownWhat = v.what;
        }
    }
    return unknownWhat ? { kind: "unknown", what: unknownWhat } : { kind: "private" };
}

export const dbSubnetGroupPrivate = stackPolicy({
    name: "db-subnet-group-private",
    description:
        "DB, cache and warehouse subnet groups must contain only private subnets: a subnet that maps public IPs or routes " +
        "0.0.0.0/0 to an internet gateway lets a data store be reached from the internet.",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Build the subnet group from the VPC's private (isolated) subnets: `mapPublicIpOnLaunch: false` and a route table " +
        "whose default route goes to a NAT gateway or nowhere, never to the internet gateway.",
    resourceTypes: [...SUBNET_GROUP_TYPES, SUBNET, ROUTE_TABLE, ROUTE, ROUTE_TABLE_ASSOCIATION],
    validate: (ctx) => {
        const groups = ctx.ofType(...SUBNET_GROUP_TYPES);
        if (groups.length === 0) {
            return;
        }
        // Index once: standalone routes by table, explicit associations by subnet, main tables by VPC.
        const routesByTable = new Map<string, StackResource[]>();
        for (const route of ctx.ofType(ROUTE)) {
            for (const t of ctx.resolveRefs(route, "routeTableId", TABLE_TYPES).resources) {
                routesByTable.set(t.urn, [...(routesByTable.get(t.urn) ?? []), route]);
            }
        }
        const tablesBySubnet = new Map<string, StackResource[]>();
        for (const assoc of ctx.ofType(ROUTE_TABLE_ASSOCIATION)) {
            const tables = ctx.resolveRefs(assoc, "routeTableId", TABLE_TYPES).resources;
            for (const s of ctx.resolveRefs(assoc, "subnetId", [SUBNET]).resources) {
                tablesBySubnet.set(s.urn, [...(tablesBySubnet.get(s.urn) ?? []), ...tables]);
            }
        }
        const mainTablesByVpc = new Map<string, StackResource[]>();
        for (const assoc of ctx.ofType(MAIN_ROUTE_TABLE_ASSOCIATION)) {
            const tables = ctx.resolveRefs(assoc, "routeTableId", TABLE_TYPES).resources;
            for (const vpc of ctx.resolveRefs(assoc, "vpcId", [VPC]).resources) {
                mainTablesByVpc.set(vpc.urn, [...(mainTablesByVpc.get(vpc.urn) ?? []), ...tables]);
            }
        }
        for (const table of ctx.ofType(DEFAULT_ROUTE_TABLE)) {
            for (const vpc of ctx.resolveRefs(table, "defaultRouteTableId", [VPC]).resources) {
                mainTablesByVpc.set(vpc.urn, [...(mainTablesByVpc.get(vpc.urn) ?? []), table]);
            }
        }
        const verdicts = new Map<string, Verdict>();
        const judgeSubnet = (subnet: StackResource): Verdict => {
            const cached = verdicts.get(subnet.urn);
            if (cached) {
                return cached;
            }
            let verdict: Verdict = { kind: "private" };
            const mapPublic = ctx.read(subnet.props, "mapPublicIpOnLaunch");
            if (mapPublic.known && mapPublic.value === true) {
                verdict = { kind: "public", reason: "it maps public IPs on launch (mapPublicIpOnLaunch = true)" };
            } else {
                const explicit = tablesBySubnet.get(subnet.urn);
                const tables = explicit ?? ctx.resolveRefs(subnet, "vpcId", [VPC]).resources.flatMap((v) => mainTablesByVpc.get(v.urn) ?? []);
                for (const table of tables) {
                    const v = judgeTable(ctx, table, routesByTable);
                    if (v.kind === "public") {
                        verdict = v;
                        break;
                    }
                    if (v.kind === "unknown") {
                        verdict = v;
                    }
                }
                if (verdict.kind !== "public" && !mapPublic.known) {
                    verdict = { kind: "unknown", what: `subnet "${subnet.name}" mapPublicIpOnLaunch` };
                }
            }
            verdicts.set(subnet.urn, verdict);
            return verdict;
        };

        for (const group of groups) {
            const refs = ctx.resolveRefs(group, "subnetIds", [SUBNET]);
            for (const subnet of refs.resources) {
                const v = judgeSubnet(subnet);
                if (v.kind === "public") {
                    ctx.violation(group, `Subnet group "${group.name}" includes public subnet "${subnet.name}": ${v.reason}; use private subnets only.`);
                } else if (v.kind === "unknown") {
                    ctx.cannotVerify(group, v.what);
                }
            }
            if (refs.listUnknown && refs.resources.length === 0) {
                ctx.advisory(
                    group,
                    `Cannot verify the subnets of subnet group "${group.name}" during preview: its subnetIds are unknown and no subnet ` +
                        "resource of this stack is recorded as their source (e.g. a remote component's outputs). The policy runs again after the update.",
                );
            } else if (refs.unresolved > 0) {
                ctx.advisory(
                    group,
                    `Cannot verify ${refs.unresolved} subnet(s) of subnet group "${group.name}": they are not subnet resources of this stack.`,
                );
            }
        }
    },
});

export const databasePolicies: GovPolicy[] = [
    rdsNotPubliclyAccessible,
    redshiftNotPubliclyAccessible,
    opensearchInVpc,
    securityGroupDatabasePortsNotPublic,
    dbSubnetGroupPrivate,
];
