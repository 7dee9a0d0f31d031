import * as assert from "node:assert/strict";

import * as network from "../../policies/rules/network";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    messages,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import {
    AWSX_VPC,
    LB_LISTENER,
    LB_LISTENER_RULE,
    LB_LOAD_BALANCER,
    REST_STAGE,
    SECURITY_GROUP,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    WAFV2_WEB_ACL_ASSOCIATION,
} from "../../policies/lib";
import { FLOW_LOG, MANAGED_PREFIX_LIST, MANAGED_PREFIX_LIST_ENTRY } from "../../policies/rules/network/resource-types";

const tcp = (port: number, cidr = "0.0.0.0/0") => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: [cidr] });

describe("network", () => {
    describe("security-group-world-ingress-web-only", () => {
        const p = network.securityGroupWorldIngressWebOnly;
        it("flags world-open non-web ports in all three ingress forms", async () => {
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP, name: "app", props: { ingress: [tcp(443), tcp(8080), { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] } }), [
                'Security group "app" ingress[1] opens port 8080 to 0.0.0.0/0; only ports 80, 443 may be open to the internet.',
                'Security group "app" ingress[2] opens all ports to ::/0; only ports 80, 443 may be open to the internet.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP_INGRESS_RULE, name: "r", props: { ipProtocol: "tcp", fromPort: 80, toPort: 443, cidrIpv4: "0.0.0.0/0" } }), [
                'Security group rule "r" opens ports 80-443 to 0.0.0.0/0; only ports 80, 443 may be open to the internet.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP_RULE, name: "r", props: { type: "ingress", ...tcp(9000) } }), [
                'Security group rule "r" opens port 9000 to 0.0.0.0/0; only ports 80, 443 may be open to the internet.',
            ]);
        });
        it("flags other spellings of the internet: any /0 and CIDR sets that cover it", async () => {
            assertViolations(
                await runResourcePolicy(p, { type: SECURITY_GROUP, name: "app", props: { ingress: [{ protocol: "tcp", fromPort: 5000, toPort: 5000, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"], ipv6CidrBlocks: ["0::0/0"] }] } }),
                ['Security group "app" ingress[0] opens port 5000 to 0::0/0, 0.0.0.0/1 + 128.0.0.0/1; only ports 80, 443 may be open to the internet.'],
            );
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP_INGRESS_RULE, name: "r", props: { ipProtocol: "-1", cidrIpv4: "10.0.0.0/0" } }), [
                'Security group rule "r" opens all ports to 10.0.0.0/0; only ports 80, 443 may be open to the internet.',
            ]);
            assertClean(await runResourcePolicy(p, { type: SECURITY_GROUP, props: { ingress: [{ protocol: "tcp", fromPort: 5000, toPort: 5000, cidrBlocks: ["0.0.0.0/1", "10.0.0.0/8"] }] } }));
        });
        it("passes web ports, private sources, egress and ICMP", async () => {
            assertClean(await runResourcePolicy(p, { type: SECURITY_GROUP, props: { ingress: [tcp(80), tcp(443), tcp(8080, "10.0.0.0/8"), { protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }] } }));
            assertClean(await runResourcePolicy(p, { type: SECURITY_GROUP_RULE, props: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } }));
        });
        it("is advisory on unknown ports, sources or ingress", async () => {
            for (const props of [{ ingress: unknown() }, { ingress: [{ protocol: "tcp", fromPort: unknown(), toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] }, { ingress: [tcp(8080, unknown())] }]) {
                const diags = await runResourcePolicy(p, { type: SECURITY_GROUP, props });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(props));
            }
            assertClean(await runResourcePolicy(p, { type: SECURITY_GROUP, props: { ingress: [tcp(443, unknown())] } }));
        });
        itHonoursWaivers(p, { type: SECURITY_GROUP, name: "app", props: { ingress: [tcp(8080)] } });
    });

    describe("security-group-no-world-admin-ports", () => {
        const p = network.securityGroupNoWorldAdminPorts;
        it("flags SSH and RDP open to the world, including through wide ranges", async () => {
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP, name: "bastion", props: { ingress: [tcp(22), { protocol: "tcp", fromPort: 1, toPort: 4000, ipv6CidrBlocks: ["::/0"] }] } }), [
                'Security group "bastion" ingress[0] opens remote-administration port(s) 22 to 0.0.0.0/0; use SSM Session Manager or a VPN/bastion source instead.',
                'Security group "bastion" ingress[1] opens remote-administration port(s) 22, 3389 to ::/0; use SSM Session Manager or a VPN/bastion source instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: SECURITY_GROUP_INGRESS_RULE, name: "rdp", props: { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" } }), [
                'Security group rule "rdp" opens remote-administration port(s) 3389 to 0.0.0.0/0; use SSM Session Manager or a VPN/bastion source instead.',
            ]);
        });
        it("passes SSH from a VPN CIDR", async () => {
            assertClean(await runResourcePolicy(p, { type: SECURITY_GROUP, props: { ingress: [tcp(22, "10.8.0.0/16")] } }));
        });
        itIsAdvisoryOnly("is advisory on an unknown rule type", p, { type: SECURITY_GROUP_RULE, props: { type: unknown(), ...tcp(22) } });
    });

    describe("managed-prefix-list-no-world-cidr", () => {
        const p = network.managedPrefixListNoWorldCidr;
        const entries = (...cidrs: unknown[]) => ({ addressFamily: "IPv4", maxEntries: 5, entries: cidrs.map((cidr) => ({ cidr })) });
        it("flags a list or a stand-alone entry that holds the whole internet, however spelled", async () => {
            assertViolations(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "partners", props: entries("203.0.113.0/24", "0.0.0.0/0") }), [
                'Managed prefix list "partners" contains 0.0.0.0/0 (every address): a security group rule that references it is open to the internet; list the specific ranges instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "halves", props: entries("0.0.0.0/1", "128.0.0.0/1") }), [
                'Managed prefix list "halves" contains 0.0.0.0/1 + 128.0.0.0/1 (every address): a security group rule that references it is open to the internet; list the specific ranges instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST_ENTRY, name: "v6-any", props: { prefixListId: "pl-1", cidr: "::/0" } }), [
                'Managed prefix list entry "v6-any" contains ::/0 (every address): a security group rule that references it is open to the internet; list the specific ranges instead.',
            ]);
        });
        it("passes specific ranges, an empty list, and an entry with a specific CIDR", async () => {
            assertClean(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "operators", props: entries("203.0.113.0/24", "198.51.100.7/32") }));
            assertClean(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "empty", props: { addressFamily: "IPv4", maxEntries: 5 } }));
            assertClean(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST_ENTRY, name: "vpn", props: { prefixListId: "pl-1", cidr: "10.20.0.0/16" } }));
        });
        it("cannot verify an unknown entry or CIDR (advisory), but a known world CIDR beside it still blocks", async () => {
            const pending = await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "pending", props: entries("203.0.113.0/24", unknown()) });
            assertAdvisoryOnly(pending);
            const wholeList = await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "pending", props: { entries: unknown() } });
            assertAdvisoryOnly(wholeList);
            const entry = await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST_ENTRY, name: "pending", props: { cidr: unknown() } });
            assertAdvisoryOnly(entry);
            assertViolations(await runResourcePolicy(p, { type: MANAGED_PREFIX_LIST, name: "mixed", props: entries(unknown(), "0.0.0.0/0") }), [
                'Managed prefix list "mixed" contains 0.0.0.0/0 (every address): a security group rule that references it is open to the internet; list the specific ranges instead.',
            ]);
        });
        itHonoursWaivers(p, { type: MANAGED_PREFIX_LIST, name: "partners", props: entries("0.0.0.0/0") });
    });

    describe("security-group-world-web-only-load-balancer (stack)", () => {
        const p = network.securityGroupWorldWebOnlyLoadBalancer;
        const u = urnOf;
        // Preview shape: ids unknown; links only through property dependencies.
        const estate = (lbGroups: string[]): TestResource[] => [
            { type: SECURITY_GROUP, name: "alb-sg", props: { vpcId: unknown() } },
            { type: SECURITY_GROUP, name: "svc-sg", props: { vpcId: unknown(), ingress: [tcp(443)] } },
            {
                type: SECURITY_GROUP_INGRESS_RULE,
                name: "alb-https",
                props: { securityGroupId: unknown(), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
                propertyDependencies: { securityGroupId: [u(SECURITY_GROUP, "alb-sg")] },
            },
            { type: LB_LOAD_BALANCER, name: "alb", props: { securityGroups: lbGroups.map(() => unknown()) }, propertyDependencies: { securityGroups: lbGroups.map((g) => u(SECURITY_GROUP, g)) } },
        ];
        it("flags world-open 443 on a group no load balancer uses (inline and standalone)", async () => {
            const diags = await runStackPolicy(p, estate([]));
            assertViolations(diags, [
                'Security group "svc-sg" ingress[0] opens port(s) 443 to the internet, but security group "svc-sg" is not a load balancer\'s; only a load balancer may be world-reachable.',
                'Security group rule "alb-https" opens port(s) 443 to the internet, but security group "alb-sg" is not a load balancer\'s; only a load balancer may be world-reachable.',
            ]);
            assert.equal(diags[1].urn, u(SECURITY_GROUP_INGRESS_RULE, "alb-https"));
        });
        it("passes world-open 443 on the load balancer's groups (resolved by dependency or known id)", async () => {
            assertClean(await runStackPolicy(p, estate(["alb-sg", "svc-sg"])));
            assertClean(
                await runStackPolicy(p, [
                    { type: SECURITY_GROUP, name: "alb-sg", props: { id: "sg-1", ingress: [tcp(80)] } },
                    { type: LB_LOAD_BALANCER, name: "alb", props: { securityGroups: ["sg-1"] } },
                ]),
            );
        });
        it("is advisory when groups cannot be resolved", async () => {
            const diags = await runStackPolicy(p, [
                { type: SECURITY_GROUP_INGRESS_RULE, name: "r", props: { securityGroupId: unknown(), ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" } },
                { type: SECURITY_GROUP, name: "g", props: { ingress: [tcp(443)] } },
                { type: LB_LOAD_BALANCER, name: "alb", props: { securityGroups: [unknown()] } },
            ]);
            assertNoMandatory(diags);
            assert.equal(advisory(diags).length, 2);
        });
        itHonoursWaivers(p, { stack: estate(["alb-sg"]), name: "svc-sg" });
    });

    describe("alb-http-redirects-to-https", () => {
        const p = network.albHttpRedirectsToHttps;
        const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
        it("flags forwarding, fixed responses and redirects that stay on HTTP", async () => {
            const diags = await runResourcePolicy(p, {
                type: LB_LISTENER,
                name: "http",
                props: { port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "tg" }, { type: "redirect", redirect: { port: "8080" } }] },
            });
            assertViolations(diags, [
                'HTTP listener "http" does not only redirect to HTTPS: defaultActions[0] is "forward"; defaultActions[1] redirects to protocol "#{protocol}"; use a redirect with protocol HTTPS.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:alb/listener:Listener", name: "bare", props: { port: 80, defaultActions: [] } }), [
                'HTTP listener "bare" has no default action; make it a redirect to HTTPS.',
            ]);
        });
        it("passes a redirect to HTTPS, HTTPS listeners and protocol-less gateway listeners", async () => {
            assertClean(await runResourcePolicy(p, { type: LB_LISTENER, props: { port: 80, protocol: "HTTP", defaultActions: [redirect] } }));
            assertClean(await runResourcePolicy(p, { type: LB_LISTENER, props: { port: 443, protocol: "HTTPS", defaultActions: [{ type: "forward" }] } }));
            assertClean(await runResourcePolicy(p, { type: LB_LISTENER, props: { defaultActions: [{ type: "forward" }] } }));
        });
        it("is advisory on unknown protocol or actions", async () => {
            for (const props of [{ protocol: unknown(), defaultActions: [] }, { port: 80, protocol: "HTTP", defaultActions: unknown() }, { port: 80, defaultActions: [{ type: unknown() }] }]) {
                const diags = await runResourcePolicy(p, { type: LB_LISTENER, props });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(props));
            }
        });
        itHonoursWaivers(p, { type: LB_LISTENER, name: "http", props: { port: 80, protocol: "HTTP", defaultActions: [{ type: "forward" }] } });
    });

    describe("alb-http-listener-rules-redirect-only (stack)", () => {
        const p = network.albHttpListenerRulesRedirectOnly;
        const listener = (name: string, props: Record<string, unknown>): TestResource => ({ type: LB_LISTENER, name, props: { defaultActions: [], ...props } });
        const rule = (name: string, on: string, actions: unknown): TestResource => ({
            type: LB_LISTENER_RULE,
            name,
            props: { listenerArn: unknown(), actions },
            propertyDependencies: { listenerArn: [urnOf(LB_LISTENER, on)] },
        });
        const forward = [{ type: "forward", targetGroupArn: "tg" }];
        it("flags a forwarding rule on the HTTP listener", async () => {
            const diags = await runStackPolicy(p, [listener("http", { port: 80, protocol: "HTTP" }), listener("https", { port: 443, protocol: "HTTPS" }), rule("api", "http", forward), rule("app", "https", forward)]);
            assertViolations(diags, [
                'Listener rule "api" on HTTP listener "http" does not only redirect to HTTPS: actions[0] is "forward"; redirect to HTTPS or move the rule to the HTTPS listener.',
            ]);
            assert.equal(diags[0].urn, urnOf(LB_LISTENER_RULE, "api"));
        });
        it("passes redirect rules on HTTP and any rule on HTTPS (listener by known ARN too)", async () => {
            const arn = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:listener/app/edge/1/2";
            assertClean(
                await runStackPolicy(p, [
                    listener("http", { port: 80, protocol: "HTTP" }),
                    rule("up", "http", [{ type: "redirect", redirect: { protocol: "HTTPS" } }]),
                    listener("https", { arn, protocol: "HTTPS" }),
                    { type: LB_LISTENER_RULE, name: "app", props: { listenerArn: arn, actions: forward } },
                ]),
            );
        });
        it("is advisory when the listener's protocol, the actions or the listener are unknown", async () => {
            for (const resources of [
                [listener("l", { protocol: unknown() }), rule("r", "l", forward)],
                [listener("l", { port: 80, protocol: "HTTP" }), rule("r", "l", unknown())],
                [{ type: LB_LISTENER_RULE, name: "r", props: { listenerArn: unknown(), actions: forward } }],
            ]) {
                const diags = await runStackPolicy(p, resources);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(resources));
            }
        });
        itHonoursWaivers(p, { stack: [listener("http", { port: 80, protocol: "HTTP" }), rule("api", "http", forward)], name: "api" });
    });

    describe("alb-listener-tls-policy", () => {
        const p = network.albListenerTlsPolicy;
        it("flags a missing or non-FIPS policy on HTTPS and TLS listeners", async () => {
            const missing = await runResourcePolicy(p, { type: LB_LISTENER, name: "https", props: { port: 443, protocol: "HTTPS" }, config: { allowedTlsPolicies: ["ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"] } });
            assertViolations(missing, [
                'HTTPS listener "https" has no sslPolicy, so AWS applies ELBSecurityPolicy-2016-08; set sslPolicy to one of ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04.',
            ]);
            const weak = await runResourcePolicy(p, { type: LB_LISTENER, name: "tls", props: { port: 443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" } });
            assert.equal(messages(weak).length, 1);
            assert.match(messages(weak)[0], /^TLS listener "tls" uses TLS policy "ELBSecurityPolicy-TLS13-1-2-2021-06"; use one of ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, /);
        });
        it("passes the FIPS default and ignores HTTP listeners", async () => {
            assertClean(await runResourcePolicy(p, { type: LB_LISTENER, props: { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04" } }));
            assertClean(await runResourcePolicy(p, { type: LB_LISTENER, props: { port: 80, protocol: "HTTP" } }));
        });
        itIsAdvisoryOnly("is advisory on an unknown policy", p, { type: LB_LISTENER, props: { protocol: "HTTPS", sslPolicy: unknown() } });
    });

    describe("alb-waf-associated (stack)", () => {
        const p = network.albWafAssociated;
        const alb = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: LB_LOAD_BALANCER, name, props: { internal: false, loadBalancerType: "application", ...props } });
        const assoc = (lb: string): TestResource => ({ type: WAFV2_WEB_ACL_ASSOCIATION, name: `${lb}-waf`, props: { resourceArn: unknown(), webAclArn: unknown() }, propertyDependencies: { resourceArn: [urnOf(LB_LOAD_BALANCER, lb)] } });
        it("flags an internet-facing ALB without an association", async () => {
            assertViolations(await runStackPolicy(p, [alb("edge"), alb("other"), assoc("other")]), [
                'Internet-facing load balancer "edge" has no WAFv2 web ACL association; associate a web ACL with it.',
            ]);
        });
        it("passes associated (by dependency or known ARN), internal and network load balancers", async () => {
            assertClean(await runStackPolicy(p, [alb("edge"), assoc("edge"), alb("inside", { internal: true }), alb("nlb", { loadBalancerType: "network" })]));
            const arn = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/edge/1";
            assertClean(await runStackPolicy(p, [alb("edge", { arn }), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: arn } }]));
        });
        it("is advisory when internal or the association target is unknown", async () => {
            const unknownInternal = await runStackPolicy(p, [alb("edge", { internal: unknown() })]);
            assertAdvisoryOnly(unknownInternal);
            const unresolved = await runStackPolicy(p, [alb("edge"), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: unknown() } }]);
            assertAdvisoryOnly(unresolved);
            // Computed from an ELB-family resource (a listener's loadBalancerArn) or a component: may be the ALB.
            const viaListener = await runStackPolicy(p, [
                alb("edge"),
                { type: LB_LISTENER, name: "https", props: { loadBalancerArn: unknown() } },
                { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: unknown() }, propertyDependencies: { resourceArn: [urnOf(LB_LISTENER, "https")] } },
            ]);
            assertAdvisoryOnly(viaListener);
            // A known ALB ARN that matches no load balancer may be one whose ARN is not known yet.
            const arn = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/edge/1";
            assertAdvisoryOnly(await runStackPolicy(p, [alb("edge"), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: arn } }]));
        });
        describe("an association that targets something else protects no load balancer", () => {
            const MISSING = 'Internet-facing load balancer "edge" has no WAFv2 web ACL association; associate a web ACL with it.';
            it("blocks an ALB without a WAF beside a WAF association on an API stage (known ARN)", async () => {
                const stageArn = "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1b2c3/stages/prod";
                assertViolations(await runStackPolicy(p, [alb("edge"), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "api-waf", props: { resourceArn: stageArn, webAclArn: "arn:waf" } }]), [MISSING]);
            });
            it("blocks beside Cognito, AppSync and other known non-ALB ARNs, and a network load balancer's ARN", async () => {
                for (const resourceArn of [
                    "arn:aws-us-gov:cognito-idp:us-gov-west-1:123456789012:userpool/us-gov-west-1_abc",
                    "arn:aws:appsync:us-east-1:123456789012:apis/xyz",
                    "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/net/edge/1",
                    "not-an-arn",
                ]) {
                    assertViolations(await runStackPolicy(p, [alb("edge"), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn } }]), [MISSING]);
                }
            });
            it("blocks beside a computed association whose dependency is a non-load-balancer resource (an API stage)", async () => {
                const diags = await runStackPolicy(p, [
                    alb("edge"),
                    { type: REST_STAGE, name: "prod", props: { arn: unknown() } },
                    { type: WAFV2_WEB_ACL_ASSOCIATION, name: "api-waf", props: { resourceArn: unknown() }, propertyDependencies: { resourceArn: [urnOf(REST_STAGE, "prod")] } },
                ]);
                assertViolations(diags, [MISSING]);
            });
            it("blocks when a known ALB ARN matches none and every ALB's own ARN is known", async () => {
                const other = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/other/2";
                const own = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/edge/1";
                assertViolations(await runStackPolicy(p, [alb("edge", { arn: own }), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: other } }]), [MISSING]);
            });
            it("a malformed association target is reported and protects nothing", async () => {
                const diags = await runStackPolicy(p, [alb("edge"), { type: WAFV2_WEB_ACL_ASSOCIATION, name: "a", props: { resourceArn: 42 } }]);
                const mandatory = diags.filter((d) => d.level === "mandatory").map((d) => d.message);
                assert.equal(mandatory.length, 2, mandatory.join("\n"));
                assert.ok(mandatory.includes(MISSING));
                assert.ok(mandatory.some((m) => m.startsWith("Cannot evaluate") && m.includes("resourceArn")));
            });
        });
        itHonoursWaivers(p, { stack: [alb("edge")], name: "edge" });
    });

    describe("alb-access-logs-enabled", () => {
        const p = network.albAccessLogsEnabled;
        it("flags an ALB without enabled access logs", async () => {
            assertViolations(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, name: "edge", props: { accessLogs: { bucket: "logs", enabled: false } } }), [
                'Load balancer "edge" does not write access logs; set accessLogs.enabled to true with an S3 bucket.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, name: "edge", props: {} }), [
                'Load balancer "edge" does not write access logs; set accessLogs.enabled to true with an S3 bucket.',
            ]);
        });
        it("passes enabled logs (a computed bucket counts) and ignores network load balancers", async () => {
            assertClean(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { accessLogs: { bucket: unknown(), enabled: true } } }));
            assertClean(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { loadBalancerType: "network" } }));
        });
        it("is advisory when unknown", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { accessLogs: unknown() } }));
            assertNoMandatory(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { loadBalancerType: unknown() } }));
        });
    });

    describe("alb-drops-invalid-headers", () => {
        const p = network.albDropsInvalidHeaders;
        it("flags an ALB that keeps invalid headers", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:alb/loadBalancer:LoadBalancer", name: "edge", props: {} }), [
                'Load balancer "edge" does not drop invalid header fields; set dropInvalidHeaderFields to true.',
            ]);
        });
        it("passes true and ignores gateway load balancers", async () => {
            assertClean(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { dropInvalidHeaderFields: true } }));
            assertClean(await runResourcePolicy(p, { type: LB_LOAD_BALANCER, props: { loadBalancerType: "gateway" } }));
        });
        itIsAdvisoryOnly("is advisory when unknown", p, { type: LB_LOAD_BALANCER, props: { dropInvalidHeaderFields: unknown() } });
    });

    describe("vpc-flow-logs-enabled (stack)", () => {
        const p = network.vpcFlowLogsEnabled;
        it("flags VPCs (aws and awsx) without a flow log", async () => {
            const diags = await runStackPolicy(p, [
                { type: AWSX_VPC, name: "main", props: { cidrBlock: "10.0.0.0/16" } },
                { type: "aws:ec2/vpc:Vpc", name: "lab", props: { cidrBlock: "10.1.0.0/16" } },
                { type: FLOW_LOG, name: "subnet-log", props: { subnetId: "subnet-1" } },
            ]);
            assertViolations(diags, [
                'VPC "lab" has no flow log; add an aws.ec2.FlowLog with vpcId referring to it.',
                'VPC "main" has no flow log; add an aws.ec2.FlowLog with vpcId referring to it.',
            ]);
        });
        it("passes a flow log on the awsx VPC (dependency on its URN) and on a VPC by known id", async () => {
            assertClean(
                await runStackPolicy(p, [
                    { type: AWSX_VPC, name: "main", props: {} },
                    { type: FLOW_LOG, name: "fl", props: { vpcId: unknown(), trafficType: "ALL" }, propertyDependencies: { vpcId: [urnOf(AWSX_VPC, "main")] } },
                    { type: "aws:ec2/vpc:Vpc", name: "lab", props: { id: "vpc-9" } },
                    { type: FLOW_LOG, name: "fl2", props: { vpcId: "vpc-9" } },
                ]),
            );
        });
        it("is advisory when a flow log's VPC cannot be resolved", async () => {
            const diags = await runStackPolicy(p, [
                { type: AWSX_VPC, name: "main", props: {} },
                { type: FLOW_LOG, name: "fl", props: { vpcId: unknown() } },
            ]);
            assertAdvisoryOnly(diags);
        });
        itHonoursWaivers(p, { stack: [{ type: AWSX_VPC, name: "main", props: {} }], name: "main" });
    });
});
