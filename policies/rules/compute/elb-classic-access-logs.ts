// elb-classic-access-logs: a Classic Load Balancer writes access logs to S3: every request's
// client, path and outcome is the record incident response needs (AU-2, AU-3, AU-12; cdk-nag
// ELBLoggingEnabled, KICS "ELB Access Log Disabled").

import { CLASSIC_ELB, resourcePolicy } from "../../lib";
import { MOVE_TO_ALB } from "./elb-classic";

export const elbClassicAccessLogs = resourcePolicy({
    name: "elb-classic-access-logs",
    description:
        "Classic Load Balancers must write access logs to S3 (`accessLogs` with a bucket, not disabled): every request's " +
        "client, path and outcome is the record incident response needs (AU-2, AU-3, AU-12).",
    summary: "Classic Load Balancers write access logs to S3; the message points to an ALB",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps:
        "Set `accessLogs: { bucket: <log bucket>, bucketPrefix: <name>, interval: 5, enabled: true }` (the bucket policy must let " +
        "the regional ELB account write), or replace the Classic ELB with an Application Load Balancer with access logs.",
    resourceTypes: [CLASSIC_ELB],
    noVerdict: [
        {
            when: "the access-log bucket is unknown at preview",
            why: "a computed bucket name counts as set: it comes from a bucket of the stack",
        },
    ],
    validate: (ctx) => {
        const logs = ctx.readObject("accessLogs", { quiet: true });
        const enabled = ctx.readBoolean("accessLogs.enabled", { quiet: true });
        const bucket = ctx.readString("accessLogs.bucket", { quiet: true });
        if ([logs, enabled, bucket].some((r) => !r.ok && !r.unknown)) {
            return; // malformed: already reported
        }
        if (!logs.ok || !enabled.ok) {
            return ctx.cannotVerify("accessLogs");
        }
        // `enabled` defaults to true when the block is present; a computed bucket name counts as set.
        const on = logs.value !== undefined && enabled.value !== false && (!bucket.ok || (bucket.value !== undefined && bucket.value !== ""));
        if (!on) {
            ctx.violation(`${ctx.label} does not write access logs; set accessLogs with an S3 bucket and enabled: true, or ${MOVE_TO_ALB}.`);
        }
    },
});
