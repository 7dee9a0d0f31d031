// alb-http-listener-rules-redirect-only: a stack policy, because a listener rule's protocol is
// its listener's. A forward or fixed-response rule on a plain-HTTP listener would serve traffic
// unencrypted even though the listener's default action redirects (SC-8, SC-8(1)).

import { stackPolicy } from "../../lib";
import { judgeRedirectActions, LISTENER_RULE_TYPES, LISTENER_TYPES, listenerProtocol } from "./listeners";

export const albHttpListenerRulesRedirectOnly = stackPolicy({
    name: "alb-http-listener-rules-redirect-only",
    description:
        "Listener rules on a plain-HTTP listener may only redirect to HTTPS: a forward or fixed-response rule there would " +
        "serve traffic unencrypted even though the listener's default action redirects (SC-8, SC-8(1)).",
    summary: "Listener rules on a plain-HTTP listener only redirect to HTTPS",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-23"],
    remediationSteps: "Attach the rule to the HTTPS listener instead, or make its action a redirect with protocol HTTPS.",
    resourceTypes: [...LISTENER_RULE_TYPES, ...LISTENER_TYPES],
    noVerdict: [
        {
            when: "the stack has no listener rules, or a rule's listener is not plain HTTP",
            why: "rules on HTTPS/TLS listeners serve encrypted traffic; the listeners' own protocol and TLS policy are judged by alb-http-redirects-to-https and alb-listener-tls-policy",
        },
    ],
    validate: (ctx) => {
        const rules = ctx.ofType(...LISTENER_RULE_TYPES);
        if (rules.length === 0) {
            return;
        }
        for (const rule of rules) {
            const refs = ctx.resolveRefs(rule, "listenerArn", LISTENER_TYPES);
            for (const listener of refs.resources) {
                const protocol = listenerProtocol((p, g) => ctx.readAs(listener, p, g, { quiet: true }));
                if (!protocol.ok && !protocol.unknown) {
                    continue; // malformed: reported against the listener
                }
                if (protocol.ok && protocol.value !== "HTTP") {
                    continue;
                }
                const actions = ctx.readArray(rule, "actions", { quiet: true });
                if (!actions.ok && !actions.unknown) {
                    continue; // malformed: reported against the rule
                }
                const judged = actions.ok ? judgeRedirectActions(actions.value ?? [], "actions") : { bad: [], unknown: true, malformed: [] };
                judged.malformed.forEach((m) => ctx.settle(rule, m));
                if (!protocol.ok) {
                    if (judged.bad.length > 0 || judged.unknown) {
                        ctx.cannotVerify(rule, `the protocol of listener "${listener.name}"`);
                    }
                } else if (judged.bad.length > 0) {
                    ctx.violation(rule, `Listener rule "${rule.name}" on HTTP listener "${listener.name}" does not only redirect to HTTPS: ${judged.bad.join("; ")}; redirect to HTTPS or move the rule to the HTTPS listener.`);
                } else if (judged.unknown) {
                    ctx.cannotVerify(rule, `the actions of listener rule "${rule.name}"`);
                }
            }
            if (refs.unresolved > 0) {
                ctx.cannotVerify(rule, `which listener rule "${rule.name}" belongs to`);
            }
        }
    },
});
