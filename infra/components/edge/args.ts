import type * as pulumi from "@pulumi/pulumi";

import type { FIPS_TLS_POLICIES } from "../../lib/allowed";
import type { ArnScope } from "../../lib/arn";

/**
 * What EdgeArgs default to, declared once: the component falls back to these and the estate's
 * settings schema (infra/config/schema.ts) fills an omitted `govstack:edge` key from them.
 */
export const EDGE_DEFAULTS = {
    internal: false,
    // FIPS 140-validated, TLS 1.2 and 1.3 only (SC-8, SC-13).
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04" satisfies (typeof FIPS_TLS_POLICIES)[number],
    testListenerPort: 8443,
    wafRateLimit: 2000,
} as const;

export interface EdgeArgs {
    scope: ArnScope;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    /** Public subnets (private ones when `internal`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The ALB's security group (network component): 443/80 from allowed CIDRs, the test port from operators. */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** An internal ALB (no public addresses) instead of an internet-facing one. @default false */
    internal?: boolean;
    /** ACM certificate for the HTTPS listeners. */
    certificateArn: pulumi.Input<string>;
    /** A FIPS ELB security policy. @default "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04" (EDGE_DEFAULTS.sslPolicy) */
    sslPolicy?: string;
    /** Port of the HTTPS test listener blue/green uses to reach the new revision. @default 8443 */
    testListenerPort?: number;
    /**
     * The target group both HTTPS listeners forward to by default, for a deployment controller that
     * shifts traffic by rewriting the listeners' default actions (CodeDeploy); Pulumi then leaves
     * those actions to it. @default none: a fixed 404 for requests no listener rule matches (ECS native
     * blue/green shifts the weights of the service's own listener rules instead)
     */
    defaultTargetGroupArn?: pulumi.Input<string>;
    /** Bucket (SSE-S3) receiving the access logs. */
    accessLogsBucket: pulumi.Input<string>;
    /** Key prefix of the access logs. @default the component's name */
    accessLogsPrefix?: string;
    deletionProtection: boolean;
    /** Requests per 5 minutes per client IP before WAF blocks. @default 2000 */
    wafRateLimit?: number;
    /** KMS key and retention for the WAF log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}
