// How messages name an ingress (or egress) entry, so the network and databases areas say the same
// thing: `Security group "web" ingress[0]` for an inline rule, `Security group rule "ssh"` for a
// standalone aws.ec2.SecurityGroupRule / aws.vpc.SecurityGroupIngressRule (or EgressRule).

import { IngressEntry } from "./network";
import { SECURITY_GROUP } from "./resource-types";

/** `Security group "<name>" <entry label>` or `Security group rule "<name>"` (a standalone rule has no entry label). */
export function ingressLabel(type: string, name: string, entry: IngressEntry): string {
    const owner = type === SECURITY_GROUP ? `Security group "${name}"` : `Security group rule "${name}"`;
    return entry.label ? `${owner} ${entry.label}` : owner;
}
