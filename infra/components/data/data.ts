import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, roleArn } from "../../lib/arn";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { POSTGRES_PORT, REDIS_PORT } from "../network";
import { encryptedLogGroup, estateLogGroupName } from "../shared/log-group";
import { serviceRole } from "../shared/service-role";

export interface DatabaseSettings {
    /** The PostgreSQL major version only ("16"); RDS picks and upgrades the minor. */
    engineVersion: string;
    engineMajor: number;
    /**
     * The change window of a major upgrade (docs/runbooks/database-major-upgrade.md): RDS may move
     * to a new major, and changes apply immediately even in prod, so the new parameter group is in
     * use and the old one free to delete within the same `pulumi up`. @default false
     */
    allowMajorVersionUpgrade?: boolean;
    instanceClass: string;
    allocatedStorage: number;
    maxAllocatedStorage: number;
    multiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    databaseName: string;
    masterUsername: string;
    performanceInsightsRetentionDays: number;
    /** Storage key of an instance restored from a backup copy (DR cut-over). @default DataArgs.dataKeyArn */
    kmsKeyArn?: string;
}

export interface CacheSettings {
    engineVersion: string;
    nodeType: string;
    nodes: number;
    multiAz: boolean;
    snapshotRetentionDays: number;
}

export interface DataArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    /** Prod keeps a final snapshot and applies changes in the maintenance window. */
    isProd: boolean;
    /** Isolated subnets: no route to the internet in either direction. */
    subnetIds: pulumi.Input<string[]>;
    databaseSecurityGroupId: pulumi.Input<string>;
    cacheSecurityGroupId: pulumi.Input<string>;
    /** The data key: storage, master secret, Performance Insights, cache at rest. */
    dataKeyArn: pulumi.Input<string>;
    /** The logs key for the engine log groups. */
    logsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    database: DatabaseSettings;
    cache: CacheSettings;
    /** Extra tags on the database instance, e.g. the tag that puts it in the backup plan (CP-9). */
    databaseTags?: Readonly<Record<string, string>>;
    /** The delivery program's permissions boundary, for the enhanced-monitoring role. */
    permissionsBoundary: string;
}

/** The PostgreSQL logs RDS exports to CloudWatch (AU-2, AU-12). */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/**
 * Enhanced Monitoring: OS metrics (CPU steal, memory, processes, file system) every 60 seconds to
 * CloudWatch Logs (SI-4, AU-12), the coarsest of the values RDS accepts (1, 5, 10, 15, 30, 60).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
 */
export const ENHANCED_MONITORING_INTERVAL_SECONDS = 60;

/** The database user the service connects as, with an IAM token (no password anywhere). */
export const APP_DB_USER = "govstack_app";

/**
 * RDS PostgreSQL and an ElastiCache Redis replication group in the isolated tier. Encrypted at
 * rest with the data key and in transit (SC-8, SC-28); no password is ever a setting: RDS keeps
 * (and rotates) the master password in Secrets Manager (encrypted with the data key), the cache's
 * mandatory default user is disabled and has no password, and the service authenticates with IAM
 * to both (IA-2, IA-5).
 */
export class Data extends pulumi.ComponentResource {
    readonly database: aws.rds.Instance;
    readonly databaseIdentifier: string;
    readonly databaseEndpoint: pulumi.Output<string>;
    readonly databaseAddress: pulumi.Output<string>;
    /** The instance's resource id, needed for the `rds-db:connect` ARN of IAM authentication. */
    readonly databaseResourceId: pulumi.Output<string>;
    readonly cache: aws.elasticache.ReplicationGroup;
    readonly cacheReplicationGroupId: string;
    readonly cachePrimaryEndpoint: pulumi.Output<string>;
    /** The IAM-authenticated Redis user the service connects as. */
    readonly cacheAppUserId: string;
    /** ARNs the service's task role needs for `elasticache:Connect` (built from names: known at preview). */
    readonly cacheConnectArns: readonly string[];

    constructor(name: string, args: DataArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:data:Data", name, {}, opts);
        const tags = (n?: string) => resourceTags(args.tags, "data", n);

        this.databaseIdentifier = physicalName(args.namePrefix, ["postgres"], NAME_LIMITS.rdsIdentifier);
        this.database = this.createDatabase(name, args, tags);
        this.databaseEndpoint = this.database.endpoint;
        this.databaseAddress = this.database.address;
        this.databaseResourceId = this.database.resourceId;

        this.cacheReplicationGroupId = physicalName(args.namePrefix, ["redis"], NAME_LIMITS.elasticacheReplicationGroup);
        this.cacheAppUserId = physicalName(args.namePrefix, ["app"], NAME_LIMITS.elasticacheUser);
        this.cacheConnectArns = [
            arn(args.scope, "elasticache", `replicationgroup:${this.cacheReplicationGroupId}`),
            arn(args.scope, "elasticache", `user:${this.cacheAppUserId}`),
        ];
        this.cache = this.createCache(name, args, tags);
        this.cachePrimaryEndpoint = this.cache.primaryEndpointAddress;

        this.registerOutputs({
            databaseEndpoint: this.databaseEndpoint,
            cachePrimaryEndpoint: this.cachePrimaryEndpoint,
        });
    }

