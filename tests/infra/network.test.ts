import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";

import { INTERFACE_ENDPOINTS, subnetLayout, subnetMasks } from "../../infra/components/network";
import { Evaluation } from "../../tools/lib/evaluate";
import { DeclaredResource } from "../../tools/lib/preview-mocks";
import { beforeBothStacks, named, one, statement } from "./harness";
import {
    DEFAULT_SECURITY_GROUP,
    EIP,
    INTERNET_GATEWAY,
    ROUTE,
    ROUTE_TABLE,
    ROUTE_TABLE_ASSOCIATION,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SUBNET,
    VPC,
} from "../../policies/lib/resource-types";
import { VPC_ENDPOINT } from "../../policies/rules/identity/resource-types";

const NAT = "aws:ec2/natGateway:NatGateway";
const AZS = ["us-gov-west-1a", "us-gov-west-1b", "us-gov-west-1c"];

/** [port, peer] of a rule, where the peer is a CIDR or "sg" for a referenced group. */
function shape(rule: DeclaredResource): [number, string] {
    const i = rule.inputs;
    const peer = (i.cidrIpv4 ?? i.cidrIpv6 ?? (i.referencedSecurityGroupId !== undefined ? "sg" : "prefix-list")) as string;
    return [i.fromPort as number, peer];
}

