// Governance: inventory tags (CM-8), where the estate may run (CM-6: GovCloud regions and FIPS
// endpoints only), and the production resilience settings (CP-9/CP-10 backups and recovery,
// AU-11 retention, CM-5 protection against deletion).
//
// Prod-only rules: every policy is mandatory by default (a stack without pack config fails
// closed); policies/config/staging.json sets the prod-only ones to "advisory", so staging shows
// the gap without being blocked, and prod.json keeps them "mandatory" with its thresholds.

import {
    asTags,
    GovPolicy,
    isUnknown,
    labelOf,
    parseJson,
    providerDefaultTags,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    Read,
    requireTrue,
    ResourceContext,
    resourcePolicy,
    stackPolicy,
    StackResource,
    Tags,
} from "../lib";

// ---------------------------------------------------------------------------------------------
// Required tags

/**
 * The resource types that are "taggable" for required-tags: every type of these @pulumi/aws
 * modules whose Args accept `tags` (read from the SDK's type definitions, @pulumi/aws 7.48),
 * minus S3 objects (object tags are per-object metadata, not inventory). The resource policy
 * needs a fixed type list (the builder dispatches on it, which keeps the check cheap, issue 8);
 * any other aws:* resource whose inputs carry a `tags` key is judged by required-tags-other-types
 * (a stack policy, one pass). Never judged: pulumi:* providers, component resources (awsx:ec2:Vpc
 * …; their children carry the tags) and types without tags (aws:s3/bucketPolicy …). The list is
 * written as module → class names; each class `Foo` in module `m` is the token `aws:m/foo:Foo`.
 */
