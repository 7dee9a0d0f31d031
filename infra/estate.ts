import * as pulumi from "@pulumi/pulumi";

import { AuditTrail, auditBucketName } from "./components/audit-trail";
import { Backups, BACKUP_SELECTION_TAG } from "./components/backups";
import { APP_DB_USER, Data } from "./components/data";
import { Detection } from "./components/detection";
import { Edge } from "./components/edge";
import { Keys } from "./components/keys";
import { Network, POSTGRES_PORT } from "./components/network";
import { deploymentAlarmNames, Observability } from "./components/observability";
import { BlueGreenService, BlueGreenTargetGroups } from "./components/service";
import { ALB_LOG_PREFIX, S3_AUDIT_ACCESS_LOG_PREFIX, Storage } from "./components/storage";
import { EstateSettings } from "./config";
import { arn, ArnScope, permissionsBoundaryArn } from "./lib/arn";

/** Every component of one stack's estate. */
export interface Estate {
    settings: EstateSettings;
    keys: Keys;
    network: Network;
    data: Data;
    storage: Storage;
    edge: Edge;
    service: BlueGreenService;
    observability: Observability;
    /** The security baseline and backups, where the stack's settings switch them on. */
    auditTrail?: AuditTrail;
    detection?: Detection;
    backups?: Backups;
}

/** What a stack exports: where to reach the service and what runs it — never a password. */
export interface EstateOutputs {
    serviceUrl: string;
    albDnsName: pulumi.Output<string>;
    databaseEndpoint: pulumi.Output<string>;
    cachePrimaryEndpoint: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    serviceName: pulumi.Output<string>;
    image: pulumi.Output<string>;
    alertsTopicArn: string;
    dashboardName: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    accessLogsBucket: string;
    backupsBucket: string;
    /**
     * Under the CodeDeploy controller, what a release's `aws deploy create-deployment` needs: the
     * application and deployment group, and the task definition `pulumi up` registered (the AppSpec's
     * TaskDefinition). Absent with ECS native blue/green, where `pulumi up` itself deploys.
     */
    codeDeployApplication?: string;
    codeDeployDeploymentGroup?: string;
    taskDefinitionArn?: pulumi.Output<string>;
}

/**
 * Composes the estate for one stack. This is the only place that wires components together:
 * settings go in, each component gets exactly the subnets, security groups, keys and names it
 * needs, and no component reads config itself.
 */
