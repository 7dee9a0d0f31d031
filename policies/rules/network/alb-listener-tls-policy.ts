// alb-listener-tls-policy: judges HTTPS and TLS listeners' `sslPolicy`. A listener without one
// gets ELBSecurityPolicy-2016-08 (TLS 1.0, non-FIPS ciphers), so FIPS 140 TLS 1.2/1.3 policies
// are required by default (SC-8, SC-13).

import { resourcePolicy } from "../../lib";
import { LISTENER_TYPES, listenerProtocol } from "./listeners";

/**
 * FIPS 140 TLS 1.2/1.3 ELB policies. The Ext0/Ext1/Ext2 variants (CBC and SHA-1 suites for
 * legacy clients) and the TLS 1.0/1.1 FIPS policies are left out; add them per stack if needed.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const DEFAULT_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

export const albListenerTlsPolicy = resourcePolicy({
    name: "alb-listener-tls-policy",
    description:
        "HTTPS and TLS listeners must use an allowed TLS policy (by default the FIPS 140 TLS 1.2/1.3 ELB policies): a " +
        "listener without one gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and non-FIPS ciphers (SC-8, SC-13).",
    summary: "HTTPS and TLS listeners use an allowed TLS policy (by default the FIPS 140 TLS 1.2/1.3 ELB policies)",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-13"],
    remediationSteps: "Set `sslPolicy` to ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04 (or another policy in this policy's `allowedTlsPolicies`).",
    resourceTypes: LISTENER_TYPES,
    options: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_TLS_POLICIES,
            description: "ELB security policies HTTPS/TLS listeners may use.",
        },
    },
    noVerdict: [
        {
            when: "the listener's protocol is not HTTPS or TLS (HTTP, TCP, UDP, QUIC …)",
            why: "only HTTPS and TLS listeners negotiate TLS with an ELB security policy; a plain-HTTP listener is judged by alb-http-redirects-to-https",
        },
    ],
    validate: (ctx) => {
        const protocol = listenerProtocol((p, g, o) => ctx.readAs(p, g, o));
        if (!protocol.ok || (protocol.value !== "HTTPS" && protocol.value !== "TLS")) {
            return;
        }
        const policy = ctx.readString("sslPolicy");
        const allowed = ctx.config.allowedTlsPolicies;
        if (!policy.ok) {
            return;
        }
        if (policy.value === undefined || policy.value === "") {
            ctx.violation(
                `${protocol.value} listener "${ctx.name}" has no sslPolicy, so AWS applies ELBSecurityPolicy-2016-08; ` +
                    `set sslPolicy to one of ${allowed.join(", ")}.`,
            );
        } else if (!allowed.includes(policy.value)) {
            ctx.violation(`${protocol.value} listener "${ctx.name}" uses TLS policy "${policy.value}"; use one of ${allowed.join(", ")}.`);
        }
    },
});
