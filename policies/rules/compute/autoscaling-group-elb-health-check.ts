// autoscaling-group-elb-health-check: a stack policy, because a load balancer can be attached to an
// Auto Scaling group by a separate resource. A group that serves behind a load balancer replaces
// instances the load balancer finds unhealthy only when its health check includes ELB (VPC_LATTICE
// for a Lattice target group); with the EC2 default it keeps a running but broken instance in
// service (SC-5, CP-10; cdk-nag AutoScalingGroupELBHealthCheckRequired). Attachments are tied by
// value or property dependencies.

import { cannotEvaluateMessage, oneOfText, read, StackResource, stackPolicy } from "../../lib";
import { AUTOSCALING_GROUP } from "./capacity";

const ATTACHMENT = "aws:autoscaling/attachment:Attachment";
const TRAFFIC_SOURCE_ATTACHMENT = "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment";

// botocore autoscaling CreateAutoScalingGroup HealthCheckType: "a comma-separated value string of
// one or more health check types. The valid values are EC2, EBS, ELB, and VPC_LATTICE."
const HEALTH_CHECK_TYPES = ["EC2", "EBS", "ELB", "VPC_LATTICE"] as const;

type Need = "ELB" | "VPC_LATTICE";

/** The health check a traffic source needs: VPC_LATTICE for a Lattice target group, ELB otherwise. */
function needOf(source: unknown): Need {
    const type = read(source, "type");
    const id = read(source, "identifier");
    const lattice =
        (type.known && type.value === "vpc-lattice") ||
        (type.known && (type.value === undefined || type.value === null) && id.known && typeof id.value === "string" && id.value.includes(":vpc-lattice:"));
    return lattice ? "VPC_LATTICE" : "ELB";
}

function nonEmpty(r: { known: boolean; value?: unknown }): boolean {
    return !r.known || (Array.isArray(r.value) ? r.value.length > 0 : r.value !== undefined && r.value !== null && r.value !== "");
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
    anchors: [
        "NIST.800.53.R5-AutoScalingGroupELBHealthCheckRequired",
    ],
    remediationSteps:
        "Set `healthCheckType: \"ELB\"` (\"VPC_LATTICE\" for a VPC Lattice target group) and a `healthCheckGracePeriod` long " +
        "enough for the instance to start.",
    resourceTypes: [AUTOSCALING_GROUP, ATTACHMENT, TRAFFIC_SOURCE_ATTACHMENT],
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
        const add = (group: StackResource, need: Need) => needs.set(group.urn, (needs.get(group.urn) ?? new Set<Need>()).add(need));
        const groups = ctx.ofType(AUTOSCALING_GROUP);
        for (const g of groups) {
            if (nonEmpty(read(g.props, "targetGroupArns")) || nonEmpty(read(g.props, "loadBalancers"))) {
                add(g, "ELB");
            }
            const sources = read(g.props, "trafficSources");
            if (!sources.known) {
                add(g, "ELB");
            } else if (Array.isArray(sources.value)) {
                sources.value.forEach((s) => add(g, needOf(s)));
            }
        }
        for (const a of ctx.ofType(ATTACHMENT, TRAFFIC_SOURCE_ATTACHMENT)) {
            const refs = ctx.resolveRefs(a, "autoscalingGroupName", [AUTOSCALING_GROUP], ["name", "id"]);
            if (refs.resources.length === 0) {
                ctx.cannotVerify(a, `which Auto Scaling group attachment "${a.name}" attaches a load balancer to`);
                continue;
            }
            const source = read(a.props, "trafficSource");
            const need = a.type === ATTACHMENT ? "ELB" : needOf(source.known ? source.value : undefined);
            refs.resources.forEach((g) => add(g, need));
        }
        for (const g of groups) {
            const need = needs.get(g.urn);
            if (!need) {
                continue;
            }
            const label = `Auto Scaling group "${g.name}"`;
            const hc = read(g.props, "healthCheckType");
            if (!hc.known) {
                ctx.cannotVerify(g, "healthCheckType");
                continue;
            }
            if (hc.value !== undefined && hc.value !== null && typeof hc.value !== "string") {
                ctx.violation(g, cannotEvaluateMessage(label, "healthCheckType", hc.value, `a comma-separated list of ${oneOfText(HEALTH_CHECK_TYPES)}`));
                continue;
            }
            const types = typeof hc.value === "string" && hc.value.trim() !== "" ? hc.value.split(",").map((t) => t.trim()) : ["EC2"];
            const bad = types.filter((t) => !(HEALTH_CHECK_TYPES as readonly string[]).includes(t));
            if (bad.length > 0) {
                ctx.violation(g, cannotEvaluateMessage(label, "healthCheckType", hc.value, `a comma-separated list of ${oneOfText(HEALTH_CHECK_TYPES)}`));
                continue;
            }
            const missing = [...need].filter((n) => !types.includes(n)).sort();
            if (missing.length > 0) {
                ctx.violation(
                    g,
                    `${label} serves behind a load balancer but its health check is ${JSON.stringify(types.join(","))}, so instances ` +
                        `the load balancer finds unhealthy are never replaced; set healthCheckType to "${missing.join(",")}".`,
                );
            }
        }
    },
});
