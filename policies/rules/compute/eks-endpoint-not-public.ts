// eks-endpoint-not-public: the Kubernetes API of an EKS cluster is not open to the internet. The
// endpoint is private, or public only to listed CIDRs (never 0.0.0.0/0 or ::/0, AWS's default when
// none are listed): the API server is the cluster's control plane (SC-7, AC-17, AC-4).

import { EKS_CLUSTER, resourcePolicy, worldSources } from "../../lib";

export const eksEndpointNotPublic = resourcePolicy({
    name: "eks-endpoint-not-public",
    description:
        "EKS clusters must not expose the Kubernetes API to the internet: a private endpoint (`vpcConfig.endpointPublicAccess: " +
        "false`, `endpointPrivateAccess: true`), or a public endpoint restricted to listed CIDRs in `vpcConfig.publicAccessCidrs` " +
        "that do not cover the whole internet (AWS opens it to 0.0.0.0/0 when none are listed) (SC-7, AC-17, AC-4).",
    summary: "EKS API endpoints are private, or public only to listed CIDRs (never 0.0.0.0/0 or ::/0)",
    severity: "critical",
    controls: ["SC-7", "AC-17", "AC-4"],
    remediationSteps:
        "Set `vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, … }` and reach the API from inside the VPC " +
        "(a bastion through Session Manager, a VPN or Direct Connect); if a public endpoint is needed, list the operator CIDRs in " +
        "`vpcConfig.publicAccessCidrs`.",
    resourceTypes: [EKS_CLUSTER],
    noVerdict: [
        {
            when: "the public endpoint is off (endpointPublicAccess false)",
            why: "the API server is reachable only from the VPC",
        },
    ],
    validate: (ctx) => {
        const pub = ctx.readBoolean("vpcConfig.endpointPublicAccess");
        // Absent: AWS turns the public endpoint on.
        if (!pub.ok || pub.value === false) {
            return;
        }
        const cidrs = ctx.readArray("vpcConfig.publicAccessCidrs");
        if (!cidrs.ok) {
            return;
        }
        const list = cidrs.value ?? [];
        if (list.length === 0) {
            return ctx.violation(
                `${ctx.label} has a public API endpoint open to 0.0.0.0/0 (no publicAccessCidrs listed); set vpcConfig.endpointPublicAccess: ` +
                    "false with endpointPrivateAccess: true, or list the operator CIDRs in vpcConfig.publicAccessCidrs.",
            );
        }
        // Each CIDR a string (reported when not); computed ones are judged when known.
        const known: string[] = [];
        let unknownCidr = false;
        list.forEach((_, i) => {
            const c = ctx.readString(`vpcConfig.publicAccessCidrs.${i}`, { quiet: true });
            if (c.ok && c.value !== undefined) {
                known.push(c.value);
            } else if (!c.ok && c.unknown) {
                unknownCidr = true;
            }
        });
        const world = worldSources(known);
        if (world.length > 0) {
            return ctx.violation(
                `${ctx.label} has a public API endpoint open to the whole internet (${world.join(", ")}); set vpcConfig.endpointPublicAccess: ` +
                    "false with endpointPrivateAccess: true, or list only the operator CIDRs in vpcConfig.publicAccessCidrs.",
            );
        }
        if (unknownCidr) {
            ctx.cannotVerify("vpcConfig.publicAccessCidrs");
        }
    },
});
