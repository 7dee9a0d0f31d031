// alb-drops-invalid-headers: judges application load balancers. Malformed headers are a
// request-smuggling and header-injection vector, so the ALB drops them before the application
// sees them (SI-10, SC-7).

import { resourcePolicy } from "../../lib";
import { albKind, LOAD_BALANCER_TYPES } from "./listeners";

export const albDropsInvalidHeaders = resourcePolicy({
    name: "alb-drops-invalid-headers",
    description:
        "Application load balancers must drop invalid HTTP header fields, so malformed headers (a request-smuggling and " +
        "header-injection vector) never reach the application (SI-10, SC-7).",
    summary: "Application load balancers drop invalid HTTP header fields",
    severity: "medium",
    controls: ["SI-10", "SC-7"],
    anchors: [
        "6e3fd2ed-5c83-4c68-9679-7700d224d379", // KICS: ALB Not Dropping Invalid Headers
    ],
    remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
    resourceTypes: LOAD_BALANCER_TYPES,
    validate: (ctx) => {
        const kind = albKind((p) => ctx.read(p));
        if (kind === "other") {
            return;
        }
        const drop = ctx.read("dropInvalidHeaderFields");
        if (!drop.known) {
            ctx.cannotVerify("dropInvalidHeaderFields");
        } else if (drop.value !== true) {
            if (kind === "unknown") {
                ctx.cannotVerify("loadBalancerType");
            } else {
                ctx.violation(`Load balancer "${ctx.name}" does not drop invalid header fields; set dropInvalidHeaderFields to true.`);
            }
        }
    },
});