const TAGGABLE_BY_MODULE: Readonly<Record<string, string>> = {
    acm: "Certificate",
    alb: "Listener ListenerRule LoadBalancer TargetGroup",
    apigateway: "ApiKey ClientCertificate DomainName DomainNameAccessAssociation RestApi Stage UsagePlan VpcLink",
    apigatewayv2: "Api DomainName Stage VpcLink",
    appautoscaling: "Target",
    backup: "Framework LogicallyAirGappedVault Plan ReportPlan RestoreTestingPlan Vault",
    cfg: "AggregateAuthorization ConfigurationAggregator Rule",
    cloudfront:
        "AnycastIpList ConnectionFunction ConnectionGroup Distribution DistributionTenant Function KeyValueStore " +
        "MultitenantDistribution TrustStore VpcOrigin",
    cloudtrail: "EventDataStore Trail",
    cloudwatch:
        "AlarmMuteRule CompositeAlarm ContributorInsightRule ContributorManagedInsightRule EventBus EventRule InternetMonitor " +
        "LogAnomalyDetector LogDelivery LogDeliveryDestination LogDeliverySource LogDestination LogGroup MetricAlarm MetricStream",
    docdb: "Cluster ClusterInstance ClusterParameterGroup ElasticCluster EventSubscription SubnetGroup",
    dynamodb: "Table TableReplica",
    ebs: "Snapshot SnapshotCopy SnapshotImport Volume VolumeCopy",
    ec2:
        "Ami AmiCopy AmiFromInstance CapacityBlockReservation CapacityReservation CarrierGateway CustomerGateway DedicatedHost " +
        "DefaultNetworkAcl DefaultRouteTable DefaultSecurityGroup DefaultSubnet DefaultVpc DefaultVpcDhcpOptions " +
        "EgressOnlyInternetGateway Eip EncryptionControl Fleet FlowLog Instance InternetGateway KeyPair LaunchTemplate " +
        "LocalGatewayRouteTable LocalGatewayRouteTableVirtualInterfaceGroupAssociation LocalGatewayRouteTableVpcAssociation " +
        "ManagedPrefixList NatGateway NetworkAcl NetworkInsightsAccessScope NetworkInsightsAnalysis NetworkInsightsPath " +
        "NetworkInterface PlacementGroup RouteTable SecondaryNetwork SecondarySubnet SecurityGroup SpotFleetRequest " +
        "SpotInstanceRequest Subnet TrafficMirrorFilter TrafficMirrorSession TrafficMirrorTarget Vpc " +
        "VpcBlockPublicAccessExclusion VpcDhcpOptions VpcEncryptionControl VpcEndpoint VpcEndpointService VpcIpam VpcIpamPool " +
        "VpcIpamPoolCidrAllocation VpcIpamResourceDiscovery VpcIpamResourceDiscoveryAssociation VpcIpamScope VpcPeeringConnection " +
        "VpcPeeringConnectionAccepter VpnConcentrator VpnConnection VpnGateway",
    ec2transitgateway:
        "Connect ConnectPeer InstanceConnectEndpoint MeteringPolicy MulticastDomain PeeringAttachment PeeringAttachmentAccepter " +
        "PolicyTable RouteTable TransitGateway VpcAttachment VpcAttachmentAccepter",
    ecr: "Repository",
    ecs: "CapacityProvider Cluster Daemon DaemonTaskDefinition ExpressGatewayService Service TaskDefinition TaskSet",
    efs: "AccessPoint FileSystem",
    elasticache: "Cluster ParameterGroup ReplicationGroup ReservedCacheNode ServerlessCache SubnetGroup User UserGroup",
    elasticsearch: "Domain",
    guardduty: "Detector Filter IPSet MalwareProtectionPlan PublishingDestination ThreatIntelSet",
    iam: "InstanceProfile OpenIdConnectProvider Policy Role SamlProvider ServerCertificate ServiceLinkedRole User VirtualMfaDevice",
    kinesis: "AnalyticsApplication FirehoseDeliveryStream Stream StreamConsumer VideoStream",
    kms: "ExternalKey Key ReplicaExternalKey ReplicaKey",
    lambda: "CapacityProvider CodeSigningConfig EventSourceMapping Function MicrovmsImage",
    lb: "Listener ListenerRule LoadBalancer TargetGroup TrustStore",
    neptune: "Cluster ClusterEndpoint ClusterInstance ClusterParameterGroup EventSubscription ParameterGroup SubnetGroup",
    opensearch: "Application Domain ServerlessCollection ServerlessCollectionGroup",
    rds:
        "Cluster ClusterEndpoint ClusterInstance ClusterParameterGroup ClusterSnapshot ClusterSnapshotCopy CustomDbEngineVersion " +
        "EventSubscription GlobalCluster Instance Integration OptionGroup ParameterGroup Proxy ProxyEndpoint ReservedInstance " +
        "ShardGroup Snapshot SnapshotCopy SubnetGroup",
    redshift:
        "Cluster ClusterSnapshot EventSubscription HsmClientCertificate HsmConfiguration IdcApplication Integration " +
        "ParameterGroup SnapshotCopyGrant SnapshotSchedule SubnetGroup UsageLimit",
    route53:
        "HealthCheck ProfilesAssociation ProfilesProfile ResolverEndpoint ResolverFirewallDomainList ResolverFirewallRuleGroup " +
        "ResolverFirewallRuleGroupAssociation ResolverQueryLogConfig ResolverRule Zone",
    s3: "AccessPoint Bucket DirectoryBucket FilesAccessPoint FilesFileSystem VectorsVectorBucket",
    secretsmanager: "Secret",
    securityhub: "AutomationRule",
    sfn: "Activity StateMachine",
    sns: "Topic",
    sqs: "Queue",
    ssm: "Activation Association ContactsRotation Document MaintenanceWindow Parameter PatchBaseline QuicksetupConfigurationManager",
    wafv2: "IpSet RegexPatternSet RuleGroup WebAcl",
};

export const TAGGABLE_TYPES: readonly string[] = Object.entries(TAGGABLE_BY_MODULE).flatMap(([module, classes]) =>
    classes.split(" ").map((c) => `aws:${module}/${c[0].toLowerCase()}${c.slice(1)}:${c}`),
);

