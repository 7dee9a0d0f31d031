// Edge: the load balancer, its listeners and the WAF web ACL (waf.ts is private to it).
export { Edge } from "./edge";
export type { EdgeArgs } from "./edge";
