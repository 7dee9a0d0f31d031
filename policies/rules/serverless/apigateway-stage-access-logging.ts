// apigateway-stage-access-logging: every API Gateway stage (REST, HTTP and WebSocket) writes access
// logs: who called which route, from where, and what came back is the record incident response
// needs (AU-2, AU-3, AU-12; KICS "API Gateway Access Logging Disabled", Pulumi
// aws-apigatewayv2-stage-enable-access-logging).

import { HTTP_STAGE, resourcePolicy, REST_STAGE } from "../../lib";

export const apigatewayStageAccessLogging = resourcePolicy({
    name: "apigateway-stage-access-logging",
    description:
        "API Gateway stages (REST `aws.apigateway.Stage`, HTTP and WebSocket `aws.apigatewayv2.Stage`) must write access logs " +
        "(`accessLogSettings` with a `destinationArn` and a `format`): who called which route, from where, and what came back is " +
        "the record incident response needs (AU-2, AU-3, AU-12).",
    summary: "API Gateway REST, HTTP and WebSocket stages write access logs (accessLogSettings)",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps:
        "Set `accessLogSettings: { destinationArn: <log group ARN>, format: <JSON with $context.requestId, identity.sourceIp, " +
        "routeKey/resourcePath, status …> }` with a KMS-encrypted log group that has a retention period.",
    resourceTypes: [REST_STAGE, HTTP_STAGE],
    noVerdict: [
        {
            when: "the access-log destination is unknown at preview",
            why: "a computed destination comes from a log group of the stack, i.e. set",
        },
    ],
    validate: (ctx) => {
        const settings = ctx.readObject("accessLogSettings");
        if (!settings.ok) {
            return;
        }
        if (settings.value === undefined) {
            return ctx.violation(`${ctx.label} writes no access logs; set accessLogSettings with a destinationArn (a log group) and a format.`);
        }
        for (const field of ["destinationArn", "format"]) {
            // A computed destination (a log group of the stack) counts as set.
            const v = ctx.readString(`accessLogSettings.${field}`, { quiet: true });
            if (!v.ok && !v.unknown) {
                return; // malformed: already reported
            }
            if (v.ok && (v.value === undefined || v.value === "")) {
                return ctx.violation(`${ctx.label} writes no access logs (accessLogSettings.${field} is empty); set accessLogSettings with a destinationArn and a format.`);
            }
        }
    },
});