export const DEFAULT_REQUIRED_TAGS = ["Project", "Environment", "ManagedBy", "Compliance", "Owner"];

/** A tag counts when it has a value; a computed (unknown) value counts as set. */
function hasValue(tags: Tags, key: string): boolean {
    if (!tags.known) {
        return false;
    }
    const v = tags.tags[key];
    return isUnknown(v) || (v !== undefined && v !== null && v !== "");
}

interface TagVerdict {
    readonly missing: string[];
    readonly own: Tags;
    readonly provider: Tags;
}

function judgeTags(tags: Read, provider: { readonly props: unknown } | undefined, required: readonly string[]): TagVerdict {
    const own = asTags(tags);
    const defaults = providerDefaultTags(provider);
    return { missing: required.filter((k) => !hasValue(own, k) && !hasValue(defaults, k)), own, provider: defaults };
}

function missingTags(ctx: Pick<ResourceContext<unknown>, "read" | "args">, required: readonly string[]): TagVerdict {
    return judgeTags(ctx.read("tags"), ctx.args.provider, required);
}

function missingMessage(type: string, name: string, missing: readonly string[]): string {
    return `${type} "${name}" is missing required tag(s) ${missing.join(", ")}; set them in tags or the provider's defaultTags.`;
}

const REQUIRED_TAGS_OPTION = {
    type: "array",
    items: { type: "string" },
    default: DEFAULT_REQUIRED_TAGS,
    description: "Tag keys every taggable resource must have (case-sensitive, as AWS tag keys are).",
} as const;

/** `Key=Value` entries of the tagValues option (entries without "=" are reported by validate). */
function tagValueMap(entries: readonly string[]): { values: Map<string, string>; invalid: string[] } {
    const values = new Map<string, string>();
    const invalid: string[] = [];
    for (const e of entries) {
        const i = e.indexOf("=");
        if (i <= 0) {
            invalid.push(e);
        } else {
            values.set(e.slice(0, i), e.slice(i + 1));
        }
    }
    return { values, invalid };
}

export const requiredTags = resourcePolicy({
    name: "required-tags",
    description:
        "Every taggable AWS resource must carry the required tags (Project, Environment, ManagedBy, Compliance, Owner by " +
        "default), from its own tags or the provider's defaultTags: the tags are the component inventory and tell who owns " +
        "and answers for each resource (CM-8). Set enforcementLevel \"remediate\" to add missing tags from `tagValues`.",
    severity: "low",
    controls: ["CM-8", "CM-2"],
    remediationSteps:
        "Set the tags in the stack's `aws:defaultTags` (every resource of the provider gets them) or on the resource's " +
        "`tags`; or run the policy at enforcementLevel \"remediate\" with `tagValues` to add them.",
    resourceTypes: TAGGABLE_TYPES as [string, ...string[]],
    options: {
        requiredTags: REQUIRED_TAGS_OPTION,
        tagValues: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'For enforcementLevel "remediate": "Key=Value" entries added to resources that lack the key.',
        },
    },
    validate: (ctx) => {
        const { invalid } = tagValueMap(ctx.config.tagValues);
        if (invalid.length > 0) {
            ctx.violation(`Invalid config for policy "required-tags": option "tagValues" entries ${invalid.map((e) => JSON.stringify(e)).join(", ")} must be "Key=Value".`);
        }
        const { missing, own, provider } = missingTags(ctx, ctx.config.requiredTags);
        if (missing.length === 0) {
            return;
        }
        if (!own.known || !provider.known) {
            ctx.cannotVerify(`the tags of "${ctx.name}" (or its provider's defaultTags)`);
            return;
        }
        ctx.violation(missingMessage(ctx.type, ctx.name, missing));
    },
    remediate: (ctx) => {
        const { missing, own, provider } = missingTags(ctx, ctx.config.requiredTags);
        if (missing.length === 0 || !own.known || !provider.known) {
            return undefined;
        }
        const { values } = tagValueMap(ctx.config.tagValues);
        const added = Object.fromEntries(missing.filter((k) => values.has(k)).map((k) => [k, values.get(k) as string]));
        return Object.keys(added).length === 0 ? undefined : ctx.update({ tags: { ...own.tags, ...added } });
    },
});

