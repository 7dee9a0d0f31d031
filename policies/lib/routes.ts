// Does a subnet route the internet to an internet gateway? A fact of other resources: the subnet's
// explicit route table association, or else its VPC's main route table (a MainRouteTableAssociation,
// an adopted DefaultRouteTable, or what AWS creates), and that table's inline and standalone routes.
// Every tie is proven by a known id or by the property dependencies the engine records (ids are
// unknown during a preview); a tie that cannot be proven makes the answer "unknown" — an advisory
// for the caller, never a guess (SC-7, AC-4). Shared by db-subnet-group-private and
// subnet-private-tier-no-igw-route; built once per stack policy call.

import { ARRAY, Malformed, readTyped, STRING } from "./guards";
import { worldSources } from "./network";
import type { StackContext, StackResource } from "./policy";
import { isUnknown } from "./unknowns";
import {
    DEFAULT_ROUTE_TABLE,
    DEFAULT_SUBNET,
    DEFAULT_VPC,
    INTERNET_GATEWAY,
    MAIN_ROUTE_TABLE_ASSOCIATION,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    SUBNET,
    VPC,
    VPN_GATEWAY,
} from "./resource-types";

export const VPC_TYPES: readonly string[] = [VPC, DEFAULT_VPC];
export const SUBNET_TYPES: readonly string[] = [SUBNET, DEFAULT_SUBNET];
const TABLE_TYPES: readonly string[] = [ROUTE_TABLE, DEFAULT_ROUTE_TABLE];
// A DefaultRouteTable is referred to by its id, which is also its `defaultRouteTableId` input.
const TABLE_KEYS: readonly string[] = ["id", "defaultRouteTableId"];

/** The types whose resources decide a subnet's routing (for a stack policy's `resourceTypes`). */
export const ROUTING_TYPES = [
    SUBNET,
    DEFAULT_SUBNET,
    VPC,
    DEFAULT_VPC,
    ROUTE_TABLE,
    DEFAULT_ROUTE_TABLE,
    ROUTE,
    ROUTE_TABLE_ASSOCIATION,
    MAIN_ROUTE_TABLE_ASSOCIATION,
    INTERNET_GATEWAY,
] as const;

/** Where a subnet's traffic to 0.0.0.0/0 or ::/0 goes, as far as the stack proves it. */
export type InternetRoute =
    /** No route sends the internet to an internet gateway. */
    | { readonly kind: "none" }
    /** `reason` completes "subnet X …": `its route table "rt" routes 0.0.0.0/0 to an internet gateway (route "r")`. */
    | { readonly kind: "internet"; readonly reason: string }
    /**
     * A tie or a value is unknown: `what` completes "Cannot verify …". `outside`: the tie is a known
     * id of a resource this stack does not hold (no later preview will know more), not a preview unknown.
     */
    | { readonly kind: "unknown"; readonly what: string; readonly outside?: boolean }
    /**
     * A judged value has the wrong JSON type: `problem` says which (its path is relative to
     * `resource`, the route table or route that holds it). The caller settles it against that
     * resource (`ctx.settle(resource, problem)`): a mandatory "Cannot evaluate …" no waiver covers.
     */
    | { readonly kind: "malformed"; readonly resource: StackResource; readonly problem: Malformed };

export interface SubnetRouting {
    internetRoute(subnet: StackResource): InternetRoute;
}

type Verdict = InternetRoute;
const NONE: Verdict = { kind: "none" };

/**
 * A route (inline entry or standalone resource) and whether it sends world traffic to an internet
 * gateway. `at` is where the route is in `owner`'s props ("routes[0]"; "" for a standalone route),
 * `label` how "cannot verify" names it.
 */
function judgeRoute(
    ctx: StackContext<unknown>,
    route: unknown,
    keys: { readonly v4: string; readonly v6: string },
    owner: StackResource,
    depKey: string,
    at: string,
    label: string,
): Verdict {
    // Typed: a destination or gateway that is not a string (or an entry that is not an object) is malformed.
    const fields = [readTyped(route, keys.v4, STRING, at), readTyped(route, keys.v6, STRING, at), readTyped(route, "gatewayId", STRING, at)];
    for (const f of fields) {
        if (f.kind === "malformed") {
            return { kind: "malformed", resource: owner, problem: f };
        }
    }
    const [v4, v6, gw] = fields;
    const world = worldSources([v4, v6].map((f) => (f.kind === "ok" ? f.value : undefined)));
    const destinationUnknown = v4.kind === "unknown" || v6.kind === "unknown";
    let viaIgw: boolean | "unknown";
    if (gw.kind === "ok" && gw.value !== undefined) {
        // Internet gateway ids start with "igw-" (vgw- is a VPN gateway, not the internet).
        viaIgw = gw.value.startsWith("igw-");
    } else if (gw.kind === "unknown") {
        // An unknown id is the output of a resource of this stack, recorded among the property's
        // dependencies: an internet gateway there (and no VPN gateway to confuse it with) is this route's.
        const types = new Set((owner.propertyDependencies[depKey] ?? []).map((urn) => ctx.byUrn(urn)?.type));
        viaIgw = !types.has(INTERNET_GATEWAY) ? false : types.has(VPN_GATEWAY) ? "unknown" : true;
    } else {
        viaIgw = false;
    }
    if (viaIgw === false) {
        return NONE;
    }
    if (viaIgw === true && world.length > 0) {
        return { kind: "internet", reason: `routes ${world[0]} to an internet gateway` };
    }
    if (world.length > 0 || destinationUnknown) {
        return { kind: "unknown", what: `where ${label} goes` };
    }
    return NONE;
}

