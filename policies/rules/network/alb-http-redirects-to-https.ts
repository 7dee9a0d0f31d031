// alb-http-redirects-to-https: judges plain-HTTP listeners, whose default actions may only
// redirect to HTTPS, so no request or response crosses the network unencrypted (SC-8, SC-8(1)).
// Rules attached to such a listener are alb-http-listener-rules-redirect-only's concern.

import { resourcePolicy } from "../../lib";
import { judgeRedirectActions, LISTENER_TYPES, listenerProtocol } from "./listeners";

export const albHttpRedirectsToHttps = resourcePolicy({
    name: "alb-http-redirects-to-https",
    description:
        "Load balancer listeners on plain HTTP may only redirect to HTTPS: every default action must be a redirect with " +
        "protocol HTTPS, so no request or response crosses the network unencrypted (SC-8, SC-8(1)).",
    summary: "Plain-HTTP load balancer listeners only redirect to HTTPS (every default action)",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-23"],
    remediationSteps:
        'Set the HTTP listener\'s `defaultActions` to `[{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", ' +
        'statusCode: "HTTP_301" } }]` and serve the application on an HTTPS listener.',
    resourceTypes: LISTENER_TYPES,
    noVerdict: [
        {
            when: "the listener's protocol is not HTTP (HTTPS, TLS, TCP, UDP …), or it is a Gateway Load Balancer listener (no protocol, no port)",
            why: "only a plain-HTTP listener serves unencrypted traffic; HTTPS/TLS listeners are judged by alb-listener-tls-policy",
        },
    ],
    validate: (ctx) => {
        const protocol = listenerProtocol((p, g, o) => ctx.readAs(p, g, o));
        if (!protocol.ok || protocol.value !== "HTTP") {
            return;
        }
        const actions = ctx.readArray("defaultActions");
        if (!actions.ok) {
            return;
        }
        const list = actions.value ?? [];
        if (list.length === 0) {
            ctx.violation(`HTTP listener "${ctx.name}" has no default action; make it a redirect to HTTPS.`);
            return;
        }
        const { bad, unknown, malformed } = judgeRedirectActions(list, "defaultActions");
        malformed.forEach((m) => ctx.settle(m));
        if (bad.length > 0) {
            ctx.violation(`HTTP listener "${ctx.name}" does not only redirect to HTTPS: ${bad.join("; ")}; use a redirect with protocol HTTPS.`);
        } else if (unknown) {
            ctx.cannotVerify("defaultActions");
        }
    },
});