export function buildEstate(settings: EstateSettings): Estate {
    const scope: ArnScope = { partition: settings.partition, region: settings.region, accountId: settings.accountId };
    const prefix = settings.namePrefix;
    const tags = settings.tags;
    const logRetentionDays = settings.observability.logRetentionDays;
    // The delivery program's deploy role may create a role only with this boundary (AC-6(1)).
    const permissionsBoundary = permissionsBoundaryArn(scope, settings.stack);
    // The tag that puts a resource in the AWS Backup plan, where the stack has one (harmless elsewhere).
    const backupTags: Record<string, string> = settings.baseline.backups ? { [BACKUP_SELECTION_TAG.key]: BACKUP_SELECTION_TAG.value } : {};

    const keys = new Keys("keys", { scope, namePrefix: prefix, tags });

    const network = new Network("network", {
        scope,
        namePrefix: prefix,
        tags,
        permissionsBoundary,
        cidr: settings.network.cidr,
        availabilityZones: settings.network.availabilityZones,
        natGateways: settings.network.natGateways,
        logsKeyArn: keys.arns.logs,
        logRetentionDays,
        containerPort: settings.service.containerPort,
        testListenerPort: settings.edge.testListenerPort,
        allowedCidrs: settings.edge.allowedCidrs,
        operatorCidrs: settings.edge.operatorCidrs,
    });

    const data = new Data("data", {
        scope,
        namePrefix: prefix,
        tags,
        isProd: settings.isProd,
        subnetIds: network.isolatedSubnetIds,
        databaseSecurityGroupId: network.securityGroups.database.id,
        cacheSecurityGroupId: network.securityGroups.cache.id,
        dataKeyArn: keys.arns.data,
        logsKeyArn: keys.arns.logs,
        logRetentionDays,
        database: settings.database,
        cache: settings.cache,
        // Joins the AWS Backup plan by tag.
        databaseTags: backupTags,
        permissionsBoundary,
    });

    const storage = new Storage("storage", {
        scope,
        namePrefix: prefix,
        tags,
        storageKeyArn: keys.arns.storage,
        ...settings.storage,
        // The audit bucket (when this stack owns it) logs its server access into the log bucket.
        ...(settings.baseline.auditTrail ? { auditBucketName: auditBucketName(prefix, scope) } : {}),
        // The backups bucket is the estate's S3 data: it joins the AWS Backup plan by tag, whose
        // recovery points are copied to the DR region in prod (s3-data-bucket-replicated-or-backed-up).
        backupsBucketTags: backupTags,
    });

    // Before the edge: under the CodeDeploy controller its listeners forward to blue by default.
    const targetGroups = new BlueGreenTargetGroups(prefix, {
        vpcId: network.vpcId,
        port: settings.service.containerPort,
        healthCheckPath: settings.service.healthCheckPath,
        tags,
    });
    const codeDeploy = settings.service.deploymentController === "codedeploy";

    const edge = new Edge(
        prefix,
        {
            scope,
            tags,
            // An internal ALB sits in the private tier; otherwise the public one.
            subnetIds: settings.edge.internal ? network.privateSubnetIds : network.publicSubnetIds,
            securityGroupIds: [network.securityGroups.alb.id],
            internal: settings.edge.internal,
            certificateArn: settings.edge.certificateArn,
            sslPolicy: settings.edge.sslPolicy,
            testListenerPort: settings.edge.testListenerPort,
            defaultTargetGroupArn: codeDeploy ? targetGroups.blue.arn : undefined,
            accessLogsBucket: storage.accessLogsBucketName,
            accessLogsPrefix: ALB_LOG_PREFIX,
            deletionProtection: settings.edge.deletionProtection,
            wafRateLimit: settings.edge.wafRateLimit,
            logsKmsKeyArn: keys.arns.logs,
            logRetentionDays,
        },
        // The bucket policy must exist before the ALB checks that it may write there.
        { dependsOn: [storage] },
    );

    // The service is created before Observability but already names the alarms that roll a
    // deployment back: alarm names are derived from the Observability component's name.
    const service = new BlueGreenService(
        prefix,
        {
            scope,
            permissionsBoundary,
            tags,
            targetGroups,
            subnetIds: network.privateSubnetIds,
            securityGroupIds: [network.securityGroups.service.id],
            productionListenerArn: edge.httpsListenerArn,
            testListenerArn: edge.testListenerArn,
            deploymentController: settings.service.deploymentController,
            hostNames: [settings.edge.domainName],
            image: settings.service.image,
            containersKmsKeyArn: keys.arns.containers,
            logsKmsKeyArn: keys.arns.logs,
            logRetentionDays,
            cpu: settings.service.cpu,
            memory: settings.service.memory,
            desiredCount: settings.service.desiredCount,
            minCount: settings.service.minCount,
            maxCount: settings.service.maxCount,
            // Only what is known and not secret. The service authenticates to PostgreSQL and Redis
            // with IAM tokens (IA-2, IA-5), so it needs no password and no `secrets` entry at all.
            environment: {
                PGDATABASE: settings.database.databaseName,
                PGUSER: APP_DB_USER,
                PGPORT: String(POSTGRES_PORT),
                PGSSLMODE: "verify-full",
                REDIS_USER: data.cacheAppUserId,
                REDIS_TLS: "true",
            },
            taskStatements: [
                {
                    Sid: "ConnectToPostgresWithIam",
                    Effect: "Allow",
                    Action: "rds-db:connect",
                    // The instance's resource id is computed by AWS; the user name confines the grant.
                    Resource: arn(scope, "rds-db", `dbuser:*/${APP_DB_USER}`),
                },
                {
                    Sid: "ConnectToRedisWithIam",
                    Effect: "Allow",
                    Action: "elasticache:Connect",
                    Resource: [...data.cacheConnectArns],
                },
            ],
            bakeTimeMinutes: settings.service.bakeTimeMinutes,
            healthCheckGracePeriodSeconds: settings.service.healthCheckGracePeriodSeconds,
            deploymentAlarmNames: deploymentAlarmNames(prefix),
            cpuTargetPercent: settings.service.cpuTargetPercent,
            memoryTargetPercent: settings.service.memoryTargetPercent,
            // Under CodeDeploy the listeners' default actions attach blue, which ECS requires first.
            listenersReady: [edge],
        },
    );

    const observability = new Observability(prefix, {
        scope,
        tags,
        alertsKmsKeyArn: keys.arns.messaging,
        alertEmails: settings.observability.alertEmails,
        logsKmsKeyArn: keys.arns.logs,
        logRetentionDays,
        alarmTargets: {
            albArnSuffix: edge.albArnSuffix,
            targetGroups: [
                { label: "blue", arnSuffix: service.blueTargetGroupArnSuffix },
                { label: "green", arnSuffix: service.greenTargetGroupArnSuffix },
            ],
            ecsClusterName: service.clusterName,
            ecsServiceName: service.serviceName,
            rdsInstanceIdentifier: data.databaseIdentifier,
            rdsAllocatedStorageGiB: settings.database.allocatedStorage,
            redisReplicationGroupId: data.cacheReplicationGroupId,
            redisNodeCount: settings.cache.nodes,
        },
    });

    const baseline = buildBaseline(settings, scope, keys, observability, storage, permissionsBoundary);

    return { settings, keys, network, data, storage, edge, service, observability, ...baseline };
}

