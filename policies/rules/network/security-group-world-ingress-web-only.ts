// security-group-world-ingress-web-only: judges every ingress entry of security groups and
// standalone rules; only the web ports may face 0.0.0.0/0 or ::/0 (SC-7 deny by default,
// CM-7). Which group may hold them is security-group-world-web-only-load-balancer's concern.

import {
    describeRange,
    IngressEntry,
    ingressLabel,
    INGRESS_TYPES,
    isUnknown,
    portRange,
    reportedRuleEntries,
    resourcePolicy,
    worldSources,
} from "../../lib";

type WorldOpen = { kind: "none" } | { kind: "possible" } | { kind: "definite"; ports: string; sources: readonly string[] };

/** Whether an entry opens any port outside `allowed` to 0.0.0.0/0 or ::/0. */
export function worldOpenBeyond(entry: IngressEntry, allowed: ReadonlySet<number>): WorldOpen {
    const sources = worldSources(entry.cidrs);
    const unknownSource = entry.cidrs.some((c) => isUnknown(c));
    if (sources.length === 0 && !unknownSource) {
        return { kind: "none" };
    }
    const range = portRange(entry);
    if (range.kind === "none") {
        // ICMP has no ports; world ICMP is not a listening service.
        return { kind: "none" };
    }
    if (range.kind === "unknown") {
        return { kind: "possible" };
    }
    if (range.kind === "range") {
        const width = range.to - range.from + 1;
        let inside = 0;
        for (const p of allowed) {
            if (p >= range.from && p <= range.to) {
                inside++;
            }
        }
        if (inside === width) {
            return { kind: "none" };
        }
    }
    if (sources.length === 0 || entry.uncertain) {
        return { kind: "possible" };
    }
    return { kind: "definite", ports: describeRange(range), sources };
}

export const securityGroupWorldIngressWebOnly = resourcePolicy({
    name: "security-group-world-ingress-web-only",
    description:
        "Security groups and rules may open only the web ports (80/443 by default) to 0.0.0.0/0 or ::/0: every other " +
        "service is reached from inside the VPC, through the load balancer, or not at all (SC-7 deny by default).",
    summary: "Security groups and rules open only the web ports (80/443 by default) to 0.0.0.0/0 or ::/0",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "CM-7"],
    remediationSteps:
        "Replace the world CIDR with the security group or private CIDR that needs the port, and narrow protocol \"-1\" / " +
        "0-65535 rules to the one port the service listens on.",
    resourceTypes: INGRESS_TYPES,
    noVerdict: [],
    options: {
        worldOpenPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "The only ports that may be open to the whole internet (and then only on a load balancer's group).",
        },
    },
    validate: (ctx) => {
        const allowed = new Set(ctx.config.worldOpenPorts);
        for (const entry of reportedRuleEntries(ctx, "ingress")) {
            const open = worldOpenBeyond(entry, allowed);
            if (open.kind === "definite") {
                ctx.violation(
                    `${ingressLabel(ctx.type, ctx.name, entry)} opens ${open.ports} to ${open.sources.join(", ")}; only ports ` +
                        `${[...allowed].join(", ")} may be open to the internet.`,
                );
            } else if (open.kind === "possible") {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports, source CIDRs or rule type`);
            }
        }
    },
});
