import * as assert from "node:assert/strict";

import * as dataStores from "../../policies/rules/data-stores";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    messages,
    runResourcePolicy,
    unknown,
} from "./helpers";
import {
    DOCDB_CLUSTER,
    DOCDB_CLUSTER_INSTANCE,
    DYNAMODB_TABLE,
    DYNAMODB_TABLE_REPLICA,
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_SERVERLESS_CACHE,
    NEPTUNE_CLUSTER,
    NEPTUNE_CLUSTER_INSTANCE,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
} from "../../policies/lib";

const ROLE = "arn:aws-us-gov:iam::123456789012:role/govstack-prod-rds-monitoring";

describe("data stores", () => {
    describe("rds-log-exports-enabled", () => {
        const p = dataStores.rdsLogExportsEnabled;
        it("blocks a database that does not export its engine's audit and error logs", async () => {
            assertViolations(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "pg", props: { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql"] } }), [
                'RDS instance "pg" (postgres) does not export "upgrade" to CloudWatch Logs; add it to enabledCloudwatchLogsExports.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "my", props: { engine: "mysql" } }), [
                'RDS instance "my" (mysql) does not export "audit", "error", "general", "slowquery" to CloudWatch Logs; add them to enabledCloudwatchLogsExports.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: RDS_CLUSTER, name: "aurora", props: { engine: "aurora-postgresql", enabledCloudwatchLogsExports: [] } }), [
                'RDS cluster "aurora" (aurora-postgresql) does not export "postgresql" to CloudWatch Logs; add it to enabledCloudwatchLogsExports.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: DOCDB_CLUSTER, name: "docs", props: { enabledCloudwatchLogsExports: ["audit"] } }), [
                'DocumentDB cluster "docs" (docdb) does not export "profiler" to CloudWatch Logs; add it to enabledCloudwatchLogsExports.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: NEPTUNE_CLUSTER, name: "graph", props: { engine: "neptune" } }), [
                'Neptune cluster "graph" (neptune) does not export "audit" to CloudWatch Logs; add it to enableCloudwatchLogsExports.',
            ]);
        });
        it("passes each engine's full set (the estate's PostgreSQL instance included) and skips Aurora instances and RDS Custom", async () => {
            for (const [type, props] of [
                [RDS_INSTANCE, { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"] }],
                [RDS_INSTANCE, { engine: "MariaDB", enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery", "iam-db-auth-error"] }],
                [RDS_INSTANCE, { engine: "oracle-se2", enabledCloudwatchLogsExports: ["alert", "audit", "listener", "trace"] }],
                [RDS_INSTANCE, { engine: "sqlserver-ex", enabledCloudwatchLogsExports: ["agent", "error"] }],
                [RDS_INSTANCE, { engine: "db2-se", enabledCloudwatchLogsExports: ["diag.log", "notify.log"] }],
                [RDS_INSTANCE, { engine: "aurora-mysql" }],
                [RDS_INSTANCE, { engine: "custom-oracle-ee" }],
                [RDS_CLUSTER, { engine: "aurora-mysql", enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery"] }],
                [RDS_CLUSTER, { engine: "mysql", enabledCloudwatchLogsExports: ["error", "general", "slowquery"] }],
                [RDS_CLUSTER, { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"] }],
                [RDS_CLUSTER, { engine: "neptune", enabledCloudwatchLogsExports: ["audit"] }],
                [DOCDB_CLUSTER, { enabledCloudwatchLogsExports: ["audit", "profiler"] }],
                [NEPTUNE_CLUSTER, { enableCloudwatchLogsExports: ["audit", "slowquery"] }],
            ] as const) {
                assertClean(await runResourcePolicy(p, { type, props: { ...props } }));
            }
        });
        it("an engine AWS does not define, or an export that is not a string, cannot be evaluated", async () => {
            const diags = await runResourcePolicy(p, { type: RDS_CLUSTER, name: "c", props: { engine: "aurora-oracle" } });
            assertViolations(diags, [
                `Cannot evaluate RDS cluster "c": engine is "aurora-oracle", expected one of "aurora", "aurora-mysql", "aurora-postgresql", "mysql", "postgres", "neptune"${SUFFIX}`,
            ]);
            assert.deepEqual(messages(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "i", props: { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", 7] } })), [
                `Cannot evaluate RDS instance "i": enabledCloudwatchLogsExports[1] is the number 7, expected a string${SUFFIX}`,
                'RDS instance "i" (postgres) does not export "upgrade" to CloudWatch Logs; add it to enabledCloudwatchLogsExports.',
            ]);
        });
        it("is advisory when the engine or the list is unknown, or a replica inherits its engine", async () => {
            for (const props of [
                { engine: unknown() },
                { engine: "postgres", enabledCloudwatchLogsExports: unknown() },
                { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", unknown()] },
                { replicateSourceDb: "arn:aws-us-gov:rds:us-gov-west-1:123456789012:db:primary" },
            ]) {
                const diags = await runResourcePolicy(p, { type: RDS_INSTANCE, props });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(props));
            }
        });
        itHonoursWaivers(p, { type: RDS_INSTANCE, name: "pg", props: { engine: "postgres" } });
    });

    describe("rds-enhanced-monitoring", () => {
        const p = dataStores.rdsEnhancedMonitoring;
        it("blocks a database without Enhanced Monitoring, or with an interval and no role (AWS rejects that)", async () => {
            assertViolations(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "pg", props: { engine: "postgres" } }), [
                'RDS instance "pg" has no Enhanced Monitoring; set monitoringInterval (1–60 seconds) and monitoringRoleArn to a role RDS\'s monitoring service may assume.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: RDS_CLUSTER_INSTANCE, name: "a1", props: { monitoringInterval: 0 } }), [
                'RDS cluster instance "a1" has no Enhanced Monitoring; set monitoringInterval (1–60 seconds) and monitoringRoleArn to a role RDS\'s monitoring service may assume.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: RDS_CLUSTER, name: "maz", props: { engine: "postgres", monitoringInterval: 15 } }), [
                'RDS cluster "maz" sets monitoringInterval 15 without monitoringRoleArn; AWS rejects that combination, so set monitoringRoleArn to a role RDS\'s monitoring service may assume.',
            ]);
        });
        it("passes an interval with a role (known or computed) and skips Aurora clusters and RDS Custom", async () => {
            assertClean(await runResourcePolicy(p, { type: RDS_INSTANCE, props: { engine: "postgres", monitoringInterval: 60, monitoringRoleArn: ROLE } }));
            assertClean(await runResourcePolicy(p, { type: RDS_CLUSTER_INSTANCE, props: { monitoringInterval: 1, monitoringRoleArn: unknown() } }));
            assertClean(await runResourcePolicy(p, { type: RDS_CLUSTER, props: { engine: "aurora-postgresql" } }));
            assertClean(await runResourcePolicy(p, { type: RDS_CLUSTER, props: { engine: "neptune" } }));
            assertClean(await runResourcePolicy(p, { type: RDS_INSTANCE, props: { engine: "custom-sqlserver-ee" } }));
        });
        it("an interval RDS does not accept cannot be evaluated", async () => {
            assertViolations(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "pg", props: { engine: "postgres", monitoringInterval: 20, monitoringRoleArn: ROLE } }), [
                `Cannot evaluate RDS instance "pg": monitoringInterval is the number 20, expected one of 0, 1, 5, 10, 15, 30, 60 (seconds, the values RDS accepts)${SUFFIX}`,
            ]);
        });
        itIsAdvisoryOnly("is advisory when the interval is unknown", p, { type: RDS_INSTANCE, props: { engine: "postgres", monitoringInterval: unknown() } });
        itHonoursWaivers(p, { type: RDS_INSTANCE, name: "pg", props: { engine: "postgres" } });
    });

    describe("rds-auto-minor-version-upgrade", () => {
        const p = dataStores.rdsAutoMinorVersionUpgrade;
        it("blocks autoMinorVersionUpgrade: false on every database type", async () => {
            for (const [type, noun] of [
                [RDS_INSTANCE, "RDS instance"],
                [RDS_CLUSTER, "RDS cluster"],
                [RDS_CLUSTER_INSTANCE, "RDS cluster instance"],
                [DOCDB_CLUSTER_INSTANCE, "DocumentDB cluster instance"],
                [NEPTUNE_CLUSTER_INSTANCE, "Neptune cluster instance"],
            ]) {
                assertViolations(await runResourcePolicy(p, { type, name: "db", props: { autoMinorVersionUpgrade: false } }), [
                    `${noun} "db" turns off automatic minor version upgrades; remove autoMinorVersionUpgrade or set it to true.`,
                ]);
            }
        });
        it("passes true and unset (AWS's default is on)", async () => {
            assertClean(await runResourcePolicy(p, { type: RDS_INSTANCE, props: { autoMinorVersionUpgrade: true } }));
            assertClean(await runResourcePolicy(p, { type: RDS_INSTANCE, props: {} }));
        });
        it("is advisory when unknown, and a non-boolean cannot be evaluated", async () => {
            assertAdvisoryOnly(await runResourcePolicy(p, { type: RDS_INSTANCE, props: { autoMinorVersionUpgrade: unknown() } }));
            assertViolations(await runResourcePolicy(p, { type: RDS_INSTANCE, name: "db", props: { autoMinorVersionUpgrade: "no" } }), [
                `Cannot evaluate RDS instance "db": autoMinorVersionUpgrade is "no", expected a boolean${SUFFIX}`,
            ]);
        });
        itHonoursWaivers(p, { type: RDS_INSTANCE, name: "db", props: { autoMinorVersionUpgrade: false } });
    });

    describe("elasticache-snapshot-retention", () => {
        const p = dataStores.elasticacheSnapshotRetention;
        it("blocks a Redis or Valkey cache without snapshots, or with fewer days than configured", async () => {
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_REPLICATION_GROUP, name: "redis", props: {} }), [
                'ElastiCache replication group "redis" keeps no automatic snapshots; set snapshotRetentionLimit to at least 1.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_REPLICATION_GROUP, name: "redis", props: { snapshotRetentionLimit: 1 }, config: { minSnapshotRetentionDays: 7 } }), [
                'ElastiCache replication group "redis" keeps automatic snapshots for 1 day; set snapshotRetentionLimit to at least 7.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_CLUSTER, name: "solo", props: { engine: "valkey", snapshotRetentionLimit: 0 } }), [
                'ElastiCache cluster "solo" keeps no automatic snapshots; set snapshotRetentionLimit to at least 1.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_SERVERLESS_CACHE, name: "sl", props: { engine: "redis", snapshotRetentionLimit: 3 }, config: { minSnapshotRetentionDays: 7 } }), [
                'ElastiCache serverless cache "sl" keeps automatic snapshots for 3 days; set snapshotRetentionLimit to at least 7.',
            ]);
        });
        it("passes enough days (staging's 1, prod's 7) and skips Memcached and replication group members", async () => {
            assertClean(await runResourcePolicy(p, { type: ELASTICACHE_REPLICATION_GROUP, props: { engine: "redis", snapshotRetentionLimit: 1 } }));
            assertClean(await runResourcePolicy(p, { type: ELASTICACHE_REPLICATION_GROUP, props: { snapshotRetentionLimit: 7 }, config: { minSnapshotRetentionDays: 7 } }));
            assertClean(await runResourcePolicy(p, { type: ELASTICACHE_CLUSTER, props: { engine: "memcached" } }));
            assertClean(await runResourcePolicy(p, { type: ELASTICACHE_CLUSTER, props: { replicationGroupId: unknown() } }));
            assertClean(await runResourcePolicy(p, { type: ELASTICACHE_SERVERLESS_CACHE, props: { engine: "memcached" } }));
        });
        it("an engine ElastiCache does not define, or a negative limit, cannot be evaluated", async () => {
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_CLUSTER, name: "c", props: { engine: "redis-cluster" } }), [
                `Cannot evaluate ElastiCache cluster "c": engine is "redis-cluster", expected one of "redis", "valkey", "memcached"${SUFFIX}`,
            ]);
            assertViolations(await runResourcePolicy(p, { type: ELASTICACHE_REPLICATION_GROUP, name: "r", props: { snapshotRetentionLimit: -1 } }), [
                `Cannot evaluate ElastiCache replication group "r": snapshotRetentionLimit is the number -1, expected a whole number of days, 0 or more${SUFFIX}`,
            ]);
        });
        it("is advisory when the limit or the engine is unknown", async () => {
            for (const [type, props] of [
                [ELASTICACHE_REPLICATION_GROUP, { snapshotRetentionLimit: unknown() }],
                [ELASTICACHE_CLUSTER, { engine: unknown() }],
                [ELASTICACHE_CLUSTER, {}],
            ] as const) {
                const diags = await runResourcePolicy(p, { type, props: { ...props } });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(props));
            }
        });
        itHonoursWaivers(p, { type: ELASTICACHE_REPLICATION_GROUP, name: "redis", props: { snapshotRetentionLimit: 0 } });
    });

    describe("dynamodb-point-in-time-recovery", () => {
        const p = dataStores.dynamodbPointInTimeRecovery;
        it("blocks a table, a replica of a global table and a TableReplica without point-in-time recovery", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: DYNAMODB_TABLE,
                    name: "orders",
                    props: { pointInTimeRecovery: { enabled: false }, replicas: [{ regionName: "us-gov-east-1" }, { regionName: "us-gov-west-1", pointInTimeRecovery: true }] },
                }),
                [
                    'DynamoDB table "orders" has no point-in-time recovery; set pointInTimeRecovery: { enabled: true }.',
                    'DynamoDB table "orders" replica 0 (us-gov-east-1) has no point-in-time recovery; set replicas[0].pointInTimeRecovery: true.',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: DYNAMODB_TABLE, name: "t", props: {} }), ['DynamoDB table "t" has no point-in-time recovery; set pointInTimeRecovery: { enabled: true }.']);
            assertViolations(await runResourcePolicy(p, { type: DYNAMODB_TABLE_REPLICA, name: "east", props: { globalTableArn: "arn:x" } }), [
                'DynamoDB table replica "east" has no point-in-time recovery; set pointInTimeRecovery: true.',
            ]);
        });
        it("passes tables and replicas with point-in-time recovery on", async () => {
            assertClean(await runResourcePolicy(p, { type: DYNAMODB_TABLE, props: { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 }, replicas: [{ regionName: "us-gov-east-1", pointInTimeRecovery: true }] } }));
            assertClean(await runResourcePolicy(p, { type: DYNAMODB_TABLE_REPLICA, props: { pointInTimeRecovery: true } }));
        });
        it("is advisory when unknown, and a non-boolean cannot be evaluated", async () => {
            assertAdvisoryOnly(await runResourcePolicy(p, { type: DYNAMODB_TABLE, props: { pointInTimeRecovery: { enabled: unknown() } } }));
            assertViolations(await runResourcePolicy(p, { type: DYNAMODB_TABLE, name: "t", props: { pointInTimeRecovery: { enabled: "yes" } } }), [
                `Cannot evaluate DynamoDB table "t": pointInTimeRecovery.enabled is "yes", expected a boolean${SUFFIX}`,
            ]);
        });
        itHonoursWaivers(p, { type: DYNAMODB_TABLE, name: "t", props: {} });
    });
});
