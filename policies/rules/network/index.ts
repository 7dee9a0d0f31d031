// Network boundary and edge (SC-7 boundary protection, SC-8/SC-13 TLS, AU-2/AU-12 logging,
// SI-10 input validation): what the internet can reach, how, what the estate can reach, and what
// is recorded about it.
//
// One file per policy; listeners.ts holds the load balancer / listener helpers several of them
// share. This index only imports: a new policy is one new file plus one line below.

import { GovPolicy } from "../../lib";
import { albAccessLogsEnabled } from "./alb-access-logs-enabled";
import { albDropsInvalidHeaders } from "./alb-drops-invalid-headers";
import { albHttpListenerRulesRedirectOnly } from "./alb-http-listener-rules-redirect-only";
import { albHttpRedirectsToHttps } from "./alb-http-redirects-to-https";
import { albListenerTlsPolicy, DEFAULT_TLS_POLICIES } from "./alb-listener-tls-policy";
import { albWafAssociated } from "./alb-waf-associated";
import { managedPrefixListNoWorldCidr } from "./managed-prefix-list-no-world-cidr";
import { networkAclNoWorldAdminIngress } from "./network-acl-no-world-admin-ingress";
import { networkRulesDeclaredOneWay } from "./network-rules-declared-one-way";
import { securityGroupEgressNamesPorts } from "./security-group-egress-names-ports";
import { securityGroupNoWorldAdminPorts } from "./security-group-no-world-admin-ports";
import { securityGroupWorldIngressWebOnly, worldOpenBeyond } from "./security-group-world-ingress-web-only";
import { securityGroupWorldWebOnlyLoadBalancer } from "./security-group-world-web-only-load-balancer";
import { subnetNoPublicIpOnLaunch } from "./subnet-no-public-ip-on-launch";
import { subnetPrivateTierNoIgwRoute } from "./subnet-private-tier-no-igw-route";
import { vpcDefaultSecurityGroupClosed } from "./vpc-default-security-group-closed";
import { vpcFlowLogsEnabled } from "./vpc-flow-logs-enabled";

export const networkPolicies: GovPolicy[] = [
    securityGroupWorldIngressWebOnly,
    securityGroupNoWorldAdminPorts,
    securityGroupWorldWebOnlyLoadBalancer,
    securityGroupEgressNamesPorts,
    networkRulesDeclaredOneWay,
    managedPrefixListNoWorldCidr,
    networkAclNoWorldAdminIngress,
    albHttpRedirectsToHttps,
    albHttpListenerRulesRedirectOnly,
    albListenerTlsPolicy,
    albWafAssociated,
    albAccessLogsEnabled,
    albDropsInvalidHeaders,
    subnetNoPublicIpOnLaunch,
    subnetPrivateTierNoIgwRoute,
    vpcDefaultSecurityGroupClosed,
    vpcFlowLogsEnabled,
];

export {
    albAccessLogsEnabled,
    albDropsInvalidHeaders,
    albHttpListenerRulesRedirectOnly,
    albHttpRedirectsToHttps,
    albListenerTlsPolicy,
    albWafAssociated,
    DEFAULT_TLS_POLICIES,
    managedPrefixListNoWorldCidr,
    networkAclNoWorldAdminIngress,
    networkRulesDeclaredOneWay,
    securityGroupEgressNamesPorts,
    securityGroupNoWorldAdminPorts,
    securityGroupWorldIngressWebOnly,
    securityGroupWorldWebOnlyLoadBalancer,
    subnetNoPublicIpOnLaunch,
    subnetPrivateTierNoIgwRoute,
    vpcDefaultSecurityGroupClosed,
    vpcFlowLogsEnabled,
    worldOpenBeyond,
};
