import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";

import { Data, DatabaseSettings } from "../../infra/components/data";
import { Evaluation } from "../../tools/lib/evaluate";
import { beforeBothStacks, evaluateComponents, named, one, statement, TEST_SCOPE, testKeyArn } from "./harness";
import { CLOUDWATCH_LOG_GROUP, ELASTICACHE_REPLICATION_GROUP, RDS_INSTANCE } from "../../policies/lib/resource-types";
import { ELASTICACHE_USER } from "../../policies/rules/data-stores/resource-types";

describe("infra/components/data", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));
    const db = (ev: Evaluation) => one(ev, RDS_INSTANCE).inputs;
    const cache = (ev: Evaluation) => one(ev, ELASTICACHE_REPLICATION_GROUP).inputs;

    describe("RDS PostgreSQL", () => {
        it("runs the configured PostgreSQL version and class", () => {
            assert.strictEqual(db(prod).engine, "postgres");
            assert.strictEqual(db(prod).engineVersion, "16");
            assert.strictEqual(db(prod).instanceClass, "db.m6g.large");
            assert.strictEqual(db(staging).instanceClass, "db.t4g.medium");
            assert.strictEqual(db(prod).identifier, "govstack-prod-postgres");
        });

        it("declares the major only, so AWS's automatic minor upgrades never show up as a plan diff", () => {
            for (const ev of [staging, prod]) {
                const i = db(ev);
                // The provider keeps a major-only engine_version as declared while the running version
                // extends it (engine_version_actual holds the minor); a full minor would be read back as
                // the upgraded one and planned as a downgrade. See infra/components/data/data.ts.
                assert.match(String(i.engineVersion), /^\d+$/);
                assert.strictEqual(i.autoMinorVersionUpgrade, true);
                assert.strictEqual(i.allowMajorVersionUpgrade, false, "a major upgrade only in its own change window");
                const pg = one(ev, "aws:rds/parameterGroup:ParameterGroup").inputs;
                assert.strictEqual(pg.family, `postgres${String(i.engineVersion)}`);
            }
        });

        it("is never publicly accessible and sits in the isolated subnets' group", () => {
            for (const ev of [staging, prod]) {
                assert.strictEqual(db(ev).publiclyAccessible, false);
            }
            const group = one(prod, "aws:rds/subnetGroup:SubnetGroup").inputs;
            assert.strictEqual(db(prod).dbSubnetGroupName, group.name);
            // The isolated subnets' ids are computed by AWS: unknown at preview (the policies tie them through the graph).
            assert.ok(pulumi.isUnknown(group.subnetIds));
            assert.strictEqual((db(prod).vpcSecurityGroupIds as unknown[]).length, 1);
        });

        it("encrypts storage, the master secret and Performance Insights with the data key", () => {
            for (const ev of [staging, prod]) {
                const i = db(ev);
                assert.strictEqual(i.storageEncrypted, true);
                assert.ok(i.kmsKeyId !== undefined, "kmsKeyId is set (the key ARN, computed by KMS)");
                assert.strictEqual(i.performanceInsightsEnabled, true);
                assert.ok(i.performanceInsightsKmsKeyId !== undefined);
                assert.ok(i.masterUserSecretKmsKeyId !== undefined);
            }
        });

        it("has no password: RDS manages the master password in Secrets Manager, and IAM auth is on", () => {
            assert.strictEqual(db(prod).manageMasterUserPassword, true);
            assert.strictEqual(db(prod).password, undefined);
            assert.strictEqual(db(prod).iamDatabaseAuthenticationEnabled, true);
        });

        it("forces TLS (1.2+) through its parameter group and logs connections", () => {
            const pg = one(prod, "aws:rds/parameterGroup:ParameterGroup").inputs;
            assert.strictEqual(pg.family, "postgres16");
            assert.strictEqual(db(prod).parameterGroupName, pg.name);
            const params = Object.fromEntries((pg.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));
            assert.strictEqual(params["rds.force_ssl"], "1");
            assert.strictEqual(params.ssl_min_protocol_version, "TLSv1.2");
            assert.strictEqual(params.log_connections, "1");
            assert.strictEqual(params.log_disconnections, "1");
        });

        it("exports PostgreSQL logs to pre-created KMS log groups with the stack's retention", () => {
            assert.deepStrictEqual(db(prod).enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
            for (const log of ["postgresql", "upgrade"]) {
                const group = named(prod, CLOUDWATCH_LOG_GROUP, `data-postgres-${log}`).inputs;
                assert.strictEqual(group.name, `/aws/rds/instance/govstack-prod-postgres/${log}`);
                assert.strictEqual(group.retentionInDays, 400);
                assert.ok(group.kmsKeyId !== undefined);
            }
        });

        it("prod: multi-AZ, deletion protection, 30-day backups, final snapshot, changes in the window", () => {
            const i = db(prod);
            assert.strictEqual(i.multiAz, true);
            assert.strictEqual(i.deletionProtection, true);
            assert.strictEqual(i.backupRetentionPeriod, 30);
            assert.strictEqual(i.skipFinalSnapshot, false);
            assert.strictEqual(i.finalSnapshotIdentifier, "govstack-prod-postgres-final");
            assert.strictEqual(i.deleteAutomatedBackups, false);
            assert.strictEqual(i.applyImmediately, false);
            assert.strictEqual(i.copyTagsToSnapshot, true);
        });

        it("staging: single-AZ, no deletion protection, 7-day backups, no final snapshot", () => {
            const i = db(staging);
            assert.strictEqual(i.multiAz, false);
            assert.strictEqual(i.deletionProtection, false);
            assert.strictEqual(i.backupRetentionPeriod, 7);
            assert.strictEqual(i.skipFinalSnapshot, true);
            assert.strictEqual(i.finalSnapshotIdentifier, undefined);
        });

        it("has Enhanced Monitoring every 60 s through a boundary-bound role RDS's monitoring service assumes", () => {
            for (const ev of [staging, prod]) {
                const i = db(ev);
                const prefix = ev === prod ? "govstack-prod" : "govstack-stg";
                const role = named(ev, "aws:iam/role:Role", "data-postgres-monitoring").inputs;
                assert.strictEqual(i.monitoringInterval, 60);
                assert.strictEqual(role.name, `${prefix}-rds-monitoring`);
                // Built from the name, so known at preview: partition-aware, never arn:aws:.
                assert.match(String(i.monitoringRoleArn), /^arn:aws-us-gov:iam::\d{12}:role\/govstack-(prod|stg)-rds-monitoring$/);
                assert.ok(String(role.permissionsBoundary).startsWith("arn:aws-us-gov:iam::"));
                const trust = statement(role.assumeRolePolicy, "TrustService");
                assert.deepStrictEqual(trust.Principal, { Service: "monitoring.rds.amazonaws.com" });
                assert.ok(trust.Condition?.StringEquals?.["aws:SourceAccount"], "trust confined to the account");
                const attachment = named(ev, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "data-postgres-monitoring-AmazonRDSEnhancedMonitoringRole").inputs;
                assert.strictEqual(attachment.policyArn, "arn:aws-us-gov:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
            }
        });

        it("grows storage automatically (gp3) up to the configured ceiling", () => {
            assert.strictEqual(db(prod).storageType, "gp3");
            assert.strictEqual(db(prod).allocatedStorage, 100);
            assert.strictEqual(db(prod).maxAllocatedStorage, 500);
        });
    });

    describe("ElastiCache Redis", () => {
        it("encrypts at rest with the data key and requires TLS in transit", () => {
            for (const ev of [staging, prod]) {
                const c = cache(ev);
                assert.strictEqual(c.atRestEncryptionEnabled, true);
                assert.ok(c.kmsKeyId !== undefined);
                assert.strictEqual(c.transitEncryptionEnabled, true);
                assert.strictEqual(c.transitEncryptionMode, "required");
                assert.strictEqual(c.engine, "redis");
                assert.strictEqual(c.engineVersion, "7.1");
                assert.strictEqual(c.port, 6379);
            }
        });

        it("prod: automatic failover and multi-AZ over 2 nodes, 7 days of snapshots", () => {
            const c = cache(prod);
            assert.strictEqual(c.automaticFailoverEnabled, true);
            assert.strictEqual(c.multiAzEnabled, true);
            assert.strictEqual(c.numCacheClusters, 2);
            assert.strictEqual(c.snapshotRetentionLimit, 7);
            assert.strictEqual(c.nodeType, "cache.m7g.large");
            assert.strictEqual(c.finalSnapshotIdentifier, "govstack-prod-redis-final");
        });

        it("staging: one node without failover, snapshots still kept", () => {
            const c = cache(staging);
            assert.strictEqual(c.automaticFailoverEnabled, false);
            assert.strictEqual(c.multiAzEnabled, false);
            assert.strictEqual(c.numCacheClusters, 1);
            assert.strictEqual(c.snapshotRetentionLimit, 1);
        });

        it("uses RBAC: a user group of a disabled default user and an IAM-authenticated app user", () => {
            const group = one(prod, "aws:elasticache/userGroup:UserGroup").inputs;
            assert.deepStrictEqual(cache(prod).userGroupIds, [group.userGroupId]);
            assert.deepStrictEqual(group.userIds, ["govstack-prod-default", "govstack-prod-app"]);
            const def = named(prod, ELASTICACHE_USER, "data-redis-default").inputs;
            assert.strictEqual(def.userName, "default");
            assert.strictEqual(def.accessString, "off -@all");
            const app = named(prod, ELASTICACHE_USER, "data-redis-app").inputs;
            assert.deepStrictEqual(app.authenticationMode, { type: "iam" });
            assert.strictEqual(app.userName, app.userId, "IAM auth requires user name = user id");
            assert.match(String(app.accessString), /-@dangerous/);
        });

        it("keeps no credential for the disabled default user: no password, no secret that could not rotate", () => {
            for (const ev of [staging, prod]) {
                const def = named(ev, ELASTICACHE_USER, "data-redis-default").inputs;
                // Off: nobody authenticates as it with any credential (IA-5(1): nothing to rotate).
                assert.strictEqual(def.accessString, "off -@all");
                assert.deepStrictEqual(def.authenticationMode, { type: "no-password-required" });
                assert.strictEqual(def.passwords, undefined);
                // Every user but the disabled default one authenticates with IAM.
                const others = ev.mocks.ofType(ELASTICACHE_USER).filter((u) => u.name !== "data-redis-default");
                assert.deepStrictEqual(
                    others.map((u) => u.inputs.authenticationMode),
                    others.map(() => ({ type: "iam" })),
                );
                // The estate declares no Secrets Manager secret of its own (RDS manages its master secret).
                assert.deepStrictEqual(ev.mocks.ofType("aws:secretsmanager/secret:Secret").map((r) => r.name), []);
                assert.deepStrictEqual(ev.mocks.ofType("aws:secretsmanager/secretVersion:SecretVersion").map((r) => r.name), []);
            }
        });

        it("lives in the isolated subnets and delivers slow and engine logs to KMS log groups", () => {
            assert.strictEqual(cache(prod).subnetGroupName, one(prod, "aws:elasticache/subnetGroup:SubnetGroup").inputs.name);
            const delivery = cache(prod).logDeliveryConfigurations as Array<Record<string, string>>;
            assert.deepStrictEqual(
                delivery.map((d) => [d.logType, d.destination, d.destinationType]),
                [
                    ["slow-log", "/govstack/govstack-prod/redis/slow-log", "cloudwatch-logs"],
                    ["engine-log", "/govstack/govstack-prod/redis/engine-log", "cloudwatch-logs"],
                ],
            );
            for (const d of delivery) {
                assert.ok(prod.mocks.ofType(CLOUDWATCH_LOG_GROUP).some((g) => g.inputs.name === d.destination && g.inputs.kmsKeyId !== undefined));
            }
        });
    });
});

