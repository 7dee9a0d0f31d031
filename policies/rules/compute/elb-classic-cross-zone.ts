// elb-classic-cross-zone: a Classic Load Balancer spans at least two Availability Zones and
// balances across them, so losing one zone's instances does not take the service down (SC-5,
// CP-10; cdk-nag ELBCrossZoneLoadBalancingEnabled).

import { CLASSIC_ELB, resourcePolicy } from "../../lib";
import { MOVE_TO_ALB } from "./elb-classic";

export const elbClassicCrossZone = resourcePolicy({
    name: "elb-classic-cross-zone",
    description:
        "Classic Load Balancers must balance across Availability Zones: `crossZoneLoadBalancing` not false (the provider's " +
        "default is true) and at least two `subnets` (or `availabilityZones`), so one zone's failure or uneven capacity does not " +
        "take the service down (SC-5, CP-10).",
    summary: "Classic Load Balancers span two or more Availability Zones with cross-zone balancing; the message points to an ALB",
    severity: "medium",
    controls: ["SC-5", "CP-10"],
    remediationSteps:
        "Remove `crossZoneLoadBalancing: false` and list subnets in at least two Availability Zones, or replace the Classic ELB " +
        "with an Application Load Balancer (always cross-zone).",
    resourceTypes: [CLASSIC_ELB],
    noVerdict: [],
    validate: (ctx) => {
        // Absent: the provider's default is true.
        const crossZone = ctx.readBoolean("crossZoneLoadBalancing");
        if (crossZone.ok && crossZone.value === false) {
            ctx.violation(`${ctx.label} does not balance across Availability Zones; set crossZoneLoadBalancing: true, or ${MOVE_TO_ALB}.`);
        }
        const subnets = ctx.readArray("subnets", { quiet: true });
        const zones = ctx.readArray("availabilityZones", { quiet: true });
        if ([subnets, zones].some((r) => !r.ok && !r.unknown)) {
            return; // malformed: already reported
        }
        if (!subnets.ok || !zones.ok) {
            return ctx.cannotVerify("subnets");
        }
        if (Math.max((subnets.value ?? []).length, (zones.value ?? []).length) < 2) {
            ctx.violation(`${ctx.label} serves from a single Availability Zone; list subnets in at least two zones, or ${MOVE_TO_ALB}.`);
        }
    },
});
