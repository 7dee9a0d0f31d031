// Load balancer and listener helpers shared by the network area's edge policies: the type tokens
// (aws.lb and its aws.alb alias), what kind of load balancer a resource is and how an ALB-only
// finding is reported, a listener's effective protocol, and whether an action list only redirects
// to HTTPS. Every field is read through a guard: a value AWS does not define (a misspelt protocol
// or load balancer type) is malformed, never a listener or load balancer the policies skip.

import {
    ALB_LISTENER,
    ALB_LISTENER_RULE,
    ALB_LOAD_BALANCER,
    Checked,
    Guard,
    LB_LISTENER,
    LB_LISTENER_RULE,
    LB_LOAD_BALANCER,
    Malformed,
    NUMBER,
    oneOf,
    readTyped,
    ResourceContext,
    STRING,
} from "../../lib";

export const LOAD_BALANCER_TYPES = [LB_LOAD_BALANCER, ALB_LOAD_BALANCER] as const;
export const LISTENER_TYPES = [LB_LISTENER, ALB_LISTENER] as const;
export const LISTENER_RULE_TYPES = [LB_LISTENER_RULE, ALB_LISTENER_RULE] as const;

/** A typed read of one resource's property (ctx.readAs, or the stack context's bound to a resource). */
export type TypedRead = <T>(path: string, guard: Guard<T>, opts?: { readonly quiet?: boolean }) => Checked<T>;

/**
 * Listener protocols ELB defines (the provider folds case: "https" is HTTPS).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html
 */
const LISTENER_PROTOCOL = oneOf(["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"], { ignoreCase: true });

/**
 * A listener's protocol, upper-cased; undefined for a Gateway LB listener (neither protocol nor
 * port). Not ok when the protocol is unknown (reported by `read` unless quiet) or malformed.
 */
export function listenerProtocol(read: TypedRead): Checked<string | undefined> {
    const protocol = read("protocol", LISTENER_PROTOCOL);
    if (!protocol.ok || protocol.value !== undefined) {
        return protocol;
    }
    // No protocol: HTTP for an ALB listener (the provider's default); a Gateway LB listener has
    // neither protocol nor port, and is not a client-facing listener at all. An unknown port is
    // judged as the ALB default.
    const port = read("port", NUMBER, { quiet: true });
    if (!port.ok && !port.unknown) {
        return port;
    }
    return { ok: true, value: port.ok && port.value === undefined ? undefined : "HTTP" };
}

/** Action types ELB defines (case-sensitive, as the API is). */
const ACTION_TYPE = oneOf(["forward", "redirect", "fixed-response", "authenticate-cognito", "authenticate-oidc"]);

/**
 * Which actions are not a redirect to HTTPS (`field[i]` labels), whether an unknown hides one, and
 * the malformed values found (the caller reports them; a malformed action is not judged further).
 */
export function judgeRedirectActions(list: readonly unknown[], field: string): { bad: string[]; unknown: boolean; malformed: Malformed[] } {
    const bad: string[] = [];
    const malformed: Malformed[] = [];
    let unknown = false;
    list.forEach((action: unknown, i: number) => {
        const at = `${field}[${i}]`;
        const type = readTyped(action, "type", ACTION_TYPE, at);
        if (type.kind === "malformed") {
            malformed.push(type);
        } else if (type.kind === "unknown") {
            unknown = true;
        } else if (type.value !== "redirect") {
            // An action without a type is rejected by AWS; it is not a redirect either.
            bad.push(`${at} is "${type.value ?? "undefined"}"`);
        } else {
            const target = readTyped(action, "redirect.protocol", STRING, at);
            if (target.kind === "malformed") {
                malformed.push(target);
            } else if (target.kind === "unknown") {
                unknown = true;
            } else if (target.value === undefined || target.value.toUpperCase() !== "HTTPS") {
                // Without a protocol the redirect keeps "#{protocol}", i.e. stays on HTTP.
                bad.push(`${at} redirects to protocol ${JSON.stringify(target.value ?? "#{protocol}")}`);
            }
        }
    });
    return { bad, unknown, malformed };
}

const LOAD_BALANCER_TYPE = oneOf(["application", "network", "gateway"]);

/**
 * An ALB is what `loadBalancerType` says, "application" when absent (the provider's default).
 * "malformed" when it is a value ELB does not define (reported by `read`): never skipped as "other".
 */
export function albKind(read: TypedRead): "alb" | "other" | "unknown" | "malformed" {
    const t = read("loadBalancerType", LOAD_BALANCER_TYPE, { quiet: true });
    if (!t.ok) {
        return t.unknown ? "unknown" : "malformed";
    }
    return t.value === undefined || t.value === "application" ? "alb" : "other";
}

/** The fail-open audit entry of every ALB-only requirement (a feature NLBs and GWLBs do not have). */
export const ALB_ONLY_NO_VERDICT = [
    {
        when: 'loadBalancerType is "network" or "gateway"',
        why: "the requirement is an Application Load Balancer feature; NLB and GWLB traffic is recorded by VPC flow logs (vpc-flow-logs-enabled)",
    },
] as const;

/**
 * Whether an ALB-only requirement applies to the load balancer being judged: "alb", "unknown" while
 * loadBalancerType is computed, undefined for an NLB or GWLB and for a malformed type (`albKind`
 * has reported it).
 */
export function albOnly(ctx: ResourceContext<unknown>): "alb" | "unknown" | undefined {
    const kind = albKind((p, g, o) => ctx.readAs(p, g, o));
    return kind === "alb" || kind === "unknown" ? kind : undefined;
}

/**
 * Reports what an ALB-only requirement found missing on a load balancer `albKind` did not rule out: a
 * violation on an ALB; while loadBalancerType is unknown, the advisory "Cannot verify loadBalancerType"
 * (an NLB or GWLB has no such feature, so the finding holds only if it is an ALB).
 */
export function reportAlbFinding(ctx: ResourceContext<unknown>, kind: "alb" | "unknown", message: string): void {
    if (kind === "unknown") {
        ctx.cannotVerify("loadBalancerType");
    } else {
        ctx.violation(message);
    }
}
