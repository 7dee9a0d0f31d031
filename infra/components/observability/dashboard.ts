import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
// awsx's classic CloudWatch module only (not the package index, which loads every awsx component):
// typed widgets and their grid layout. Its Dashboard is a subclass of aws.cloudwatch.Dashboard, so
// what the engine, the offline plan and the policy pack see is that one plain resource.
import * as cloudwatch from "@pulumi/awsx/classic/cloudwatch";

import { arn, ArnScope } from "../../lib/arn";

/** One alarm as the dashboard shows it: its explicit name, a title and its own period (seconds). */
export interface DashboardAlarm {
    name: string;
    description: string;
    /** The alarm's period; a metric-math alarm has none at the top level (the graph uses 300 s). */
    period?: number;
}

/** Grid units of a graph: three per 24-column row. */
const GRAPH = { width: 8, height: 6 };

/** The region as the type awsx's widgets take; a region @pulumi/aws does not know is a settings error upstream. */
function awsRegion(region: string): aws.Region {
    const known: readonly string[] = Object.values(aws.Region);
    if (!known.includes(region)) {
        throw new Error(`Dashboard: region "${region}" is not a region @pulumi/aws knows (${known.length} known)`);
    }
    return region as aws.Region;
}

/**
 * The overview dashboard's widgets: one row with every alarm's state (those in ALARM first), then
 * one line graph per alarm, three to a row. A graph draws its alarm (`annotations.alarms`): the
 * alarm's own metric, statistic and threshold, so the graphs cannot drift from what the alarms
 * watch. Alarms are referred to by ARN built from their explicit names: the dashboard's body is a
 * plain string at preview. awsx computes each widget's x/y and checks the grid's limits (width
 * 1–24, period a multiple of 60, at most 100 widgets).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export function dashboardWidgets(scope: ArnScope, alarms: readonly DashboardAlarm[]): cloudwatch.RowWidget[] {
    const region = awsRegion(scope.region);
    const alarmArn = (a: DashboardAlarm) => arn(scope, "cloudwatch", `alarm:${a.name}`);
    const status = new cloudwatch.AlarmWidget({
        title: "Alarm status",
        alarms: alarms.map(alarmArn),
        sortBy: "stateUpdatedTimestamp",
        width: 24,
        height: 4,
    });
    const graphs = alarms.map(
        (a) =>
            new cloudwatch.LineGraphMetricWidget({
                ...GRAPH,
                title: a.description,
                region,
                alarm: alarmArn(a),
                period: a.period ?? 300,
            }),
    );
    return [new cloudwatch.RowWidget(status), new cloudwatch.RowWidget(...graphs)];
}

/** The overview dashboard (`aws:cloudwatch/dashboard:Dashboard`, named `name`). */
export function overviewDashboard(
    name: string,
    scope: ArnScope,
    alarms: readonly DashboardAlarm[],
    opts: pulumi.CustomResourceOptions,
): cloudwatch.Dashboard {
    return new cloudwatch.Dashboard(name, { name, region: awsRegion(scope.region), widgets: dashboardWidgets(scope, alarms) }, opts);
}
