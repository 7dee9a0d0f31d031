import * as assert from "node:assert/strict";

import * as databases from "../../policies/rules/databases";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";

describe("databases", () => {
    describe("rds-not-publicly-accessible", () => {
        const type = "aws:rds/instance:Instance";
        it("flags a publicly accessible instance", async () => {
            const diags = await runResourcePolicy(databases.rdsNotPubliclyAccessible, { type, name: "db", props: { publiclyAccessible: true } });
            assertViolations(diags, ['DB instance "db" has publiclyAccessible = true; set it to false.']);
        });
        it("passes a private instance and one that leaves the flag at its default", async () => {
            assertClean(await runResourcePolicy(databases.rdsNotPubliclyAccessible, { type, props: { publiclyAccessible: false } }));
            assertClean(await runResourcePolicy(databases.rdsNotPubliclyAccessible, { type, props: { engine: "postgres" } }));
        });
        for (const t of ["aws:rds/clusterInstance:ClusterInstance", "aws:docdb/clusterInstance:ClusterInstance", "aws:neptune/clusterInstance:ClusterInstance"]) {
            it(`covers ${t}`, async () => {
                const diags = await runResourcePolicy(databases.rdsNotPubliclyAccessible, { type: t, name: "member", props: { publiclyAccessible: true } });
                assertViolations(diags, ['DB instance "member" has publiclyAccessible = true; set it to false.']);
            });
        }
        itIsAdvisoryOnly("is advisory when the flag is unknown", databases.rdsNotPubliclyAccessible, { type, props: { publiclyAccessible: unknown() } });
        itHonoursWaivers(databases.rdsNotPubliclyAccessible, { type, name: "db", props: { publiclyAccessible: true } });
    });

    describe("redshift-not-publicly-accessible", () => {
        const type = "aws:redshift/cluster:Cluster";
        it("flags a public cluster", async () => {
            const diags = await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, name: "wh", props: { publiclyAccessible: true } });
            assertViolations(diags, ['Redshift cluster "wh" has publiclyAccessible = true; set it to false.']);
        });
        it("flags a public Redshift Serverless workgroup, passes a private one, and is advisory when unknown", async () => {
            const type = "aws:redshiftserverless/workgroup:Workgroup";
            assertViolations(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, name: "wg", props: { namespaceName: "ns", publiclyAccessible: true } }), [
                'Redshift Serverless workgroup "wg" has publiclyAccessible = true; set it to false.',
            ]);
            assertClean(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, props: { namespaceName: "ns", publiclyAccessible: false } }));
            assertAdvisoryOnly(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, props: { publiclyAccessible: unknown() } }));
        });
        it("passes a private cluster", async () => {
            assertClean(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, props: { publiclyAccessible: false } }));
        });
        it("never fails on unknown", async () => {
            assertNoMandatory(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type, props: { publiclyAccessible: unknown() } }));
        });
        it("ignores other types (server fast path)", async () => {
            assertClean(await runResourcePolicy(databases.redshiftNotPubliclyAccessible, { type: "aws:rds/instance:Instance", props: { publiclyAccessible: true } }));
        });
    });

    describe("opensearch-in-vpc", () => {
        const type = "aws:opensearch/domain:Domain";
        it("flags a domain without vpcOptions (and an Elasticsearch one)", async () => {
            assertViolations(await runResourcePolicy(databases.opensearchInVpc, { type, name: "search", props: { engineVersion: "OpenSearch_2.13" } }), [
                'OpenSearch domain "search" has no vpcOptions.subnetIds, so its endpoint is public; deploy it in private subnets.',
            ]);
            assertViolations(
                await runResourcePolicy(databases.opensearchInVpc, { type: "aws:elasticsearch/domain:Domain", name: "es", props: { vpcOptions: { subnetIds: [] } } }),
                ['OpenSearch domain "es" has no vpcOptions.subnetIds, so its endpoint is public; deploy it in private subnets.'],
            );
        });
        it("passes a VPC domain", async () => {
            assertClean(await runResourcePolicy(databases.opensearchInVpc, { type, props: { vpcOptions: { subnetIds: ["subnet-1"] } } }));
        });
        it("passes unknown subnet ids (a VPC built in the same update)", async () => {
            assertClean(await runResourcePolicy(databases.opensearchInVpc, { type, props: { vpcOptions: { subnetIds: [unknown()] } } }));
            assertClean(await runResourcePolicy(databases.opensearchInVpc, { type, props: { vpcOptions: unknown() } }));
        });
    });

    describe("security-group-database-ports-not-public", () => {
        const sg = "aws:ec2/securityGroup:SecurityGroup";
        const p = databases.securityGroupDatabasePortsNotPublic;
        it("flags inline ingress opening PostgreSQL to the world", async () => {
            const diags = await runResourcePolicy(p, {
                type: sg,
                name: "db-sg",
                props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] },
            });
            assertViolations(diags, [
                'Security group "db-sg" ingress[1] opens database port(s) 5432 to 0.0.0.0/0; allow only the application\'s security group.',
            ]);
        });
        it("flags all-protocol and wide-range rules over IPv6", async () => {
            const diags = await runResourcePolicy(p, {
                type: sg,
                name: "any",
                props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] },
                config: { databasePorts: [5432, 6379] },
            });
            assertViolations(diags, ['Security group "any" ingress[0] opens database port(s) 5432, 6379 to ::/0; allow only the application\'s security group.']);
            const range = await runResourcePolicy(p, {
                type: sg,
                name: "range",
                props: { ingress: [{ protocol: "tcp", fromPort: 3000, toPort: 3400, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] }] },
            });
            assertViolations(range, ['Security group "range" ingress[0] opens database port(s) 3306 to 0.0.0.0/0; allow only the application\'s security group.']);
        });
        it("flags standalone ingress rules of both kinds", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    name: "redis",
                    props: { ipProtocol: "tcp", fromPort: 6379, toPort: 6379, cidrIpv4: "0.0.0.0/0", securityGroupId: "sg-1" },
                }),
                ['Security group rule "redis" opens database port(s) 6379 to 0.0.0.0/0; allow only the application\'s security group.'],
            );
            assertViolations(
                await runResourcePolicy(p, {
                    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    name: "all",
                    props: { ipProtocol: "-1", cidrIpv6: "::/0", securityGroupId: "sg-1" },
                    config: { databasePorts: [27017] },
                }),
                ['Security group rule "all" opens database port(s) 27017 to ::/0; allow only the application\'s security group.'],
            );
            assertViolations(
                await runResourcePolicy(p, {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    name: "mysql",
                    props: { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" },
                }),
                ['Security group rule "mysql" opens database port(s) 3306 to 0.0.0.0/0; allow only the application\'s security group.'],
            );
        });
        it("flags a database port open to another spelling of the internet (::0/0, or halves that add up to it)", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    name: "pg6",
                    props: { type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::0/0"], securityGroupId: "sg-1" },
                }),
                ['Security group rule "pg6" opens database port(s) 5432 to ::0/0; allow only the application\'s security group.'],
            );
            assertViolations(
                await runResourcePolicy(p, { type: sg, name: "halves", props: { ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] } }),
                ['Security group "halves" ingress[0] opens database port(s) 6379 to 0.0.0.0/1 + 128.0.0.0/1; allow only the application\'s security group.'],
            );
            assertClean(await runResourcePolicy(p, { type: sg, props: { ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["10.0.0.0/9", "10.128.0.0/9"] }] } }));
        });
        it("passes private sources, egress rules, web ports and ICMP", async () => {
            assertClean(
                await runResourcePolicy(p, { type: sg, props: { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app"] }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } }),
            );
            assertClean(
                await runResourcePolicy(p, {
                    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                    props: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                }),
            );
            assertClean(await runResourcePolicy(p, { type: sg, props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] } }));
            assertClean(await runResourcePolicy(p, { type: sg, props: { ingress: [{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }] } }));
        });
        it("is advisory, never mandatory, on unknown ports, CIDRs, rule type or ingress list", async () => {
            const cases: Array<[string, Record<string, unknown>]> = [
                [sg, { ingress: [{ protocol: "tcp", fromPort: unknown(), toPort: unknown(), cidrBlocks: ["0.0.0.0/0"] }] }],
                [sg, { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [unknown()] }] }],
                [sg, { ingress: unknown() }],
                ["aws:ec2/securityGroupRule:SecurityGroupRule", { type: unknown(), protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }],
            ];
            for (const [type, props] of cases) {
                const diags = await runResourcePolicy(p, { type, props });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(props));
            }
            // An unknown CIDR on a web port cannot matter: nothing to report.
            assertClean(await runResourcePolicy(p, { type: sg, props: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [unknown()] }] } }));
        });
        itHonoursWaivers(p, { type: sg, name: "db-sg", props: { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }] } });
    });

    describe("db-subnet-group-private (stack)", () => {
        const T = {
            vpc: "aws:ec2/vpc:Vpc",
            igw: "aws:ec2/internetGateway:InternetGateway",
            nat: "aws:ec2/natGateway:NatGateway",
            subnet: "aws:ec2/subnet:Subnet",
            rt: "aws:ec2/routeTable:RouteTable",
            route: "aws:ec2/route:Route",
            assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
            main: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
            group: "aws:rds/subnetGroup:SubnetGroup",
        };
        const u = (type: string, name: string) => urnOf(type, name);
        // A VPC as a preview sees it: every id unknown, links only through property dependencies.
        function network(): TestResource[] {
            return [
                { type: T.vpc, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
                { type: T.igw, name: "igw", props: { vpcId: unknown() }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")] } },
                { type: T.nat, name: "nat", props: { subnetId: unknown() } },
                { type: T.subnet, name: "public-a", props: { vpcId: unknown(), mapPublicIpOnLaunch: false }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")] } },
                { type: T.subnet, name: "private-a", props: { vpcId: unknown(), mapPublicIpOnLaunch: false }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")] } },
                { type: T.subnet, name: "private-b", props: { vpcId: unknown() }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")] } },
                { type: T.subnet, name: "mapped", props: { vpcId: unknown(), mapPublicIpOnLaunch: true }, propertyDependencies: { vpcId: [u(T.vpc, "vpc")] } },
                {
                    type: T.rt,
                    name: "public-rt",
                    props: { vpcId: unknown(), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: unknown() }] },
                    propertyDependencies: { vpcId: [u(T.vpc, "vpc")], routes: [u(T.igw, "igw")] },
                },
                {
                    type: T.rt,
                    name: "private-rt",
                    props: { vpcId: unknown(), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: unknown() }] },
                    propertyDependencies: { vpcId: [u(T.vpc, "vpc")], routes: [u(T.nat, "nat")] },
                },
                ...["public-a", "private-a", "private-b"].map((s) => ({
                    type: T.assoc,
                    name: `${s}-assoc`,
                    props: { subnetId: unknown(), routeTableId: unknown() },
                    propertyDependencies: { subnetId: [u(T.subnet, s)], routeTableId: [u(T.rt, s.startsWith("public") ? "public-rt" : "private-rt")] },
                })),
            ];
        }
        const group = (name: string, subnets: string[]): TestResource => ({
            type: T.group,
            name,
            props: { subnetIds: subnets.map(() => unknown()) },
            propertyDependencies: { subnetIds: subnets.map((s) => u(T.subnet, s)) },
        });

        it("flags subnets routed to the internet gateway and subnets that map public IPs", async () => {
            const diags = await runStackPolicy(databases.dbSubnetGroupPrivate, [...network(), group("db", ["private-a", "public-a", "mapped"])]);
            assertViolations(diags, [
                'Subnet group "db" includes public subnet "public-a": its route table "public-rt" routes 0.0.0.0/0 to an internet gateway; use private subnets only.',
                'Subnet group "db" includes public subnet "mapped": it maps public IPs on launch (mapPublicIpOnLaunch = true); use private subnets only.',
            ]);
            assert.equal(diags[0].urn, u(T.group, "db"));
        });

        it("passes a group of private subnets (default route via NAT)", async () => {
            assertClean(await runStackPolicy(databases.dbSubnetGroupPrivate, [...network(), group("db", ["private-a", "private-b"])]));
        });

        it("follows standalone routes with known ids and the VPC's main route table", async () => {
            const resources: TestResource[] = [
                { type: T.vpc, name: "vpc", props: { id: "vpc-1" } },
                { type: T.subnet, name: "s1", props: { id: "subnet-1", vpcId: "vpc-1" } },
                { type: T.rt, name: "main", props: { id: "rtb-1", vpcId: "vpc-1", routes: [] } },
                { type: T.main, name: "main-assoc", props: { vpcId: "vpc-1", routeTableId: "rtb-1" } },
                { type: T.route, name: "default", props: { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-9" } },
                { type: T.group, name: "db", props: { subnetIds: ["subnet-1"] } },
            ];
            assertViolations(await runStackPolicy(databases.dbSubnetGroupPrivate, resources), [
                'Subnet group "db" includes public subnet "s1": its route table "main" routes 0.0.0.0/0 to an internet gateway (route "default"); use private subnets only.',
            ]);
        });

        it("is advisory when subnets cannot be resolved or routes are unknown", async () => {
            const unresolved = await runStackPolicy(databases.dbSubnetGroupPrivate, [{ type: T.group, name: "db", props: { subnetIds: unknown() } }]);
            assertNoMandatory(unresolved);
            assert.deepEqual(advisory(unresolved).map((d) => d.message), [
                'Cannot verify the subnets of subnet group "db" during preview: its subnetIds are unknown and no subnet resource of this stack is recorded as their source (e.g. a remote component\'s outputs). The policy runs again after the update.',
            ]);
            const external = await runStackPolicy(databases.dbSubnetGroupPrivate, [{ type: T.group, name: "db", props: { subnetIds: ["subnet-0abc", "subnet-0def"] } }]);
            assert.deepEqual(advisory(external).map((d) => d.message), ['Cannot verify 2 subnet(s) of subnet group "db": they are not subnet resources of this stack.']);
            const unknownRoutes = network().map((r) => (r.name === "public-rt" ? { ...r, props: { routes: unknown() } } : r));
            assertAdvisoryOnly(await runStackPolicy(databases.dbSubnetGroupPrivate, [...unknownRoutes, group("db", ["public-a"])]));
        });

        it("judges the subnets of a group tied only through the graph, its name and every id unknown", async () => {
            const unnamed: TestResource = {
                type: T.group,
                name: "db",
                props: { name: unknown(), subnetIds: unknown() },
                propertyDependencies: { subnetIds: [u(T.subnet, "private-a"), u(T.subnet, "public-a")] },
            };
            assertViolations(await runStackPolicy(databases.dbSubnetGroupPrivate, [...network(), unnamed]), [
                'Subnet group "db" includes public subnet "public-a": its route table "public-rt" routes 0.0.0.0/0 to an internet gateway; use private subnets only.',
            ]);
        });

        it("flags a default subnet (public by default) and a subnet of the default VPC left on its main table", async () => {
            const resources: TestResource[] = [
                { type: "aws:ec2/defaultSubnet:DefaultSubnet", name: "default-a", props: { availabilityZone: "us-gov-west-1a", mapPublicIpOnLaunch: false } },
                { type: "aws:ec2/defaultVpc:DefaultVpc", name: "default", props: { id: "vpc-d" } },
                { type: T.subnet, name: "in-default", props: { id: "subnet-2", vpcId: "vpc-d" } },
                { type: T.group, name: "db", props: { subnetIds: unknown() }, propertyDependencies: { subnetIds: [u("aws:ec2/defaultSubnet:DefaultSubnet", "default-a"), u(T.subnet, "in-default")] } },
            ];
            assertViolations(await runStackPolicy(databases.dbSubnetGroupPrivate, resources), [
                'Subnet group "db" includes public subnet "default-a": it is a default subnet, whose VPC\'s main route table routes 0.0.0.0/0 to an internet gateway; use private subnets only.',
                'Subnet group "db" includes public subnet "in-default": its VPC "default" is the default VPC, whose main route table routes 0.0.0.0/0 to an internet gateway; use private subnets only.',
            ]);
        });

        it("says so when a subnet's VPC is not in this stack (its main route table cannot be judged)", async () => {
            const diags = await runStackPolicy(databases.dbSubnetGroupPrivate, [
                { type: T.subnet, name: "s", props: { id: "subnet-1", vpcId: "vpc-elsewhere", mapPublicIpOnLaunch: false } },
                { type: T.group, name: "db", props: { subnetIds: ["subnet-1"] } },
            ]);
            assertNoMandatory(diags);
            assert.deepEqual(advisory(diags).map((d) => d.message), [
                'Cannot verify the main route table of subnet "s"\'s VPC: it is not a VPC of this stack; associate the subnet with a route table of this stack to have it judged.',
            ]);
        });

        it("is skipped when the stack has no subnet group", async () => {
            assertClean(await runStackPolicy(databases.dbSubnetGroupPrivate, network()));
        });

        itHonoursWaivers(databases.dbSubnetGroupPrivate, { stack: [...network(), group("db", ["mapped"])], name: "db" });
    });
});
