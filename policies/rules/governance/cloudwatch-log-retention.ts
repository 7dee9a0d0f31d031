// cloudwatch-log-retention: production CloudWatch log groups keep events long enough (365 days by
// default); never-expire satisfies AU-11 too, since nothing is lost before the retention period
// (AU-11, SI-12). Prod-only: scope "prod" (advisory in staging).

import { resourcePolicy } from "../../lib";

export const cloudwatchLogRetention = resourcePolicy({
    name: "cloudwatch-log-retention",
    description:
        "Production CloudWatch log groups must keep events for at least the configured days (365 by default). Never-expire " +
        "(retentionInDays unset or 0) satisfies AU-11: nothing is lost before the retention period (AU-11, SI-12).",
    summary: "Production CloudWatch log groups keep events for at least 365 days (configurable) or never expire",
    scope: "prod",
    severity: "medium",
    controls: ["AU-11", "SI-12"],
    remediationSteps: "Set `retentionInDays` to at least the configured minimum (a value CloudWatch accepts, e.g. 365, 400, 731, 1096, 1827, 3653).",
    resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
    options: {
        minLogRetentionDays: { type: "integer", default: 365, minimum: 1, description: "Minimum log retention in days (unset/0 = never expire is compliant)." },
    },
    noVerdict: [],
    validate: (ctx) => {
        const days = ctx.readNumber("retentionInDays");
        const min = ctx.config.minLogRetentionDays;
        if (days.ok && days.value !== undefined && days.value > 0 && days.value < min) {
            ctx.violation(`Log group "${ctx.name}" keeps events for ${days.value} day(s); set retentionInDays to at least ${min}.`);
        }
    },
});
