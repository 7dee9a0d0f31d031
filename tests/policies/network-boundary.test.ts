// The network boundary policies of issue 16 (items 1-6, 10): subnets, the VPC's default security
// group, network ACLs, security group egress, one way to declare rules, private-tier routes. Each:
// blocked with the exact message, a compliant case clean, unknowns advisory, waivers honoured.

import * as assert from "node:assert/strict";

import * as networkRules from "../../policies/rules/network";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    messages,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    defaultVpc: "aws:ec2/defaultVpc:DefaultVpc",
    awsxVpc: "awsx:ec2:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    defaultSubnet: "aws:ec2/defaultSubnet:DefaultSubnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    rt: "aws:ec2/routeTable:RouteTable",
    defaultRt: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    main: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    acl: "aws:ec2/networkAcl:NetworkAcl",
    defaultAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    aclRule: "aws:ec2/networkAclRule:NetworkAclRule",
};
const u = urnOf;
/** A reference as a preview sees it: the id unknown, the source recorded as a property dependency. */
const ref = (prop: string, type: string, name: string) => ({ props: { [prop]: unknown() }, propertyDependencies: { [prop]: [u(type, name)] } });

describe("network boundary (issue 16)", () => {
    describe("subnet-no-public-ip-on-launch", () => {
        const p = networkRules.subnetNoPublicIpOnLaunch;
        it("flags any subnet that maps public IPv4 or assigns IPv6 addresses, public tier included", async () => {
            assertViolations(await runResourcePolicy(p, { type: T.subnet, name: "public-a", props: { mapPublicIpOnLaunch: true, tags: { Tier: "public" } } }), [
                'Subnet "public-a" maps public IPv4 addresses on launch (mapPublicIpOnLaunch: true); set mapPublicIpOnLaunch to false.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: T.subnet, name: "v6", props: { assignIpv6AddressOnCreation: true } }), [
                'Subnet "v6" assigns IPv6 addresses on launch (assignIpv6AddressOnCreation: true); set assignIpv6AddressOnCreation to false.',
            ]);
        });
        it("flags a default subnet that keeps AWS's default (true)", async () => {
            assertViolations(await runResourcePolicy(p, { type: T.defaultSubnet, name: "default-a", props: { availabilityZone: "us-gov-west-1a" } }), [
                `Subnet "default-a" maps public IPv4 addresses on launch (a default subnet's default); set mapPublicIpOnLaunch to false.`,
            ]);
        });
        it("passes subnets that leave both flags unset or false (a default subnet set to false)", async () => {
            assertClean(await runResourcePolicy(p, { type: T.subnet, name: "public-a", props: { cidrBlock: "10.0.32.0/21", tags: { Tier: "public" } } }));
            assertClean(await runResourcePolicy(p, { type: T.subnet, name: "private-a", props: { mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false } }));
            assertClean(await runResourcePolicy(p, { type: T.defaultSubnet, name: "default-a", props: { mapPublicIpOnLaunch: false } }));
        });
        it("is advisory when a flag is unknown, and blocks a value of the wrong type", async () => {
            assertAdvisoryOnly(await runResourcePolicy(p, { type: T.subnet, name: "s", props: { mapPublicIpOnLaunch: unknown() } }));
            assertViolations(await runResourcePolicy(p, { type: T.subnet, name: "s", props: { mapPublicIpOnLaunch: "yes" } }), [
                'Cannot evaluate Subnet "s": mapPublicIpOnLaunch is "yes", expected a boolean; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: T.subnet, name: "public-a", props: { mapPublicIpOnLaunch: true } });
    });

    describe("vpc-default-security-group-closed (stack)", () => {
        const p = networkRules.vpcDefaultSecurityGroupClosed;
        const vpc: TestResource = { type: T.vpc, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
        const adopted = (props: Record<string, unknown> = {}): TestResource => ({
            type: T.defaultSg,
            name: "main-default",
            props: { vpcId: unknown(), ...props },
            propertyDependencies: { vpcId: [u(T.vpc, "main")] },
        });
        it("flags a VPC whose default group is not adopted", async () => {
            assertViolations(await runStackPolicy(p, [vpc]), [
                'VPC "main" leaves its default security group with AWS\'s rules (all traffic between members, all egress); adopt it with an aws.ec2.DefaultSecurityGroup whose vpcId refers to this VPC and that declares no rules.',
            ]);
        });
        it("flags a default group adopted for another VPC (the tie is by value, not by existence)", async () => {
            const diags = await runStackPolicy(p, [vpc, { type: T.vpc, name: "other", props: { id: "vpc-2" } }, { type: T.defaultSg, name: "other-default", props: { vpcId: "vpc-2" } }]);
            assertViolations(diags, [
                'VPC "main" leaves its default security group with AWS\'s rules (all traffic between members, all egress); adopt it with an aws.ec2.DefaultSecurityGroup whose vpcId refers to this VPC and that declares no rules.',
            ]);
        });
        it("flags rules on the adopted group, inline or standalone", async () => {
            const diags = await runStackPolicy(p, [
                vpc,
                adopted({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
                { type: T.ingressRule, name: "extra", ...ref("securityGroupId", T.defaultSg, "main-default") },
            ]);
            assertViolations(diags, [
                'Default security group "main-default" declares 1 ingress rule(s) and 1 egress rule(s); remove them: the default group must allow nothing (put the rules on a purpose-made security group).',
                'Security group rule "extra" adds a rule to default security group "main-default"; the default group must allow nothing: attach the rule to a purpose-made security group.',
            ]);
        });
        it("passes an adopted, empty default group tied by dependency (preview), by known id, for awsx and the default VPC", async () => {
            assertClean(await runStackPolicy(p, [vpc, adopted(), { type: T.sg, name: "app", props: {} }, { type: T.ingressRule, name: "r", ...ref("securityGroupId", T.sg, "app") }]));
            assertClean(await runStackPolicy(p, [{ type: T.vpc, name: "known", props: { id: "vpc-1" } }, { type: T.defaultSg, name: "d", props: { vpcId: "vpc-1", ingress: [], egress: [] } }]));
            assertClean(await runStackPolicy(p, [{ type: T.awsxVpc, name: "x", props: {} }, { type: T.defaultSg, name: "d", ...ref("vpcId", T.awsxVpc, "x") }]));
            assertClean(await runStackPolicy(p, [{ type: T.defaultVpc, name: "default", props: {} }, { type: T.defaultSg, name: "d", props: {} }]));
        });
        it("is advisory when a default group's VPC or a rule's group cannot be tied", async () => {
            const diags = await runStackPolicy(p, [vpc, { type: T.defaultSg, name: "d", props: { vpcId: unknown(), ingress: unknown() } }, { type: T.ingressRule, name: "r", props: { securityGroupId: unknown() } }]);
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [
                'Cannot verify whether VPC "main"\'s default security group is adopted (a DefaultSecurityGroup\'s vpcId cannot be tied to a VPC) during preview: the value is unknown until the update. The policy runs again before the resource is created.',
                'Cannot verify default security group "d" ingress during preview: the value is unknown until the update. The policy runs again before the resource is created.',
                'Cannot verify whether security group rule "r" targets a default security group during preview: the value is unknown until the update. The policy runs again before the resource is created.',
            ]);
        });
        itHonoursWaivers(p, { stack: [vpc], name: "main" });
    });

    describe("network-acl-no-world-admin-ingress", () => {
        const p = networkRules.networkAclNoWorldAdminIngress;
        const entry = (ruleNo: number, action: string, protocol: string, from: number, to: number, cidr = "0.0.0.0/0") => ({
            ruleNo,
            action,
            protocol,
            fromPort: from,
            toPort: to,
            ...(cidr.includes(":") ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr }),
        });
        it("flags inline allows from the internet to 22, 3389, all ports or all protocols", async () => {
            const diags = await runResourcePolicy(p, {
                type: T.acl,
                name: "public",
                props: {
                    ingress: [
                        entry(100, "allow", "tcp", 22, 22),
                        entry(110, "allow", "udp", 3000, 4000, "::/0"),
                        entry(120, "allow", "-1", 0, 0),
                        entry(130, "allow", "tcp", 0, 65535),
                    ],
                },
            });
            assertViolations(diags, [
                'Network ACL "public" ingress[0] (rule 100) allows tcp port 22 from 0.0.0.0/0, which includes remote-administration port(s) 22; deny 22 from the internet in a lower-numbered rule of the same ACL, or narrow the range.',
                'Network ACL "public" ingress[1] (rule 110) allows udp ports 3000-4000 from ::/0, which includes remote-administration port(s) 3389; deny 3389 from the internet in a lower-numbered rule of the same ACL, or narrow the range.',
                'Network ACL "public" ingress[2] (rule 120) allows all protocols from 0.0.0.0/0; allow only the ports the subnets serve.',
                'Network ACL "public" ingress[3] (rule 130) allows all tcp ports from 0.0.0.0/0; allow only the ports the subnets serve.',
            ]);
        });
        it("flags a standalone inbound rule on its own and a default ACL's inline rule", async () => {
            assertViolations(
                await runResourcePolicy(p, { type: T.aclRule, name: "rdp", props: { networkAclId: "acl-1", ruleNumber: 100, egress: false, protocol: "6", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 } }),
                ['Network ACL rule "rdp" (rule 100) allows tcp ports 1024-65535 from 0.0.0.0/0, which includes remote-administration port(s) 3389; deny 3389 from the internet in a lower-numbered rule of the same ACL, or narrow the range.'],
            );
            assertViolations(await runResourcePolicy(p, { type: T.defaultAcl, name: "default", props: { ingress: [entry(100, "allow", "-1", 0, 0)] } }), [
                'Network ACL "default" ingress[0] (rule 100) allows all protocols from 0.0.0.0/0; allow only the ports the subnets serve.',
            ]);
        });
        it("passes web ports from the internet, admin ports from a private range, denies, egress rules, and ephemeral ports shadowed by earlier denies", async () => {
            assertClean(
                await runResourcePolicy(p, {
                    type: T.acl,
                    name: "public",
                    props: {
                        ingress: [
                            entry(90, "deny", "tcp", 22, 22),
                            entry(91, "deny", "tcp", 3389, 3389),
                            entry(92, "deny", "udp", 3389, 3389),
                            entry(100, "allow", "tcp", 443, 443),
                            entry(110, "allow", "tcp", 22, 22, "10.0.0.0/8"),
                            entry(120, "allow", "tcp", 1024, 65535),
                            entry(130, "allow", "icmp", -1, -1),
                        ],
                        egress: [entry(100, "allow", "-1", 0, 0)],
                    },
                }),
            );
            assertClean(await runResourcePolicy(p, { type: T.aclRule, name: "out", props: { egress: true, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0", ruleNumber: 100 } }));
            assertClean(await runResourcePolicy(p, { type: T.aclRule, name: "deny", props: { egress: false, protocol: "-1", ruleAction: "deny", cidrBlock: "0.0.0.0/0", ruleNumber: 1 } }));
            assertClean(await runResourcePolicy(p, { type: T.defaultAcl, name: "default", props: { defaultNetworkAclId: "acl-1" } }));
        });
        it("reads the protocol as EC2 stores it: a number (or its decimal string) or a keyword of the provider's table, in any letter case", async () => {
            const allow22 = (protocol: unknown) => ({ ruleNo: 100, action: "allow", protocol, fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" });
            for (const [protocol, word] of [["tcp", "tcp"], ["TCP", "tcp"], ["6", "tcp"], [6, "tcp"], ["006", "tcp"], ["udp", "udp"], ["17", "udp"], [17, "udp"]] as const) {
                assertViolations(await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [allow22(protocol)] } }), [
                    `Network ACL "a" ingress[0] (rule 100) allows ${word} port 22 from 0.0.0.0/0, which includes remote-administration port(s) 22; deny 22 from the internet in a lower-numbered rule of the same ACL, or narrow the range.`,
                ]);
            }
            for (const protocol of ["-1", -1, "all", "ALL"]) {
                assertViolations(await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [allow22(protocol)] } }), [
                    'Network ACL "a" ingress[0] (rule 100) allows all protocols from 0.0.0.0/0; allow only the ports the subnets serve.',
                ]);
            }
            // Portless or other IP protocols (ICMP, ICMPv6 in both spellings, SCTP, GRE, ESP) reach no TCP/UDP port.
            for (const protocol of ["icmp", "1", 1, "58", "ipv6-icmp", "icmpv6", "sctp", "132", "gre", "47", "esp", 255, "0"]) {
                assertClean(await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [allow22(protocol)] } }));
            }
            // A deny written with a number shadows an allow written with the keyword (and back).
            for (const [deny, allow] of [["6", "tcp"], ["tcp", 6], ["all", "6"]] as const) {
                assertClean(
                    await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [{ ...allow22(deny), ruleNo: 90, action: "deny" }, { ...allow22(allow), fromPort: 20, toPort: 25 }] } }),
                );
            }
        });
        it("does not credit a deny numbered after the allow, or one for the other address family", async () => {
            assertViolations(
                await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [entry(100, "allow", "tcp", 1024, 65535, "::/0"), entry(90, "deny", "tcp", 3389, 3389), entry(200, "deny", "tcp", 3389, 3389, "::/0")] } }),
                ['Network ACL "a" ingress[0] (rule 100) allows tcp ports 1024-65535 from ::/0, which includes remote-administration port(s) 3389; deny 3389 from the internet in a lower-numbered rule of the same ACL, or narrow the range.'],
            );
        });
        it("is advisory when the action, source, ports or a possible deny are unknown; blocks malformed values", async () => {
            for (const props of [
                { ingress: unknown() },
                { ingress: [entry(100, "allow", "tcp", 22, 22, unknown())] },
                { ingress: [{ ...entry(100, "allow", "tcp", 22, 22), fromPort: unknown() }] },
                { ingress: [{ ...entry(90, "deny", "tcp", 22, 22), ruleNo: unknown() }, entry(100, "allow", "tcp", 1024, 65535)] },
            ]) {
                const diags = await runResourcePolicy(p, { type: T.acl, name: "a", props });
                assertNoMandatory(diags);
                assert.ok(advisory(diags).length >= 1, JSON.stringify(props));
            }
            const rule = await runResourcePolicy(p, { type: T.aclRule, name: "r", props: { egress: unknown(), protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22, ruleNumber: 1 } });
            assertNoMandatory(rule);
            assertViolations(await runResourcePolicy(p, { type: T.acl, name: "a", props: { ingress: [entry(100, "permit", "tcp", 22, 22)] } }), [
                'Cannot evaluate Network ACL "a": ingress[0].action is "permit", expected one of "allow", "deny"; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: T.acl, name: "public", props: { ingress: [entry(100, "allow", "tcp", 22, 22)] } });
    });

    describe("security-group-egress-names-ports", () => {
        const p = networkRules.securityGroupEgressNamesPorts;
        it("flags all-protocol and all-port egress to the internet in all three forms", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: T.sg,
                    name: "app",
                    props: { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }, { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }] },
                }),
                [
                    'Security group "app" egress[0] allows all protocols to 0.0.0.0/0, ::/0; name the ports and peers it needs (e.g. tcp 443 to the VPC endpoints\' security group or a prefix list).',
                    'Security group "app" egress[1] allows all tcp ports to 0.0.0.0/0; name the ports and peers it needs (e.g. tcp 443 to the VPC endpoints\' security group or a prefix list).',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: T.egressRule, name: "all", props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } }), [
                'Security group rule "all" allows all protocols to 0.0.0.0/0; name the ports and peers it needs (e.g. tcp 443 to the VPC endpoints\' security group or a prefix list).',
            ]);
            assertViolations(await runResourcePolicy(p, { type: T.sgRule, name: "udp", props: { type: "egress", protocol: "udp", fromPort: 1, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] } }), [
                'Security group rule "udp" allows all udp ports to 0.0.0.0/0; name the ports and peers it needs (e.g. tcp 443 to the VPC endpoints\' security group or a prefix list).',
            ]);
        });
        it("passes named ports (to groups, prefix lists, the VPC, or 443 to the internet), ingress rules, and groups without egress", async () => {
            assertClean(
                await runResourcePolicy(p, {
                    type: T.sg,
                    name: "svc",
                    props: {
                        egress: [
                            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                            { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] },
                            { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-1"] },
                        ],
                        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
                    },
                }),
            );
            assertClean(await runResourcePolicy(p, { type: T.egressRule, name: "s3", props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-1" } }));
            assertClean(await runResourcePolicy(p, { type: T.egressRule, name: "all-to-group", props: { ipProtocol: "-1", referencedSecurityGroupId: "sg-2" } }));
            assertClean(await runResourcePolicy(p, { type: T.sgRule, name: "in", props: { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } }));
            assertClean(await runResourcePolicy(p, { type: T.sg, name: "closed", props: { description: "no egress at all" } }));
        });
        it("is advisory when the egress, protocol or destination is unknown; blocks malformed values", async () => {
            for (const input of [
                { type: T.sg, props: { egress: unknown() } },
                { type: T.egressRule, props: { ipProtocol: unknown(), cidrIpv4: "0.0.0.0/0" } },
                { type: T.egressRule, props: { ipProtocol: "-1", cidrIpv4: unknown() } },
                { type: T.sgRule, props: { type: unknown(), protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] } },
            ]) {
                const diags = await runResourcePolicy(p, { ...input, name: "x" });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(input));
            }
            assertViolations(await runResourcePolicy(p, { type: T.egressRule, name: "x", props: { ipProtocol: { all: true }, cidrIpv4: "0.0.0.0/0" } }), [
                'Cannot evaluate security group rule "x": ipProtocol is an object {"all":true}, expected a string or a number; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: T.egressRule, name: "all", props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } });
    });

    describe("network-rules-declared-one-way (stack)", () => {
        const p = networkRules.networkRulesDeclaredOneWay;
        const inline = { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] };
        it("flags a group with inline rules and a standalone rule tied by dependency (preview) or by id", async () => {
            assertViolations(
                await runStackPolicy(p, [
                    { type: T.sg, name: "web", props: inline },
                    { type: T.egressRule, name: "web-out", ...ref("securityGroupId", T.sg, "web") },
                    { type: T.sg, name: "db", props: { id: "sg-1", egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] } },
                    { type: T.sgRule, name: "db-in", props: { type: "ingress", securityGroupId: "sg-1" } },
                ]),
                [
                    'Security group "web" declares inline `ingress` and also has rule resources "web-out" (aws.vpc.SecurityGroupEgressRule); the provider overwrites one with the other on every update: declare its rules one way only.',
                    'Security group "db" declares inline `egress` and also has rule resources "db-in" (aws.ec2.SecurityGroupRule); the provider overwrites one with the other on every update: declare its rules one way only.',
                ],
            );
        });
        it("flags the two kinds of rule resource on one group, rule resources on a default ACL, and a route table with both", async () => {
            assertViolations(
                await runStackPolicy(p, [
                    { type: T.sg, name: "mixed", props: {} },
                    { type: T.sgRule, name: "old", ...ref("securityGroupId", T.sg, "mixed") },
                    { type: T.ingressRule, name: "new", ...ref("securityGroupId", T.sg, "mixed") },
                    { type: T.defaultAcl, name: "dacl", props: {} },
                    { type: T.aclRule, name: "acl-rule", ...ref("networkAclId", T.defaultAcl, "dacl") },
                    { type: T.rt, name: "rt", props: { routes: [{ cidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" }] } },
                    { type: T.route, name: "extra", ...ref("routeTableId", T.rt, "rt") },
                ]),
                [
                    'Security group "mixed" has rules as aws.ec2.SecurityGroupRule ("old") and as aws.vpc.SecurityGroupIngressRule ("new"); the provider documents the two as conflicting: use aws.vpc.SecurityGroupIngressRule / EgressRule only.',
                    'Network ACL "dacl" is managed as a whole by DefaultNetworkAcl and also has rule resources "acl-rule" (aws.ec2.NetworkAclRule); the provider overwrites one with the other on every update: declare its rules one way only.',
                    'Route table "rt" declares inline `routes` and also has rule resources "extra" (aws.ec2.Route); the provider overwrites one with the other on every update: declare its rules one way only.',
                ],
            );
        });
        it("passes groups, ACLs and tables that use one form (the estate's: rule resources only), and rules of other groups", async () => {
            assertClean(
                await runStackPolicy(p, [
                    { type: T.sg, name: "alb", props: { description: "alb" } },
                    { type: T.ingressRule, name: "alb-in", ...ref("securityGroupId", T.sg, "alb") },
                    { type: T.egressRule, name: "alb-out", ...ref("securityGroupId", T.sg, "alb") },
                    { type: T.sg, name: "inline-only", props: inline },
                    { type: T.sg, name: "empty-inline", props: { ingress: [], egress: [] } },
                    { type: T.ingressRule, name: "e-in", ...ref("securityGroupId", T.sg, "empty-inline") },
                    { type: T.defaultSg, name: "dsg", props: {} },
                    { type: T.acl, name: "acl", props: { ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" }] } },
                    { type: T.acl, name: "acl2", props: {} },
                    { type: T.aclRule, name: "acl2-rule", ...ref("networkAclId", T.acl, "acl2") },
                    { type: T.rt, name: "rt", props: {} },
                    { type: T.route, name: "r", ...ref("routeTableId", T.rt, "rt") },
                ]),
            );
        });
        it("is advisory when a rule cannot be tied to its container, or the container's inline rules are unknown", async () => {
            const diags = await runStackPolicy(p, [
                { type: T.sg, name: "web", props: inline },
                { type: T.ingressRule, name: "r", props: { securityGroupId: unknown() } },
                { type: T.sg, name: "u", props: { ingress: unknown() } },
                { type: T.egressRule, name: "u-out", ...ref("securityGroupId", T.sg, "u") },
            ]);
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [
                'Cannot verify whether security group "u" also declares inline rules during preview: the value is unknown until the update. The policy runs again before the resource is created.',
                'Cannot verify which security group aws.vpc.SecurityGroupIngressRule "r" belongs to (it may conflict with inline rules) during preview: the value is unknown until the update. The policy runs again before the resource is created.',
            ]);
        });
        itHonoursWaivers(p, { stack: [{ type: T.sg, name: "web", props: inline }, { type: T.egressRule, name: "out", ...ref("securityGroupId", T.sg, "web") }], name: "web" });
    });

    describe("subnet-private-tier-no-igw-route (stack)", () => {
        const p = networkRules.subnetPrivateTierNoIgwRoute;
        // A VPC as a preview sees it: ids unknown, ties only through property dependencies.
        function network(privateTable = "private-rt"): TestResource[] {
            return [
                { type: T.vpc, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
                { type: T.igw, name: "igw", ...ref("vpcId", T.vpc, "vpc") },
                { type: T.nat, name: "nat", props: { subnetId: unknown() } },
                ...["public-a", "private-a", "data-a"].map((name) => ({
                    type: T.subnet,
                    name,
                    props: { vpcId: unknown(), tags: { Tier: name === "data-a" ? "isolated" : name.split("-")[0] } },
                    propertyDependencies: { vpcId: [u(T.vpc, "vpc")] },
                })),
                { type: T.rt, name: "public-rt", ...ref("vpcId", T.vpc, "vpc") },
                { type: T.route, name: "public-default", props: { routeTableId: unknown(), destinationCidrBlock: "0.0.0.0/0", gatewayId: unknown() }, propertyDependencies: { routeTableId: [u(T.rt, "public-rt")], gatewayId: [u(T.igw, "igw")] } },
                { type: T.rt, name: "private-rt", props: { vpcId: unknown(), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: unknown() }] }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")], routes: [u(T.nat, "nat")] } },
                { type: T.rt, name: "isolated-rt", ...ref("vpcId", T.vpc, "vpc") },
                ...[
                    ["public-a", "public-rt"],
                    ["private-a", privateTable],
                    ["data-a", "isolated-rt"],
                ].map(([subnet, table]) => ({
                    type: T.assoc,
                    name: `${subnet}-assoc`,
                    props: { subnetId: unknown(), routeTableId: unknown() },
                    propertyDependencies: { subnetId: [u(T.subnet, subnet)], routeTableId: [u(T.rt, table)] },
                })),
            ];
        }
        it("flags a private-tier subnet associated with the internet gateway's table", async () => {
            const diags = await runStackPolicy(p, network("public-rt"));
            assertViolations(diags, [
                'Private-tier subnet "private-a" is on the internet: its route table "public-rt" routes 0.0.0.0/0 to an internet gateway (route "public-default"); route its default traffic to a NAT gateway (private tier) or nowhere (isolated tier).',
            ]);
            assert.equal(diags[0].urn, u(T.subnet, "private-a"));
        });
        it("flags an isolated subnet (by name) that falls back to a main table routing ::/0 to the internet gateway (known ids)", async () => {
            assertViolations(
                await runStackPolicy(p, [
                    { type: T.vpc, name: "v", props: { id: "vpc-1" } },
                    { type: T.subnet, name: "app-isolated-1", props: { id: "subnet-1", vpcId: "vpc-1" } },
                    { type: T.rt, name: "main", props: { id: "rtb-1", routes: [{ ipv6CidrBlock: "::/0", gatewayId: "igw-1" }] } },
                    { type: T.main, name: "main-assoc", props: { vpcId: "vpc-1", routeTableId: "rtb-1" } },
                ]),
                [
                    'Private-tier subnet "app-isolated-1" is on the internet: its route table "main" routes ::/0 to an internet gateway; route its default traffic to a NAT gateway (private tier) or nowhere (isolated tier).',
                ],
            );
        });
        it("flags a private subnet of the default VPC left on its main table, and an adopted default route table with an IGW route", async () => {
            assertViolations(
                await runStackPolicy(p, [{ type: T.defaultVpc, name: "default", props: {} }, { type: T.subnet, name: "private-x", ...ref("vpcId", T.defaultVpc, "default") }]),
                [
                    'Private-tier subnet "private-x" is on the internet: its VPC "default" is the default VPC, whose main route table routes 0.0.0.0/0 to an internet gateway; route its default traffic to a NAT gateway (private tier) or nowhere (isolated tier).',
                ],
            );
            assertViolations(
                await runStackPolicy(p, [
                    { type: T.vpc, name: "v", props: {} },
                    { type: T.igw, name: "igw", props: {} },
                    { type: T.subnet, name: "private-y", ...ref("vpcId", T.vpc, "v") },
                    { type: T.defaultRt, name: "main", props: { defaultRouteTableId: unknown(), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: unknown() }] }, propertyDependencies: { defaultRouteTableId: [u(T.vpc, "v")], routes: [u(T.igw, "igw")] } },
                ]),
                [
                    'Private-tier subnet "private-y" is on the internet: its route table "main" routes 0.0.0.0/0 to an internet gateway; route its default traffic to a NAT gateway (private tier) or nowhere (isolated tier).',
                ],
            );
        });
        it("passes the three-tier layout (public to the IGW, private to NAT, isolated nowhere) and a VPN gateway route", async () => {
            assertClean(await runStackPolicy(p, network()));
            assertClean(
                await runStackPolicy(p, [
                    { type: T.vpc, name: "v", props: { id: "vpc-1" } },
                    { type: T.subnet, name: "private-v", props: { id: "subnet-1", vpcId: "vpc-1" } },
                    { type: T.route, name: "to-vpn", props: { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "vgw-1" } },
                    { type: T.rt, name: "t", props: { id: "rtb-1" } },
                    { type: T.assoc, name: "a", props: { subnetId: "subnet-1", routeTableId: "rtb-1" } },
                ]),
            );
        });
        it("is advisory when the routes, the tie or the tier cannot be proven; blocks malformed routes", async () => {
            const unknownRoutes = network("public-rt").map((r) => (r.name === "public-default" ? { ...r, props: { ...r.props, destinationCidrBlock: unknown() } } : r));
            for (const stack of [
                unknownRoutes,
                // The subnet's VPC is not in this stack, and it has no association: its main table is unknown.
                [{ type: T.subnet, name: "private-z", props: { vpcId: "vpc-elsewhere" } }],
                // Tags unknown (the name says nothing), and the table routes to the internet gateway.
                [
                    { type: T.igw, name: "igw", props: {} },
                    { type: T.subnet, name: "app-a", props: { tags: unknown() } },
                    { type: T.rt, name: "rt", props: { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: unknown() }] }, propertyDependencies: { routes: [u(T.igw, "igw")] } },
                    { type: T.assoc, name: "a", props: { subnetId: unknown(), routeTableId: unknown() }, propertyDependencies: { subnetId: [u(T.subnet, "app-a")], routeTableId: [u(T.rt, "rt")] } },
                ],
                // A gateway id that may be the internet gateway or a VPN gateway.
                [
                    ...network("ambiguous"),
                    { type: T.vgw, name: "vgw", props: {} },
                    { type: T.rt, name: "ambiguous", props: { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: unknown() }, { cidrBlock: "10.9.0.0/16", gatewayId: unknown() }] }, propertyDependencies: { routes: [u(T.igw, "igw"), u(T.vgw, "vgw")] } },
                ],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(messages(diags)));
            }
            assertViolations(
                await runStackPolicy(p, network("bad").concat([{ type: T.rt, name: "bad", props: { routes: "0.0.0.0/0 -> igw" } }])),
                [
                    'Cannot evaluate Route table "bad": routes is "0.0.0.0/0 -> igw", expected an array; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                ],
            );
        });
        it("keeps the tier options (tag key, values, name globs)", async () => {
            const diags = await runStackPolicy(p, network("public-rt"), { tierTagKey: "Layer", privateTierValues: ["app"], privateNamePatterns: ["*-app-*"] });
            assertClean(diags);
        });
        itHonoursWaivers(p, { stack: network("public-rt"), name: "private-a" });
    });
});
