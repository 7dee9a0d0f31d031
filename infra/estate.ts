import * as pulumi from "@pulumi/pulumi";

import { Data } from "./components/data";
import { Edge } from "./components/edge";
import { Keys } from "./components/keys";
import { Network } from "./components/network";
import { ALB_LOG_PREFIX, Storage } from "./components/storage";
import { EstateSettings } from "./config";
import { ArnScope } from "./lib/arn";

/** Every component of one stack's estate. */
export interface Estate {
    settings: EstateSettings;
    keys: Keys;
    network: Network;
    data: Data;
    storage: Storage;
    edge: Edge;
}

/** What a stack exports: where to reach the service and what runs it — never a password. */
export interface EstateOutputs {
    serviceUrl: string;
    albDnsName: pulumi.Output<string>;
    databaseEndpoint: pulumi.Output<string>;
    cachePrimaryEndpoint: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    accessLogsBucket: string;
    backupsBucket: string;
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

    const keys = new Keys("keys", { scope, namePrefix: prefix, tags });

    const network = new Network("network", {
        scope,
        namePrefix: prefix,
        tags,
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
    });

    const storage = new Storage("storage", {
        scope,
        namePrefix: prefix,
        tags,
        storageKeyArn: keys.arns.storage,
        ...settings.storage,
    });

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

    return { settings, keys, network, data, storage, edge };
}

/** The stack outputs of an estate. */
export function estateOutputs(estate: Estate): EstateOutputs {
    return {
        serviceUrl: `https://${estate.settings.edge.domainName}`,
        albDnsName: estate.edge.dnsName,
        databaseEndpoint: estate.data.databaseEndpoint,
        cachePrimaryEndpoint: estate.data.cachePrimaryEndpoint,
        vpcId: estate.network.vpcId,
        accessLogsBucket: estate.storage.accessLogsBucketName,
        backupsBucket: estate.storage.backupsBucketName,
    };
}
