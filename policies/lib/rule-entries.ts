// A security group's (or standalone rule's) entries of one direction, read for a resource policy
// with the reporting every such policy owes: what lib/network's typed reading found malformed is
// settled (the unwaivable "Cannot evaluate"), a computed list is the advisory "Cannot verify
// ingress|egress", and the entries that could be typed are left to judge. One home, so the network
// and databases areas treat an unreadable rule alike.

import { egressEntries, IngressEntry, ingressEntries } from "./network";
import type { ResourceContext } from "./policy-types";

/** The typed entries of `direction`, after reporting the malformed ones (named by `label`, else the resource's label) and an unknown list. */
export function reportedRuleEntries(ctx: ResourceContext<unknown>, direction: "ingress" | "egress", label?: string): readonly IngressEntry[] {
    const { entries, unknown, malformed } = direction === "ingress" ? ingressEntries(ctx.type, ctx.props) : egressEntries(ctx.type, ctx.props);
    malformed.forEach((m) => ctx.settle(m, { label }));
    if (unknown) {
        ctx.cannotVerify(direction);
    }
    return entries;
}
