// EC2 capacity as the compute policies see it: the type tokens of everything that launches
// instances, and the rule that settings a launch template supplies are judged on the template.
// (A boolean flag is read with ctx.readBoolean, which also takes the "true"/"false" strings the
// provider bridge sends for some template fields.)

import { isUnknown } from "../../lib";

export const INSTANCE = "aws:ec2/instance:Instance";
export const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const SPOT_FLEET_REQUEST = "aws:ec2/spotFleetRequest:SpotFleetRequest";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
export const VPC = "aws:ec2/vpc:Vpc";
export const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
export const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/** Instances and spot requests: they launch one instance, optionally from a launch template. */
export const SINGLE_INSTANCE_TYPES: ReadonlySet<string> = new Set([INSTANCE, SPOT_INSTANCE_REQUEST]);

/**
 * True when an instance or spot request launches from a launch template and does not set `field`
 * itself: the template supplies it, and the template is judged on its own (a template outside the
 * stack is outside the guard's view).
 */
export function templateSupplies(type: string, props: Readonly<Record<string, unknown>>, field: string): boolean {
    if (!SINGLE_INSTANCE_TYPES.has(type)) {
        return false;
    }
    const own = props[field];
    const template = props.launchTemplate;
    return (own === undefined || own === null) && template !== undefined && template !== null && (isUnknown(template) || typeof template === "object");
}
