// Load balancer and listener helpers shared by the network area's edge policies: the type tokens
// (aws.lb and its aws.alb alias), what kind of load balancer a resource is, a listener's
// effective protocol, and whether an action list only redirects to HTTPS.

import { Read, read } from "../../lib";

export const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
export const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"] as const;
export const LISTENER_RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"] as const;

/** A listener's protocol, upper-cased; undefined for a Gateway LB listener (neither protocol nor port). */
export function listenerProtocol(readProp: (path: string) => Read): Read<string | undefined> {
    const protocol = readProp("protocol");
    if (!protocol.known) {
        return protocol;
    }
    if (typeof protocol.value === "string") {
        return { known: true, value: protocol.value.toUpperCase() };
    }
    // No protocol: HTTP for an ALB listener (the provider's default); a Gateway LB listener has
    // neither protocol nor port, and is not a client-facing listener at all.
    const port = readProp("port");
    return { known: true, value: port.known && port.value === undefined ? undefined : "HTTP" };
}

/** Which actions are not a redirect to HTTPS (`field[i]` labels), and whether an unknown hides one. */
export function judgeRedirectActions(list: readonly unknown[], field: string): { bad: string[]; unknown: boolean } {
    const bad: string[] = [];
    let unknown = false;
    list.forEach((action: unknown, i: number) => {
        const type = read(action, "type");
        const target = read(action, "redirect.protocol");
        if (!type.known) {
            unknown = true;
        } else if (type.value !== "redirect") {
            bad.push(`${field}[${i}] is "${String(type.value)}"`);
        } else if (!target.known) {
            unknown = true;
        } else if (typeof target.value !== "string" || target.value.toUpperCase() !== "HTTPS") {
            // Without a protocol the redirect keeps "#{protocol}", i.e. stays on HTTP.
            bad.push(`${field}[${i}] redirects to protocol ${JSON.stringify(target.value ?? "#{protocol}")}`);
        }
    });
    return { bad, unknown };
}

/** An ALB is what `loadBalancerType` says, "application" when absent (the provider's default). */
export function albKind(read: (path: string) => { known: boolean; value?: unknown }): "alb" | "other" | "unknown" {
    const t = read("loadBalancerType");
    if (!t.known) {
        return "unknown";
    }
    return t.value === undefined || t.value === "application" ? "alb" : "other";
}
