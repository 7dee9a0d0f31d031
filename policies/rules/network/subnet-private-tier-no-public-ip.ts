// subnet-private-tier-no-public-ip: judges subnets that a Tier tag or their name marks as private
// or isolated. An instance or task there must never get an internet-routable address (SC-7).
// Whether a subnet group's subnets route to an internet gateway is db-subnet-group-private's concern.

import { findGlobMatch, resourcePolicy } from "../../lib";

export const subnetPrivateTierNoPublicIp = resourcePolicy({
    name: "subnet-private-tier-no-public-ip",
    description:
        "Subnets of the private tiers (tagged Tier=private/isolated, or so named) must not map public IPs on launch: an " +
        "instance or task there must never get an internet-routable address (SC-7).",
    summary: "Private- and isolated-tier subnets (by Tier tag or name) do not map public IPs on launch",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    anchors: [
        "NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled",
        "52f04a44-6bfa-4c41-b1d3-4ae99a2de05c", // KICS: VPC Subnet Assigns Public IP
    ],
    remediationSteps: "Set `mapPublicIpOnLaunch: false` (the default) on private and isolated subnets.",
    resourceTypes: ["aws:ec2/subnet:Subnet"],
    options: {
        tierTagKey: { type: "string", default: "Tier", description: "Tag whose value names the subnet's tier." },
        privateTierValues: {
            type: "array",
            items: { type: "string" },
            default: ["private", "isolated"],
            description: "Tier tag values (case-insensitive) that mark a private subnet.",
        },
        privateNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: ["*private*", "*isolated*"],
            description: "Globs over the resource name and the Name tag that mark a private subnet.",
        },
    },
    validate: (ctx) => {
        const mapPublic = ctx.read("mapPublicIpOnLaunch");
        if (mapPublic.known && mapPublic.value !== true) {
            return;
        }
        const tier = ctx.read(`tags.${ctx.config.tierTagKey}`);
        const nameTag = ctx.read("tags.Name");
        const names = [ctx.name, nameTag.known && typeof nameTag.value === "string" ? nameTag.value : ""];
        const byTag = tier.known && typeof tier.value === "string" && ctx.config.privateTierValues.some((v) => v.toLowerCase() === (tier.value as string).toLowerCase());
        const byName = findGlobMatch(ctx.config.privateNamePatterns, names) !== undefined;
        if (!byTag && !byName) {
            if (!tier.known || !nameTag.known) {
                ctx.cannotVerify("the subnet's tier tags");
            }
            return;
        }
        if (!mapPublic.known) {
            ctx.cannotVerify("mapPublicIpOnLaunch");
            return;
        }
        ctx.violation(`Private-tier subnet "${ctx.name}" maps public IPs on launch; set mapPublicIpOnLaunch to false.`);
    },
});
