// Edge: the load balancer, its listeners and the WAF web ACL (waf.ts is private to it).
export { EDGE_DEFAULTS } from "./args";
export type { EdgeArgs } from "./args";
export { Edge, LISTENER_IGNORE_CHANGES_UNDER_CODEDEPLOY } from "./edge";
