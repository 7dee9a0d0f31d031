// subnet-no-public-ip-on-launch: every subnet, public tier included. An instance, task or interface
// launched into a subnet that maps public IPv4 (or assigns IPv6) addresses gets an internet-routable
// address without asking for one (SC-7, AC-4). Load balancers and NAT gateways get their public
// addresses from AWS without the attribute, so no tier needs it. Security Hub reports it as EC2.15;
// cdk-nag as VPCSubnetAutoAssignPublicIpDisabled. Replaces subnet-private-tier-no-public-ip, which
// judged only subnets tagged or named private.

import { DEFAULT_SUBNET, resourcePolicy, SUBNET } from "../../lib";

export const subnetNoPublicIpOnLaunch = resourcePolicy({
    name: "subnet-no-public-ip-on-launch",
    description:
        "No subnet, public tier included, may map public IPv4 addresses (`mapPublicIpOnLaunch`) or assign IPv6 addresses " +
        "(`assignIpv6AddressOnCreation`) on launch: whatever is launched there would get an internet-routable address " +
        "without asking for one. Load balancers and NAT gateways get their addresses without it (SC-7, AC-4).",
    summary: "No subnet maps public IPv4 or assigns IPv6 addresses on launch (public tier included)",
    severity: "high",
    controls: ["SC-7", "SC-7(3)", "AC-4"],
    remediationSteps:
        "Set `mapPublicIpOnLaunch: false` and `assignIpv6AddressOnCreation: false` (aws.ec2.DefaultSubnet: set " +
        "`mapPublicIpOnLaunch: false` explicitly, its default is true). Give a resource that must be public its address " +
        "explicitly (an Elastic IP, a load balancer) instead.",
    resourceTypes: [SUBNET, DEFAULT_SUBNET],
    noVerdict: [],
    validate: (ctx) => {
        const flags = [
            // A default subnet keeps AWS's `true` unless the program sets false (provider docs).
            { path: "mapPublicIpOnLaunch", absent: ctx.type === DEFAULT_SUBNET, what: "maps public IPv4 addresses on launch" },
            { path: "assignIpv6AddressOnCreation", absent: false, what: "assigns IPv6 addresses on launch" },
        ];
        for (const flag of flags) {
            // Typed: unknown → advisory; anything but a boolean (or "true"/"false") → mandatory, never waived.
            const v = ctx.readBoolean(flag.path);
            if (!v.ok) {
                continue;
            }
            if (v.value ?? flag.absent) {
                const how = v.value === undefined ? "(a default subnet's default)" : `(${flag.path}: true)`;
                ctx.violation(`Subnet "${ctx.name}" ${flag.what} ${how}; set ${flag.path} to false.`);
            }
        }
    },
});