const TAGGABLE_SET: ReadonlySet<string> = new Set(TAGGABLE_TYPES);

export const requiredTagsOtherTypes = stackPolicy({
    name: "required-tags-other-types",
    description:
        "Any other AWS resource whose inputs carry a `tags` key (a type outside required-tags' list) must have the required " +
        "tags too, from its own tags or its provider's defaultTags (CM-8). Judged once per stack, so it needs no type list.",
    severity: "low",
    controls: ["CM-8", "CM-2"],
    remediationSteps: "Set the tags in the stack's `aws:defaultTags` or on the resource's `tags`.",
    resourceTypes: ["aws:*"],
    options: { requiredTags: REQUIRED_TAGS_OPTION },
    validate: (ctx) => {
        for (const r of ctx.resources) {
            if (!r.type.startsWith("aws:") || TAGGABLE_SET.has(r.type) || !Object.prototype.hasOwnProperty.call(r.props, "tags")) {
                continue;
            }
            const { missing, own, provider } = judgeTags(ctx.read(r.props, "tags"), r.provider, ctx.config.requiredTags);
            if (missing.length === 0) {
                continue;
            }
            if (!own.known || !provider.known) {
                ctx.cannotVerify(r, `the tags of "${r.name}" (or its provider's defaultTags)`);
            } else {
                ctx.violation(r, missingMessage(r.type, r.name, missing));
            }
        }
    },
});

// ---------------------------------------------------------------------------------------------
// Providers

const AWS_PROVIDER = "pulumi:providers:aws";

// The engine analyzes provider resources (explicit and default providers) like any other, before
// any resource that uses them is created, so judging the provider once is both complete and
// cheaper than re-judging `args.provider` on every resource's analyze call.
export const providerAllowedRegions = resourcePolicy({
    name: "provider-allowed-regions",
    description:
        "AWS providers (explicit and default) must target an allowed region (us-gov-west-1 and us-gov-east-1 by default): " +
        "the authorization boundary is AWS GovCloud, and a resource elsewhere is outside it (CM-6).",
    severity: "critical",
    controls: ["CM-6", "CM-2"],
    remediationSteps: "Set `aws:region` in the stack config (default provider) or `region` on the aws.Provider to an allowed GovCloud region.",
    resourceTypes: [AWS_PROVIDER],
    options: {
        allowedRegions: {
            type: "array",
            items: { type: "string" },
            default: ["us-gov-west-1", "us-gov-east-1"],
            description: "Regions AWS providers may target.",
        },
    },
    validate: (ctx) => {
        const region = ctx.read("region");
        const allowed = ctx.config.allowedRegions;
        if (!region.known) {
            ctx.cannotVerify("region");
        } else if (region.value === undefined || region.value === "") {
            ctx.violation(`AWS provider "${ctx.name}" sets no region (it would come from the environment); set region to one of ${allowed.join(", ")}.`);
        } else if (typeof region.value !== "string" || !allowed.includes(region.value)) {
            ctx.violation(`AWS provider "${ctx.name}" targets region "${String(region.value)}"; use one of ${allowed.join(", ")}.`);
        }
    },
});

