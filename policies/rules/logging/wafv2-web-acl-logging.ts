// wafv2-web-acl-logging: a WAFv2 web ACL that fronts a load balancer logs the requests it inspects,
// so blocked attacks and rate-limit hits can be reviewed (AU-2, AU-6, AU-12; cdk-nag NIST 800-53
// rev5 WAFv2LoggingEnabled, AWS Config wafv2-logging-enabled). A stack policy: the association
// (aws.wafv2.WebAclAssociation) and the logging (aws.wafv2.WebAclLoggingConfiguration) are separate
// resources that point at the ACL by ARN; each tie is proven by value or property dependency, and
// an unresolved tie is advisory, never "some logging configuration exists".

import {
    ALB_LOAD_BALANCER,
    LB_LOAD_BALANCER,
    StackContext,
    StackResource,
    stackPolicy,
    STRING,
    WAFV2_WEB_ACL,
    WAFV2_WEB_ACL_ASSOCIATION,
    WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
} from "../../lib";

const LOAD_BALANCERS = [LB_LOAD_BALANCER, ALB_LOAD_BALANCER] as const;
// A load balancer ARN: arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/…
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html).
const LB_ARN = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer\//;

type Attached = "yes" | "no" | "unknown";

export const wafv2WebAclLogging = stackPolicy({
    name: "wafv2-web-acl-logging",
    description:
        "A WAFv2 web ACL associated with a load balancer (aws.wafv2.WebAclAssociation) must have a logging configuration " +
        "(aws.wafv2.WebAclLoggingConfiguration whose resourceArn is that ACL, tied by value or property dependency, with a " +
        "log destination), so inspected, blocked and rate-limited requests can be reviewed (AU-2, AU-6, AU-12).",
    summary: "WAFv2 web ACLs attached to a load balancer have a logging configuration",
    severity: "medium",
    controls: ["AU-2", "AU-6", "AU-12"],
    remediationSteps:
        "Add an aws.wafv2.WebAclLoggingConfiguration with `resourceArn: webAcl.arn` and `logDestinationConfigs` naming a " +
        "CloudWatch log group whose name starts with `aws-waf-logs-` (ARN without the trailing `:*`), a Firehose stream or an S3 bucket.",
    resourceTypes: [WAFV2_WEB_ACL, WAFV2_WEB_ACL_ASSOCIATION, WAFV2_WEB_ACL_LOGGING_CONFIGURATION],
    triggerType: WAFV2_WEB_ACL_ASSOCIATION,
    noVerdict: [
        {
            when: "a web ACL is associated with no load balancer (an API Gateway stage, a Cognito pool), or declared in another stack",
            why: "the rule is about the load balancer's ACL; an ACL outside this stack has its logging where it is declared",
        },
        {
            when: "a logging configuration's logDestinationConfigs is unknown at preview",
            why: "a computed list is built from destinations the stack declares (a log group, a Firehose stream, a bucket); it is judged again at the update, when it is known",
        },
    ],
    validate: (ctx) => {
        const associations = ctx.ofType(WAFV2_WEB_ACL_ASSOCIATION);
        if (associations.length === 0) {
            return;
        }
        // The ACLs this stack's logging configurations cover (with a destination).
        const logged = new Set<string>();
        let unresolvedLogging = 0;
        for (const l of ctx.ofType(WAFV2_WEB_ACL_LOGGING_CONFIGURATION)) {
            const refs = ctx.resolveRefs(l, "resourceArn", [WAFV2_WEB_ACL], ["arn", "id"]);
            unresolvedLogging += refs.unresolved;
            // Typed: a computed list or ARN counts as a destination; a value of the wrong type is
            // reported (mandatory, never waived) and the configuration counts for nothing.
            const destinations = ctx.readArray(l, "logDestinationConfigs", { quiet: true });
            if (!destinations.ok && !destinations.unknown) {
                continue;
            }
            const arns = destinations.ok ? (destinations.value ?? []).map((d, i) => ctx.check(l, d, STRING, `logDestinationConfigs[${i}]`, { quiet: true })) : [];
            if (arns.some((a) => !a.ok && !a.unknown)) {
                continue;
            }
            if (!destinations.ok || arns.length > 0) {
                refs.resources.forEach((acl) => logged.add(acl.urn));
            }
        }
        const reported = new Set<string>();
        for (const assoc of associations) {
            const attached = attachedToLoadBalancer(ctx, assoc);
            if (attached === "no") {
                continue;
            }
            const acls = ctx.resolveRefs(assoc, "webAclArn", [WAFV2_WEB_ACL], ["arn", "id"]);
            for (const acl of acls.resources) {
                if (logged.has(acl.urn) || reported.has(acl.urn)) {
                    continue;
                }
                reported.add(acl.urn);
                if (attached === "unknown" || unresolvedLogging > 0) {
                    ctx.cannotVerify(acl, `whether WAFv2 web ACL "${acl.name}" is attached to a load balancer and has a logging configuration`);
                } else {
                    ctx.violation(
                        acl,
                        `WAFv2 web ACL "${acl.name}" is attached to a load balancer but has no logging configuration; add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to its ARN and a log destination.`,
                    );
                }
            }
            if (acls.unresolved > 0) {
                // An ACL declared elsewhere (or not yet resolvable): its logging is not in this stack.
                ctx.advisory(
                    assoc,
                    `Cannot verify the logging of the web ACL that WAFv2 association "${assoc.name}" attaches: its webAclArn does not resolve to a web ACL of this stack; make sure that ACL has a logging configuration where it is declared.`,
                );
            }
        }
    },
});

/** Is the association's resourceArn a load balancer: by ARN shape, or its property dependency. */
function attachedToLoadBalancer<C>(ctx: StackContext<C>, assoc: StackResource): Attached {
    // Typed: an ARN that is not a string is reported (mandatory), never "not a load balancer".
    const arn = ctx.readString(assoc, "resourceArn", { quiet: true });
    if (!arn.ok && !arn.unknown) {
        return "no";
    }
    if (arn.ok) {
        return arn.value !== undefined && LB_ARN.test(arn.value) ? "yes" : "no";
    }
    if (ctx.resolveRefs(assoc, "resourceArn", LOAD_BALANCERS).resources.length > 0) {
        return "yes";
    }
    // Another resource of this stack (an API Gateway stage, a Cognito pool …): not a load balancer.
    const deps = (assoc.propertyDependencies.resourceArn ?? []).map((u) => ctx.byUrn(u)).filter((r) => !!r);
    return deps.length > 0 ? "no" : "unknown";
}
