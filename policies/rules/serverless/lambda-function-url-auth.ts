// lambda-function-url-auth: a Lambda function URL authenticates its callers with IAM (SigV4). With
// authorization type NONE the function is an anonymous HTTPS endpoint on the internet, outside the
// WAF, TLS policy and logging of the estate's front door (AC-3, IA-2, SC-7).

import { cannotEvaluateMessage, oneOfText, resourcePolicy } from "../../lib";
import { LAMBDA_FUNCTION_URL } from "./types";

// botocore lambda FunctionUrlAuthType.
const AUTH_TYPES = ["NONE", "AWS_IAM"] as const;

export const lambdaFunctionUrlAuth = resourcePolicy({
    name: "lambda-function-url-auth",
    description:
        "Lambda function URLs must authenticate callers with IAM (`authorizationType: \"AWS_IAM\"`): with NONE the function is an " +
        "anonymous HTTPS endpoint on the internet, outside the WAF, TLS policy and logs of the estate's front door (AC-3, IA-2, SC-7).",
    summary: "Lambda function URLs require IAM authorization (authorizationType AWS_IAM, never NONE)",
    severity: "critical",
    controls: ["AC-3", "IA-2", "SC-7"],
    remediationSteps:
        "Set `authorizationType: \"AWS_IAM\"` and grant `lambda:InvokeFunctionUrl` to the callers' roles; serve public traffic " +
        "through the load balancer or API Gateway with a WAF instead.",
    resourceTypes: [LAMBDA_FUNCTION_URL],
    noVerdict: [],
    validate: (ctx) => {
        const label = `Lambda function URL "${ctx.name}"`;
        const auth = ctx.read("authorizationType");
        if (!auth.known) {
            return ctx.cannotVerify("authorizationType");
        }
        if (!(AUTH_TYPES as readonly unknown[]).includes(auth.value)) {
            return ctx.violation(cannotEvaluateMessage(label, "authorizationType", auth.value, oneOfText(AUTH_TYPES)));
        }
        if (auth.value === "NONE") {
            ctx.violation(`${label} lets anyone on the internet invoke the function (authorizationType NONE); set authorizationType: "AWS_IAM".`);
        }
    },
});
