import * as assert from "node:assert/strict";
import * as path from "node:path";

import { providerDefaultTags } from "../../policies/lib/tags";
import { buildPolicyConfig, readPackConfig } from "../../tools/plan/pack-config";
import { servedPackInfo } from "../../tools/plan/served-info";
import * as governance from "../../policies/rules/governance";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    messages,
    runRemediation,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import { AUTOSCALING_GROUP, RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE, VPC } from "../../policies/lib";

const REQUIRED = { Project: "govstack", Environment: "prod", ManagedBy: "Pulumi", Compliance: "FedRAMP-Moderate", Owner: "platform@agency.example.gov" };

/** The levels a stack's pack config gives its policies, resolved as the CLI resolves them. */
function stackLevels(stack: string): Record<string, string> {
    const config = buildPolicyConfig(servedPackInfo(), readPackConfig(path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`)));
    return Object.fromEntries(Object.entries(config).map(([name, entry]) => [name, entry.enforcement]));
}

describe("governance", () => {
    describe("required-tags", () => {
        const p = governance.requiredTags;
        it("covers the estate's taggable types and nothing untaggable", () => {
            for (const t of [VPC, "aws:ecs/service:Service", "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup", "aws:lb/loadBalancer:LoadBalancer"]) {
                assert.ok(governance.TAGGABLE_TYPES.includes(t), t);
            }
            for (const t of ["aws:s3/bucketPolicy:BucketPolicy", "pulumi:providers:aws", "awsx:ec2:Vpc", "aws:s3/bucketObject:BucketObject"]) {
                assert.ok(!governance.TAGGABLE_TYPES.includes(t), t);
            }
            assert.equal(new Set(governance.TAGGABLE_TYPES).size, governance.TAGGABLE_TYPES.length);
        });
        it("flags missing tags after counting the provider's default tags", async () => {
            const diags = await runResourcePolicy(p, {
                type: VPC,
                name: "vpc",
                props: { cidrBlock: "10.0.0.0/16", tags: { Project: "govstack", Owner: "" } },
                provider: { props: { region: "us-gov-west-1", defaultTags: { tags: { Environment: "prod" } } } },
            });
            assertViolations(diags, ['aws:ec2/vpc:Vpc "vpc" is missing required tag(s) ManagedBy, Compliance, Owner; set them in tags or the provider\'s defaultTags.']);
        });
        it("passes own tags, provider default tags (object or JSON strings) and computed values", async () => {
            assertClean(await runResourcePolicy(p, { type: VPC, props: { tags: REQUIRED } }));
            assertClean(await runResourcePolicy(p, { type: VPC, props: {}, provider: { props: { defaultTags: JSON.stringify({ tags: REQUIRED }) } } }));
            assertClean(await runResourcePolicy(p, { type: VPC, props: {}, provider: { props: { defaultTags: { tags: JSON.stringify(REQUIRED) } } } }));
            assertClean(await runResourcePolicy(p, { type: VPC, props: { tags: { ...REQUIRED, Owner: unknown() } } }));
        });
        it("reads provider default tags in every shape", () => {
            assert.deepEqual(providerDefaultTags(undefined), { known: true, tags: {} });
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: unknown() } }), { known: false });
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: "not json" } }), { known: true, tags: {} });
        });
        it("is advisory when the tags or the provider's default tags are unknown", async () => {
            for (const input of [
                { type: VPC, props: { tags: unknown() } },
                { type: VPC, props: { tags: { Project: "x" } }, provider: { props: { defaultTags: unknown() } } },
            ]) {
                assertAdvisoryOnly(await runResourcePolicy(p, input));
            }
            // Unknown own tags do not matter when the provider covers everything.
            assertClean(await runResourcePolicy(p, { type: VPC, props: { tags: unknown() }, provider: { props: { defaultTags: { tags: REQUIRED } } } }));
        });
        it("honours a configured tag list and reports malformed tagValues", async () => {
            assertClean(await runResourcePolicy(p, { type: VPC, props: { tags: { CostCenter: "42" } }, config: { requiredTags: ["CostCenter"] } }));
            assertViolations(await runResourcePolicy(p, { type: VPC, name: "v", props: { tags: REQUIRED }, config: { tagValues: ["Owner"] } }), [
                'Invalid config for policy "required-tags": option "tagValues" entries "Owner" must be "Key=Value".',
            ]);
        });
        it("remediates by adding the missing tags it has values for, keeping the others", async () => {
            const input = {
                type: VPC,
                props: { cidrBlock: "10.0.0.0/16", tags: { Project: "govstack", Name: "vpc" } },
                provider: { props: { defaultTags: { tags: { Environment: "prod" } } } },
                config: { enforcementLevel: "remediate", tagValues: ["ManagedBy=Pulumi", "Compliance=FedRAMP-Moderate", "Environment=staging"] },
            };
            assert.deepEqual(await runRemediation(p, input), {
                cidrBlock: "10.0.0.0/16",
                tags: { Project: "govstack", Name: "vpc", ManagedBy: "Pulumi", Compliance: "FedRAMP-Moderate" },
            });
            assert.equal(await runRemediation(p, { ...input, props: { tags: REQUIRED } }), undefined);
            assert.equal(await runRemediation(p, { ...input, props: { tags: unknown() } }), undefined);
        });
        itHonoursWaivers(p, { type: VPC, name: "vpc", props: { tags: {} } });
    });

    describe("required-tags-other-types (stack)", () => {
        const p = governance.requiredTagsOtherTypes;
        const provider = { props: { defaultTags: { tags: { Project: "govstack", Environment: "prod" } } } };
        it("flags an unlisted AWS type whose inputs carry tags, counting its provider's default tags", async () => {
            const diags = await runStackPolicy(p, [
                { type: "aws:cognito/userPool:UserPool", name: "users", props: { tags: { ManagedBy: "Pulumi" } }, provider },
                { type: VPC, name: "listed", props: { tags: {} }, provider },
                { type: "aws:apprunner/service:Service", name: "untagged", props: {}, provider },
            ]);
            assertViolations(diags, ['aws:cognito/userPool:UserPool "users" is missing required tag(s) Compliance, Owner; set them in tags or the provider\'s defaultTags.']);
        });
        it("passes covered resources and ignores non-AWS types and components", async () => {
            assertClean(
                await runStackPolicy(p, [
                    { type: "aws:cognito/userPool:UserPool", name: "users", props: { tags: REQUIRED } },
                    { type: "awsx:ec2:Vpc", name: "vpc", props: { tags: {} } },
                    { type: "random:index/randomId:RandomId", name: "id", props: { tags: {} } },
                ]),
            );
        });
        it("reads an Auto Scaling group's tag list ({ key, value, propagateAtLaunch } blocks)", async () => {
            const list = Object.entries(REQUIRED).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
            assertClean(await runStackPolicy(p, [{ type: AUTOSCALING_GROUP, name: "web", props: { minSize: 1, maxSize: 2, tags: list } }]));
            assertViolations(await runStackPolicy(p, [{ type: AUTOSCALING_GROUP, name: "web", props: { tags: list.slice(1) } }]), [
                `aws:autoscaling/group:Group "web" is missing required tag(s) ${list[0].key}; set them in tags or the provider's defaultTags.`,
            ]);
            assertNoMandatory(await runStackPolicy(p, [{ type: AUTOSCALING_GROUP, name: "web", props: { tags: [{ key: unknown(), value: "x" }] } }]));
        });
        itIsAdvisoryOnly("is advisory when the tags are unknown", p, { stack: [{ type: "aws:cognito/userPool:UserPool", name: "users", props: { tags: unknown() } }] });
        itHonoursWaivers(p, { stack: [{ type: "aws:cognito/userPool:UserPool", name: "users", props: { tags: {} } }], name: "users" });
    });

    describe("provider-allowed-regions", () => {
        const type = "pulumi:providers:aws";
        it("flags a commercial region and a missing region", async () => {
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type, name: "east", props: { region: "us-east-1" } }), [
                'AWS provider "east" targets region "us-east-1"; use one of us-gov-west-1, us-gov-east-1.',
            ]);
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type, name: "default_7_48_0", props: {} }), [
                'AWS provider "default_7_48_0" sets no region (it would come from the environment); set region to one of us-gov-west-1, us-gov-east-1.',
            ]);
        });
        it("passes GovCloud regions and honours the configured list", async () => {
            assertClean(await runResourcePolicy(governance.providerAllowedRegions, { type, props: { region: "us-gov-east-1" } }));
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type, name: "p", props: { region: "us-gov-east-1" }, config: { allowedRegions: ["us-gov-west-1"] } }), [
                'AWS provider "p" targets region "us-gov-east-1"; use one of us-gov-west-1.',
            ]);
        });
        it("is advisory when the region is unknown", async () => {
            assertAdvisoryOnly(await runResourcePolicy(governance.providerAllowedRegions, { type, props: { region: unknown() } }));
            const own = await runResourcePolicy(governance.providerAllowedRegions, { type: VPC, props: { region: unknown() } });
            assertAdvisoryOnly(own);
        });
        it("blocks a resource whose own region (@pulumi/aws 7) is outside the allowed regions, like a provider", async () => {
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type: VPC, name: "peer", props: { cidrBlock: "10.1.0.0/16", region: "us-east-1" } }), [
                'aws:ec2/vpc:Vpc "peer" sets region "us-east-1"; use one of us-gov-west-1, us-gov-east-1 (or remove region to use the provider\'s).',
            ]);
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type: "aws:s3/bucket:Bucket", name: "logs", props: { region: "eu-west-1" } }), [
                'aws:s3/bucket:Bucket "logs" sets region "eu-west-1"; use one of us-gov-west-1, us-gov-east-1 (or remove region to use the provider\'s).',
            ]);
            assertViolations(await runResourcePolicy(governance.providerAllowedRegions, { type: VPC, name: "peer", props: { region: 1 } }), [
                'Cannot evaluate aws:ec2/vpc:Vpc "peer": region is the number 1, expected a region name; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        it("passes resources that use their provider's region or set an allowed one, and ignores other packages", async () => {
            assertClean(await runResourcePolicy(governance.providerAllowedRegions, { type: VPC, props: { cidrBlock: "10.0.0.0/16" } }));
            assertClean(await runResourcePolicy(governance.providerAllowedRegions, { type: "aws:kms/replicaKey:ReplicaKey", props: { region: "us-gov-east-1", primaryKeyArn: unknown() } }));
            assertClean(await runResourcePolicy(governance.providerAllowedRegions, { type: "random:index/randomPassword:RandomPassword", props: { region: "us-east-1" } }));
        });
        itHonoursWaivers(governance.providerAllowedRegions, { type: VPC, name: "peer", props: { region: "us-east-1" } });
        itHonoursWaivers(governance.providerAllowedRegions, { type, name: "east", props: { region: "us-east-1" } });
    });

    describe("provider-fips-endpoints", () => {
        const type = "pulumi:providers:aws";
        it("flags a provider without FIPS endpoints", async () => {
            assertViolations(await runResourcePolicy(governance.providerFipsEndpoints, { type, name: "p", props: { region: "us-gov-west-1" } }), [
                'AWS provider "p" does not use FIPS endpoints; set useFipsEndpoint to true.',
            ]);
        });
        it("passes true as a boolean or as the string the engine may send", async () => {
            assertClean(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: true } }));
            assertClean(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: "true" } }));
        });
        it("is advisory when unknown", async () => {
            assertNoMandatory(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: unknown() } }));
        });
        it("flags endpoint overrides to non-FIPS URLs (useFipsEndpoint does not apply to them), as a list or the engine's JSON string", async () => {
            const msg =
                'AWS provider "p" overrides endpoints with non-FIPS URLs (s3: https://s3.us-gov-west-1.amazonaws.com, sts: http://localhost:4566), ' +
                "which useFipsEndpoint does not change; remove the overrides or point them at the services' FIPS endpoints.";
            const endpoints = [{ s3: "https://s3.us-gov-west-1.amazonaws.com" }, { sts: "http://localhost:4566", kms: "https://kms-fips.us-gov-west-1.amazonaws.com" }];
            assertViolations(await runResourcePolicy(governance.providerFipsEndpoints, { type, name: "p", props: { useFipsEndpoint: true, endpoints } }), [msg]);
            assertViolations(await runResourcePolicy(governance.providerFipsEndpoints, { type, name: "p", props: { useFipsEndpoint: "true", endpoints: JSON.stringify(endpoints) } }), [msg]);
        });
        it("passes FIPS endpoint overrides and is advisory when the overrides are unknown", async () => {
            const fipsOnly = [{ s3: "https://s3-fips.us-gov-west-1.amazonaws.com", sts: "https://sts.us-gov-west-1.fips.example.gov/" }];
            assertClean(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: true, endpoints: fipsOnly } }));
            assertClean(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: true, endpoints: "[]" } }));
            for (const endpoints of [unknown(), [{ s3: unknown() }]]) {
                assertAdvisoryOnly(await runResourcePolicy(governance.providerFipsEndpoints, { type, props: { useFipsEndpoint: true, endpoints } }));
            }
        });
    });

    describe("prod-only policies", () => {
        for (const stack of ["staging", "prod"] as const) {
            it(`are ${stack === "prod" ? "mandatory" : "advisory"} in policies/config/${stack}.json`, () => {
                const levels = stackLevels(stack);
                for (const policy of governance.governancePolicies.filter((p) => p.govstack.scope === "prod")) {
                    assert.equal(policy.enforcementLevel, "mandatory", `${policy.name} fails closed without config`);
                    assert.equal(levels[policy.name], stack === "prod" ? "mandatory" : "advisory", policy.name);
                }
            });
        }

        describe("rds-multi-az", () => {
            it("flags a single-AZ instance", async () => {
                assertViolations(await runResourcePolicy(governance.rdsMultiAz, { type: RDS_INSTANCE, name: "db", props: { multiAz: false } }), ['RDS instance "db" is not Multi-AZ; set multiAz to true.']);
            });
            it("passes Multi-AZ and is advisory when unknown", async () => {
                assertClean(await runResourcePolicy(governance.rdsMultiAz, { type: RDS_INSTANCE, props: { multiAz: true } }));
                assertNoMandatory(await runResourcePolicy(governance.rdsMultiAz, { type: RDS_INSTANCE, props: { multiAz: unknown() } }));
            });
            itIsAdvisoryOnly("is advisory (not blocking) at the staging level", governance.rdsMultiAz, { type: RDS_INSTANCE, props: {}, config: { enforcementLevel: "advisory" } });
            itHonoursWaivers(governance.rdsMultiAz, { type: RDS_INSTANCE, name: "db", props: {} });
        });

        describe("aurora-cluster-multi-az (stack)", () => {
            const cluster = (props: Record<string, unknown> = {}): TestResource => ({ type: RDS_CLUSTER, name: "aurora", props: { engine: "aurora-postgresql", clusterIdentifier: "aurora", ...props } });
            const member = (name: string, props: Record<string, unknown> = {}): TestResource => ({
                type: RDS_CLUSTER_INSTANCE,
                name,
                props: { clusterIdentifier: unknown(), ...props },
                propertyDependencies: { clusterIdentifier: [urnOf(RDS_CLUSTER, "aurora")] },
            });
            it("flags a one-instance cluster and a cluster pinned to one zone", async () => {
                assertViolations(await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), member("w")]), [
                    'Aurora cluster "aurora" has 1 instance(s); add a reader in another Availability Zone (at least 2 instances).',
                ]);
                assertViolations(
                    await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), member("w", { availabilityZone: "us-gov-west-1a" }), member("r", { availabilityZone: "us-gov-west-1a" })]),
                    ['Aurora cluster "aurora" has all its instances in us-gov-west-1a; spread them over Availability Zones.'],
                );
            });
            it("passes two instances (by dependency or by known identifier) and skips Multi-AZ DB clusters", async () => {
                assertClean(await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), member("w"), member("r")]));
                assertClean(
                    await runStackPolicy(governance.auroraClusterMultiAz, [
                        cluster(),
                        { type: RDS_CLUSTER_INSTANCE, name: "w", props: { clusterIdentifier: "aurora" } },
                        { type: RDS_CLUSTER_INSTANCE, name: "r", props: { clusterIdentifier: "aurora", availabilityZone: "us-gov-west-1b" } },
                    ]),
                );
                assertClean(await runStackPolicy(governance.auroraClusterMultiAz, [cluster({ engine: "postgres" })]));
            });
            it("is advisory, never blocking, when unknown zones could put every instance in one zone", async () => {
                const az = (z: unknown) => ({ availabilityZone: z });
                const cases: Array<[TestResource[], string]> = [
                    [[member("w", az("us-gov-west-1a")), member("r", az(unknown()))], ' (the known ones are all in us-gov-west-1a)'],
                    [[member("w", az("us-gov-west-1a")), member("r1", az("us-gov-west-1a")), member("r2", az(unknown()))], ' (the known ones are all in us-gov-west-1a)'],
                    [[member("w", az(unknown())), member("r", az(unknown()))], ""],
                ];
                for (const [members, why] of cases) {
                    const diags = await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), ...members]);
                    assertNoMandatory(diags);
                    assert.deepEqual(messages(advisory(diags)).map((m) => m.split(" during preview")[0]), [
                        `Cannot verify the Availability Zones of the instances of Aurora cluster "aurora"${why}`,
                    ]);
                }
            });
            it("passes without a word when the unknown zones cannot decide (two known zones, or an instance RDS places)", async () => {
                const az = (z: unknown) => ({ availabilityZone: z });
                assertClean(await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), member("w", az("us-gov-west-1a")), member("r1", az("us-gov-west-1b")), member("r2", az(unknown()))]));
                assertClean(await runStackPolicy(governance.auroraClusterMultiAz, [cluster(), member("w", az("us-gov-west-1a")), member("r1"), member("r2", az(unknown()))]));
            });
            itIsAdvisoryOnly("is advisory when members cannot be resolved", governance.auroraClusterMultiAz, { stack: [cluster(), { type: RDS_CLUSTER_INSTANCE, name: "w", props: { clusterIdentifier: unknown() } }] });
        });

        describe("rds-deletion-protection", () => {
            it("flags instances and clusters without it", async () => {
                assertViolations(await runResourcePolicy(governance.rdsDeletionProtection, { type: RDS_CLUSTER, name: "c", props: {} }), [
                    'RDS cluster "c" has no deletion protection; set deletionProtection to true.',
                ]);
            });
            it("passes true and is advisory when unknown", async () => {
                assertClean(await runResourcePolicy(governance.rdsDeletionProtection, { type: RDS_INSTANCE, props: { deletionProtection: true } }));
                assertNoMandatory(await runResourcePolicy(governance.rdsDeletionProtection, { type: RDS_INSTANCE, props: { deletionProtection: unknown() } }));
            });
        });

        describe("rds-backup-retention", () => {
            it("flags short and unset retention", async () => {
                assertViolations(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_INSTANCE, name: "db", props: { backupRetentionPeriod: 7 } }), [
                    'RDS instance "db" keeps backups for 7 day(s); set backupRetentionPeriod to at least 30.',
                ]);
                assertViolations(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_CLUSTER, name: "c", props: {}, config: { minBackupRetentionDays: 14 } }), [
                    'RDS cluster "c" does not set backupRetentionPeriod (AWS defaults to 1 day); set it to at least 14.',
                ]);
            });
            it("passes enough days and read replicas; is advisory when unknown", async () => {
                assertClean(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_INSTANCE, props: { backupRetentionPeriod: 35 } }));
                assertClean(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_INSTANCE, props: { replicateSourceDb: "primary" } }));
                assertNoMandatory(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_INSTANCE, props: { backupRetentionPeriod: unknown() } }));
            });
            it("rejects an option above AWS's maximum", async () => {
                assertViolations(await runResourcePolicy(governance.rdsBackupRetention, { type: RDS_INSTANCE, props: {}, config: { minBackupRetentionDays: 90 } }), [
                    'Invalid config for policy "rds-backup-retention": option "minBackupRetentionDays" expected an integer ≥ 1 ≤ 35, got 90',
                ]);
            });
        });

        describe("rds-final-snapshot", () => {
            it("flags skipping the snapshot and a missing identifier", async () => {
                assertViolations(await runResourcePolicy(governance.rdsFinalSnapshot, { type: RDS_INSTANCE, name: "db", props: { skipFinalSnapshot: true } }), [
                    'RDS instance "db" skips the final snapshot; set skipFinalSnapshot to false and a finalSnapshotIdentifier.',
                ]);
                assertViolations(await runResourcePolicy(governance.rdsFinalSnapshot, { type: RDS_INSTANCE, name: "db", props: {} }), [
                    'RDS instance "db" has no finalSnapshotIdentifier, so it cannot be deleted with a final snapshot; set one.',
                ]);
            });
            it("passes an identifier and is advisory when it is unknown", async () => {
                assertClean(await runResourcePolicy(governance.rdsFinalSnapshot, { type: RDS_CLUSTER, props: { skipFinalSnapshot: false, finalSnapshotIdentifier: "c-final" } }));
                assertNoMandatory(await runResourcePolicy(governance.rdsFinalSnapshot, { type: RDS_INSTANCE, props: { finalSnapshotIdentifier: unknown() } }));
            });
        });

        describe("cloudwatch-log-retention", () => {
            const type = "aws:cloudwatch/logGroup:LogGroup";
            it("flags retention below the minimum", async () => {
                assertViolations(await runResourcePolicy(governance.cloudwatchLogRetention, { type, name: "app", props: { retentionInDays: 90 } }), [
                    'Log group "app" keeps events for 90 day(s); set retentionInDays to at least 365.',
                ]);
            });
            it("blocks an undeclared retention (unset or 0: never expire) — AU-11 asks for a defined period", async () => {
                for (const props of [{}, { retentionInDays: 0 }, { retentionInDays: null }]) {
                    assertViolations(await runResourcePolicy(governance.cloudwatchLogRetention, { type, name: "app", props }), [
                        'Log group "app" does not declare retentionInDays (events never expire); set it to at least 365.',
                    ]);
                }
            });
            it("blocks a retention of the wrong type", async () => {
                assertViolations(await runResourcePolicy(governance.cloudwatchLogRetention, { type, name: "app", props: { retentionInDays: "365" } }), [
                    'Cannot evaluate CloudWatch log group "app": retentionInDays is "365", expected a whole number of days; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                ]);
            });
            it("passes enough days", async () => {
                for (const props of [{ retentionInDays: 731 }, { retentionInDays: 365 }]) {
                    assertClean(await runResourcePolicy(governance.cloudwatchLogRetention, { type, props }));
                }
            });
            itHonoursWaivers(governance.cloudwatchLogRetention, { type, name: "app", props: {} });
            it("is advisory when unknown", async () => {
                assertNoMandatory(await runResourcePolicy(governance.cloudwatchLogRetention, { type, props: { retentionInDays: unknown() } }));
            });
        });

        describe("alb-deletion-protection", () => {
            it("flags a load balancer without it and passes one with it", async () => {
                assertViolations(await runResourcePolicy(governance.albDeletionProtection, { type: "aws:lb/loadBalancer:LoadBalancer", name: "edge", props: {} }), [
                    'Load balancer "edge" has no deletion protection; set enableDeletionProtection to true.',
                ]);
                assertClean(await runResourcePolicy(governance.albDeletionProtection, { type: "aws:alb/loadBalancer:LoadBalancer", props: { enableDeletionProtection: true } }));
                assertNoMandatory(await runResourcePolicy(governance.albDeletionProtection, { type: "aws:lb/loadBalancer:LoadBalancer", props: { enableDeletionProtection: unknown() } }));
            });
        });

        describe("elasticache-multi-az", () => {
            const type = "aws:elasticache/replicationGroup:ReplicationGroup";
            it("flags a group without failover or Multi-AZ", async () => {
                assertViolations(await runResourcePolicy(governance.elasticacheMultiAz, { type, name: "redis", props: { automaticFailoverEnabled: false } }), [
                    'Replication group "redis" does not set automaticFailoverEnabled and multiAzEnabled to true; enable Multi-AZ with automatic failover.',
                ]);
            });
            it("flags a stand-alone cache cluster: a single Redis/Valkey node, or Memcached not cross-az", async () => {
                const cluster = "aws:elasticache/cluster:Cluster";
                assertViolations(await runResourcePolicy(governance.elasticacheMultiAz, { type: cluster, name: "cache", props: { engine: "redis", nodeType: "cache.t4g.micro", numCacheNodes: 1 } }), [
                    'ElastiCache cluster "cache" is a single redis node outside a replication group (no replica, no failover); use an aws.elasticache.ReplicationGroup with Multi-AZ and automatic failover.',
                ]);
                assertViolations(await runResourcePolicy(governance.elasticacheMultiAz, { type: cluster, name: "mc", props: { engine: "memcached", numCacheNodes: 2, azMode: "single-az" } }), [
                    'Memcached cluster "mc" keeps its nodes in one Availability Zone; set azMode to "cross-az" with numCacheNodes ≥ 2.',
                ]);
            });
            it("passes a replication group member and a cross-az Memcached cluster; advisory when unknown", async () => {
                const cluster = "aws:elasticache/cluster:Cluster";
                assertClean(await runResourcePolicy(governance.elasticacheMultiAz, { type: cluster, props: { replicationGroupId: "redis" } }));
                assertClean(await runResourcePolicy(governance.elasticacheMultiAz, { type: cluster, props: { engine: "memcached", numCacheNodes: 3, azMode: "cross-az" } }));
                for (const props of [{ replicationGroupId: unknown(), engine: "redis" }, { engine: unknown() }, { engine: "memcached", azMode: unknown(), numCacheNodes: 2 }]) {
                    assertAdvisoryOnly(await runResourcePolicy(governance.elasticacheMultiAz, { type: cluster, props }));
                }
            });
            it("passes both on and is advisory when unknown", async () => {
                assertClean(await runResourcePolicy(governance.elasticacheMultiAz, { type, props: { automaticFailoverEnabled: true, multiAzEnabled: true } }));
                assertAdvisoryOnly(await runResourcePolicy(governance.elasticacheMultiAz, { type, props: { automaticFailoverEnabled: true, multiAzEnabled: unknown() } }));
            });
        });
    });
});
