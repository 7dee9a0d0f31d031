// elb-classic-tls-listeners: every listener of a Classic Load Balancer terminates TLS (HTTPS or
// SSL). A Classic ELB cannot redirect HTTP to HTTPS, so a plain HTTP or TCP listener serves the
// application in clear text (SC-8, SC-8(1); cdk-nag ELBTlsHttpsListenersOnly).

import { cannotEvaluateMessage, oneOfText, read, resourcePolicy } from "../../lib";
import { CLASSIC_ELB, MOVE_TO_ALB } from "./elb-classic";

// botocore elb Listener.Protocol: "HTTP, HTTPS, TCP, or SSL" (case-insensitive).
const PROTOCOLS = ["HTTP", "HTTPS", "TCP", "SSL"] as const;
const TLS: ReadonlySet<string> = new Set(["HTTPS", "SSL"]);

export const elbClassicTlsListeners = resourcePolicy({
    name: "elb-classic-tls-listeners",
    description:
        "Every listener of a Classic Load Balancer must terminate TLS (`lbProtocol` HTTPS or SSL with an ACM certificate): a " +
        "Classic ELB cannot redirect HTTP to HTTPS, so an HTTP or TCP listener serves the application in clear text (SC-8, " +
        "SC-8(1)). The back end (instanceProtocol) may stay plain inside the VPC, as for an ALB's targets.",
    summary: "Classic Load Balancer listeners terminate TLS (HTTPS or SSL); the message points to an ALB",
    severity: "high",
    controls: ["SC-8", "SC-8(1)"],
    anchors: [
        "NIST.800.53.R5-ELBTlsHttpsListenersOnly",
        "aws-elb-loadbalancer-disallow-unencrypted-traffic",
    ],
    remediationSteps:
        "Set every listener's `lbProtocol` to \"HTTPS\" (or \"SSL\") with `sslCertificateId` an ACM certificate ARN; better, " +
        "replace the Classic ELB with an Application Load Balancer whose port-80 listener redirects to HTTPS.",
    resourceTypes: [CLASSIC_ELB],
    noVerdict: [],
    validate: (ctx) => {
        const label = `Classic load balancer "${ctx.name}"`;
        const listeners = ctx.read("listeners");
        if (!listeners.known) {
            return ctx.cannotVerify("listeners");
        }
        if (!Array.isArray(listeners.value)) {
            return ctx.violation(cannotEvaluateMessage(label, "listeners", listeners.value, "an array"));
        }
        listeners.value.forEach((l, i) => {
            const path = `listeners[${i}].lbProtocol`;
            const protocol = read(l, "lbProtocol");
            const port = read(l, "lbPort");
            if (!protocol.known) {
                return ctx.cannotVerify(path);
            }
            const p = typeof protocol.value === "string" ? protocol.value.toUpperCase() : undefined;
            if (p === undefined || !(PROTOCOLS as readonly string[]).includes(p)) {
                return ctx.violation(cannotEvaluateMessage(label, path, protocol.value, oneOfText(PROTOCOLS)));
            }
            if (!TLS.has(p)) {
                ctx.violation(
                    `${label} listens with ${p} on port ${port.known && typeof port.value === "number" ? port.value : "?"} without TLS; ` +
                        `set ${path} to "HTTPS" (or "SSL") with an ACM certificate, or ${MOVE_TO_ALB}.`,
                );
            }
        });
    },
});