export const providerFipsEndpoints = resourcePolicy({
    name: "provider-fips-endpoints",
    description:
        "AWS providers must call FIPS 140-validated endpoints (`useFipsEndpoint: true`, and no `endpoints` override to a " +
        "non-FIPS URL), so every API call the deployment makes is protected by validated cryptography (SC-13, SC-8(1)).",
    severity: "high",
    controls: ["SC-13", "SC-8(1)"],
    remediationSteps:
        "Set `aws:useFipsEndpoint: true` in the stack config (default provider) or `useFipsEndpoint: true` on the aws.Provider, " +
        "and remove `endpoints` overrides (or point them at the services' FIPS endpoints).",
    resourceTypes: [AWS_PROVIDER],
    validate: (ctx) => {
        const fips = ctx.read("useFipsEndpoint");
        if (!fips.known) {
            ctx.cannotVerify("useFipsEndpoint");
        } else if (fips.value !== true && fips.value !== "true") {
            ctx.violation(`AWS provider "${ctx.name}" does not use FIPS endpoints; set useFipsEndpoint to true.`);
        }
        // A custom endpoint replaces the resolved one for that service: useFipsEndpoint no longer
        // applies to it, so the URL itself must name a FIPS endpoint (AWS spells them "<svc>-fips." /
        // "fips.").
        const endpoints = endpointOverrides(ctx.read("endpoints"));
        if (endpoints === "unknown") {
            ctx.cannotVerify("endpoints");
            return;
        }
        const plain = endpoints.filter((e) => e.url !== "unknown" && !isFipsUrl(e.url));
        if (plain.length > 0) {
            ctx.violation(
                `AWS provider "${ctx.name}" overrides endpoints with non-FIPS URLs (${plain.map((e) => `${e.service}: ${e.url}`).join(", ")}), ` +
                    "which useFipsEndpoint does not change; remove the overrides or point them at the services' FIPS endpoints.",
            );
        }
        if (endpoints.some((e) => e.url === "unknown")) {
            ctx.cannotVerify("endpoints");
        }
    },
});

/** The provider's `endpoints` overrides (a list of service → URL maps; JSON-encoded over the protocol). */
function endpointOverrides(value: Read): { service: string; url: string }[] | "unknown" {
    if (!value.known) {
        return "unknown";
    }
    let v = value.value;
    if (typeof v === "string") {
        const parsed = parseJson(v);
        v = parsed.ok ? parsed.value : undefined;
    }
    const out: { service: string; url: string }[] = [];
    for (const entry of Array.isArray(v) ? v : [v]) {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            continue;
        }
        for (const [service, url] of Object.entries(entry as Record<string, unknown>)) {
            if (isUnknown(url)) {
                out.push({ service, url: "unknown" });
            } else if (typeof url === "string" && url !== "") {
                out.push({ service, url });
            }
        }
    }
    return out;
}

function isFipsUrl(url: string): boolean {
    const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
    return host.toLowerCase().split(".").some((label) => label === "fips" || label.endsWith("-fips"));
}

// ---------------------------------------------------------------------------------------------
// Production resilience (advisory in staging through policies/config/staging.json)

export const rdsMultiAz = resourcePolicy({
    name: "rds-multi-az",
    description:
        "Production RDS instances must be Multi-AZ: a standby in a second Availability Zone takes over within minutes when " +
        "the primary's zone fails (CP-7, CP-10). Aurora clusters are judged by aurora-cluster-multi-az.",
    severity: "high",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Set `multiAz: true` on the aws.rds.Instance.",
    resourceTypes: [RDS_INSTANCE],
    validate: (ctx) => requireTrue(ctx, "multiAz", `${labelOf(ctx, "RDS instance")} is not Multi-AZ; set multiAz to true.`),
});

