import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";

import { INTERFACE_ENDPOINTS, subnetMasks } from "../../infra/components/network/network";
import { Evaluation } from "../../tools/lib/evaluate";
import { DeclaredResource } from "../../tools/lib/preview-mocks";
import { evaluated, named, one, statement } from "./harness";

const VPC = "awsx:ec2:Vpc";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/** [port, peer] of a rule, where the peer is a CIDR or "sg" for a referenced group. */
function shape(rule: DeclaredResource): [number, string] {
    const i = rule.inputs;
    const peer = (i.cidrIpv4 ?? i.cidrIpv6 ?? (i.referencedSecurityGroupId !== undefined ? "sg" : "prefix-list")) as string;
    return [i.fromPort as number, peer];
}

describe("infra/components/network", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    before(async () => {
        staging = await evaluated("staging");
        prod = await evaluated("prod");
    });

    // awsx.ec2.Vpc is a remote component: under mocks it registers only itself, so its subnets,
    // route tables and NAT gateways are invisible here (and to an offline policy run). We assert
    // the inputs we give it, which fully determine what it creates.
    describe("the awsx VPC (inputs only: its children are not visible to mocks)", () => {
        it("spans exactly the 3 configured AZs with DNS on", () => {
            const vpc = one(prod, VPC).inputs;
            assert.strictEqual(vpc.cidrBlock, "10.50.0.0/16");
            assert.deepStrictEqual(vpc.availabilityZoneNames, ["us-gov-west-1a", "us-gov-west-1b", "us-gov-west-1c"]);
            assert.strictEqual(vpc.enableDnsHostnames, true);
            assert.strictEqual(vpc.enableDnsSupport, true);
        });

        it("has private, public and isolated tiers sized from the VPC block, largest first", () => {
            const specs = (one(prod, VPC).inputs.subnetSpecs as Array<{ type: string; cidrMask: number }>).map((s) => [s.type, s.cidrMask]);
            assert.deepStrictEqual(specs, [
                ["Private", 19],
                ["Public", 21],
                ["Isolated", 21],
            ]);
            assert.strictEqual(one(prod, VPC).inputs.subnetStrategy, "Auto");
        });

        it("fits the three tiers, allocated in order with alignment, into each AZ's quarter for /16 to /20", () => {
            // The order is the one the estate gives awsx ("Auto" keeps it).
            const order = (one(prod, VPC).inputs.subnetSpecs as Array<{ type: string }>).map(
                (spec) => spec.type.toLowerCase() as "private" | "public" | "isolated",
            );
            for (let vpcMask = 16; vpcMask <= 20; vpcMask++) {
                const masks = subnetMasks(`10.0.0.0/${vpcMask}`);
                const azSize = 2 ** (32 - (vpcMask + 2));
                let next = 0;
                for (const mask of order.map((tier) => masks[tier])) {
                    const size = 2 ** (32 - mask);
                    next = Math.ceil(next / size) * size + size;
                }
                assert.ok(next <= azSize, `/${vpcMask}: ${next} addresses needed, ${azSize} available per AZ`);
                assert.ok(32 - masks.isolated >= 4, `/${vpcMask}: subnets stay at /28 or larger`);
            }
        });

        it("has one NAT gateway per AZ in prod and a single one in staging", () => {
            assert.deepStrictEqual(one(prod, VPC).inputs.natGateways, { strategy: "OnePerAz" });
            assert.deepStrictEqual(one(staging, VPC).inputs.natGateways, { strategy: "Single" });
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
            const write = statement(named(prod, "aws:iam/rolePolicy:RolePolicy", "network-flow-logs").inputs.policy, "WriteFlowLogs");
            assert.deepStrictEqual(write.Resource, [
                "arn:aws-us-gov:logs:us-gov-west-1:318920475611:log-group:/govstack/govstack-prod/vpc-flow-logs",
                "arn:aws-us-gov:logs:us-gov-west-1:318920475611:log-group:/govstack/govstack-prod/vpc-flow-logs:*",
            ]);
            assert.ok(!(write.Action as string[]).some((a) => a.includes("*")));
        });
    });

    describe("VPC endpoints", () => {
        it("has an S3 gateway endpoint with the GovCloud service name", () => {
            const s3 = named(prod, ENDPOINT, "network-s3").inputs;
            assert.strictEqual(s3.serviceName, "com.amazonaws.us-gov-west-1.s3");
            assert.strictEqual(s3.vpcEndpointType, "Gateway");
        });

        it("has private-DNS interface endpoints for ECR api/dkr, Logs, Secrets Manager and KMS, guarded by their own group", () => {
            const interfaces = prod.mocks.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
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
            const groups = prod.mocks.ofType(SG);
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
            const alb = prod.mocks.ofType(INGRESS).filter((r) => r.name.startsWith("network-alb-")).map(shape);
            const allowed = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"];
            assert.deepStrictEqual(
                alb.sort(),
                [...allowed.map((c) => [443, c]), ...allowed.map((c) => [80, c]), [8443, "198.51.100.16/28"]].sort(),
            );
        });

        it("admits the service port only from the ALB group, and the database and cache only from the service", () => {
            const ingress = (n: string) => named(prod, INGRESS, n).inputs;
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
                for (const rule of ev.mocks.ofType(INGRESS)) {
                    assert.notStrictEqual(rule.inputs.cidrIpv4, "0.0.0.0/0", rule.name);
                    assert.notStrictEqual(rule.inputs.cidrIpv6, "::/0", rule.name);
                    assert.notStrictEqual(rule.inputs.ipProtocol, "-1", rule.name);
                }
            }
        });

        it("limits egress: ALB → service port; service → 5432, 6379, 443 to endpoints and the S3 prefix list", () => {
            const egress = prod.mocks.ofType(EGRESS).map((r) => [r.name, ...shape(r)]);
            assert.deepStrictEqual(egress.sort(), [
                ["network-alb-to-service", 8080, "sg"],
                ["network-service-to-cache", 6379, "sg"],
                ["network-service-to-database", 5432, "sg"],
                ["network-service-to-endpoints", 443, "sg"],
                ["network-service-to-s3", 443, "prefix-list"],
            ]);
            for (const rule of prod.mocks.ofType(EGRESS)) {
                assert.strictEqual(rule.inputs.cidrIpv4, undefined, `${rule.name} goes nowhere by CIDR`);
            }
        });

        it("staging's ALB admits its own (different) allowed CIDRs", () => {
            const cidrs = staging.mocks
                .ofType(INGRESS)
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
