// ec2-instance-in-stack-vpc: a stack policy, because "a subnet of our VPC" is a relation. EC2
// instances, spot requests and Auto Scaling groups launch into subnets this stack declares
// (aws.ec2.Subnet), never into the default VPC: without a subnet EC2 picks the default VPC's
// default subnet, whose subnets map public IPs and whose default security group and routes this
// stack does not govern (SC-7, AC-4). Subnets are tied by value or by property dependencies; a
// subnet the stack cannot see is reported as "cannot verify", never assumed.

import {
    ARRAY,
    AUTOSCALING_GROUP,
    AWSX_VPC,
    Checked,
    DEFAULT_SUBNET,
    DEFAULT_VPC,
    EC2_INSTANCE,
    labelFor,
    LAUNCH_TEMPLATE,
    OBJECT,
    ResolvedRefs,
    SPOT_INSTANCE_REQUEST,
    StackContext,
    stackPolicy,
    StackResource,
    SUBNET,
    VPC,
} from "../../lib";
import { NETWORK_INTERFACE } from "./resource-types";

const SUBNET_TYPES = [SUBNET, DEFAULT_SUBNET] as const;

/** How a set of subnet references came out: all in the stack's own VPCs, or not. */
interface Placement {
    readonly inDefaultVpc: string[];
    readonly unresolved: boolean;
}

function judgeSubnets(ctx: StackContext<unknown>, refs: ResolvedRefs): Placement {
    const inDefaultVpc: string[] = [];
    let unresolved = refs.unresolved > 0;
    for (const subnet of refs.resources) {
        if (subnet.type === DEFAULT_SUBNET) {
            inDefaultVpc.push(`default subnet "${subnet.name}"`);
            continue;
        }
        // A subnet of this stack in a VPC of this stack, or in a VPC given by id: only an adopted
        // default VPC (aws.ec2.DefaultVpc) is the default VPC.
        const vpc = ctx.resolveRefs(subnet, "vpcId", [VPC, AWSX_VPC, DEFAULT_VPC], ["id", "vpcId"]);
        const defaultVpc = vpc.resources.find((v) => v.type === DEFAULT_VPC);
        if (defaultVpc) {
            inDefaultVpc.push(`subnet "${subnet.name}" of default VPC "${defaultVpc.name}"`);
        } else if (vpc.listUnknown && vpc.resources.length === 0) {
            unresolved = true;
        }
    }
    return { inDefaultVpc, unresolved };
}

/** A subnet reference read typed: "unknown" (computed), "absent" (unset or ""), "set", or "malformed" (reported). */
function presence(c: Checked<unknown>, empty?: (v: unknown) => boolean): "unknown" | "absent" | "set" | "malformed" {
    if (!c.ok) {
        return c.unknown ? "unknown" : "malformed";
    }
    return c.value === undefined || (empty !== undefined && empty(c.value)) ? "absent" : "set";
}

const isEmptyString = (v: unknown): boolean => v === "";

/**
 * The subnets an instance or spot request launches into: its own subnetId, its network interfaces'
 * or its template's. "malformed": a field it depends on has the wrong type (reported, mandatory).
 */