export const auroraClusterMultiAz = stackPolicy({
    name: "aurora-cluster-multi-az",
    description:
        "Production Aurora clusters must have at least two instances, not all pinned to one Availability Zone, so a reader " +
        "in another zone is promoted when the writer's zone fails (CP-7, CP-10). A computed availabilityZone that could " +
        "put them all in one zone is a cannot-verify advisory.",
    severity: "high",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Add a second aws.rds.ClusterInstance (a reader) to the cluster and leave availabilityZone unset (or set a different zone).",
    resourceTypes: [RDS_CLUSTER, RDS_CLUSTER_INSTANCE],
    triggerType: RDS_CLUSTER,
    validate: (ctx) => {
        const members = new Map<string, StackResource[]>();
        let unresolved = 0;
        for (const ci of ctx.ofType(RDS_CLUSTER_INSTANCE)) {
            const refs = ctx.resolveRefs(ci, "clusterIdentifier", [RDS_CLUSTER], ["clusterIdentifier", "id"]);
            refs.resources.forEach((c) => members.set(c.urn, [...(members.get(c.urn) ?? []), ci]));
            unresolved += refs.unresolved;
        }
        for (const cluster of ctx.ofType(RDS_CLUSTER)) {
            const engine = ctx.read(cluster.props, "engine");
            const mode = ctx.read(cluster.props, "engineMode");
            // Multi-AZ DB clusters (engine mysql/postgres) always span three zones; Serverless v1 has no instances.
            if (engine.known && typeof engine.value === "string" && !engine.value.startsWith("aurora")) {
                continue;
            }
            if (mode.known && mode.value === "serverless") {
                continue;
            }
            const list = members.get(cluster.urn) ?? [];
            if (list.length < 2) {
                if (unresolved > 0 || !engine.known || !mode.known) {
                    ctx.cannotVerify(cluster, `the instances of Aurora cluster "${cluster.name}"`);
                } else {
                    ctx.violation(cluster, `Aurora cluster "${cluster.name}" has ${list.length} instance(s); add a reader in another Availability Zone (at least 2 instances).`);
                }
                continue;
            }
            // An instance without availabilityZone is placed by RDS (spread from the others); two
            // different pinned zones settle it too. Otherwise an unknown zone could still be the
            // pinned one (or all could be the same): advisory, never a violation.
            const zones = list.map((ci) => ctx.read(ci.props, "availabilityZone"));
            const known = zones.flatMap((z) => (z.known ? [z.value] : []));
            const pinned = new Set(known.filter((z): z is string => typeof z === "string" && z !== ""));
            if (pinned.size > 1 || known.some((z) => typeof z !== "string" || z === "")) {
                continue;
            }
            const zone = [...pinned][0];
            if (known.length < zones.length) {
                const why = zone === undefined ? "" : ` (the known ones are all in ${zone})`;
                ctx.cannotVerify(cluster, `the Availability Zones of the instances of Aurora cluster "${cluster.name}"${why}`);
            } else {
                ctx.violation(cluster, `Aurora cluster "${cluster.name}" has all its instances in ${zone}; spread them over Availability Zones.`);
            }
        }
    },
});

const RDS_TYPES = [RDS_INSTANCE, RDS_CLUSTER] as const;

export const rdsDeletionProtection = resourcePolicy({
    name: "rds-deletion-protection",
    description:
        "Production RDS instances and clusters must have deletion protection, so neither a mistaken `pulumi destroy` nor a " +
        "replacement can delete the database (CM-5, SI-12).",
    severity: "high",
    controls: ["CM-5", "SI-12"],
    remediationSteps: "Set `deletionProtection: true` (and `protect: true` on the Pulumi resource).",
    resourceTypes: RDS_TYPES,
    validate: (ctx) => requireTrue(ctx, "deletionProtection", `${labelOf(ctx, "RDS instance")} has no deletion protection; set deletionProtection to true.`),
});

