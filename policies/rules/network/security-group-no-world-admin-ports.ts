// security-group-no-world-admin-ports: judges every ingress entry of security groups and
// standalone rules for SSH/RDP open to the internet. Remote administration goes through SSM
// Session Manager or a VPN/bastion, never straight from the internet (AC-17, SC-7).

import { ingressLabel, INGRESS_TYPES, reportedRuleEntries, resourcePolicy, worldExposure } from "../../lib";

export const securityGroupNoWorldAdminPorts = resourcePolicy({
    name: "security-group-no-world-admin-ports",
    description:
        "No security group or rule may open SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0: remote administration goes " +
        "through SSM Session Manager or a bastion reached over the VPN, never straight from the internet (AC-17, SC-7).",
    summary: "No security group or rule opens SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0",
    severity: "critical",
    controls: ["AC-17", "SC-7", "CM-7"],
    remediationSteps:
        "Delete the rule and use SSM Session Manager (no inbound port at all), or restrict the source to the operators' " +
        "VPN CIDR or a bastion's security group.",
    resourceTypes: INGRESS_TYPES,
    noVerdict: [],
    options: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 3389],
            description: "Remote-administration ports that must never be open to the internet.",
        },
    },
    validate: (ctx) => {
        for (const entry of reportedRuleEntries(ctx, "ingress")) {
            const exposure = worldExposure(entry, ctx.config.adminPorts);
            if (exposure.ports.length > 0) {
                ctx.violation(
                    `${ingressLabel(ctx.type, ctx.name, entry)} opens remote-administration port(s) ${exposure.ports.join(", ")} to ` +
                        `${exposure.sources.join(", ")}; use SSM Session Manager or a VPN/bastion source instead.`,
                );
            } else if (exposure.possible) {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports, source CIDRs or rule type`);
            }
        }
    },
});
