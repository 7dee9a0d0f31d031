import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope } from "../../lib/arn";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { createWaf } from "./waf";

/** The FIPS TLS 1.2/1.3 policy the listeners use unless told otherwise (SC-8, SC-13). */
export const DEFAULT_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04";

export interface EdgeArgs {
    scope: ArnScope;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
    /** Public subnets (private ones when `internal`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The ALB's security group (network component): 443/80 from allowed CIDRs, the test port from operators. */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** An internal ALB (no public addresses) instead of an internet-facing one. Default false. */
    internal?: boolean;
    /** ACM certificate for the HTTPS listeners. */
    certificateArn: pulumi.Input<string>;
    /** A FIPS ELB security policy; default ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04. */
    sslPolicy?: string;
    /** Port of the HTTPS test listener blue/green uses to reach the new revision. Default 8443. */
    testListenerPort?: number;
    /** Bucket (SSE-S3) receiving the access logs, and the key prefix. */
    accessLogsBucket: pulumi.Input<string>;
    accessLogsPrefix?: string;
    deletionProtection: boolean;
    /** Requests per 5 minutes per client IP before WAF blocks (default 2000). */
    wafRateLimit?: number;
    /** KMS key and retention for the WAF log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * The internet edge (SC-7): an Application Load Balancer with HTTP only redirecting to HTTPS, an
 * HTTPS production listener and an HTTPS test listener (both FIPS TLS 1.2+), access logs, and a WAFv2
 * web ACL with AWS managed rules, a rate limit and logging. Routing to the service is added by the
 * blue-green service as listener rules; unmatched requests get a plain 404 here.
 */
export class Edge extends pulumi.ComponentResource {
    readonly albArn: pulumi.Output<string>;
    /** `app/<name>/<id>`: the CloudWatch `LoadBalancer` dimension. */
    readonly albArnSuffix: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;
    readonly zoneId: pulumi.Output<string>;
    readonly httpsListenerArn: pulumi.Output<string>;
    readonly testListenerArn: pulumi.Output<string>;
    readonly testListenerPort: number;
    readonly webAclArn: pulumi.Output<string>;

    constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:edge:Edge", name, {}, opts);
        const parent = { parent: this };
        const sslPolicy = args.sslPolicy ?? DEFAULT_TLS_POLICY;
        if (!/^ELBSecurityPolicy-TLS13-.*FIPS/.test(sslPolicy)) {
            throw new Error(
                `Invalid TLS policy "${sslPolicy}" for ${name}: GovCloud listeners use a FIPS TLS 1.2/1.3 policy such as ${DEFAULT_TLS_POLICY}`,
            );
        }
        const testPort = args.testListenerPort ?? 8443;
        const albName = physicalName(name, ["alb"], NAME_LIMITS.loadBalancer);
        const tags = (n: string) => resourceTags(args.tags, "edge", n);

        const alb = new aws.lb.LoadBalancer(
            `${name}-alb`,
            {
                name: albName,
                loadBalancerType: "application",
                internal: args.internal ?? false,
                subnets: args.subnetIds,
                securityGroups: args.securityGroupIds,
                // Malformed headers never reach the app (request smuggling, SI-10).
                dropInvalidHeaderFields: true,
                desyncMitigationMode: "strictest",
                enableHttp2: true,
                enableDeletionProtection: args.deletionProtection,
                // If WAF is unavailable, fail closed rather than pass unfiltered traffic.
                enableWafFailOpen: false,
                idleTimeout: 60,
                accessLogs: { bucket: args.accessLogsBucket, prefix: args.accessLogsPrefix ?? name, enabled: true },
                tags: tags(albName),
            },
            parent,
        );

        const notFound: aws.types.input.lb.ListenerDefaultAction = {
            type: "fixed-response",
            fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"not found"}' },
        };
        new aws.lb.Listener(
            `${name}-http`,
            {
                loadBalancerArn: alb.arn,
                port: 80,
                protocol: "HTTP",
                // Port 80 exists only to send browsers to HTTPS; it never forwards (SC-8).
                defaultActions: [
                    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                ],
                tags: tags(`${name}-http`),
            },
            parent,
        );
        const https = new aws.lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: alb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy,
                certificateArn: args.certificateArn,
                defaultActions: [notFound],
                tags: tags(`${name}-https`),
            },
            parent,
        );
        // Reachable only from operator CIDRs (the ALB security group's rule for this port): blue/green
        // sends test traffic here to the new revision before production traffic moves.
        const test = new aws.lb.Listener(
            `${name}-https-test`,
            {
                loadBalancerArn: alb.arn,
                port: testPort,
                protocol: "HTTPS",
                sslPolicy,
                certificateArn: args.certificateArn,
                defaultActions: [notFound],
                tags: tags(`${name}-https-test`),
            },
            parent,
        );

        const webAcl = createWaf(
            name,
            {
                scope: args.scope,
                rateLimit: args.wafRateLimit ?? 2000,
                logsKmsKeyArn: args.logsKmsKeyArn,
                logRetentionDays: args.logRetentionDays,
                tags: resourceTags(args.tags, "edge"),
            },
            parent,
        );
        new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: alb.arn, webAclArn: webAcl.arn }, parent);

        this.albArn = alb.arn;
        this.albArnSuffix = alb.arnSuffix;
        this.dnsName = alb.dnsName;
        this.zoneId = alb.zoneId;
        this.httpsListenerArn = https.arn;
        this.testListenerArn = test.arn;
        this.testListenerPort = testPort;
        this.webAclArn = webAcl.arn;
        this.registerOutputs({
            albArn: this.albArn,
            albArnSuffix: this.albArnSuffix,
            dnsName: this.dnsName,
            httpsListenerArn: this.httpsListenerArn,
            testListenerArn: this.testListenerArn,
            webAclArn: this.webAclArn,
        });
    }
}
