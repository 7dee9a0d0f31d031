// ec2-no-public-ip: nothing that launches EC2 instances gives them a public IPv4 address, and no
// Elastic IP is attached to an instance. Instances live in private subnets and are reached through
// a load balancer or Session Manager, never directly from the internet (SC-7, AC-4).

import {
    EC2_INSTANCE,
    EIP,
    EIP_ASSOCIATION,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    resourcePolicy,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "../../lib";
import { templateSupplies } from "./capacity";

export const ec2NoPublicIp = resourcePolicy({
    name: "ec2-no-public-ip",
    description:
        "EC2 instances, spot requests, launch templates, launch configurations and spot fleets must not associate a public " +
        "IPv4 address, and no Elastic IP may be attached to an instance: instances live in private subnets behind a load " +
        "balancer and are administered through Session Manager, so none is addressable from the internet (SC-7, AC-4). An " +
        "unset flag is not a public IP here: no subnet maps public IPs on launch (the network policies block it).",
    summary: "EC2 instances, templates, launch configurations and spot requests get no public IP; no Elastic IP on an instance",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Set `associatePublicIpAddress: false` (launch templates: `networkInterfaces[].associatePublicIpAddress: \"false\"`) and " +
        "launch into private subnets; remove the Elastic IP (`aws.ec2.Eip` `instance`, `aws.ec2.EipAssociation` `instanceId`) and " +
        "reach the instance through a load balancer or AWS Systems Manager Session Manager.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, SPOT_FLEET_REQUEST, EIP, EIP_ASSOCIATION],
    noVerdict: [
        {
            when: "an Elastic IP is associated with a network interface or a NAT gateway, not an instance",
            why: "the rule is about instances; NAT gateways need their public address",
        },
        {
            when: "an instance or spot request sets no associatePublicIpAddress and launches from a launch template",
            why: "it takes the template's network interfaces, which this policy judges on the template",
        },
        {
            when: "associatePublicIpAddress is unset, or a launch template or spot fleet request declares no network interfaces or launch specifications",
            why: "EC2 then follows the fleet's launch template (judged itself) or the subnet's mapPublicIpOnLaunch, which subnet-no-public-ip-on-launch requires to be false for subnets of this stack",
        },
    ],
    validate: (ctx) => {
        // associatePublicIpAddress: a boolean, or the "true"/"false" string a launch template sends.
        const judge = (from?: { readonly item: unknown; readonly at: string }) => {
            const flag = ctx.readBoolean("associatePublicIpAddress", from && { from: from.item, at: from.at });
            if (flag.ok && flag.value === true) {
                const path = from ? `${from.at}.associatePublicIpAddress` : "associatePublicIpAddress";
                ctx.violation(`${ctx.label} associates a public IP address (${path} is true); set it to false and launch into a private subnet.`);
            }
        };
        const each = (list: string) => {
            const items = ctx.readArray(list);
            if (items.ok) {
                (items.value ?? []).forEach((item, i) => judge({ item, at: `${list}[${i}]` }));
            }
        };
        switch (ctx.type) {
            case LAUNCH_TEMPLATE:
                return each("networkInterfaces");
            case SPOT_FLEET_REQUEST:
                return each("launchSpecifications");
            case EIP:
            case EIP_ASSOCIATION: {
                const path = ctx.type === EIP ? "instance" : "instanceId";
                const target = ctx.readString(path, { quiet: true });
                // A computed instance id counts as attached; absent or "" is not attached.
                if (!target.ok ? target.unknown : target.value !== undefined && target.value !== "") {
                    ctx.violation(
                        `${ctx.label} attaches a public Elastic IP to an instance (${path} is set); remove it and reach the instance ` +
                            "through a load balancer or Session Manager (NAT gateways and load balancers take an Elastic IP by allocation id).",
                    );
                }
                return;
            }
            default: {
                const supplied = ctx.settle(templateSupplies(ctx.type, ctx.props, "associatePublicIpAddress"));
                if (supplied.ok && supplied.value !== true) {
                    judge();
                }
            }
        }
    },
});

