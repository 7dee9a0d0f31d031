import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { EDGE_DEFAULTS, EdgeArgs } from "./args";
import { createWaf } from "./waf";

/** What Pulumi leaves to CodeDeploy on the HTTPS listeners when they forward by default. */
export const LISTENER_IGNORE_CHANGES_UNDER_CODEDEPLOY = ["defaultActions"] as const;

/**
 * The internet edge (SC-7): an Application Load Balancer with HTTP only redirecting to HTTPS, an
 * HTTPS production listener and an HTTPS test listener (both FIPS TLS 1.2+), access logs, and a WAFv2
 * web ACL with AWS managed rules, a rate limit and logging. Routing to the service is added by the
 * blue-green service as listener rules (unmatched requests get a plain 404 here), or, under the
 * CodeDeploy controller, by the listeners' default action, which CodeDeploy rewrites.
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
        const sslPolicy = args.sslPolicy ?? EDGE_DEFAULTS.sslPolicy;
        if (!/^ELBSecurityPolicy-TLS13-.*FIPS/.test(sslPolicy)) {
            throw new Error(
                `Invalid TLS policy "${sslPolicy}" for ${name}: GovCloud listeners use a FIPS TLS 1.2/1.3 policy such as ${EDGE_DEFAULTS.sslPolicy}`,
            );
        }
        const testPort = args.testListenerPort ?? EDGE_DEFAULTS.testListenerPort;
        const albName = physicalName(name, ["alb"], NAME_LIMITS.loadBalancer);
        const tags = (n: string) => resourceTags(args.tags, "edge", n);

        const alb = new aws.lb.LoadBalancer(
            `${name}-alb`,
            {
                name: albName,
                loadBalancerType: "application",
                internal: args.internal ?? EDGE_DEFAULTS.internal,
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

        // Requests no listener rule matches. ECS native blue/green routes with the service's own listener
        // rules (pure `forward`, one action each) and leaves this default alone: a fixed 404, an ELB 4XX
        // that no deployment alarm counts (docs/bluegreen.md, "The listeners' default action"). Under
        // the CodeDeploy controller the listeners themselves forward to the blue target group, and
        // CodeDeploy rewrites that action on every deployment, so Pulumi must not put it back.
        const byDefault: aws.types.input.lb.ListenerDefaultAction =
            args.defaultTargetGroupArn === undefined
                ? {
                      type: "fixed-response",
                      fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"not found"}' },
                  }
                : { type: "forward", targetGroupArn: args.defaultTargetGroupArn };
        const httpsOptions: pulumi.CustomResourceOptions =
            args.defaultTargetGroupArn === undefined ? parent : { ...parent, ignoreChanges: [...LISTENER_IGNORE_CHANGES_UNDER_CODEDEPLOY] };
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
                defaultActions: [byDefault],
                tags: tags(`${name}-https`),
            },
            httpsOptions,
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
                defaultActions: [byDefault],
                tags: tags(`${name}-https-test`),
            },
            httpsOptions,
        );

        const webAcl = createWaf(
            name,
            {
                scope: args.scope,
                rateLimit: args.wafRateLimit ?? EDGE_DEFAULTS.wafRateLimit,
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
