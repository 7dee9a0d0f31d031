// lambda-permission-restricted: a Lambda resource policy statement grants invocation to a named
// principal, never to everyone, and a grant to an AWS service names the source (the bucket, rule
// or API) or at least the account it acts for: otherwise any customer's resource of that service
// can invoke the function (the confused deputy) (AC-3, AC-6, SC-7; cdk-nag
// LambdaFunctionPublicAccessProhibited, KICS "Lambda Permission Principal Is Wildcard").

import { LAMBDA_PERMISSION, refine, resourcePolicy, STRING } from "../../lib";

/** An account id or an ARN names a principal of an account; anything else with a dot is a service principal. */
function kindOf(principal: string): "wildcard" | "account" | "service" {
    if (principal.includes("*")) {
        return "wildcard";
    }
    if (/^\d{12}$/.test(principal) || principal.startsWith("arn:")) {
        return "account";
    }
    return principal.includes(".") ? "service" : "account";
}

/** A principal is a non-empty string (Lambda rejects an empty one). */
const PRINCIPAL = refine(STRING, "a principal (an AWS service, account id or ARN)", (s) => s !== "");

export const lambdaPermissionRestricted = resourcePolicy({
    name: "lambda-permission-restricted",
    description:
        "`aws.lambda.Permission` must not grant to principal \"*\" (anyone, or with a function URL of authorization type NONE, " +
        "the whole internet), and a grant to an AWS service principal (`s3.amazonaws.com`, `events.amazonaws.com` …) must name " +
        "`sourceArn` or `sourceAccount`: otherwise any account's resource of that service can invoke the function (AC-3, AC-6, SC-7).",
    summary: "Lambda permissions never grant to \"*\"; a service principal is narrowed by sourceArn or sourceAccount",
    severity: "critical",
    controls: ["AC-3", "AC-6", "SC-7"],
    remediationSteps:
        "Set `principal` to the AWS service or account that invokes the function and, for a service, `sourceArn` to the " +
        "invoking resource (the bucket, rule, API execution ARN) and `sourceAccount` to the account id.",
    resourceTypes: [LAMBDA_PERMISSION],
    noVerdict: [],
    validate: (ctx) => {
        const principal = ctx.readAs("principal", PRINCIPAL);
        if (!principal.ok) {
            return;
        }
        if (principal.value === undefined) {
            // Lambda requires a principal: a permission without one cannot be judged.
            ctx.settle({ kind: "malformed", path: "principal", got: "absent", expected: PRINCIPAL.expected });
            return;
        }
        const kind = kindOf(principal.value);
        if (kind === "wildcard") {
            return ctx.violation(
                `${ctx.label} grants invocation to principal ${JSON.stringify(principal.value)} (anyone); set principal to the service or ` +
                    "account that invokes the function, with sourceArn.",
            );
        }
        if (kind === "service") {
            // A computed source (the invoking resource's ARN, the account id) counts as set.
            const sources = [ctx.readString("sourceArn", { quiet: true }), ctx.readString("sourceAccount", { quiet: true })];
            if (sources.some((r) => !r.ok && !r.unknown)) {
                return; // malformed: already reported
            }
            if (!sources.some((r) => !r.ok || (r.value !== undefined && r.value !== ""))) {
                ctx.violation(
                    `${ctx.label} lets any ${principal.value} resource of any account invoke the function; set sourceArn to the invoking ` +
                        "resource (and sourceAccount to the account id).",
                );
            }
        }
    },
});
