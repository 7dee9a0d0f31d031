// managed-prefix-list-no-world-cidr: judges managed prefix lists and their standalone entries.
//
// A security group rule can name a managed prefix list instead of CIDRs (`prefixListIds`,
// `prefixListId`), and the world-ingress policies only see CIDRs: a prefix list that holds the
// whole internet would open a group to everyone unseen. So the list itself is judged (SC-7, AC-4).

import { Checked, resourcePolicy, UNKNOWN, worldSources } from "../../lib";
import { MANAGED_PREFIX_LIST, MANAGED_PREFIX_LIST_ENTRY } from "./resource-types";

const PREFIX_LIST_TYPES = [MANAGED_PREFIX_LIST, MANAGED_PREFIX_LIST_ENTRY] as const;

export const managedPrefixListNoWorldCidr = resourcePolicy({
    name: "managed-prefix-list-no-world-cidr",
    description:
        "Managed prefix lists must not contain 0.0.0.0/0, ::/0 or CIDRs that together cover every address: a security " +
        "group rule that references such a list is open to the whole internet, and the world-ingress policies only see " +
        "CIDRs written in the rule (SC-7, AC-4).",
    summary: "Managed prefix lists hold no 0.0.0.0/0, ::/0 or CIDRs that together cover every address",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "List the specific source ranges in the prefix list. For internet-facing web traffic, open 443 with a CIDR on the load " +
        "balancer's security group instead (security-group-world-web-only-load-balancer judges it).",
    resourceTypes: PREFIX_LIST_TYPES,
    noVerdict: [],
    validate: (ctx) => {
        const single = ctx.type === PREFIX_LIST_TYPES[1];
        const label = single ? `Managed prefix list entry "${ctx.name}"` : `Managed prefix list "${ctx.name}"`;
        const reads: Checked<string>[] = [];
        if (single) {
            reads.push(ctx.readString("cidr", { quiet: true }));
        } else {
            const entries = ctx.readArray("entries");
            if (!entries.ok) {
                return;
            }
            (entries.value ?? []).forEach((entry, i) => reads.push(ctx.readString("cidr", { from: entry, at: `entries[${i}]`, quiet: true })));
        }
        if (reads.some((r) => !r.ok && !r.unknown)) {
            return; // malformed: reported
        }
        const world = worldSources(reads.map((r) => (r.ok ? r.value : UNKNOWN)));
        if (world.length > 0) {
            ctx.violation(`${label} contains ${world.join(", ")} (every address): a security group rule that references it is open to the internet; list the specific ranges instead.`);
        } else if (reads.some((r) => !r.ok)) {
            ctx.cannotVerify(single ? "cidr" : "entries' cidr");
        }
    },
});
