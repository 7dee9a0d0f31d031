// Which subnets are meant to be private: a tier tag (Tier=private/isolated) or a name that says so
// (the resource's name or its Name tag). The options are the ones subnet-private-tier-no-public-ip
// introduced; subnet-private-tier-no-igw-route now owns them.

import type { OptionSpecs } from "./config";
import { findGlobMatch } from "./glob";
import { read } from "./unknowns";

export const PRIVATE_TIER_OPTIONS = {
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
} as const satisfies OptionSpecs;

export interface PrivateTierConfig {
    readonly tierTagKey: string;
    readonly privateTierValues: readonly string[];
    readonly privateNamePatterns: readonly string[];
}

/**
 * "private" when the tier tag or a name marks the subnet private; "other" when nothing does;
 * "unknown" when nothing known does but the tags are unknown (they might).
 */
export function privateTierOf(subnet: { readonly name: string; readonly props: unknown }, config: PrivateTierConfig): "private" | "other" | "unknown" {
    const tier = read(subnet.props, ["tags", config.tierTagKey]);
    const nameTag = read(subnet.props, ["tags", "Name"]);
    const byTag =
        tier.known && typeof tier.value === "string" && config.privateTierValues.some((v) => v.toLowerCase() === (tier.value as string).toLowerCase());
    const names = [subnet.name, nameTag.known && typeof nameTag.value === "string" ? nameTag.value : ""];
    if (byTag || findGlobMatch(config.privateNamePatterns, names) !== undefined) {
        return "private";
    }
    return tier.known && nameTag.known ? "other" : "unknown";
}
