// db-subnet-group-private: a stack policy, because whether a subnet is private is a fact of other
// resources: the subnet's mapPublicIpOnLaunch, its explicit route table association or else its
// VPC's main route table, and that table's inline and standalone routes. A subnet that maps public
// IPs or routes 0.0.0.0/0 (or ::/0) to an internet gateway lets a data store in it be reached
// from the internet (SC-7, AC-4).

import { Checked, isUnknown, StackContext, stackPolicy, StackResource } from "../../lib";

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

/** A typed read that found a malformed value (already reported as a mandatory violation). */
const malformed = (c: Checked<unknown>): boolean => !c.ok && !c.unknown;

/**
 * Whether a route (inline, read from `route` at `at`, or standalone) sends world traffic to an
 * internet gateway. A malformed route is reported against `owner` (mandatory) and judged no further.
 */
function routeToIgw(
    ctx: StackContext<unknown>,
    owner: StackResource,
    route: { from?: unknown; at?: string },
    destinationKeys: readonly [string, string],
    depKey: string,
): Verdict {
    const opts = { ...route, quiet: true };
    const v4 = ctx.readString(owner, destinationKeys[0], opts);
    const v6 = ctx.readString(owner, destinationKeys[1], opts);
    const gw = ctx.readString(owner, "gatewayId", opts);
    if (malformed(v4) || malformed(v6) || malformed(gw)) {
        return { kind: "private" };
    }
    const world = (v4.ok && v4.value === "0.0.0.0/0") || (v6.ok && v6.value === "::/0");
    const destUnknown = !v4.ok || !v6.ok;
    let viaIgw: boolean;
    if (gw.ok) {
        // Internet gateway ids always start with "igw-" (a vgw-/tgw- id is not the internet).
        viaIgw = gw.value !== undefined && gw.value.startsWith("igw-");
    } else {
        // An unknown gateway id comes from a resource in this stack, so it is among the property's
        // dependencies: an internet gateway there means this route uses it.
        viaIgw = (owner.propertyDependencies[depKey] ?? []).some((urn) => ctx.byUrn(urn)?.type === INTERNET_GATEWAY);
    }
    if (!viaIgw) {
        return { kind: "private" };
    }
    if (world) {
        return { kind: "public", reason: `routes ${v4.ok && v4.value === "0.0.0.0/0" ? "0.0.0.0/0" : "::/0"} to an internet gateway` };
    }
    return destUnknown ? { kind: "unknown", what: "a route's destination" } : { kind: "private" };
}

function judgeTable(ctx: StackContext<unknown>, table: StackResource, standaloneRoutes: ReadonlyMap<string, StackResource[]>): Verdict {
    let unknownWhat: string | undefined;
    const routes = ctx.readArray(table, "routes", { quiet: true });
    if (!routes.ok && routes.unknown) {
        unknownWhat = `route table "${table.name}" routes`;
    }
    for (const [i, r] of (routes.ok ? (routes.value ?? []) : []).entries()) {
        if (isUnknown(r)) {
            unknownWhat = `route table "${table.name}" routes`;
            continue;
        }
        const v = routeToIgw(ctx, table, { from: r, at: `routes[${i}]` }, ["cidrBlock", "ipv6CidrBlock"], "routes");
        if (v.kind === "public") {
            return { kind: "public", reason: `its route table "${table.name}" ${v.reason}` };
        }
        if (v.kind === "unknown") {
            unknownWhat = v.what;
        }
    }
    for (const route of standaloneRoutes.get(table.urn) ?? []) {
        const v = routeToIgw(ctx, route, {}, ["destinationCidrBlock", "destinationIpv6CidrBlock"], "gatewayId");
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
    summary: "DB, cache and warehouse subnet groups contain only private subnets (no public IPs, no route to an internet gateway)",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Build the subnet group from the VPC's private (isolated) subnets: `mapPublicIpOnLaunch: false` and a route table " +
        "whose default route goes to a NAT gateway or nowhere, never to the internet gateway.",
    resourceTypes: [...SUBNET_GROUP_TYPES, SUBNET, ROUTE_TABLE, ROUTE, ROUTE_TABLE_ASSOCIATION],
    noVerdict: [
        {
            when: "the stack has no DB, cache or warehouse subnet group",
            why: "nothing to judge: a data store outside a subnet group is placed by other rules (rds-not-publicly-accessible, opensearch-in-vpc)",
        },
        {
            when: "a route's gateway is not an internet gateway (igw-…), or an unknown gateway id has no internet gateway among its dependencies",
            why: "only an internet gateway makes a subnet reachable from the internet; NAT, transit and virtual private gateways do not",
        },
        {
            when: "a subnet has no explicit route table association and its VPC's main route table is not declared in the stack",
            why: "AWS's own main route table has only the local route until a program adds one, and any table the program declares is judged",
        },
    ],
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
            const mapPublic = ctx.readBoolean(subnet, "mapPublicIpOnLaunch", { quiet: true });
            if (mapPublic.ok && mapPublic.value === true) {
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
                if (verdict.kind !== "public" && !mapPublic.ok && mapPublic.unknown) {
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
