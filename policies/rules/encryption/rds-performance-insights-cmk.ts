// rds-performance-insights-cmk: Performance Insights keeps samples of the SQL text a database runs,
// i.e. application data (SC-28); when it is on, its key must be customer-managed (SC-12).

import { labelOf, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const rdsPerformanceInsightsCmk = resourcePolicy({
    name: "rds-performance-insights-cmk",
    description:
        "RDS Performance Insights data (which includes SQL text) must be encrypted with a customer-managed KMS key when " +
        "Performance Insights is enabled.",
    summary: "RDS Performance Insights data (it includes SQL text) encrypted with a customer-managed KMS key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `performanceInsightsKmsKeyId` to the data key's ARN wherever `performanceInsightsEnabled` is true.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE],
    options: REQUIRE_CMK,
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "performanceInsightsEnabled is unknown at preview and performanceInsightsKmsKeyId is set or unknown",
            why: "with a key given, Performance Insights data (if it is on) is under that key; checkCmk judges the key once the flag is known, at the update",
        },
    ],
    validate: (ctx) => {
        const enabled = ctx.readBoolean("performanceInsightsEnabled", { quiet: true });
        if (!enabled.ok && !enabled.unknown) {
            return; // malformed: reported
        }
        if (enabled.ok && enabled.value !== true) {
            return;
        }
        if (!enabled.ok) {
            const key = ctx.readString("performanceInsightsKmsKeyId", { quiet: true });
            if (ctx.config.requireCmk && key.ok && !key.value) {
                ctx.cannotVerify("performanceInsightsEnabled");
            }
            return;
        }
        checkCmk(ctx, "performanceInsightsKmsKeyId", `${labelOf(ctx, "Database")} Performance Insights`);
    },
});
