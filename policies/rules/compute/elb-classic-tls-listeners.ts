// elb-classic-tls-listeners: every listener of a Classic Load Balancer terminates TLS (HTTPS or
// SSL). A Classic ELB cannot redirect HTTP to HTTPS, so a plain HTTP or TCP listener serves the
// application in clear text (SC-8, SC-8(1); cdk-nag ELBTlsHttpsListenersOnly).

import { CLASSIC_ELB, NUMBER, oneOf, readTyped, resourcePolicy } from "../../lib";
import { MOVE_TO_ALB } from "./elb-classic";

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
    remediationSteps:
        "Set every listener's `lbProtocol` to \"HTTPS\" (or \"SSL\") with `sslCertificateId` an ACM certificate ARN; better, " +
        "replace the Classic ELB with an Application Load Balancer whose port-80 listener redirects to HTTPS.",
    resourceTypes: [CLASSIC_ELB],
    noVerdict: [
        {
            when: "the load balancer declares no listeners",
            why: "AWS requires at least one listener on a Classic Load Balancer; with none there is no traffic to judge",
        },
    ],
    validate: (ctx) => {
        const listeners = ctx.readArray("listeners");
        if (!listeners.ok) {
            return;
        }
        (listeners.value ?? []).forEach((_, i) => {
            const path = `listeners[${i}].lbProtocol`;
            const protocol = ctx.readEnum(`listeners.${i}.lbProtocol`, PROTOCOLS, { ignoreCase: true });
            if (!protocol.ok) {
                return;
            }
            if (protocol.value === undefined) {
                // AWS requires a protocol on every listener: a listener without one cannot be judged.
                ctx.settle({ kind: "malformed", path, got: "absent", expected: oneOf(PROTOCOLS).expected });
                return;
            }
            if (!TLS.has(protocol.value)) {
                // The port only decorates the message.
                const port = readTyped(ctx.props, `listeners.${i}.lbPort`, NUMBER);
                ctx.violation(
                    `${ctx.label} listens with ${protocol.value} on port ${port.kind === "ok" && port.value !== undefined ? port.value : "?"} without TLS; ` +
                        `set ${path} to "HTTPS" (or "SSL") with an ACM certificate, or ${MOVE_TO_ALB}.`,
                );
            }
        });
    },
});
