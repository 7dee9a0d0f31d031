// lambda-function-url-auth: a Lambda function URL authenticates its callers with IAM (SigV4). With
// authorization type NONE the function is an anonymous HTTPS endpoint on the internet, outside the
// WAF, TLS policy and logging of the estate's front door (AC-3, IA-2, SC-7).

import { LAMBDA_FUNCTION_URL, oneOf, resourcePolicy } from "../../lib";

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
        const auth = ctx.readEnum("authorizationType", AUTH_TYPES);
        if (!auth.ok) {
            return;
        }
        if (auth.value === undefined) {
            // Lambda requires the field: a function URL without one cannot be judged.
            ctx.settle({ kind: "malformed", path: "authorizationType", got: "absent", expected: oneOf(AUTH_TYPES).expected });
            return;
        }
        if (auth.value === "NONE") {
            ctx.violation(`${ctx.label} lets anyone on the internet invoke the function (authorizationType NONE); set authorizationType: "AWS_IAM".`);
        }
    },
});
