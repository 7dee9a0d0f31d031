// cloudtrail-cloudwatch-logs: a trail also delivers to CloudWatch Logs, where metric filters and
// alarms review it within minutes (AU-6 review, SI-4 monitoring; cdk-nag NIST 800-53 rev5
// CloudTrailCloudWatchLogsEnabled, AWS Config cloud-trail-cloudwatch-logs-enabled). CloudTrail needs
// both the log group ARN and a role it assumes to write there
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html).
// A computed ARN (unknown at preview) counts as set: it comes from a resource of the stack.

import { CLOUDTRAIL_TRAIL, resourcePolicy } from "../../lib";

export const cloudtrailCloudwatchLogs = resourcePolicy({
    name: "cloudtrail-cloudwatch-logs",
    description:
        "CloudTrail trails must deliver to CloudWatch Logs (`cloudWatchLogsGroupArn` with the `cloudWatchLogsRoleArn` " +
        "CloudTrail assumes to write there), so metric filters and alarms review API activity within minutes (AU-6, AU-12, SI-4).",
    summary: "CloudTrail trails deliver to CloudWatch Logs (log group ARN and delivery role set)",
    severity: "medium",
    controls: ["AU-6", "AU-12", "SI-4"],
    remediationSteps:
        "Set `cloudWatchLogsGroupArn` to the trail's log group ARN with its `:*` suffix and `cloudWatchLogsRoleArn` to a role " +
        "cloudtrail.amazonaws.com assumes, allowed logs:CreateLogStream and logs:PutLogEvents on that group's streams.",
    resourceTypes: [CLOUDTRAIL_TRAIL],
    noVerdict: [
        {
            when: "the log group ARN or the role is unknown at preview",
            why: "a computed ARN comes from a log group or role of the stack, i.e. set; the policy runs again at the update",
        },
    ],
    validate: (ctx) => {
        const label = `CloudTrail trail "${ctx.name}"`;
        // Quiet: a computed ARN counts as set (noVerdict). A non-string is malformed (mandatory, never waived).
        const group = ctx.readString("cloudWatchLogsGroupArn", { quiet: true });
        const role = ctx.readString("cloudWatchLogsRoleArn", { quiet: true });
        if ((!group.ok && !group.unknown) || (!role.ok && !role.unknown)) {
            return;
        }
        const unset = (v: typeof group) => v.ok && (v.value === undefined || v.value === "");
        if (unset(group)) {
            ctx.violation(`${label} does not deliver to CloudWatch Logs; set cloudWatchLogsGroupArn (the log group ARN ending in ":*") and cloudWatchLogsRoleArn.`);
        } else if (unset(role)) {
            ctx.violation(`${label} sets cloudWatchLogsGroupArn without cloudWatchLogsRoleArn, so CloudTrail cannot write to the log group; set cloudWatchLogsRoleArn to its delivery role.`);
        }
    },
});
