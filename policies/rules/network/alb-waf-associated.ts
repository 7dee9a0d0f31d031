// alb-waf-associated: a stack policy, because the WAF is a separate WebAclAssociation that points
// at the load balancer. Internet-facing ALBs need a WAFv2 web ACL so managed rule groups and rate
// limits filter attacks before they reach the application (SC-7, SI-4, SC-5).

import { stackPolicy } from "../../lib";
import { albKind, LOAD_BALANCER_TYPES } from "./listeners";

export const albWafAssociated = stackPolicy({
    name: "alb-waf-associated",
    description:
        "Internet-facing application load balancers must have a WAFv2 web ACL associated: managed rule groups and rate " +
        "limits filter attacks before they reach the application (SC-7, SI-4, SC-5).",
    summary: "Internet-facing application load balancers have a WAFv2 web ACL associated",
    severity: "high",
    controls: ["SC-7", "SI-4", "SC-5"],
    anchors: [
        "NIST.800.53.R5-ALBWAFEnabled",
        "0afa6ab8-a047-48cf-be07-93a2f8c34cf7", // KICS: ALB Is Not Integrated With WAF
    ],
    remediationSteps:
        "Add an aws.wafv2.WebAclAssociation with `resourceArn: alb.arn` and a REGIONAL web ACL (AWS managed common, known-bad-" +
        "inputs and IP reputation rule groups plus a rate-based rule).",
    resourceTypes: [...LOAD_BALANCER_TYPES, "aws:wafv2/webAclAssociation:WebAclAssociation"],
    noVerdict: [
        {
            when: "a load balancer is internal (internal: true), or not an Application Load Balancer",
            why: "an internal load balancer is not reachable from the internet; WAFv2 attaches only to ALBs (NLB/GWLB traffic is filtered by security groups and network ACLs)",
        },
    ],
    validate: (ctx) => {
        const albs = ctx.ofType(...LOAD_BALANCER_TYPES);
        if (albs.length === 0) {
            return;
        }
        const protectedLbs = new Set<string>();
        let unresolved = 0;
        for (const assoc of ctx.ofType("aws:wafv2/webAclAssociation:WebAclAssociation")) {
            const refs = ctx.resolveRefs(assoc, "resourceArn", LOAD_BALANCER_TYPES);
            refs.resources.forEach((lb) => protectedLbs.add(lb.urn));
            unresolved += refs.unresolved;
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
            if (!internal.ok || kind === "unknown" || unresolved > 0) {
                ctx.cannotVerify(lb, `whether load balancer "${lb.name}" is internet-facing and has a WAF association`);
                continue;
            }
            ctx.violation(lb, `Internet-facing load balancer "${lb.name}" has no WAFv2 web ACL association; associate a web ACL with it.`);
        }
    },
});
