// cloudwatch-log-retention: production CloudWatch log groups declare how long they keep events, and
// keep them long enough (365 days by default) (AU-11, SI-12). Unset (or 0) means never expire: AU-11
// asks for a defined retention period (the anchors — cdk-nag NIST 800-53 rev5
// CloudWatchLogGroupRetentionPeriod, AWS Config cw-loggroup-retention-period-check — require an
// explicit one), so an undeclared retention is blocked, not read as "forever". Prod-only: scope
// "prod" (advisory in staging).

import { CLOUDWATCH_LOG_GROUP, NUMBER, refine, resourcePolicy } from "../../lib";

// CloudWatch takes a whole number of days (0 is the provider's "never expire").
const DAYS = refine(NUMBER, "a whole number of days", (n) => Number.isInteger(n) && n >= 0);

export const cloudwatchLogRetention = resourcePolicy({
    name: "cloudwatch-log-retention",
    description:
        "Production CloudWatch log groups must declare a retention period (retentionInDays unset or 0 = never expire is " +
        "blocked: AU-11 asks for a defined period) of at least the configured days (365 by default) (AU-11, SI-12).",
    summary: "Production CloudWatch log groups declare retentionInDays of at least 365 days (configurable)",
    scope: "prod",
    severity: "medium",
    controls: ["AU-11", "SI-12"],
    remediationSteps: "Set `retentionInDays` to at least the configured minimum (a value CloudWatch accepts, e.g. 365, 400, 731, 1096, 1827, 3653).",
    resourceTypes: [CLOUDWATCH_LOG_GROUP],
    options: {
        minLogRetentionDays: { type: "integer", default: 365, minimum: 1, description: "Minimum log retention in days (an unset or 0 retentionInDays is blocked)." },
    },
    noVerdict: [],
    validate: (ctx) => {
        const days = ctx.readAs("retentionInDays", DAYS);
        const min = ctx.config.minLogRetentionDays;
        if (!days.ok) {
            return;
        }
        if (days.value === undefined || days.value === 0) {
            ctx.violation(`Log group "${ctx.name}" does not declare retentionInDays (events never expire); set it to at least ${min}.`);
        } else if (days.value < min) {
            ctx.violation(`Log group "${ctx.name}" keeps events for ${days.value} day(s); set retentionInDays to at least ${min}.`);
        }
    },
});
