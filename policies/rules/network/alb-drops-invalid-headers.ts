// alb-drops-invalid-headers: judges application load balancers. Malformed headers are a
// request-smuggling and header-injection vector, so the ALB drops them before the application
// sees them (SI-10, SC-7).

import { resourcePolicy } from "../../lib";
import { ALB_ONLY_NO_VERDICT, albOnly, LOAD_BALANCER_TYPES, reportAlbFinding } from "./listeners";

export const albDropsInvalidHeaders = resourcePolicy({
    name: "alb-drops-invalid-headers",
    description:
        "Application load balancers must drop invalid HTTP header fields, so malformed headers (a request-smuggling and " +
        "header-injection vector) never reach the application (SI-10, SC-7).",
    summary: "Application load balancers drop invalid HTTP header fields",
    severity: "medium",
    controls: ["SI-10", "SC-7"],
    remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
    resourceTypes: LOAD_BALANCER_TYPES,
    noVerdict: ALB_ONLY_NO_VERDICT,
    validate: (ctx) => {
        const kind = albOnly(ctx);
        if (kind === undefined) {
            return;
        }
        const drop = ctx.readBoolean("dropInvalidHeaderFields");
        if (drop.ok && drop.value !== true) {
            reportAlbFinding(ctx, kind, `Load balancer "${ctx.name}" does not drop invalid header fields; set dropInvalidHeaderFields to true.`);
        }
    },
});
