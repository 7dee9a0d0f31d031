// cloudwatch-alarm-has-action: an alarm that notifies nobody is not monitoring (SI-4, AU-6, IR-4).
// Every metric alarm needs at least one alarm action, with actions enabled (actionsEnabled: false
// keeps the alarm's state changes but runs none of its actions). Same notion as AWS Config's
// cloudwatch-alarm-action-check (alarmActionRequired) and cdk-nag's CloudWatchAlarmAction.

import { resourcePolicy, STRING } from "../../lib";
import { CLOUDWATCH_METRIC_ALARM } from "./resource-types";

export const cloudwatchAlarmHasAction = resourcePolicy({
    name: "cloudwatch-alarm-has-action",
    description:
        "Every CloudWatch metric alarm must have at least one alarm action (an SNS topic, Auto Scaling or EC2 action) with " +
        "actions enabled: an alarm that notifies nobody does not monitor anything (SI-4, AU-6, IR-4).",
    summary: "CloudWatch metric alarms have at least one alarm action, with actions enabled",
    severity: "medium",
    controls: ["SI-4", "AU-6", "IR-4"],
    remediationSteps:
        "Set `alarmActions` to at least one action ARN (e.g. the alerts SNS topic) and leave `actionsEnabled` unset or true.",
    resourceTypes: [CLOUDWATCH_METRIC_ALARM],
    noVerdict: [],
    validate: (ctx) => {
        const label = `Metric alarm "${ctx.name}"`;
        const enabled = ctx.readBoolean("actionsEnabled");
        if (enabled.ok && enabled.value === false) {
            ctx.violation(`${label} has actionsEnabled: false, so none of its actions run; remove it or set it to true.`);
        }
        const actions = ctx.readArray("alarmActions");
        if (!actions.ok) {
            return;
        }
        // Each action is an ARN string; one computed at preview (an unknown topic ARN) is still an action.
        let malformed = false;
        let any = false;
        (actions.value ?? []).forEach((a, i) => {
            const arn = ctx.check(a, STRING, `alarmActions[${i}]`, { quiet: true });
            if (!arn.ok) {
                malformed ||= !arn.unknown;
                any ||= arn.unknown;
            } else if (arn.value !== undefined && arn.value.trim() !== "") {
                any = true;
            }
        });
        if (!malformed && !any) {
            ctx.violation(`${label} has no alarm action; set alarmActions to at least one action ARN (e.g. the alerts SNS topic).`);
        }
    },
});
