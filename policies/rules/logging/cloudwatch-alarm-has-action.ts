// cloudwatch-alarm-has-action: an alarm that notifies nobody is not monitoring (SI-4, AU-6, IR-4).
// Every metric alarm needs at least one alarm action, with actions enabled (actionsEnabled: false
// keeps the alarm's state changes but runs none of its actions). Same notion as AWS Config's
// cloudwatch-alarm-action-check (alarmActionRequired) and cdk-nag's CloudWatchAlarmAction.

import { cannotEvaluateMessage, isUnknown, resourcePolicy } from "../../lib";

export const cloudwatchAlarmHasAction = resourcePolicy({
    name: "cloudwatch-alarm-has-action",
    description:
        "Every CloudWatch metric alarm must have at least one alarm action (an SNS topic, Auto Scaling or EC2 action) with " +
        "actions enabled: an alarm that notifies nobody does not monitor anything (SI-4, AU-6, IR-4).",
    summary: "CloudWatch metric alarms have at least one alarm action, with actions enabled",
    anchors: ["NIST.800.53.R5-CloudWatchAlarmAction"],
    severity: "medium",
    controls: ["SI-4", "AU-6", "IR-4"],
    remediationSteps:
        "Set `alarmActions` to at least one action ARN (e.g. the alerts SNS topic) and leave `actionsEnabled` unset or true.",
    resourceTypes: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    noVerdict: [],
    validate: (ctx) => {
        const label = `Metric alarm "${ctx.name}"`;
        const enabled = ctx.read("actionsEnabled");
        if (!enabled.known) {
            ctx.cannotVerify("actionsEnabled");
        } else if (enabled.value !== undefined && enabled.value !== null && typeof enabled.value !== "boolean") {
            ctx.violation(cannotEvaluateMessage(label, "actionsEnabled", enabled.value, "a boolean"));
        } else if (enabled.value === false) {
            ctx.violation(`${label} has actionsEnabled: false, so none of its actions run; remove it or set it to true.`);
        }
        const actions = ctx.read("alarmActions");
        if (!actions.known) {
            ctx.cannotVerify("alarmActions");
            return;
        }
        if (actions.value === undefined || actions.value === null) {
            ctx.violation(`${label} has no alarm action; set alarmActions to at least one action ARN (e.g. the alerts SNS topic).`);
            return;
        }
        if (!Array.isArray(actions.value)) {
            ctx.violation(cannotEvaluateMessage(label, "alarmActions", actions.value, "a list of action ARNs"));
            return;
        }
        const bad = actions.value.findIndex((a) => typeof a !== "string" && !isUnknown(a));
        if (bad >= 0) {
            ctx.violation(cannotEvaluateMessage(label, `alarmActions[${bad}]`, actions.value[bad], "an action ARN string"));
            return;
        }
        // An action computed at preview (an unknown topic ARN) is still an action.
        if (!actions.value.some((a) => isUnknown(a) || (typeof a === "string" && a.trim() !== ""))) {
            ctx.violation(`${label} has no alarm action; set alarmActions to at least one action ARN (e.g. the alerts SNS topic).`);
        }
    },
});
