// eks-control-plane-logs: an EKS cluster sends its control-plane api, audit and authenticator
// logs to CloudWatch Logs: who called the Kubernetes API, what it changed and how they
// authenticated are the record incident response needs (AU-2, AU-3, AU-12).

import { EKS_CLUSTER, resourcePolicy } from "../../lib";

// botocore eks LogType.
const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
const REQUIRED = ["api", "audit", "authenticator"] as const;

export const eksControlPlaneLogs = resourcePolicy({
    name: "eks-control-plane-logs",
    description:
        "EKS clusters must send the api, audit and authenticator control-plane logs to CloudWatch Logs " +
        "(`enabledClusterLogTypes`): who called the Kubernetes API, what they changed and how they authenticated is the record " +
        "incident response needs (AU-2, AU-3, AU-12). controllerManager and scheduler logs are optional.",
    summary: "EKS clusters log the api, audit and authenticator control-plane logs to CloudWatch Logs",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps:
        "Set `enabledClusterLogTypes: [\"api\", \"audit\", \"authenticator\"]` and create the `/aws/eks/<cluster>/cluster` log group " +
        "beforehand with a retention and a customer-managed KMS key.",
    resourceTypes: [EKS_CLUSTER],
    noVerdict: [],
    validate: (ctx) => {
        const types = ctx.readArray("enabledClusterLogTypes");
        if (!types.ok) {
            return;
        }
        // Every entry typed (a log type EKS does not define is malformed, never skipped); one
        // cannot-verify for the first computed entry.
        const logged = new Set<string>();
        let firstUnknown: number | undefined;
        let malformed = false;
        (types.value ?? []).forEach((_, i) => {
            const t = ctx.readEnum(`enabledClusterLogTypes.${i}`, LOG_TYPES, { quiet: true });
            if (t.ok) {
                if (t.value !== undefined) {
                    logged.add(t.value);
                }
            } else if (t.unknown) {
                firstUnknown ??= i;
            } else {
                malformed = true;
            }
        });
        if (malformed) {
            return;
        }
        if (firstUnknown !== undefined) {
            return ctx.cannotVerify(`enabledClusterLogTypes[${firstUnknown}]`);
        }
        const missing = REQUIRED.filter((t) => !logged.has(t));
        if (missing.length > 0) {
            ctx.violation(`${ctx.label} does not log ${missing.join(", ")} to CloudWatch Logs; add ${missing.map((m) => JSON.stringify(m)).join(", ")} to enabledClusterLogTypes.`);
        }
    },
});