/** The audit trail, detection and backups components the stack's `govstack:baseline` switches on. */
function buildBaseline(
    settings: EstateSettings,
    scope: ArnScope,
    keys: Keys,
    observability: Observability,
    storage: Storage,
    permissionsBoundary: string,
): Pick<Estate, "auditTrail" | "detection" | "backups"> {
    const prefix = settings.namePrefix;
    const tags = settings.tags;
    const b = settings.baseline;
    const auditTrail = b.auditTrail
        ? new AuditTrail(
              `${prefix}-audit`,
              {
                  scope,
                  namePrefix: prefix,
                  tags,
                  permissionsBoundary,
                  logsKmsKeyArn: keys.arns.logs,
                  logRetentionDays: settings.observability.logRetentionDays,
                  glacierAfterDays: settings.storage.backupsGlacierAfterDays,
                  expireAfterDays: settings.storage.backupsExpireAfterDays,
                  alertsTopicArn: observability.alertsTopicArn,
                  // The alerts topic accepts alarms named after the Observability component.
                  alarmNamePrefix: prefix,
                  accessLogs: { bucketName: storage.accessLogsBucketName, prefix: S3_AUDIT_ACCESS_LOG_PREFIX },
                  objectLock: settings.storage.auditObjectLock,
                  // The backups bucket is the estate's S3 data (the others hold logs).
                  dataEventBuckets: [storage.backupsBucketName],
              },
              // The log bucket's policy must exist before S3 checks it may deliver access logs there.
              { dependsOn: [observability, storage] },
          )
        : undefined;
    const detection =
        b.detection && auditTrail
            ? new Detection(`${prefix}-detection`, {
                  scope,
                  namePrefix: prefix,
                  tags,
                  permissionsBoundary,
                  auditBucketName: auditTrail.bucketName,
                  auditKeyArn: auditTrail.keyArn,
                  auditKeyAliasName: auditTrail.keyAliasName,
                  auditBucketReady: auditTrail.bucketReady,
                  runtimeMonitoring: b.guardDutyRuntimeMonitoring,
                  conformancePack: b.conformancePack,
              })
            : undefined;
    const backups = b.backups
        ? new Backups(`${prefix}-backups`, {
              scope,
              namePrefix: prefix,
              tags,
              permissionsBoundary,
              retentionDays: settings.database.backupRetentionDays,
              vaultLock: b.vaultLock,
              vaultLockChangeableForDays: b.vaultLockChangeableForDays,
              crossRegionCopy: b.crossRegionCopy,
              drRegion: b.drRegion,
          })
        : undefined;
    return { auditTrail, detection, backups };
}

/** The stack outputs of an estate. */
export function estateOutputs(estate: Estate): EstateOutputs {
    return {
        serviceUrl: `https://${estate.settings.edge.domainName}`,
        albDnsName: estate.edge.dnsName,
        databaseEndpoint: estate.data.databaseEndpoint,
        cachePrimaryEndpoint: estate.data.cachePrimaryEndpoint,
        clusterName: estate.service.clusterName,
        serviceName: estate.service.serviceName,
        image: estate.service.image,
        alertsTopicArn: estate.observability.alertsTopicArn,
        dashboardName: estate.observability.dashboardName,
        vpcId: estate.network.vpcId,
        accessLogsBucket: estate.storage.accessLogsBucketName,
        backupsBucket: estate.storage.backupsBucketName,
        ...(estate.service.codeDeploy
            ? {
                  codeDeployApplication: estate.service.codeDeploy.applicationName,
                  codeDeployDeploymentGroup: estate.service.codeDeploy.deploymentGroupName,
                  taskDefinitionArn: estate.service.taskDefinitionArn,
              }
            : {}),
    };
}
