// alb-waf-associated: a stack policy, because the WAF is a separate WebAclAssociation that points
// at the load balancer. Internet-facing ALBs need a WAFv2 web ACL so managed rule groups and rate
// limits filter attacks before they reach the application (SC-7, SI-4, SC-5).

import { readTyped, STRING, StackContext, stackPolicy, StackResource, WAFV2_WEB_ACL_ASSOCIATION } from "../../lib";
import { albKind, LOAD_BALANCER_TYPES } from "./listeners";

/** An Application Load Balancer's ARN, in any partition (the only load balancer WAFv2 attaches to). */
const ALB_ARN = /^arn:[a-z0-9-]+:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[^/]+\/[^/]+$/;

/** Resource types of the ELB family: a dependency on one (a listener's loadBalancerArn) may carry an ALB's ARN. */
const ELB_FAMILY = /^aws:(lb|alb|elasticloadbalancingv2)\//;

/**
 * What an association that matched no load balancer of the stack may still be tied to:
 * - "none": a known resourceArn that is not an ALB ARN (an API Gateway stage, a Cognito user pool,
 *   an AppSync API…), a malformed one (reported), or a computed one whose every property dependency
 *   is an AWS resource outside the ELB family — it protects no load balancer;
 * - "alb-arn": a known ALB ARN of no load balancer whose ARN is known — it may be one whose ARN is not;
 * - "unknown": a computed ARN with no dependency, or one on a component, an ELB-family resource or a
 *   resource outside the stack — it may be any load balancer.
 */
function unmatchedTie(ctx: StackContext<unknown>, assoc: StackResource): "none" | "alb-arn" | "unknown" {
    // Pure read: resolveRefs has already reported a malformed value (as "a string or an array of strings").
    const arn = readTyped(assoc.props, "resourceArn", STRING);
    if (arn.kind === "ok") {
        return arn.value !== undefined && ALB_ARN.test(arn.value) ? "alb-arn" : "none";
    }
    if (arn.kind === "malformed") {
        return "none";
    }
    const deps = assoc.propertyDependencies.resourceArn ?? [];
    if (deps.length === 0) {
        return "unknown";
    }
    const outsideElb = deps.every((urn) => {
        const dep = ctx.byUrn(urn);
        return dep !== undefined && dep.type.startsWith("aws:") && !ELB_FAMILY.test(dep.type);
    });
    return outsideElb ? "none" : "unknown";
}

export const albWafAssociated = stackPolicy({
    name: "alb-waf-associated",
    description:
        "Internet-facing application load balancers must have a WAFv2 web ACL associated: managed rule groups and rate " +
        "limits filter attacks before they reach the application (SC-7, SI-4, SC-5).",
    summary: "Internet-facing application load balancers have a WAFv2 web ACL associated",
    severity: "high",
    controls: ["SC-7", "SI-4", "SC-5"],
    remediationSteps:
        "Add an aws.wafv2.WebAclAssociation with `resourceArn: alb.arn` and a REGIONAL web ACL (AWS managed common, known-bad-" +
        "inputs and IP reputation rule groups plus a rate-based rule).",
    resourceTypes: [...LOAD_BALANCER_TYPES, WAFV2_WEB_ACL_ASSOCIATION],
    noVerdict: [
        {
            when: "a load balancer is internal (internal: true), or not an Application Load Balancer",
            why: "an internal load balancer is not reachable from the internet; WAFv2 attaches only to ALBs (NLB/GWLB traffic is filtered by security groups and network ACLs)",
        },
        {
            when: "an association's target is computed with no tie to a resource outside the ELB family (advisory, not silent)",
            why: "it may protect the load balancer, so the policy reports cannot-verify instead of a violation; an association known to target something else (an API stage) never counts",
        },
    ],
    validate: (ctx) => {
        const albs = ctx.ofType(...LOAD_BALANCER_TYPES);
        if (albs.length === 0) {
            return;
        }
        const protectedLbs = new Set<string>();
        // Associations that matched no load balancer but may still protect one (see unmatchedTie).
        let unknownTies = 0;
        let albArnTies = 0;
        for (const assoc of ctx.ofType(WAFV2_WEB_ACL_ASSOCIATION)) {
            const refs = ctx.resolveRefs(assoc, "resourceArn", LOAD_BALANCER_TYPES);
            refs.resources.forEach((lb) => protectedLbs.add(lb.urn));
            if (refs.resources.length === 0) {
                const tie = unmatchedTie(ctx, assoc);
                unknownTies += tie === "unknown" ? 1 : 0;
                albArnTies += tie === "alb-arn" ? 1 : 0;
            }
        }
        for (const lb of albs) {
            if (protectedLbs.has(lb.urn)) {
                continue;
            }
            const internal = ctx.readBoolean(lb, "internal", { quiet: true });
            const kind = albKind((p, g) => ctx.readAs(lb, p, g, { quiet: true }));
            if ((internal.ok && internal.value === true) || kind === "other" || kind === "malformed" || (!internal.ok && !internal.unknown)) {
                continue;
            }
            // A known ALB ARN that matched nothing may be this load balancer's only while its ARN is not known.
            const ownArnKnown = ["arn", "id"].some((key) => {
                const own = ctx.readString(lb, key, { quiet: true });
                return own.ok && own.value !== undefined;
            });
            if (!internal.ok || kind === "unknown" || unknownTies > 0 || (albArnTies > 0 && !ownArnKnown)) {
                ctx.cannotVerify(lb, `whether load balancer "${lb.name}" is internet-facing and has a WAF association`);
                continue;
            }
            ctx.violation(lb, `Internet-facing load balancer "${lb.name}" has no WAFv2 web ACL association; associate a web ACL with it.`);
        }
    },
});
