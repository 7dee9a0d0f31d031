import { arn, ArnScope } from "../../lib/arn";

/**
 * The overview dashboard as JSON text. Every widget refers to alarms by ARN (built from explicit
 * names), so the body is a plain string at preview; a `metric` widget with `annotations.alarms`
 * draws the alarm's own metric and threshold, so the graphs cannot drift from what alarms watch.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export function dashboardBody(scope: ArnScope, alarms: ReadonlyArray<{ name: string; description: string }>): string {
    const alarmArns = alarms.map((a) => arn(scope, "cloudwatch", `alarm:${a.name}`));
    const width = 8;
    const height = 6;
    const widgets: Record<string, unknown>[] = [
        {
            type: "alarm",
            x: 0,
            y: 0,
            width: 24,
            height: 4,
            properties: { title: "Alarm status", alarms: alarmArns, sortBy: "stateUpdatedTimestamp" },
        },
        ...alarms.map((a, i) => ({
            type: "metric",
            x: (i % 3) * width,
            y: 4 + Math.floor(i / 3) * height,
            width,
            height,
            properties: {
                title: a.description,
                region: scope.region,
                view: "timeSeries",
                annotations: { alarms: [alarmArns[i]] },
            },
        })),
    ];
    return JSON.stringify({ widgets });
}
