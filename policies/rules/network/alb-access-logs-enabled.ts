// alb-access-logs-enabled: judges application load balancers (internal ones too). Every
// request's client, path, TLS version and outcome is the record incident response needs
// (AU-2, AU-3, AU-12).

import { resourcePolicy } from "../../lib";
import { ALB_ONLY_NO_VERDICT, albOnly, LOAD_BALANCER_TYPES, reportAlbFinding } from "./listeners";

export const albAccessLogsEnabled = resourcePolicy({
    name: "alb-access-logs-enabled",
    description:
        "Application load balancers must write access logs to S3 (internal ones too): every request's client, path, TLS " +
        "version and outcome is the record incident response needs (AU-2, AU-3, AU-12).",
    summary: "Application load balancers (internal ones too) write access logs to S3",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps: "Set `accessLogs: { bucket: <log bucket>, prefix: <name>, enabled: true }` (the bucket policy must let the regional ELB account write).",
    resourceTypes: LOAD_BALANCER_TYPES,
    noVerdict: ALB_ONLY_NO_VERDICT,
    validate: (ctx) => {
        const kind = albOnly(ctx);
        if (kind === undefined) {
            return;
        }
        const enabled = ctx.readBoolean("accessLogs.enabled", { what: "accessLogs" });
        const bucket = ctx.readString("accessLogs.bucket", { quiet: true });
        if (!enabled.ok || (!bucket.ok && !bucket.unknown)) {
            return;
        }
        // A computed (unknown) bucket name counts as set.
        const off = enabled.value !== true || (bucket.ok && (bucket.value === undefined || bucket.value === ""));
        if (!off) {
            return;
        }
        reportAlbFinding(ctx, kind, `Load balancer "${ctx.name}" does not write access logs; set accessLogs.enabled to true with an S3 bucket.`);
    },
});
