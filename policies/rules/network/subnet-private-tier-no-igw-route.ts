// subnet-private-tier-no-igw-route: a stack policy, because a subnet's routes are other resources:
// its explicit route table association (or else its VPC's main route table) and that table's inline
// and standalone routes (lib/routes, the resolution db-subnet-group-private also uses). A subnet
// that its Tier tag or its name marks private or isolated must not send 0.0.0.0/0 or ::/0 to an
// internet gateway: with that route, anything in it with a public address is on the internet, and
// an isolated tier is no longer isolated (SC-7, SC-7(5), AC-4, CM-7). Private tiers reach the
// internet, if at all, through a NAT gateway. cdk-nag's VPCNoUnrestrictedRouteToIGW flags every such
// route, public tier included; the public tier needs one for its load balancer and NAT gateways.

import { PRIVATE_TIER_OPTIONS, privateTierOf, reportUnknownRoute, ROUTING_TYPES, stackPolicy, SUBNET_TYPES, subnetRouting } from "../../lib";

export const subnetPrivateTierNoIgwRoute = stackPolicy({
    name: "subnet-private-tier-no-igw-route",
    description:
        "Subnets of the private tiers (tagged Tier=private/isolated, or so named) must not route 0.0.0.0/0 or ::/0 to an " +
        "internet gateway, through their explicitly associated route table or, without one, their VPC's main route table: " +
        "private tiers reach the internet, if at all, through a NAT gateway (SC-7, SC-7(5), AC-4).",
    summary: "Private- and isolated-tier subnets (by Tier tag or name) do not route 0.0.0.0/0 or ::/0 to an internet gateway",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    remediationSteps:
        "Associate the subnet with a route table whose default route goes to a NAT gateway (`natGatewayId`, private tier) " +
        "or that has no default route (isolated tier); keep `gatewayId: <internet gateway>` routes in the public tier's " +
        "table only. If the subnet is really public, tag it so (Tier=public) and name it accordingly.",
    resourceTypes: ROUTING_TYPES,
    options: PRIVATE_TIER_OPTIONS,
    noVerdict: [
        {
            when: "a subnet is marked private neither by its Tier tag nor by its name",
            why: "the public tier needs the internet gateway route for its load balancer and NAT gateways; subnet-no-public-ip-on-launch still judges every subnet",
        },
    ],
    validate: (ctx) => {
        const subnets = ctx.ofType(...SUBNET_TYPES);
        if (subnets.length === 0) {
            return;
        }
        const routing = subnetRouting(ctx);
        for (const subnet of subnets) {
            const tier = privateTierOf(subnet, ctx.config);
            if (tier === "other") {
                continue;
            }
            const route = routing.internetRoute(subnet);
            if (route.kind === "none") {
                continue;
            }
            if (tier === "unknown") {
                // Unknown tags decide whether it is private, and it may route to the internet.
                ctx.cannotVerify(subnet, `subnet "${subnet.name}"'s tier tags`);
            } else if (route.kind === "internet") {
                ctx.violation(
                    subnet,
                    `Private-tier subnet "${subnet.name}" is on the internet: ${route.reason}; route its default traffic to a NAT ` +
                        "gateway (private tier) or nowhere (isolated tier).",
                );
            } else if (route.kind === "malformed") {
                // Reported against the route table or route that holds it: mandatory, never waived.
                ctx.settle(route.resource, route.problem);
            } else {
                reportUnknownRoute(ctx, subnet, route);
            }
        }
    },
});
