// subnet-private-tier-no-public-ip: judges subnets that a Tier tag or their name marks as private
// or isolated. An instance or task there must never get an internet-routable address (SC-7).
// Whether a subnet group's subnets route to an internet gateway is db-subnet-group-private's concern.

import { Checked, findGlobMatch, ownValue, resourcePolicy, STRING } from "../../lib";

export const subnetPrivateTierNoPublicIp = resourcePolicy({
    name: "subnet-private-tier-no-public-ip",
    description:
        "Subnets of the private tiers (tagged Tier=private/isolated, or so named) must not map public IPs on launch: an " +
        "instance or task there must never get an internet-routable address (SC-7).",
    summary: "Private- and isolated-tier subnets (by Tier tag or name) do not map public IPs on launch",
    severity: "high",
    controls: ["SC-7", "AC-4"],
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
    noVerdict: [
        {
            when: "the subnet is marked private neither by its tier tag nor by its name or Name tag",
            why: "a public-tier subnet may map public IPs; db-subnet-group-private judges every subnet a data store uses, whatever its name",
        },
    ],
    validate: (ctx) => {
        const mapPublic = ctx.readBoolean("mapPublicIpOnLaunch", { quiet: true });
        if ((mapPublic.ok && mapPublic.value !== true) || (!mapPublic.ok && !mapPublic.unknown)) {
            return;
        }
        const tags = ctx.readObject("tags", { quiet: true });
        if (!tags.ok && !tags.unknown) {
            return; // malformed: reported
        }
        const tag = (key: string): Checked<string> =>
            tags.ok ? ctx.check(ownValue(tags.value, key), STRING, `tags.${key}`, { quiet: true }) : { ok: false, unknown: true };
        const tier = tag(ctx.config.tierTagKey);
        const nameTag = tag("Name");
        if ((!tier.ok && !tier.unknown) || (!nameTag.ok && !nameTag.unknown)) {
            return; // malformed: reported
        }
        const names = [ctx.name, nameTag.ok && nameTag.value !== undefined ? nameTag.value : ""];
        const tierValue = tier.ok ? tier.value?.toLowerCase() : undefined;
        const byTag = tierValue !== undefined && ctx.config.privateTierValues.some((v) => v.toLowerCase() === tierValue);
        const byName = findGlobMatch(ctx.config.privateNamePatterns, names) !== undefined;
        if (!byTag && !byName) {
            if (!tier.ok || !nameTag.ok) {
                ctx.cannotVerify("the subnet's tier tags");
            }
            return;
        }
        if (!mapPublic.ok) {
            ctx.cannotVerify("mapPublicIpOnLaunch");
            return;
        }
        ctx.violation(`Private-tier subnet "${ctx.name}" maps public IPs on launch; set mapPublicIpOnLaunch to false.`);
    },
});