/** Reports an unknown verdict: an advisory "cannot verify … during preview", or one saying the tie leaves the stack. */
export function reportUnknownRoute(ctx: StackContext<unknown>, resource: StackResource, verdict: { readonly what: string; readonly outside?: boolean }): void {
    if (verdict.outside) {
        ctx.advisory(resource, `Cannot verify ${verdict.what}; associate the subnet with a route table of this stack to have it judged.`);
    } else {
        ctx.cannotVerify(resource, verdict.what);
    }
}

/** The worst of two verdicts: internet, then malformed, then unknown, then none. */
function worse(a: Verdict, b: Verdict): Verdict {
    const rank = { internet: 3, malformed: 2, unknown: 1, none: 0 } as const;
    return rank[b.kind] > rank[a.kind] ? b : a;
}

/**
 * The routing facts of a stack, indexed once: standalone routes by table, explicit associations by
 * subnet, main tables by VPC. `internetRoute(subnet)` is memoised per subnet.
 */
export function subnetRouting(ctx: StackContext<unknown>): SubnetRouting {
    const routesByTable = new Map<string, StackResource[]>();
    let orphanRoutes: Verdict = NONE;
    for (const route of ctx.ofType(ROUTE)) {
        const refs = ctx.resolveRefs(route, "routeTableId", TABLE_TYPES, TABLE_KEYS);
        for (const t of refs.resources) {
            routesByTable.set(t.urn, [...(routesByTable.get(t.urn) ?? []), route]);
        }
        if (refs.resources.length === 0 && refs.listUnknown) {
            // A route of some table of this stack, but which one cannot be proven.
            const v = judgeRoute(ctx, route.props, { v4: "destinationCidrBlock", v6: "destinationIpv6CidrBlock" }, route, "gatewayId", "", `route "${route.name}"`);
            if (v.kind !== "none") {
                orphanRoutes = worse(orphanRoutes, v.kind === "malformed" ? v : { kind: "unknown", what: `which route table route "${route.name}" belongs to` });
            }
        }
    }

    const tableVerdicts = new Map<string, Verdict>();
    const judgeTable = (table: StackResource): Verdict => {
        const cached = tableVerdicts.get(table.urn);
        if (cached) {
            return cached;
        }
        let verdict: Verdict = NONE;
        const inline = readTyped(table.props, "routes", ARRAY);
        if (inline.kind === "unknown") {
            verdict = { kind: "unknown", what: `route table "${table.name}" routes` };
        } else if (inline.kind === "malformed") {
            verdict = { kind: "malformed", resource: table, problem: inline };
        } else {
            for (const [i, entry] of (inline.value ?? []).entries()) {
                const v = isUnknown(entry)
                    ? ({ kind: "unknown", what: `route table "${table.name}" routes` } as const)
                    : judgeRoute(ctx, entry, { v4: "cidrBlock", v6: "ipv6CidrBlock" }, table, "routes", `routes[${i}]`, `route table "${table.name}" routes[${i}]`);
                verdict = worse(verdict, v.kind === "internet" ? { kind: "internet", reason: `its route table "${table.name}" ${v.reason}` } : v);
            }
        }
        for (const route of routesByTable.get(table.urn) ?? []) {
            if (verdict.kind === "internet") {
                break;
            }
            const v = judgeRoute(ctx, route.props, { v4: "destinationCidrBlock", v6: "destinationIpv6CidrBlock" }, route, "gatewayId", "", `route "${route.name}"`);
            verdict = worse(verdict, v.kind === "internet" ? { kind: "internet", reason: `its route table "${table.name}" ${v.reason} (route "${route.name}")` } : v);
        }
        verdict = worse(verdict, orphanRoutes);
        tableVerdicts.set(table.urn, verdict);
        return verdict;
    };

    // Explicit associations: subnet → the tables it is associated with (AWS allows one).
    const tablesBySubnet = new Map<string, Verdict>();
    let orphanAssociations: Verdict = NONE;
    for (const assoc of ctx.ofType(ROUTE_TABLE_ASSOCIATION)) {
        const subnetId = ctx.read(assoc.props, "subnetId");
        if (subnetId.known && subnetId.value === undefined) {
            continue; // an edge association (gatewayId): not a subnet's table
        }
        const tables = ctx.resolveRefs(assoc, "routeTableId", TABLE_TYPES, TABLE_KEYS);
        let verdict: Verdict = NONE;
        for (const t of tables.resources) {
            verdict = worse(verdict, judgeTable(t));
        }
        if (tables.resources.length === 0) {
            verdict = tables.listUnknown
                ? { kind: "unknown", what: `the routes of association "${assoc.name}"'s route table (not tied to a route table of this stack)` }
                : { kind: "unknown", what: `the routes of association "${assoc.name}"'s route table: it is not a route table of this stack`, outside: true };
        }
        const subnets = ctx.resolveRefs(assoc, "subnetId", SUBNET_TYPES);
        for (const s of subnets.resources) {
            tablesBySubnet.set(s.urn, worse(tablesBySubnet.get(s.urn) ?? NONE, verdict));
        }
        if (subnets.resources.length === 0 && subnets.listUnknown && verdict.kind !== "none") {
            // It may be the association of any subnet of this stack that has no other.
            orphanAssociations = worse(orphanAssociations, { kind: "unknown", what: `which subnet association "${assoc.name}" is for` });
        }
    }

    // Main tables: an explicit MainRouteTableAssociation or an adopted DefaultRouteTable, by VPC.
    const mainByVpc = new Map<string, Verdict>();
    const setMain = (vpc: StackResource, v: Verdict) => mainByVpc.set(vpc.urn, worse(mainByVpc.get(vpc.urn) ?? NONE, v));
    for (const assoc of ctx.ofType(MAIN_ROUTE_TABLE_ASSOCIATION)) {
        const refs = ctx.resolveRefs(assoc, "routeTableId", TABLE_TYPES, TABLE_KEYS);
        const tables = refs.resources;
        const verdict: Verdict =
            tables.length > 0
                ? tables.map(judgeTable).reduce(worse, NONE)
                : { kind: "unknown", what: `the routes of main route table association "${assoc.name}"'s table`, outside: !refs.listUnknown };
        ctx.resolveRefs(assoc, "vpcId", VPC_TYPES, ["id"]).resources.forEach((vpc) => setMain(vpc, verdict));
    }
    for (const table of ctx.ofType(DEFAULT_ROUTE_TABLE)) {
        ctx.resolveRefs(table, "defaultRouteTableId", VPC_TYPES, ["defaultRouteTableId"]).resources.forEach((vpc) => setMain(vpc, judgeTable(table)));
    }
    const mainTable = (vpc: StackResource): Verdict => {
        const declared = mainByVpc.get(vpc.urn);
        if (declared) {
            return declared;
        }
        // Not declared: AWS's own main table. A new VPC's has only the local route; the default
        // VPC's routes 0.0.0.0/0 to its internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
        return vpc.type === DEFAULT_VPC
            ? { kind: "internet", reason: `its VPC "${vpc.name}" is the default VPC, whose main route table routes 0.0.0.0/0 to an internet gateway` }
            : NONE;
    };

    const subnetVerdicts = new Map<string, Verdict>();
    return {
        internetRoute(subnet) {
            const cached = subnetVerdicts.get(subnet.urn);
            if (cached) {
                return cached;
            }
            let verdict = tablesBySubnet.get(subnet.urn);
            if (verdict === undefined) {
                // No explicit association: the VPC's main table (or a subnet of a default VPC).
                const vpcs = ctx.resolveRefs(subnet, "vpcId", VPC_TYPES, ["id"]);
                const viaVpc: Verdict =
                    subnet.type === DEFAULT_SUBNET && vpcs.resources.length === 0
                        ? { kind: "internet", reason: "it is a default subnet, whose VPC's main route table routes 0.0.0.0/0 to an internet gateway" }
                        : vpcs.resources.length === 0
                          ? vpcs.listUnknown
                              ? { kind: "unknown", what: `the main route table of subnet "${subnet.name}"'s VPC (not tied to a VPC of this stack)` }
                              : { kind: "unknown", what: `the main route table of subnet "${subnet.name}"'s VPC: it is not a VPC of this stack`, outside: true }
                          : vpcs.resources.map(mainTable).reduce(worse, NONE);
                verdict = worse(viaVpc, orphanAssociations);
            }
            subnetVerdicts.set(subnet.urn, verdict);
            return verdict;
        },
    };
}