function instanceSubnets(ctx: StackContext<unknown>, r: StackResource): Placement | "none" | "malformed" {
    const subnetId = presence(ctx.readString(r, "subnetId", { quiet: true }), isEmptyString);
    if (subnetId === "malformed") {
        return "malformed";
    }
    if (subnetId !== "absent") {
        return judgeSubnets(ctx, ctx.resolveRefs(r, "subnetId", SUBNET_TYPES));
    }
    // Network interfaces created beforehand (aws.ec2.NetworkInterface) carry the subnet.
    const nics: StackResource[] = [];
    let unresolved = false;
    for (const [field, guard] of [["primaryNetworkInterface", OBJECT], ["networkInterfaces", ARRAY]] as const) {
        const v = presence(ctx.readAs<unknown>(r, field, guard, { quiet: true }));
        if (v === "malformed") {
            return "malformed";
        }
        if (v === "unknown") {
            unresolved = true;
        } else if (v === "set") {
            // The id sits inside the block (networkInterfaceId): the block's property dependency ties it.
            const refs = ctx.resolveRefs(r, field, [NETWORK_INTERFACE], undefined, { blocks: true });
            nics.push(...refs.resources);
            unresolved = unresolved || refs.unresolved > 0;
        }
    }
    if (nics.length > 0 || unresolved) {
        const placements = nics.map((nic) => judgeSubnets(ctx, ctx.resolveRefs(nic, "subnetId", SUBNET_TYPES)));
        return { inDefaultVpc: placements.flatMap((p) => p.inDefaultVpc), unresolved: unresolved || placements.some((p) => p.unresolved) };
    }
    // A launch template may name the subnet in its first network interface.
    const template = presence(ctx.readObject(r, "launchTemplate", { quiet: true }));
    if (template === "malformed") {
        return "malformed";
    }
    if (template !== "absent") {
        const templates = ctx.resolveRefs(r, "launchTemplate", [LAUNCH_TEMPLATE], undefined, { blocks: true });
        if (templates.resources.length === 0) {
            return { inDefaultVpc: [], unresolved: true };
        }
        const lt = templates.resources[0];
        const ltNics = ctx.readArray(lt, "networkInterfaces", { quiet: true });
        if (!ltNics.ok) {
            return ltNics.unknown ? { inDefaultVpc: [], unresolved: true } : "malformed"; // malformed: reported against the template
        }
        let named = false;
        for (const [i, n] of (ltNics.value ?? []).entries()) {
            const id = presence(ctx.readString(lt, "subnetId", { from: n, at: `networkInterfaces[${i}]`, quiet: true }), isEmptyString);
            if (id === "malformed") {
                return "malformed";
            }
            named = named || id !== "absent";
        }
        if (named) {
            return judgeSubnets(ctx, ctx.resolveRefs(lt, "networkInterfaces", SUBNET_TYPES, undefined, { blocks: true }));
        }
    }
    return "none";
}

export const ec2InstanceInStackVpc = stackPolicy({
    name: "ec2-instance-in-stack-vpc",
    description:
        "EC2 instances, spot requests and Auto Scaling groups must launch into subnets this stack declares (aws.ec2.Subnet), " +
        "never into the default VPC: without a subnet (`subnetId`, a network interface, a launch template's interface, or an " +
        "Auto Scaling group's `vpcZoneIdentifiers`) EC2 uses the default VPC's default subnet, whose public IP mapping, default " +
        "security group and routes the stack does not govern; an adopted aws.ec2.DefaultSubnet or a subnet of an adopted " +
        "aws.ec2.DefaultVpc is the default VPC too (SC-7, AC-4). A subnet the stack cannot tie by value or property dependency " +
        "is reported as cannot-verify.",
    summary: "EC2 instances, spot requests and Auto Scaling groups launch into the stack's own subnets, never the default VPC",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Set `subnetId` (instances, spot requests) or `vpcZoneIdentifiers` (Auto Scaling groups) to private subnets of a VPC the " +
        "stack declares (`aws.ec2.Subnet` in an `aws.ec2.Vpc`), not the default VPC.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, AUTOSCALING_GROUP, SUBNET, DEFAULT_SUBNET, VPC, DEFAULT_VPC, NETWORK_INTERFACE, LAUNCH_TEMPLATE],
    noVerdict: [],
    validate: (ctx) => {
        for (const r of ctx.ofType(EC2_INSTANCE, SPOT_INSTANCE_REQUEST, AUTOSCALING_GROUP)) {
            const label = labelFor(r.type, r.name);
            let placement: Placement | "none" | "malformed";
            if (r.type === AUTOSCALING_GROUP) {
                const zones = ctx.readArray(r, "vpcZoneIdentifiers", { quiet: true });
                placement = !zones.ok
                    ? zones.unknown
                        ? judgeSubnets(ctx, ctx.resolveRefs(r, "vpcZoneIdentifiers", SUBNET_TYPES))
                        : "malformed"
                    : (zones.value ?? []).length === 0
                      ? "none"
                      : judgeSubnets(ctx, ctx.resolveRefs(r, "vpcZoneIdentifiers", SUBNET_TYPES));
            } else {
                placement = instanceSubnets(ctx, r);
            }
            if (placement === "malformed") {
                continue; // a field it launches by has the wrong type: reported (mandatory, unwaivable)
            }
            if (placement === "none") {
                const field = r.type === AUTOSCALING_GROUP ? "vpcZoneIdentifiers" : "subnetId";
                ctx.violation(r, `${label} names no subnet, so it launches into the default VPC; set ${field} to private subnets of a VPC this stack declares.`);
            } else if (placement.inDefaultVpc.length > 0) {
                ctx.violation(
                    r,
                    `${label} launches into the default VPC (${placement.inDefaultVpc.join(", ")}); use private subnets of a VPC this stack declares.`,
                );
            } else if (placement.unresolved) {
                ctx.cannotVerify(r, `that every subnet of ${label} belongs to a VPC this stack declares`);
            }
        }
    },
});
