// alb-deletion-protection: production load balancers have deletion protection; deleting the ALB
// takes the service off the internet and loses its DNS name (CM-5, CP-10). Prod-only: scope "prod"
// (advisory in staging).

import { ALB_LOAD_BALANCER, LB_LOAD_BALANCER, requireTrue, resourcePolicy } from "../../lib";

export const albDeletionProtection = resourcePolicy({
    name: "alb-deletion-protection",
    description:
        "Production load balancers must have deletion protection: deleting the ALB takes the service off the internet and " +
        "loses its DNS name (CM-5, CP-10).",
    summary: "Production load balancers have deletion protection",
    scope: "prod",
    severity: "medium",
    controls: ["CM-5", "CP-10"],
    remediationSteps: "Set `enableDeletionProtection: true` on the load balancer.",
    resourceTypes: [LB_LOAD_BALANCER, ALB_LOAD_BALANCER],
    noVerdict: [],
    validate: (ctx) =>
        requireTrue(ctx, "enableDeletionProtection", `Load balancer "${ctx.name}" has no deletion protection; set enableDeletionProtection to true.`),
});