describe("infra/components/network", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));

    // Every boundary resource is a plain @pulumi/aws resource: visible here, in the offline plan and
    // to the policy pack in a real preview (docs/architecture.md, "Why plain resources").
    describe("the VPC and its boundary", () => {
        it("is one VPC over the settings' block with DNS on, its default security group adopted with no rules", () => {
            const vpc = one(prod, VPC).inputs;
            assert.strictEqual(vpc.cidrBlock, "10.50.0.0/16");
            assert.strictEqual(vpc.enableDnsHostnames, true);
            assert.strictEqual(vpc.enableDnsSupport, true);
            const dsg = one(prod, DEFAULT_SECURITY_GROUP).inputs;
            assert.ok(pulumi.isUnknown(dsg.vpcId), "the VPC's id is computed: tied through the graph");
            assert.strictEqual(dsg.ingress, undefined);
            assert.strictEqual(dsg.egress, undefined);
        });

        it("lays out exact subnet CIDRs: a quarter of the block per AZ, private half of it, public and isolated an eighth", () => {
            assert.deepStrictEqual(
                subnetLayout("10.50.0.0/16", AZS).map((s) => [s.availabilityZone, s.tier, s.cidrBlock]),
                [
                    ["us-gov-west-1a", "public", "10.50.32.0/21"],
                    ["us-gov-west-1a", "private", "10.50.0.0/19"],
                    ["us-gov-west-1a", "isolated", "10.50.40.0/21"],
                    ["us-gov-west-1b", "public", "10.50.96.0/21"],
                    ["us-gov-west-1b", "private", "10.50.64.0/19"],
                    ["us-gov-west-1b", "isolated", "10.50.104.0/21"],
                    ["us-gov-west-1c", "public", "10.50.160.0/21"],
                    ["us-gov-west-1c", "private", "10.50.128.0/19"],
                    ["us-gov-west-1c", "isolated", "10.50.168.0/21"],
                ],
            );
            assert.deepStrictEqual(subnetMasks("10.50.0.0/16"), { private: 19, public: 21, isolated: 21 });
        });

        it("declares exactly those 9 subnets, each tagged with its tier, none mapping public IPv4 or IPv6 addresses", () => {
            for (const [ev, cidr] of [[prod, "10.50.0.0/16"], [staging, "10.40.0.0/16"]] as const) {
                const subnets = ev.mocks.ofType(SUBNET);
                assert.deepStrictEqual(
                    subnets.map((s) => [s.inputs.availabilityZone, (s.inputs.tags as Record<string, string>).Tier, s.inputs.cidrBlock]).sort(),
                    subnetLayout(cidr, AZS).map((s) => [s.availabilityZone, s.tier, s.cidrBlock]).sort(),
                );
                for (const s of subnets) {
                    assert.strictEqual(s.inputs.mapPublicIpOnLaunch, false, s.name);
                    assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, false, s.name);
                }
            }
        });

        it("keeps every subnet inside the VPC, disjoint, /28 or larger, for /16 to /20 blocks", () => {
            const range = (c: string) => {
                const [a, m] = c.split("/");
                const start = a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
                return [start, start + 2 ** (32 - Number(m))];
            };
            for (let vpcMask = 16; vpcMask <= 20; vpcMask++) {
                const vpc = range(`10.0.0.0/${vpcMask}`);
                const ranges = subnetLayout(`10.0.0.0/${vpcMask}`, AZS).map((s) => {
                    assert.ok(Number(s.cidrBlock.split("/")[1]) <= 28, s.cidrBlock);
                    const r = range(s.cidrBlock);
                    assert.strictEqual(r[0] % (r[1] - r[0]), 0, `${s.cidrBlock} is aligned`);
                    return r;
                });
                for (const [i, r] of ranges.entries()) {
                    assert.ok(r[0] >= vpc[0] && r[1] <= vpc[1], `/${vpcMask}: inside the VPC`);
                    for (const other of ranges.slice(i + 1)) {
                        assert.ok(r[1] <= other[0] || other[1] <= r[0], `/${vpcMask}: disjoint`);
                    }
                }
            }
        });

        it("routes only the public tier to the internet gateway; private through NAT; isolated nowhere", () => {
            const routes = prod.mocks.ofType(ROUTE);
            assert.deepStrictEqual(routes.map((r) => r.name).sort(), [
                "network-private-us-gov-west-1a-egress",
                "network-private-us-gov-west-1b-egress",
                "network-private-us-gov-west-1c-egress",
                "network-public-internet",
            ]);
            for (const r of routes) {
                assert.strictEqual(r.inputs.destinationCidrBlock, "0.0.0.0/0", r.name);
                assert.strictEqual(r.name === "network-public-internet" ? "gatewayId" in r.inputs : "natGatewayId" in r.inputs, true, r.name);
            }
            assert.deepStrictEqual(prod.mocks.ofType(ROUTE_TABLE).map((t) => t.name).sort(), [
                "network-isolated",
                "network-private-us-gov-west-1a",
                "network-private-us-gov-west-1b",
                "network-private-us-gov-west-1c",
                "network-public",
            ]);
            for (const t of prod.mocks.ofType(ROUTE_TABLE)) {
                assert.strictEqual(t.inputs.routes, undefined, `${t.name}: routes are standalone resources`);
            }
            assert.strictEqual(prod.mocks.ofType(ROUTE_TABLE_ASSOCIATION).length, 9, "every subnet is explicitly associated");
            assert.strictEqual(one(prod, INTERNET_GATEWAY).name, "network-igw");
        });

        it("has one NAT gateway (and elastic IP) per AZ in prod and a single one in staging", () => {
            assert.deepStrictEqual(prod.mocks.ofType(NAT).map((n) => n.name), AZS.map((az) => `network-nat-${az}`));
            assert.strictEqual(prod.mocks.ofType(EIP).length, 3);
            assert.deepStrictEqual(staging.mocks.ofType(NAT).map((n) => n.name), ["network-nat-us-gov-west-1a"]);
            assert.strictEqual(staging.mocks.ofType(EIP).length, 1);
            for (const e of [...prod.mocks.ofType(EIP), ...staging.mocks.ofType(EIP)]) {
                assert.strictEqual(e.inputs.domain, "vpc");
            }
        });

        it("uses no awsx component (whose children the guard could not see)", () => {
            for (const ev of [staging, prod]) {
                assert.deepStrictEqual(ev.mocks.resources.filter((r) => r.type.startsWith("awsx:")).map((r) => r.type), []);
            }
        });
    });

    describe("flow logs", () => {
        it("records ALL traffic of the VPC to the flow-log group through a role, by known ARNs", () => {
            const flow = one(prod, "aws:ec2/flowLog:FlowLog").inputs;
            assert.strictEqual(flow.trafficType, "ALL");
            assert.strictEqual(flow.logDestinationType, "cloud-watch-logs");
            assert.strictEqual(flow.logDestination, "arn:aws-us-gov:logs:us-gov-west-1:318920475611:log-group:/govstack/govstack-prod/vpc-flow-logs");
            assert.strictEqual(flow.iamRoleArn, "arn:aws-us-gov:iam::318920475611:role/govstack-prod-vpc-flow-logs");
            assert.ok(pulumi.isUnknown(flow.vpcId), "the VPC id is computed");
        });

        it("writes to a KMS-encrypted log group with the stack's retention", () => {
            const group = named(prod, "aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").inputs;
            assert.strictEqual(group.name, "/govstack/govstack-prod/vpc-flow-logs");
            assert.strictEqual(group.retentionInDays, 400);
            assert.ok("kmsKeyId" in group && group.kmsKeyId !== undefined);
            assert.strictEqual(named(staging, "aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").inputs.retentionInDays, 90);
        });

        it("lets only VPC Flow Logs of this account assume the role, and only write that group", () => {
            const role = named(prod, "aws:iam/role:Role", "network-flow-logs").inputs;
            assert.strictEqual(role.name, "govstack-prod-vpc-flow-logs");
            const trust = statement(role.assumeRolePolicy, "TrustService");
            assert.deepStrictEqual(trust.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
            assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": "318920475611" } });
            const write = statement(named(prod, "aws:iam/policy:Policy", "network-flow-logs").inputs.policy, "WriteFlowLogs");
            assert.deepStrictEqual(write.Resource, [
                "arn:aws-us-gov:logs:us-gov-west-1:318920475611:log-group:/govstack/govstack-prod/vpc-flow-logs",
                "arn:aws-us-gov:logs:us-gov-west-1:318920475611:log-group:/govstack/govstack-prod/vpc-flow-logs:*",
            ]);
            assert.ok(!(write.Action as string[]).some((a) => a.includes("*")));
        });
    });

    describe("VPC endpoints", () => {
        it("has an S3 gateway endpoint with the GovCloud service name, on the private tier's route tables only", () => {
            const s3 = named(prod, VPC_ENDPOINT, "network-s3").inputs;
            assert.strictEqual(s3.serviceName, "com.amazonaws.us-gov-west-1.s3");
            assert.strictEqual(s3.vpcEndpointType, "Gateway");
            // One id per private table (each unknown until created); the isolated tier gets no path to S3.
            assert.strictEqual((s3.routeTableIds as unknown[]).length, 3);
        });

        it("has private-DNS interface endpoints for ECR api/dkr, Logs, Secrets Manager and KMS, guarded by their own group", () => {
            const interfaces = prod.mocks.ofType(VPC_ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
            assert.deepStrictEqual(
                interfaces.map((e) => e.inputs.serviceName).sort(),
                INTERFACE_ENDPOINTS.map((s) => `com.amazonaws.us-gov-west-1.${s}`).sort(),
            );
            for (const e of interfaces) {
                assert.strictEqual(e.inputs.privateDnsEnabled, true, e.name);
                assert.strictEqual((e.inputs.securityGroupIds as unknown[]).length, 1, e.name);
            }
            assert.deepStrictEqual(INTERFACE_ENDPOINTS, ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "kms"]);
        });
    });

    describe("security groups", () => {
        it("declares one group per tier, each with a description and no inline rules", () => {
            const groups = prod.mocks.ofType(SECURITY_GROUP);
            assert.deepStrictEqual(groups.map((g) => g.inputs.name).sort(), [
                "govstack-prod-alb",
                "govstack-prod-cache",
                "govstack-prod-database",
                "govstack-prod-endpoints",
                "govstack-prod-service",
            ]);
            for (const g of groups) {
                assert.ok(typeof g.inputs.description === "string" && g.inputs.description.length > 10, g.name);
                assert.strictEqual(g.inputs.ingress, undefined, `${g.name}: rules are separate resources`);
                assert.strictEqual(g.inputs.egress, undefined, `${g.name}: rules are separate resources`);
            }
        });

        it("opens the ALB on 443 and 80 to exactly the allowed CIDRs, and the test port to operators only", () => {
            const alb = prod.mocks.ofType(SECURITY_GROUP_INGRESS_RULE).filter((r) => r.name.startsWith("network-alb-")).map(shape);
            const allowed = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];
            assert.deepStrictEqual(
                alb.sort(),
                [...allowed.map((c) => [443, c]), ...allowed.map((c) => [80, c]), [8443, "198.51.100.16/28"]].sort(),
            );
        });

        it("admits the service port only from the ALB group, and the database and cache only from the service", () => {
            const ingress = (n: string) => named(prod, SECURITY_GROUP_INGRESS_RULE, n).inputs;
            assert.deepStrictEqual([ingress("network-service-from-alb").fromPort, ingress("network-service-from-alb").toPort], [8080, 8080]);
            assert.deepStrictEqual([ingress("network-database-from-service").fromPort, ingress("network-database-from-service").toPort], [5432, 5432]);
            assert.deepStrictEqual([ingress("network-cache-from-service").fromPort, ingress("network-cache-from-service").toPort], [6379, 6379]);
            for (const n of ["network-service-from-alb", "network-database-from-service", "network-cache-from-service", "network-endpoints-from-service"]) {
                assert.ok("referencedSecurityGroupId" in ingress(n), n);
                assert.strictEqual(ingress(n).cidrIpv4, undefined, n);
                assert.strictEqual(ingress(n).ipProtocol, "tcp", n);
            }
        });

        it("has no world-open ingress anywhere (IPv4 or IPv6) in either stack", () => {
            for (const ev of [staging, prod]) {
                for (const rule of ev.mocks.ofType(SECURITY_GROUP_INGRESS_RULE)) {
                    assert.notStrictEqual(rule.inputs.cidrIpv4, "0.0.0.0/0", rule.name);
                    assert.notStrictEqual(rule.inputs.cidrIpv6, "::/0", rule.name);
                    assert.notStrictEqual(rule.inputs.ipProtocol, "-1", rule.name);
                }
            }
        });

        it("limits egress: ALB → service port; service → 5432, 6379, 443 to endpoints and the S3 prefix list", () => {
            const egress = prod.mocks.ofType(SECURITY_GROUP_EGRESS_RULE).map((r) => [r.name, ...shape(r)]);
            assert.deepStrictEqual(egress.sort(), [
                ["network-alb-to-service", 8080, "sg"],
                ["network-service-to-cache", 6379, "sg"],
                ["network-service-to-database", 5432, "sg"],
                ["network-service-to-endpoints", 443, "sg"],
                ["network-service-to-s3", 443, "prefix-list"],
            ]);
            for (const rule of prod.mocks.ofType(SECURITY_GROUP_EGRESS_RULE)) {
                assert.strictEqual(rule.inputs.cidrIpv4, undefined, `${rule.name} goes nowhere by CIDR`);
            }
        });

        it("staging's ALB admits its own (different) allowed CIDRs", () => {
            const cidrs = staging.mocks
                .ofType(SECURITY_GROUP_INGRESS_RULE)
                .filter((r) => r.name.startsWith("network-alb-https-"))
                .map((r) => r.inputs.cidrIpv4);
            assert.deepStrictEqual(cidrs, ["198.51.100.0/24", "203.0.113.0/24"]);
        });
    });

    it("every tagged network resource carries the required tags", () => {
        for (const r of prod.mocks.resources.filter((x) => x.name.startsWith("network-") && x.inputs.tags !== undefined)) {
            const tags = r.inputs.tags as Record<string, string>;
            assert.strictEqual(tags.Compliance, "FedRAMP-Moderate", r.name);
            assert.strictEqual(tags.Environment, "prod", r.name);
            assert.strictEqual(tags.Component, "network", r.name);
        }
    });
});
