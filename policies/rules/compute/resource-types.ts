// Type tokens only the compute policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const AUTOSCALING_ATTACHMENT = "aws:autoscaling/attachment:Attachment";
export const AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT = "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment";
export const BATCH_COMPUTE_ENVIRONMENT = "aws:batch/computeEnvironment:ComputeEnvironment";
export const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