describe("infra/components/data: a major upgrade's change window", () => {
    const KEY = testKeyArn(`${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}`);
    const database = (overrides: Partial<DatabaseSettings>): DatabaseSettings => ({
        engineVersion: "17",
        engineMajor: 17,
        instanceClass: "db.m6g.large",
        allocatedStorage: 100,
        maxAllocatedStorage: 400,
        multiAz: true,
        backupRetentionDays: 30,
        deletionProtection: true,
        databaseName: "govstack",
        masterUsername: "govstack_admin",
        performanceInsightsRetentionDays: 7,
        ...overrides,
    });
    const build = (db: DatabaseSettings) =>
        evaluateComponents(
            "prod",
            () =>
                void new Data("data", {
                    scope: TEST_SCOPE,
                    namePrefix: "govstack-prod",
                    tags: { Project: "govstack" },
                    isProd: true,
                    subnetIds: ["subnet-1", "subnet-2", "subnet-3"],
                    databaseSecurityGroupId: "sg-db",
                    cacheSecurityGroupId: "sg-cache",
                    dataKeyArn: KEY,
                    logsKeyArn: KEY,
                    logRetentionDays: 400,
                    database: db,
                    cache: { engineVersion: "7.1", nodeType: "cache.m7g.large", nodes: 2, multiAz: true, snapshotRetentionDays: 7 },
                    permissionsBoundary: "arn:aws-us-gov:iam::318920475611:policy/govstack-prod-boundary",
                }),
        );

    it("moves to the new major with a parameter group of its family and applies it now, even in prod", async () => {
        const { mocks } = await build(database({ allowMajorVersionUpgrade: true }));
        const [instance] = mocks.ofType(RDS_INSTANCE).map((r) => r.inputs);
        const [pg] = mocks.ofType("aws:rds/parameterGroup:ParameterGroup").map((r) => r.inputs);
        assert.strictEqual(instance.engineVersion, "17");
        assert.strictEqual(instance.allowMajorVersionUpgrade, true);
        // Applied in this update, so the replaced postgres16 group is detached before Pulumi deletes it.
        assert.strictEqual(instance.applyImmediately, true);
        assert.strictEqual(pg.family, "postgres17");
        assert.strictEqual(pg.name, "govstack-prod-postgres-pg17", "a new name: created before the old group is deleted");
        assert.strictEqual(instance.parameterGroupName, pg.name);
    });

    it("otherwise keeps prod's changes for the maintenance window and refuses a major move", async () => {
        const { mocks } = await build(database({}));
        const [instance] = mocks.ofType(RDS_INSTANCE).map((r) => r.inputs);
        assert.strictEqual(instance.allowMajorVersionUpgrade, false);
        assert.strictEqual(instance.applyImmediately, false);
    });
});
