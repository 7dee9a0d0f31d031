// rds-enhanced-monitoring: RDS publishes operating-system metrics (processes, memory, CPU steal,
// file system) from an agent on the host every few seconds (SI-4, AU-12) — what CloudWatch's
// hypervisor-level metrics cannot see.

import { NUMBER, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE, refine, resourcePolicy } from "../../lib";
import { RDS_CLUSTER_ENGINES, RDS_INSTANCE_ENGINES } from "./resource-types";

// MonitoringInterval (botocore RDS model, CreateDBInstance and CreateDBCluster): "Valid Values:
// 0 | 1 | 5 | 10 | 15 | 30 | 60. Default: 0" (0 turns Enhanced Monitoring off); "If
// MonitoringInterval is set to a value other than 0, then you must supply a MonitoringRoleArn
// value"; "This setting doesn't apply to RDS Custom DB instances." For clusters it is valid for
// Aurora and Multi-AZ DB clusters; Aurora's is judged on its cluster instances, where it is set.
const INTERVALS = [0, 1, 5, 10, 15, 30, 60];
const INTERVAL = refine(NUMBER, `one of ${INTERVALS.join(", ")} (seconds, the values RDS accepts)`, (n) => INTERVALS.includes(n));


export const rdsEnhancedMonitoring = resourcePolicy({
    name: "rds-enhanced-monitoring",
    description:
        "RDS instances, Aurora cluster instances and Multi-AZ DB clusters must have Enhanced Monitoring on: monitoringInterval of 1–60 " +
        "seconds and a monitoringRoleArn RDS assumes to publish the metrics. It reports the database host's processes, memory, swap " +
        "and file systems to CloudWatch Logs, which the hypervisor metrics cannot show (SI-4, AU-12). An interval RDS does not accept " +
        "is never an exemption.",
    summary: "RDS instances, Aurora cluster instances and Multi-AZ DB clusters have Enhanced Monitoring (interval + role)",
    severity: "low",
    controls: ["SI-4", "AU-12"],
    remediationSteps:
        "Set `monitoringInterval` (1, 5, 10, 15, 30 or 60 seconds) and `monitoringRoleArn` to a role that monitoring.rds.amazonaws.com " +
        "may assume (confined with aws:SourceAccount) with the AWS-managed policy service-role/AmazonRDSEnhancedMonitoringRole.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER],
    noVerdict: [
        { when: "an RDS instance's engine is an RDS Custom engine (custom-*)", why: "AWS: Enhanced Monitoring does not apply to RDS Custom" },
        { when: "an RDS cluster's engine is Aurora", why: "Aurora sets Enhanced Monitoring on each cluster instance, which is judged" },
        { when: "an RDS cluster's engine is neptune", why: "Neptune has no Enhanced Monitoring (its metrics are CloudWatch's); its audit log export is judged by rds-log-exports-enabled" },
        { when: "monitoringRoleArn is unknown at preview", why: "a computed ARN is still a role: the interval is judged, and AWS checks the role at creation" },
    ],
    validate: (ctx) => {
        if (ctx.type !== RDS_CLUSTER_INSTANCE) {
            const engine = ctx.readEnum("engine", ctx.type === RDS_CLUSTER ? RDS_CLUSTER_ENGINES : RDS_INSTANCE_ENGINES, { ignoreCase: true });
            if (!engine.ok) {
                return;
            }
            if (engine.value?.startsWith("custom-") || (ctx.type === RDS_CLUSTER && (engine.value?.startsWith("aurora") || engine.value === "neptune"))) {
                return;
            }
        }
        const interval = ctx.readAs("monitoringInterval", INTERVAL);
        if (!interval.ok) {
            return;
        }
        if (interval.value === undefined || interval.value === 0) {
            ctx.violation(
                `${ctx.label} has no Enhanced Monitoring; set monitoringInterval (1–60 seconds) and monitoringRoleArn to a role RDS's ` +
                    "monitoring service may assume.",
            );
            return;
        }
        const role = ctx.readString("monitoringRoleArn", { quiet: true });
        if (role.ok && (role.value === undefined || role.value === "")) {
            ctx.violation(
                `${ctx.label} sets monitoringInterval ${interval.value} without monitoringRoleArn; AWS rejects that combination, so set ` +
                    "monitoringRoleArn to a role RDS's monitoring service may assume.",
            );
        }
    },
});