export const rdsBackupRetention = resourcePolicy({
    name: "rds-backup-retention",
    description:
        "Production RDS instances and clusters must keep automated backups for at least the configured days (30 by default; " +
        "35 is AWS's maximum), so point-in-time recovery reaches back far enough to undo a late-detected corruption (CP-9, CP-10).",
    severity: "high",
    controls: ["CP-9", "CP-10"],
    remediationSteps: "Set `backupRetentionPeriod` to at least the configured minimum (AWS allows up to 35 days; keep longer copies with AWS Backup).",
    resourceTypes: RDS_TYPES,
    options: {
        minBackupRetentionDays: { type: "integer", default: 30, minimum: 1, maximum: 35, description: "Minimum automated backup retention in days." },
    },
    validate: (ctx) => {
        const replica = ctx.read("replicateSourceDb");
        if (replica.known && typeof replica.value === "string" && replica.value !== "") {
            return; // a read replica's recovery point is its source's
        }
        const days = ctx.read("backupRetentionPeriod");
        const min = ctx.config.minBackupRetentionDays;
        if (!days.known) {
            ctx.cannotVerify("backupRetentionPeriod");
        } else if (typeof days.value !== "number") {
            ctx.violation(`${labelOf(ctx, "RDS instance")} does not set backupRetentionPeriod (AWS defaults to 1 day); set it to at least ${min}.`);
        } else if (days.value < min) {
            ctx.violation(`${labelOf(ctx, "RDS instance")} keeps backups for ${days.value} day(s); set backupRetentionPeriod to at least ${min}.`);
        }
    },
});

export const rdsFinalSnapshot = resourcePolicy({
    name: "rds-final-snapshot",
    description:
        "Production RDS instances and clusters must take a final snapshot when deleted (skipFinalSnapshot false and a " +
        "finalSnapshotIdentifier), so a deletion always leaves a restorable copy (CP-9, SI-12).",
    severity: "medium",
    controls: ["CP-9", "SI-12"],
    remediationSteps: "Leave `skipFinalSnapshot` false (the default) and set `finalSnapshotIdentifier` (e.g. `${name}-final`).",
    resourceTypes: RDS_TYPES,
    validate: (ctx) => {
        const skip = ctx.read("skipFinalSnapshot");
        const id = ctx.read("finalSnapshotIdentifier");
        if (skip.known && skip.value === true) {
            ctx.violation(`${labelOf(ctx, "RDS instance")} skips the final snapshot; set skipFinalSnapshot to false and a finalSnapshotIdentifier.`);
        } else if (!skip.known || !id.known) {
            ctx.cannotVerify("skipFinalSnapshot or finalSnapshotIdentifier");
        } else if (typeof id.value !== "string" || id.value === "") {
            ctx.violation(`${labelOf(ctx, "RDS instance")} has no finalSnapshotIdentifier, so it cannot be deleted with a final snapshot; set one.`);
        }
    },
});

export const cloudwatchLogRetention = resourcePolicy({
    name: "cloudwatch-log-retention",
    description:
        "Production CloudWatch log groups must keep events for at least the configured days (365 by default). Never-expire " +
        "(retentionInDays unset or 0) satisfies AU-11: nothing is lost before the retention period (AU-11, SI-12).",
    severity: "medium",
    controls: ["AU-11", "SI-12"],
    remediationSteps: "Set `retentionInDays` to at least the configured minimum (a value CloudWatch accepts, e.g. 365, 400, 731, 1096, 1827, 3653).",
    resourceTypes: ["aws:cloudwatch/logGroup:LogGroup"],
    options: {
        minLogRetentionDays: { type: "integer", default: 365, minimum: 1, description: "Minimum log retention in days (unset/0 = never expire is compliant)." },
    },
    validate: (ctx) => {
        const days = ctx.read("retentionInDays");
        const min = ctx.config.minLogRetentionDays;
        if (!days.known) {
            ctx.cannotVerify("retentionInDays");
        } else if (typeof days.value === "number" && days.value > 0 && days.value < min) {
            ctx.violation(`Log group "${ctx.name}" keeps events for ${days.value} day(s); set retentionInDays to at least ${min}.`);
        }
    },
});

export const albDeletionProtection = resourcePolicy({
    name: "alb-deletion-protection",
    description:
        "Production load balancers must have deletion protection: deleting the ALB takes the service off the internet and " +
        "loses its DNS name (CM-5, CP-10).",
    severity: "medium",
    controls: ["CM-5", "CP-10"],
    remediationSteps: "Set `enableDeletionProtection: true` on the load balancer.",
    resourceTypes: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    validate: (ctx) =>
        requireTrue(ctx, "enableDeletionProtection", `Load balancer "${ctx.name}" has no deletion protection; set enableDeletionProtection to true.`),
});

