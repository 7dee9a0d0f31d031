// Network: the 3-tier VPC, its security groups, endpoints and flow logs; the ports other tiers use.
export { HTTP_PORT, HTTPS_PORT, INTERFACE_ENDPOINTS, Network, POSTGRES_PORT, REDIS_PORT } from "./network";
export type { NetworkArgs, TierSecurityGroups } from "./network";
export { SUBNET_TIERS, subnetLayout, subnetMasks } from "./subnet-layout";
export type { PlannedSubnet, SubnetTier } from "./subnet-layout";
