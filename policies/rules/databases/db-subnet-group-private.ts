// db-subnet-group-private: a stack policy, because whether a subnet is private is a fact of other
// resources: the subnet's mapPublicIpOnLaunch, its explicit route table association or else its
// VPC's main route table, and that table's inline and standalone routes. A subnet that maps public
// IPs or routes 0.0.0.0/0 (or ::/0) to an internet gateway lets a data store in it be reached
// from the internet (SC-7, AC-4).

import {
    DEFAULT_SUBNET,
    InternetRoute,
    reportUnknownRoute,
    ROUTING_TYPES,
    stackPolicy,
    StackResource,
    SUBNET_TYPES,
    subnetRouting,
} from "../../lib";
import {
    DOCDB_SUBNET_GROUP,
    ELASTICACHE_SUBNET_GROUP,
    NEPTUNE_SUBNET_GROUP,
    RDS_SUBNET_GROUP,
    REDSHIFT_SUBNET_GROUP,
} from "./resource-types";

// Subnet groups whose members must be private subnets.
const SUBNET_GROUP_TYPES = [
    RDS_SUBNET_GROUP,
    DOCDB_SUBNET_GROUP,
    NEPTUNE_SUBNET_GROUP,
    REDSHIFT_SUBNET_GROUP,
    ELASTICACHE_SUBNET_GROUP,
] as const;

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
    resourceTypes: [...SUBNET_GROUP_TYPES, ...ROUTING_TYPES],
    noVerdict: [
        {
            when: "the stack has no DB, cache or warehouse subnet group",
            why: "nothing to judge: a data store outside a subnet group is placed by other rules (rds-not-publicly-accessible, opensearch-in-vpc)",
        },
        {
            when: "a subnet's route to 0.0.0.0/0 or ::/0 goes to something other than an internet gateway (NAT, transit, virtual private gateway, egress-only gateway)",
            why: "only an internet gateway makes a subnet reachable from the internet",
        },
    ],
    validate: (ctx) => {
        const groups = ctx.ofType(...SUBNET_GROUP_TYPES);
        if (groups.length === 0) {
            return;
        }
        const routing = subnetRouting(ctx);
        const verdicts = new Map<string, InternetRoute>();
        const judgeSubnet = (subnet: StackResource): InternetRoute => {
            const cached = verdicts.get(subnet.urn);
            if (cached) {
                return cached;
            }
            let verdict: InternetRoute;
            // Typed, against the subnet: a flag that is not a boolean is reported there (mandatory,
            // never waived) and the subnet is still judged on its routes.
            const mapPublic = ctx.readBoolean(subnet, "mapPublicIpOnLaunch", { quiet: true });
            // A default subnet keeps AWS's true unless the program sets false.
            if (mapPublic.ok && (mapPublic.value ?? subnet.type === DEFAULT_SUBNET)) {
                verdict = { kind: "internet", reason: "it maps public IPs on launch (mapPublicIpOnLaunch = true)" };
            } else {
                verdict = routing.internetRoute(subnet);
                if (verdict.kind !== "internet" && verdict.kind !== "malformed" && !mapPublic.ok && mapPublic.unknown) {
                    verdict = { kind: "unknown", what: `subnet "${subnet.name}" mapPublicIpOnLaunch` };
                }
            }
            verdicts.set(subnet.urn, verdict);
            return verdict;
        };

        for (const group of groups) {
            const refs = ctx.resolveRefs(group, "subnetIds", SUBNET_TYPES);
            for (const subnet of refs.resources) {
                const v = judgeSubnet(subnet);
                if (v.kind === "internet") {
                    ctx.violation(group, `Subnet group "${group.name}" includes public subnet "${subnet.name}": ${v.reason}; use private subnets only.`);
                } else if (v.kind === "malformed") {
                    // Reported against the route table or route that holds it: mandatory, never waived.
                    ctx.settle(v.resource, v.problem);
                } else if (v.kind === "unknown") {
                    reportUnknownRoute(ctx, group, v);
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