    private logGroup(resourceName: string, groupName: string, args: DataArgs, tags: (n?: string) => Record<string, string>) {
        return encryptedLogGroup(
            resourceName,
            { name: groupName, retentionInDays: args.logRetentionDays, kmsKeyArn: args.logsKeyArn, tags: tags(groupName) },
            { parent: this },
        );
    }

    private createDatabase(name: string, args: DataArgs, tags: (n?: string) => Record<string, string>): aws.rds.Instance {
        const db = args.database;
        const id = this.databaseIdentifier;
        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-postgres`,
            { name: id, description: "Isolated subnets for PostgreSQL", subnetIds: args.subnetIds, tags: tags(id) },
            { parent: this },
        );
        const parameterGroup = new aws.rds.ParameterGroup(
            `${name}-postgres`,
            {
                name: `${id}-pg${db.engineMajor}`,
                family: `postgres${db.engineMajor}`,
                description: "govstack: TLS required, connections logged",
                parameters: [
                    // SC-8: refuse unencrypted connections; TLS 1.2 at least.
                    { name: "rds.force_ssl", value: "1" },
                    { name: "ssl_min_protocol_version", value: "TLSv1.2" },
                    // AU-2/AU-12: who connected, and when they left.
                    { name: "log_connections", value: "1" },
                    { name: "log_disconnections", value: "1" },
                ],
                tags: tags(id),
            },
            { parent: this },
        );
        // RDS creates these groups itself on first export, unencrypted and kept forever; creating
        // them first gives them the logs key and the stack's retention (AU-9, AU-11).
        const logGroups = POSTGRES_LOG_EXPORTS.map((log) =>
            this.logGroup(`${name}-postgres-${log}`, `/aws/rds/instance/${id}/${log}`, args, tags),
        );
        // The role RDS assumes to publish Enhanced Monitoring metrics: AWS's managed policy for
        // exactly that (write to the RDSOSMetrics log group), trust confined to this account. Its
        // ARN is built from the name, so the instance's monitoringRoleArn is known at preview.
        const monitoringRoleName = physicalName(args.namePrefix, ["rds-monitoring"], NAME_LIMITS.iamRole);
        const monitoring = serviceRole(
            `${name}-postgres-monitoring`,
            {
                scope: args.scope,
                roleName: monitoringRoleName,
                service: "monitoring.rds",
                description: "RDS Enhanced Monitoring: publish OS metrics of the database to CloudWatch Logs",
                permissionsBoundary: args.permissionsBoundary,
                tags: tags(monitoringRoleName),
                managedPolicies: ["service-role/AmazonRDSEnhancedMonitoringRole"],
            },
            { parent: this },
        );
        return new aws.rds.Instance(
            `${name}-postgres`,
            {
                identifier: id,
                engine: "postgres",
                // Major only ("16"): CreateDBInstance takes the major's default minor. The provider
                // keeps a major-only engine_version as declared when the running version merely
                // extends it ("16" vs "16.9"; terraform-provider-aws internal/service/rds,
                // compareActualEngineVersion, since hashicorp/terraform-provider-aws#20207) and reports
                // the running minor as engineVersionActual, so AWS's automatic minor upgrades never
                // show up as a diff. A full minor would read back as the upgraded one and the next
                // `pulumi up` would ask for a downgrade (hashicorp/terraform-provider-aws#39579).
                engineVersion: db.engineVersion,
                instanceClass: db.instanceClass,
                allocatedStorage: db.allocatedStorage,
                maxAllocatedStorage: db.maxAllocatedStorage,
                storageType: "gp3",
                dbName: db.databaseName,
                username: db.masterUsername,
                port: POSTGRES_PORT,
                // IA-5: RDS generates, rotates and stores the master password in Secrets Manager.
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.dataKeyArn,
                iamDatabaseAuthenticationEnabled: true,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [args.databaseSecurityGroupId],
                publiclyAccessible: false,
                storageEncrypted: true,
                kmsKeyId: db.kmsKeyArn ?? args.dataKeyArn,
                parameterGroupName: parameterGroup.name,
                caCertIdentifier: "rds-ca-rsa2048-g1",
                multiAz: db.multiAz,
                deletionProtection: db.deletionProtection,
                backupRetentionPeriod: db.backupRetentionDays,
                backupWindow: "07:00-08:00",
                maintenanceWindow: "sun:08:30-sun:09:30",
                copyTagsToSnapshot: true,
                deleteAutomatedBackups: !args.isProd,
                skipFinalSnapshot: !args.isProd,
                finalSnapshotIdentifier: args.isProd ? `${id}-final` : undefined,
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: args.dataKeyArn,
                performanceInsightsRetentionPeriod: db.performanceInsightsRetentionDays,
                enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
                monitoringInterval: ENHANCED_MONITORING_INTERVAL_SECONDS,
                monitoringRoleArn: roleArn(args.scope, monitoringRoleName),
                autoMinorVersionUpgrade: true,
                allowMajorVersionUpgrade: db.allowMajorVersionUpgrade ?? false,
                // Prod waits for its maintenance window, except in a major upgrade's own change window:
                // an upgrade left pending would keep the old parameter group attached, and the
                // replaced group's deletion at the end of the same update would fail.
                applyImmediately: !args.isProd || (db.allowMajorVersionUpgrade ?? false),
                tags: { ...tags(id), ...args.databaseTags },
            },
            { parent: this, dependsOn: [...logGroups, ...monitoring.ready] },
        );
    }

    private createCache(
        name: string,
        args: DataArgs,
        tags: (n?: string) => Record<string, string>,
    ): aws.elasticache.ReplicationGroup {
        const cache = args.cache;
        const id = this.cacheReplicationGroupId;
        const subnetGroup = new aws.elasticache.SubnetGroup(
            `${name}-redis`,
            { name: id, description: "Isolated subnets for Redis", subnetIds: args.subnetIds, tags: tags(id) },
            { parent: this },
        );

        // RBAC (IA-2, AC-3): a user group must contain a user named "default". Ours is switched off
        // ("off", no commands), so nobody can authenticate as it with any credential, and it has
        // none: a password on a disabled user protects nothing (turning it on takes
        // elasticache:ModifyUser, which sets a password in the same call) and would be a secret
        // that never rotates (IA-5(1); secretsmanager-secret-rotation). IAM authentication is not
        // an option for it: it needs user id = user name, and the id "default" is AWS's own user.
        // The service connects as its own user with IAM authentication (no password anywhere).
        const defaultUserId = physicalName(args.namePrefix, ["default"], NAME_LIMITS.elasticacheUser);
        const defaultUser = new aws.elasticache.User(
            `${name}-redis-default`,
            {
                userId: defaultUserId,
                userName: "default",
                engine: "redis",
                accessString: "off -@all",
                authenticationMode: { type: "no-password-required" },
                tags: tags(defaultUserId),
            },
            { parent: this },
        );
        // IAM authentication requires the user id and name to match.
        const appUser = new aws.elasticache.User(
            `${name}-redis-app`,
            {
                userId: this.cacheAppUserId,
                userName: this.cacheAppUserId,
                engine: "redis",
                accessString: "on ~* +@all -@dangerous",
                authenticationMode: { type: "iam" },
                tags: tags(this.cacheAppUserId),
            },
            { parent: this },
        );
        const userGroupId = physicalName(args.namePrefix, ["redis-users"], NAME_LIMITS.elasticacheUser);
        const userGroup = new aws.elasticache.UserGroup(
            `${name}-redis`,
            { userGroupId, engine: "redis", userIds: [defaultUserId, this.cacheAppUserId], tags: tags(userGroupId) },
            { parent: this, dependsOn: [defaultUser, appUser] },
        );

        // Log groups by explicit name, so the delivery configuration is known at preview.
        const logNames = { slow: estateLogGroupName(args.namePrefix, "redis/slow-log"), engine: estateLogGroupName(args.namePrefix, "redis/engine-log") };
        const logGroups = [
            this.logGroup(`${name}-redis-slow-log`, logNames.slow, args, tags),
            this.logGroup(`${name}-redis-engine-log`, logNames.engine, args, tags),
        ];
        return new aws.elasticache.ReplicationGroup(
            `${name}-redis`,
            {
                replicationGroupId: id,
                description: `govstack ${args.namePrefix} cache`,
                engine: "redis",
                engineVersion: cache.engineVersion,
                nodeType: cache.nodeType,
                numCacheClusters: cache.nodes,
                port: REDIS_PORT,
                subnetGroupName: subnetGroup.name,
                securityGroupIds: [args.cacheSecurityGroupId],
                atRestEncryptionEnabled: true,
                kmsKeyId: args.dataKeyArn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                userGroupIds: [userGroupId],
                automaticFailoverEnabled: cache.multiAz,
                multiAzEnabled: cache.multiAz,
                snapshotRetentionLimit: cache.snapshotRetentionDays,
                snapshotWindow: "06:00-07:00",
                maintenanceWindow: "sun:09:30-sun:10:30",
                finalSnapshotIdentifier: args.isProd ? `${id}-final` : undefined,
                autoMinorVersionUpgrade: true,
                applyImmediately: !args.isProd,
                logDeliveryConfigurations: [
                    { destination: logNames.slow, destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
                    { destination: logNames.engine, destinationType: "cloudwatch-logs", logFormat: "json", logType: "engine-log" },
                ],
                tags: tags(id),
            },
            { parent: this, dependsOn: [userGroup, ...logGroups] },
        );
    }
}
