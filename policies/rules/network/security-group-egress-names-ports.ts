// security-group-egress-names-ports: egress is part of the boundary too. A group that may send
// any protocol, or any port, to the whole internet lets a compromised task exfiltrate data or
// reach a command-and-control server over whatever the attacker picks (SC-7, SC-7(5), AC-4).
// Egress names its ports and, where possible, peers: 443 to the VPC endpoints' group or the S3
// prefix list, 5432 / 6379 to the data groups. A named port to the internet (443 through a NAT
// gateway, say) is allowed: the rule is about "everything", not about the internet itself.

import {
    EGRESS_TYPES,
    IngressEntry,
    ingressLabel,
    isUnknown,
    portRange,
    reportedRuleEntries,
    resourcePolicy,
    SECURITY_GROUP,
    worldSources,
} from "../../lib";


/** An entry's protocol as text: egressEntries types it (a string or a number), never String() on raw input. */
function protocolText(entry: IngressEntry): string {
    const p = entry.protocol;
    return typeof p === "string" ? p.toLowerCase() : typeof p === "number" ? p.toString() : "";
}

/** What an entry's protocol and ports allow: everything, every port of one protocol, something named, or unknown. */
function breadth(entry: IngressEntry): "all-protocols" | "all-ports" | "named" | "unknown" {
    const range = portRange(entry);
    if (range.kind === "unknown") {
        return "unknown";
    }
    if (range.kind === "all") {
        const protocol = protocolText(entry);
        return protocol === "-1" || protocol === "all" ? "all-protocols" : "all-ports";
    }
    // Port 0 is reserved: 1-65535 is every port too.
    return range.kind === "range" && range.from <= 1 && range.to >= 65535 ? "all-ports" : "named";
}

export const securityGroupEgressNamesPorts = resourcePolicy({
    name: "security-group-egress-names-ports",
    description:
        "Security group egress must name its ports: no rule may allow all protocols or all ports to 0.0.0.0/0 or ::/0 " +
        "(inline `egress`, aws.vpc.SecurityGroupEgressRule, aws.ec2.SecurityGroupRule of type egress). A compromised " +
        "workload must not be able to reach anything on the internet over anything (SC-7, SC-7(5), AC-4).",
    summary: "No security group egress allows all protocols or all ports to 0.0.0.0/0 or ::/0",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    remediationSteps:
        "Replace the allow-all egress with rules that name the port and, where possible, the peer: 443 to the VPC " +
        "endpoints' security group (`referencedSecurityGroupId`) or to the S3 gateway endpoint's prefix list " +
        "(`prefixListId`), 5432/6379 to the database and cache groups. If a workload really needs the internet, allow " +
        "only its port (e.g. tcp 443 to 0.0.0.0/0 through a NAT gateway). A group with no egress rule sends nothing.",
    resourceTypes: EGRESS_TYPES,
    noVerdict: [],
    validate: (ctx) => {
        // Every field is typed by egressEntries: an entry with a protocol, port or CIDR of the wrong type is
        // left out and reported by reportedRuleEntries ("Cannot evaluate …", mandatory, never waived).
        const label = ctx.type === SECURITY_GROUP ? `security group "${ctx.name}"` : `security group rule "${ctx.name}"`;
        for (const entry of reportedRuleEntries(ctx, "egress", label)) {
            const where = ingressLabel(ctx.type, ctx.name, entry);
            const world = worldSources(entry.cidrs);
            const destinationUnknown = entry.cidrs.some((c) => isUnknown(c));
            if (world.length === 0 && !destinationUnknown) {
                continue;
            }
            const b = breadth(entry);
            if (b === "named") {
                continue;
            }
            if (b === "unknown" || world.length === 0 || entry.uncertain) {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports, destination CIDRs or rule type`);
                continue;
            }
            const what = b === "all-protocols" ? "all protocols" : `all ${protocolText(entry)} ports`;
            ctx.violation(
                `${where} allows ${what} to ${world.join(", ")}; name the ports and peers it needs (e.g. tcp 443 to the VPC ` +
                    "endpoints' security group or a prefix list).",
            );
        }
    },
});