const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

/**
 * An aws.elasticache.Cluster outside a replication group is a single Redis/Valkey node (no
 * replica, no failover: its zone's outage is the cache's outage) or a Memcached cluster, which
 * spreads its nodes over zones only with azMode "cross-az" and at least two nodes.
 */
function judgeStandaloneCacheCluster(ctx: ResourceContext<unknown>): void {
    const group = ctx.read("replicationGroupId");
    const engine = ctx.read("engine");
    if (!group.known) {
        return ctx.cannotVerify("replicationGroupId");
    }
    if (typeof group.value === "string" && group.value !== "") {
        return; // a member: the replication group is judged
    }
    if (!engine.known) {
        return ctx.cannotVerify("engine");
    }
    if (engine.value !== "memcached") {
        return ctx.violation(
            `ElastiCache cluster "${ctx.name}" is a single ${String(engine.value ?? "cache")} node outside a replication group (no replica, no failover); ` +
                "use an aws.elasticache.ReplicationGroup with Multi-AZ and automatic failover.",
        );
    }
    const mode = ctx.read("azMode");
    const nodes = ctx.read("numCacheNodes");
    if (!mode.known || !nodes.known) {
        return ctx.cannotVerify("azMode or numCacheNodes");
    }
    if (mode.value !== "cross-az" || typeof nodes.value !== "number" || nodes.value < 2) {
        ctx.violation(`Memcached cluster "${ctx.name}" keeps its nodes in one Availability Zone; set azMode to "cross-az" with numCacheNodes ≥ 2.`);
    }
}

export const elasticacheMultiAz = resourcePolicy({
    name: "elasticache-multi-az",
    description:
        "Production ElastiCache replication groups must be Multi-AZ with automatic failover, so a replica in another zone " +
        "is promoted when the primary fails; a stand-alone cache cluster (a single Redis/Valkey node, or Memcached not " +
        "cross-az) is not (CP-7, CP-10).",
    severity: "medium",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Set `automaticFailoverEnabled: true`, `multiAzEnabled: true` and `numCacheClusters` ≥ 2 (or replicasPerNodeGroup ≥ 1).",
    resourceTypes: ["aws:elasticache/replicationGroup:ReplicationGroup", ELASTICACHE_CLUSTER],
    validate: (ctx) => {
        if (ctx.type === ELASTICACHE_CLUSTER) {
            return judgeStandaloneCacheCluster(ctx);
        }
        const failover = ctx.read("automaticFailoverEnabled");
        const multiAz = ctx.read("multiAzEnabled");
        const off = [
            ...(failover.known && failover.value !== true ? ["automaticFailoverEnabled"] : []),
            ...(multiAz.known && multiAz.value !== true ? ["multiAzEnabled"] : []),
        ];
        if (off.length > 0) {
            ctx.violation(`Replication group "${ctx.name}" does not set ${off.join(" and ")} to true; enable Multi-AZ with automatic failover.`);
        } else if (!failover.known || !multiAz.known) {
            ctx.cannotVerify("automaticFailoverEnabled or multiAzEnabled");
        }
    },
});

/** The prod-only policies (advisory in staging.json, mandatory in prod.json). */
export const PROD_ONLY_POLICIES = [
    rdsMultiAz,
    auroraClusterMultiAz,
    rdsDeletionProtection,
    rdsBackupRetention,
    rdsFinalSnapshot,
    cloudwatchLogRetention,
    albDeletionProtection,
    elasticacheMultiAz,
];

export const governancePolicies: GovPolicy[] = [requiredTags, requiredTagsOtherTypes, providerAllowedRegions, providerFipsEndpoints, ...PROD_ONLY_POLICIES];
