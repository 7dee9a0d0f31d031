// opensearch-logs-to-cloudwatch: OpenSearch (and legacy Elasticsearch) domains publish their
// application/error logs and their audit logs to CloudWatch Logs (AU-2, AU-12, SI-4), where they
// are kept, encrypted and alarmed on outside the domain. cdk-nag OpenSearchErrorLogsToCloudWatch
// asks for ES_APPLICATION_LOGS; audit logs (who asked the domain for what) are AU-2's events.

import { BOOLEAN, ELASTICSEARCH_DOMAIN, OPENSEARCH_DOMAIN, readTyped, resourcePolicy } from "../../lib";

/** LogType as AWS defines it (botocore opensearch 2021-01-01 and es 2015-01-01 service-2.json, the same four). */
const LOG_TYPES = ["INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS"] as const;
type LogType = (typeof LOG_TYPES)[number];
const REQUIRED: readonly LogType[] = ["ES_APPLICATION_LOGS", "AUDIT_LOGS"];

type Published = "yes" | "no" | "unknown";

export const opensearchLogsToCloudwatch = resourcePolicy({
    name: "opensearch-logs-to-cloudwatch",
    description:
        "OpenSearch and Elasticsearch domains must publish their application (error) logs and audit logs to CloudWatch Logs: " +
        "logPublishingOptions entries with logType ES_APPLICATION_LOGS and AUDIT_LOGS, a cloudwatchLogGroupArn, and enabled not " +
        "false. Logs kept only inside the domain are lost with it and cannot be reviewed or alarmed on (AU-2, AU-12, SI-4). A log " +
        "type AWS does not define is malformed, never a pass.",
    summary: "OpenSearch/Elasticsearch domains publish application (error) and audit logs to CloudWatch Logs",
    severity: "medium",
    controls: ["AU-2", "AU-12", "SI-4"],
    remediationSteps:
        "Add `logPublishingOptions` entries `{ logType: \"ES_APPLICATION_LOGS\", cloudwatchLogGroupArn }` and `{ logType: " +
        "\"AUDIT_LOGS\", cloudwatchLogGroupArn }` (enabled defaults to true), with an aws.cloudwatch.LogResourcePolicy letting " +
        "es.amazonaws.com write to the log groups. AWS accepts audit logs only with fine-grained access control: set " +
        "`advancedSecurityOptions.enabled: true` (Elasticsearch 6.7 or later).",
    resourceTypes: [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN],
    noVerdict: [],
    validate: (ctx) => {
        const options = ctx.readArray("logPublishingOptions");
        if (!options.ok) {
            return;
        }
        const found = new Map<LogType, Published>();
        let unknownType = false;
        for (const [i, entry] of (options.value ?? []).entries()) {
            const at = `logPublishingOptions[${i}]`;
            const type = ctx.readEnum("logType", LOG_TYPES, { from: entry, at, quiet: true });
            if (!type.ok) {
                if (!type.unknown) {
                    return; // malformed: reported
                }
                unknownType = true;
                continue;
            }
            if (type.value === undefined || !REQUIRED.includes(type.value)) {
                continue;
            }
            const enabled = ctx.readBoolean("enabled", { from: entry, at, quiet: true });
            const group = ctx.readString("cloudwatchLogGroupArn", { from: entry, at, quiet: true });
            if ((!enabled.ok && !enabled.unknown) || (!group.ok && !group.unknown)) {
                return; // malformed: reported
            }
            // enabled defaults to true; a computed log group ARN is still a log group.
            const on: Published = !enabled.ok ? "unknown" : enabled.value === false ? "no" : !group.ok ? "yes" : group.value ? "yes" : "no";
            const before = found.get(type.value);
            found.set(type.value, before === "yes" || on === "yes" ? "yes" : before === "unknown" || on === "unknown" ? "unknown" : "no");
        }
        const missing = REQUIRED.filter((t) => found.get(t) !== "yes");
        if (missing.length === 0) {
            const fgac = readTyped(ctx.props, "advancedSecurityOptions.enabled", BOOLEAN);
            if (fgac.kind === "ok" && fgac.value !== true) {
                ctx.advisory(`${ctx.label} publishes AUDIT_LOGS without fine-grained access control; AWS accepts audit logs only with advancedSecurityOptions.enabled: true.`);
            }
            return;
        }
        if (unknownType || missing.some((t) => found.get(t) === "unknown")) {
            ctx.cannotVerify(`which logs ${ctx.label} publishes to CloudWatch Logs (logPublishingOptions)`);
            return;
        }
        ctx.violation(
            `${ctx.label} does not publish ${missing.join(" and ")} to CloudWatch Logs; add logPublishingOptions ` +
                `${missing.length === 1 ? "an entry" : "entries"} with ${missing.map((m) => `logType "${m}"`).join(" and ")} and a ` +
                "cloudwatchLogGroupArn (audit logs need advancedSecurityOptions.enabled: true).",
        );
    },
});
