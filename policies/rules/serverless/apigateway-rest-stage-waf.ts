// apigateway-rest-stage-waf: a stack policy, because the web ACL is attached by a separate
// resource (aws.wafv2.WebAclAssociation). Every REST API stage sits behind a WAFv2 web ACL, as
// the load balancer does: injection, bad bots and floods are filtered before the API runs (SC-7,
// SI-10, SC-5; cdk-nag APIGWAssociatedWithWAF). HTTP APIs cannot take a web ACL. Associations are
// tied by value (the stage ARN) or property dependencies.

import { REST_STAGE, stackPolicy, WAFV2_WEB_ACL_ASSOCIATION } from "../../lib";
import { reportUncoveredStages, stagesAssociatedBy } from "./rest-stages";
import { REST_API } from "./resource-types";

export const apigatewayRestStageWaf = stackPolicy({
    name: "apigateway-rest-stage-waf",
    description:
        "Every API Gateway REST stage must have a WAFv2 web ACL (an `aws.wafv2.WebAclAssociation` whose `resourceArn` is the " +
        "stage's ARN), as the load balancer does: injection, bad bots and floods are filtered before the API runs (SC-7, " +
        "SI-10, SC-5). Associations are tied by value or property dependencies; one that cannot be tied is reported as " +
        "cannot-verify. (HTTP APIs cannot take a web ACL.)",
    summary: "API Gateway REST stages have a WAFv2 web ACL associated",
    severity: "high",
    controls: ["SC-7", "SI-10", "SC-5"],
    remediationSteps:
        "Add `new aws.wafv2.WebAclAssociation(\"api\", { resourceArn: stage.arn, webAclArn: <REGIONAL web ACL ARN> })` with the " +
        "AWS managed rule groups (common rule set, known bad inputs, IP reputation) and a rate-based rule.",
    resourceTypes: [REST_STAGE, WAFV2_WEB_ACL_ASSOCIATION, REST_API],
    triggerType: REST_STAGE,
    noVerdict: [
        {
            when: "the stage belongs to an HTTP or WebSocket API",
            why: "only REST API stages can take a WAFv2 web ACL",
        },
    ],
    validate: (ctx) => {
        const stages = ctx.ofType(REST_STAGE);
        const protectedStages = new Set<string>();
        let unresolved = false;
        for (const assoc of ctx.ofType(WAFV2_WEB_ACL_ASSOCIATION)) {
            const tie = stagesAssociatedBy(ctx, assoc, stages);
            tie.stages.forEach((s) => protectedStages.add(s.urn));
            unresolved = unresolved || tie.unresolved;
        }
        reportUncoveredStages(ctx, stages, protectedStages, unresolved, {
            whether: (stage) => `whether API Gateway stage "${stage.name}" has a WAFv2 web ACL`,
            violation: (stage) =>
                `API Gateway stage "${stage.name}" has no WAFv2 web ACL; add an aws.wafv2.WebAclAssociation with resourceArn set to the stage's arn.`,
        });
    },
});
