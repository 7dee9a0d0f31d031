// apigateway-rest-stage-execution-logging: a stack policy, because REST API execution logging is
// set by a separate resource (aws.apigateway.MethodSettings). Every REST stage logs execution for
// all methods (`methodPath "*/*"`, loggingLevel ERROR or INFO): authorizer decisions, integration
// errors and throttling are in these logs, not in the access log (AU-2, AU-12; cdk-nag
// APIGWExecutionLoggingEnabled). Method settings are tied by value or property dependencies.

import { REST_METHOD_SETTINGS, REST_STAGE, stackPolicy } from "../../lib";
import { reportUncoveredStages, stagesConfiguredBy } from "./rest-stages";
import { REST_API } from "./resource-types";

// The method-setting logging levels API Gateway accepts (botocore apigateway MethodSetting loggingLevel:
// "Valid values are OFF, ERROR, and INFO"; UpdateStage /*/*/logging/loglevel).
const LEVELS = ["OFF", "ERROR", "INFO"] as const;

export const apigatewayRestStageExecutionLogging = stackPolicy({
    name: "apigateway-rest-stage-execution-logging",
    description:
        "Every API Gateway REST stage must log execution for all its methods: an `aws.apigateway.MethodSettings` for the stage " +
        "with `methodPath: \"*/*\"` and `settings.loggingLevel` \"ERROR\" or \"INFO\" (authorizer decisions, integration errors " +
        "and throttling appear only in these logs) (AU-2, AU-12). Method settings are tied to their stage by value (restApi and " +
        "stageName) or property dependencies; one that cannot be tied is reported as cannot-verify.",
    summary: "API Gateway REST stages log execution for all methods (MethodSettings */* with loggingLevel ERROR or INFO)",
    severity: "medium",
    controls: ["AU-2", "AU-12"],
    remediationSteps:
        "Add `new aws.apigateway.MethodSettings(\"all\", { restApi: api.id, stageName: stage.stageName, methodPath: \"*/*\", " +
        "settings: { loggingLevel: \"INFO\", metricsEnabled: true } })` (API Gateway needs `aws.apigateway.Account` with a " +
        "CloudWatch role once per region).",
    resourceTypes: [REST_STAGE, REST_METHOD_SETTINGS, REST_API],
    triggerType: REST_STAGE,
    noVerdict: [],
    validate: (ctx) => {
        const stages = ctx.ofType(REST_STAGE);
        const logged = new Set<string>();
        let unresolved = false;
        for (const ms of ctx.ofType(REST_METHOD_SETTINGS)) {
            const tie = stagesConfiguredBy(ctx, ms, stages);
            const path = ctx.readString(ms, "methodPath", { quiet: true });
            const level = ctx.readEnum(ms, "settings.loggingLevel", LEVELS, { quiet: true });
            if ((!path.ok && !path.unknown) || (!level.ok && !level.unknown)) {
                continue; // malformed: already reported against the method settings
            }
            if (!path.ok || !level.ok) {
                unresolved = unresolved || tie.unresolved || tie.stages.length > 0;
                continue;
            }
            if (path.value !== "*/*" || (level.value !== "ERROR" && level.value !== "INFO")) {
                continue;
            }
            tie.stages.forEach((s) => logged.add(s.urn));
            unresolved = unresolved || tie.unresolved;
        }
        reportUncoveredStages(ctx, stages, logged, unresolved, {
            whether: (stage) => `whether API Gateway stage "${stage.name}" logs execution for all methods`,
            violation: (stage) =>
                `API Gateway stage "${stage.name}" does not log execution for all methods; add an aws.apigateway.MethodSettings for ` +
                'it with methodPath "*/*" and settings.loggingLevel "INFO" (or "ERROR").',
        });
    },
});
