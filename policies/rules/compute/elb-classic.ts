// The Classic Load Balancer as the compute policies see it: its type token and the sentence every
// Classic ELB finding ends with. AWS builds no new features into Classic Load Balancers (no FIPS
// TLS 1.3 policies, no WAF, no HTTP-to-HTTPS redirect), so each finding points to an ALB.

export const MOVE_TO_ALB =
    "better, replace it with an Application Load Balancer (aws.lb.LoadBalancer) with an HTTPS listener, a FIPS TLS policy, access logs and a WAF";
