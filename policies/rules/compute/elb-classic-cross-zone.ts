// elb-classic-cross-zone: a Classic Load Balancer spans at least two Availability Zones and
// balances across them, so losing one zone's instances does not take the service down (SC-5,
// CP-10; cdk-nag ELBCrossZoneLoadBalancingEnabled).

import { resourcePolicy } from "../../lib";
import { CLASSIC_ELB, MOVE_TO_ALB } from "./elb-classic";

export const elbClassicCrossZone = resourcePolicy({
    name: "elb-classic-cross-zone",
    description:
        "Classic Load Balancers must balance across Availability Zones: `crossZoneLoadBalancing` not false (the provider's " +
        "default is true) and at least two `subnets` (or `availabilityZones`), so one zone's failure or uneven capacity does not " +
        "take the service down (SC-5, CP-10).",
    summary: "Classic Load Balancers span two or more Availability Zones with cross-zone balancing; the message points to an ALB",
    severity: "medium",
    controls: ["SC-5", "CP-10"],
    anchors: [
        "NIST.800.53.R5-ELBCrossZoneLoadBalancingEnabled",
        "aws-elb-loadbalancer-configure-multi-availability-zone",
    ],
    remediationSteps:
        "Remove `crossZoneLoadBalancing: false` and list subnets in at least two Availability Zones, or replace the Classic ELB " +
        "with an Application Load Balancer (always cross-zone).",
    resourceTypes: [CLASSIC_ELB],
    noVerdict: [],
    validate: (ctx) => {
        const label = `Classic load balancer "${ctx.name}"`;
        const crossZone = ctx.read("crossZoneLoadBalancing");
        if (!crossZone.known) {
            ctx.cannotVerify("crossZoneLoadBalancing");
        } else if (crossZone.value === false || crossZone.value === "false") {
            ctx.violation(`${label} does not balance across Availability Zones; set crossZoneLoadBalancing: true, or ${MOVE_TO_ALB}.`);
        }
        const subnets = ctx.read("subnets");
        const zones = ctx.read("availabilityZones");
        if (!subnets.known || !zones.known) {
            return ctx.cannotVerify("subnets");
        }
        const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
        if (Math.max(count(subnets.value), count(zones.value)) < 2) {
            ctx.violation(`${label} serves from a single Availability Zone; list subnets in at least two zones, or ${MOVE_TO_ALB}.`);
        }
    },
});
