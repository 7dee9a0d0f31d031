// security-group-world-web-only-load-balancer: a stack policy, because whether a security group
// belongs to a load balancer is only visible across resources (the load balancers'
// `securityGroups`, by id or, at preview, by dependency). Only the load balancer (and its WAF)
// may be world-reachable; instances and tasks never are (SC-7, SC-7(3)).

import { ingressEntries, ingressLabel, INGRESS_TYPES, SECURITY_GROUP, stackPolicy, StackResource, worldExposure } from "../../lib";
import { LOAD_BALANCER_TYPES } from "./listeners";

export const securityGroupWorldWebOnlyLoadBalancer = stackPolicy({
    name: "security-group-world-web-only-load-balancer",
    description:
        "World-open web ports (80/443) are allowed only on a load balancer's security group: instances and tasks are never " +
        "addressable from the internet, only the load balancer (and its WAF) is (SC-7, SC-7(3)).",
    summary: "World-open web ports (80/443) only on a load balancer's security group, never on instances or tasks",
    severity: "high",
    controls: ["SC-7", "SC-7(3)", "AC-4"],
    remediationSteps:
        "Move the world-open rule to the load balancer's security group and let the targets accept traffic only from that " +
        "group (`referencedSecurityGroupId`).",
    resourceTypes: [...INGRESS_TYPES, ...LOAD_BALANCER_TYPES],
    noVerdict: [
        {
            when: "an ingress entry's world exposure is only possible (unknown protocol, ports or CIDRs at preview)",
            why: "security-group-world-ingress-web-only reports the cannot-verify for that entry; this policy judges where a certain world-open web port lives",
        },
    ],
    options: {
        worldOpenPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "The web ports that may be open to the internet on a load balancer's group.",
        },
    },
    validate: (ctx) => {
        const ports = ctx.config.worldOpenPorts;
        // Index once: the security groups any load balancer uses (by id, or by dependency at preview).
        const lbGroups = new Set<string>();
        let lbUnresolved = 0;
        for (const lb of ctx.ofType(...LOAD_BALANCER_TYPES)) {
            const refs = ctx.resolveRefs(lb, "securityGroups", [SECURITY_GROUP]);
            refs.resources.forEach((g) => lbGroups.add(g.urn));
            lbUnresolved += refs.unresolved;
        }
        const judge = (owner: StackResource, group: StackResource, where: string, open: string) => {
            if (lbGroups.has(group.urn)) {
                return;
            }
            if (lbUnresolved > 0) {
                ctx.cannotVerify(owner, `whether security group "${group.name}" belongs to a load balancer`);
                return;
            }
            ctx.violation(owner, `${where} opens ${open} to the internet, but security group "${group.name}" is not a load balancer's; only a load balancer may be world-reachable.`);
        };
        for (const r of ctx.ofType(...INGRESS_TYPES)) {
            const { entries, malformed } = ingressEntries(r.type, r.props);
            malformed.forEach((m) => ctx.settle(r, m));
            for (const entry of entries) {
                const exposure = worldExposure(entry, ports);
                if (exposure.ports.length === 0) {
                    continue;
                }
                const open = `port(s) ${exposure.ports.join(", ")}`;
                const where = ingressLabel(r.type, r.name, entry);
                if (r.type === SECURITY_GROUP) {
                    judge(r, r, where, open);
                    continue;
                }
                const groups = ctx.resolveRefs(r, "securityGroupId", [SECURITY_GROUP]);
                groups.resources.forEach((g) => judge(r, g, where, open));
                if (groups.unresolved > 0) {
                    ctx.cannotVerify(r, `which security group rule "${r.name}" belongs to`);
                }
            }
        }
    },
});
