// autoscaling-group-elb-health-check: a stack policy, because a load balancer can be attached to an
// Auto Scaling group by a separate resource. A group that serves behind a load balancer replaces
// instances the load balancer finds unhealthy only when its health check includes ELB (VPC_LATTICE
// for a Lattice target group); with the EC2 default it keeps a running but broken instance in
// service (SC-5, CP-10; cdk-nag AutoScalingGroupELBHealthCheckRequired). Attachments are tied by
// value or property dependencies.

import { AUTOSCALING_GROUP, Guard, oneOf, StackContext, StackResource, stackPolicy } from "../../lib";
import { AUTOSCALING_ATTACHMENT, AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT } from "./resource-types";

// botocore autoscaling CreateAutoScalingGroup HealthCheckType: "a comma-separated value string of
// one or more health check types. The valid values are EC2, EBS, ELB, and VPC_LATTICE."
const HEALTH_CHECK_TYPES = ["EC2", "EBS", "ELB", "VPC_LATTICE"] as const;
type HealthCheckType = (typeof HEALTH_CHECK_TYPES)[number];
const ONE_TYPE = oneOf(HEALTH_CHECK_TYPES);

/** healthCheckType as the list it spells; blank is AWS's default, EC2. */
const HEALTH_CHECKS: Guard<readonly HealthCheckType[]> = {
    expected: `a comma-separated list of ${ONE_TYPE.expected}`,
    parse: (v) => {
        if (typeof v !== "string") {
            return undefined;
        }
        if (v.trim() === "") {
            return { value: ["EC2"] };
        }
        const types: HealthCheckType[] = [];
        for (const t of v.split(",")) {
            const r = ONE_TYPE.parse(t.trim());
            if (r === undefined) {
                return undefined;
            }
            types.push(r.value);
        }
        return { value: types };
    },
};

// botocore autoscaling TrafficSourceIdentifier Type: "elb", "elbv2" or "vpc-lattice".
const TRAFFIC_SOURCE_TYPES = ["elb", "elbv2", "vpc-lattice"] as const;

type Need = "ELB" | "VPC_LATTICE";

/**
 * The health check a traffic source (`path`: "trafficSources.0", "trafficSource") needs:
 * VPC_LATTICE for a Lattice target group, ELB otherwise; undefined when its type is malformed
 * (reported).
 */
function needOf(ctx: StackContext<unknown>, r: StackResource, path: string): Need | undefined {
    const type = ctx.readEnum(r, `${path}.type`, TRAFFIC_SOURCE_TYPES, { quiet: true });
    if (!type.ok) {
        return type.unknown ? "ELB" : undefined;
    }
    if (type.value !== undefined) {
        return type.value === "vpc-lattice" ? "VPC_LATTICE" : "ELB";
    }
    // No type: a Lattice target group's ARN says so.
    const id = ctx.readString(r, `${path}.identifier`, { quiet: true });
    return id.ok && id.value !== undefined && id.value.includes(":vpc-lattice:") ? "VPC_LATTICE" : "ELB";
}

/** A list input (targetGroupArns, loadBalancers) that attaches something: non-empty, or unknown at preview. */
function attaches(ctx: StackContext<unknown>, g: StackResource, path: string): boolean {
    const list = ctx.readArray(g, path, { quiet: true });
    return list.ok ? (list.value ?? []).length > 0 : list.unknown;
}

export const autoscalingGroupElbHealthCheck = stackPolicy({
    name: "autoscaling-group-elb-health-check",
    description:
        "An Auto Scaling group attached to a load balancer (`targetGroupArns`, `loadBalancers`, `trafficSources`, or a separate " +
        "aws.autoscaling.Attachment / TrafficSourceAttachment) must use the load balancer's health check " +
        "(`healthCheckType` includes \"ELB\"; \"VPC_LATTICE\" for a VPC Lattice target group): with the EC2 default a running but " +
        "failing instance stays in service and is never replaced (SC-5, CP-10). Attachments are tied to their group by value or " +
        "property dependencies; one that cannot be tied is reported as cannot-verify.",
    summary: "Auto Scaling groups behind a load balancer use its health check (healthCheckType ELB)",
    severity: "medium",
    controls: ["SC-5", "CP-10"],
    remediationSteps:
        "Set `healthCheckType: \"ELB\"` (\"VPC_LATTICE\" for a VPC Lattice target group) and a `healthCheckGracePeriod` long " +
        "enough for the instance to start.",
    resourceTypes: [AUTOSCALING_GROUP, AUTOSCALING_ATTACHMENT, AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT],
    triggerType: AUTOSCALING_GROUP,
    noVerdict: [
        {
            when: "a group is attached to no load balancer or target group (neither by its own inputs nor by an attachment)",
            why: "without a load balancer there is no ELB health check to include; EC2 status checks still replace failed instances",
        },
    ],
    validate: (ctx) => {
        // What each group must include, from its own inputs and from the attachments that point at it.
        const needs = new Map<string, Set<Need>>();
        const add = (group: StackResource, need: Need | undefined) => {
            if (need !== undefined) {
                needs.set(group.urn, (needs.get(group.urn) ?? new Set<Need>()).add(need));
            }
        };
        const groups = ctx.ofType(AUTOSCALING_GROUP);
        for (const g of groups) {
            if (attaches(ctx, g, "targetGroupArns") || attaches(ctx, g, "loadBalancers")) {
                add(g, "ELB");
            }
            const sources = ctx.readArray(g, "trafficSources", { quiet: true });
            if (!sources.ok) {
                add(g, sources.unknown ? "ELB" : undefined);
            } else {
                (sources.value ?? []).forEach((_, i) => add(g, needOf(ctx, g, `trafficSources.${i}`)));
            }
        }
        for (const a of ctx.ofType(AUTOSCALING_ATTACHMENT, AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT)) {
            const refs = ctx.resolveRefs(a, "autoscalingGroupName", [AUTOSCALING_GROUP], ["name", "id"]);
            if (refs.resources.length === 0) {
                ctx.cannotVerify(a, `which Auto Scaling group attachment "${a.name}" attaches a load balancer to`);
                continue;
            }
            const need = a.type === AUTOSCALING_ATTACHMENT ? "ELB" : needOf(ctx, a, "trafficSource");
            refs.resources.forEach((g) => add(g, need));
        }
        for (const g of groups) {
            const need = needs.get(g.urn);
            if (!need) {
                continue;
            }
            const hc = ctx.readAs(g, "healthCheckType", HEALTH_CHECKS);
            if (!hc.ok) {
                continue;
            }
            const types = hc.value ?? ["EC2"];
            const missing = [...need].filter((n) => !types.includes(n)).sort();
            if (missing.length > 0) {
                ctx.violation(
                    g,
                    `${ctx.label(g)} serves behind a load balancer but its health check is ${JSON.stringify(types.join(","))}, so instances ` +
                        `the load balancer finds unhealthy are never replaced; set healthCheckType to "${missing.join(",")}".`,
                );
            }
        }
    },
});
