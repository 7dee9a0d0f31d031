// At-rest and in-transit encryption of storage services: SC-28/SC-28(1) protection of
// information at rest, SC-8/SC-8(1) in transit, SC-12/SC-13 keys under the customer's control
// (a customer-managed KMS key can be rotated, audited, scoped by key policy and revoked; the
// AWS-managed `aws/<service>` keys cannot).

import type { ControlId } from "../controls";
import {
    ECR_REPOSITORY_CREATION_TEMPLATE,
    findGlobMatch,
    GovPolicy,
    isUnknown,
    labelOf,
    requireTrue,
    ResourceContext,
    resourcePolicy,
    stackPolicy,
} from "../lib";

/** The option every CMK-checking policy has. */
const REQUIRE_CMK = {
    requireCmk: {
        type: "boolean",
        default: true,
        description: "Require a customer-managed KMS key (not the AWS-managed aws/<service> key or an AWS-owned key).",
    },
} as const;

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

/**
 * When `requireCmk` is on, the key at `path` must be set and must not be an AWS-managed alias.
 * An unknown key id counts as set: it is computed from a key created in this stack, i.e. a
 * customer-managed key (AWS-managed keys are referenced by literal aliases).
 */
function checkCmk(ctx: ResourceContext<{ readonly requireCmk: boolean }>, path: string, what: string, from?: unknown): void {
    if (!ctx.config.requireCmk) {
        return;
    }
    const key = ctx.read(path, from);
    if (!key.known) {
        return;
    }
    if (key.value === undefined || key.value === null || key.value === "") {
        ctx.violation(`${what} has no ${path}, so it is encrypted with an AWS-managed key; set ${path} to a customer-managed KMS key.`);
    } else if (typeof key.value === "string" && AWS_MANAGED_ALIAS.test(key.value)) {
        ctx.violation(`${what} uses the AWS-managed key "${key.value}"; set ${path} to a customer-managed KMS key.`);
    }
}

export const rdsStorageEncrypted = resourcePolicy({
    name: "rds-storage-encrypted",
    description:
        "RDS instances and RDS, Aurora, DocumentDB and Neptune clusters must encrypt storage, snapshots and backups at rest " +
        "(storageEncrypted), with a customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12", "SC-13"],
    remediationSteps:
        "Set `storageEncrypted: true` and `kmsKeyId` (Neptune: `kmsKeyArn`) to the data key's ARN. Encryption cannot be added in place: create the " +
        "encrypted instance from an encrypted snapshot copy.",
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:docdb/cluster:Cluster", "aws:neptune/cluster:Cluster"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = labelOf(ctx, "Database");
        const replicaOf = ctx.read("replicateSourceDb");
        if (replicaOf.known && typeof replicaOf.value === "string" && replicaOf.value !== "") {
            // A same-region read replica inherits its source's encryption; the source is judged.
            return;
        }
        if (requireTrue(ctx, "storageEncrypted", `${what} is not encrypted at rest; set storageEncrypted: true.`)) {
            // Neptune names the same input kmsKeyArn.
            checkCmk(ctx, ctx.type === "aws:neptune/cluster:Cluster" ? "kmsKeyArn" : "kmsKeyId", what);
        }
    },
});

export const rdsPerformanceInsightsCmk = resourcePolicy({
    name: "rds-performance-insights-cmk",
    description:
        "RDS Performance Insights data (which includes SQL text) must be encrypted with a customer-managed KMS key when " +
        "Performance Insights is enabled.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `performanceInsightsKmsKeyId` to the data key's ARN wherever `performanceInsightsEnabled` is true.",
    resourceTypes: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const enabled = ctx.read("performanceInsightsEnabled");
        if (enabled.known && enabled.value !== true) {
            return;
        }
        const key = ctx.read("performanceInsightsKmsKeyId");
        if (!enabled.known) {
            if (ctx.config.requireCmk && key.known && !key.value) {
                ctx.cannotVerify("performanceInsightsEnabled");
            }
            return;
        }
        checkCmk(ctx, "performanceInsightsKmsKeyId", `${labelOf(ctx, "Database")} Performance Insights`);
    },
});

export const elasticacheEncrypted = resourcePolicy({
    name: "elasticache-encrypted",
    description:
        "ElastiCache replication groups must encrypt data at rest and in transit (TLS between clients and nodes), with a " +
        "customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-8", "SC-8(1)", "SC-12"],
    remediationSteps:
        "Set `atRestEncryptionEnabled: true`, `transitEncryptionEnabled: true` (clients connect with TLS) and `kmsKeyId` " +
        "on the aws.elasticache.ReplicationGroup.",
    resourceTypes: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = `ElastiCache replication group "${ctx.name}"`;
        if (requireTrue(ctx, "atRestEncryptionEnabled", `${what} is not encrypted at rest; set atRestEncryptionEnabled: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
        if (requireTrue(ctx, "transitEncryptionEnabled", `${what} does not encrypt in transit; set transitEncryptionEnabled: true.`)) {
            // "preferred" is the migration mode: TLS is offered but plaintext clients are still accepted.
            const mode = ctx.read("transitEncryptionMode");
            if (!mode.known) {
                ctx.cannotVerify("transitEncryptionMode");
            } else if (mode.value === "preferred") {
                ctx.violation(`${what} still accepts unencrypted connections (transitEncryptionMode = "preferred"); set it to "required".`);
            }
        }
    },
});

export const elasticacheClusterEncrypted = resourcePolicy({
    name: "elasticache-cluster-encrypted",
    description:
        "Stand-alone ElastiCache clusters must not hold Redis/Valkey data outside a replication group (a stand-alone " +
        "cluster cannot encrypt at rest) and Memcached clusters must encrypt in transit.",
    severity: "high",
    controls: ["SC-28", "SC-8", "SC-8(1)"],
    remediationSteps:
        "Create Redis/Valkey as an aws.elasticache.ReplicationGroup with `atRestEncryptionEnabled` and " +
        "`transitEncryptionEnabled`; for Memcached set `transitEncryptionEnabled: true`.",
    resourceTypes: ["aws:elasticache/cluster:Cluster"],
    validate: (ctx) => {
        const group = ctx.read("replicationGroupId");
        if (!group.known || (typeof group.value === "string" && group.value !== "")) {
            // A member of a replication group: the group's settings apply and are judged there.
            return;
        }
        const what = `ElastiCache cluster "${ctx.name}"`;
        const engine = ctx.read("engine");
        if (!engine.known) {
            ctx.cannotVerify("engine");
        } else if (engine.value === "memcached") {
            requireTrue(ctx, "transitEncryptionEnabled", `${what} does not encrypt in transit; set transitEncryptionEnabled: true.`);
        } else {
            ctx.violation(
                `${what} runs ${String(engine.value ?? "redis")} outside a replication group, which cannot encrypt at rest; ` +
                    "create it as an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled and transitEncryptionEnabled.",
            );
        }
    },
});

export const redshiftClusterEncrypted = resourcePolicy({
    name: "redshift-cluster-encrypted",
    description: "Redshift clusters must be encrypted at rest (the default), with a customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Leave `encrypted` at its default (\"true\") and set `kmsKeyId` to the data key's ARN.",
    resourceTypes: ["aws:redshift/cluster:Cluster"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = `Redshift cluster "${ctx.name}"`;
        const encrypted = ctx.read("encrypted");
        if (!encrypted.known) {
            ctx.cannotVerify("encrypted");
        } else if (encrypted.value === false || encrypted.value === "false") {
            ctx.violation(`${what} is not encrypted at rest; set encrypted: "true".`);
        } else {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});

/** The TLS-forcing parameter of a parameter group family: its name, accepted values, and its value in AWS's default group. */
interface TlsParameter {
    readonly name: string;
    readonly on: readonly string[];
    readonly recommended: string;
    /** The value AWS's default parameter group of the family holds. */
    readonly defaultValue: string;
    readonly defaultOn: boolean;
}

/** The parameter that makes an engine refuse non-TLS connections, by parameter group family. */
function tlsParameter(family: string): TlsParameter | undefined {
    const pg = /^postgres(\d+)/.exec(family);
    if (pg) {
        // RDS for PostgreSQL 15 and later default rds.force_ssl to 1.
        const defaultOn = Number(pg[1]) >= 15;
        return { name: "rds.force_ssl", on: ["1"], recommended: "1", defaultValue: defaultOn ? "1" : "0", defaultOn };
    }
    if (family.startsWith("aurora-postgresql") || family.startsWith("sqlserver")) {
        // Aurora PostgreSQL: "By default, the rds.force_ssl parameter is set to 0 (off)" (Aurora User Guide,
        // ssl-certificate-rotation-aurora-postgresql); RDS for SQL Server defaults it to 0 as well.
        return { name: "rds.force_ssl", on: ["1"], recommended: "1", defaultValue: "0", defaultOn: false };
    }
    if (family.startsWith("mysql") || family.startsWith("aurora-mysql") || family.startsWith("mariadb")) {
        // RDS for MySQL / MariaDB default require_secure_transport to OFF; no documented Aurora MySQL default
        // forces TLS, so it is treated as OFF too.
        return { name: "require_secure_transport", on: ["1", "ON", "on"], recommended: "ON", defaultValue: "OFF", defaultOn: false };
    }
    return undefined;
}

/** Engines whose default parameter group the policy can judge (the others' families are unknown to tlsParameter). */
const TLS_ENGINES = /^(postgres|aurora-postgresql|mysql|mariadb|aurora-mysql|sqlserver-(ee|se|ex|web))$/;

/**
 * Stands in for an engineVersion that is not given: RDS then "defaults to an available version, usually the most
 * recent" (RDS for PostgreSQL release notes), so the newest family decides (for PostgreSQL: 15+, TLS forced).
 */
const NEWEST_VERSION = "9999";

/** RDS's parameter group family for an engine (one of TLS_ENGINES) and engine version, e.g. postgres16, mysql8.0, sqlserver-se-15.0. */
function engineFamily(engine: string, version: string): string | undefined {
    const v = /^(\d+)(?:\.(\d+))?/.exec(version);
    if (!v) {
        return undefined;
    }
    const major = v[1];
    const minor = v[2] ?? "0";
    if (engine === "postgres" || engine === "aurora-postgresql") {
        // PostgreSQL families name the major version from 10 on (postgres16), major.minor before (postgres9.6).
        return `${engine}${Number(major) >= 10 ? major : `${major}.${minor}`}`;
    }
    if (engine.startsWith("sqlserver-")) {
        return `${engine}-${major}.0`;
    }
    // mysql8.0, mariadb10.11, aurora-mysql8.0 (from "8.0.mysql_aurora.3.05.2").
    return `${engine}${major}.${minor}`;
}

/** The TLS parameter a family would hold: undefined when the version cannot be read. */
function tlsForEngine(engine: string, version: string): TlsParameter | undefined {
    const family = engineFamily(engine, version);
    return family === undefined ? undefined : tlsParameter(family);
}

const DEFAULT_GROUP_TYPES: Readonly<Record<string, { group: string; resource: string }>> = {
    "aws:rds/instance:Instance": { group: "default parameter group", resource: "aws.rds.ParameterGroup" },
    "aws:rds/cluster:Cluster": { group: "default cluster parameter group", resource: "aws.rds.ClusterParameterGroup" },
};

/**
 * A database that names no parameter group runs with AWS's default group (default.<family>), which cannot be
 * edited and, except for RDS for PostgreSQL 15+, does not force TLS. A named group (even a computed name) is
 * judged as an aws.rds.ParameterGroup / ClusterParameterGroup instead.
 */
function judgeDefaultGroup(ctx: ResourceContext<unknown>): void {
    const isInstance = ctx.type === "aws:rds/instance:Instance";
    const groupPath = isInstance ? "parameterGroupName" : "dbClusterParameterGroupName";
    const group = ctx.read(groupPath);
    if (!group.known || (typeof group.value === "string" && group.value !== "" && !group.value.startsWith("default."))) {
        return;
    }
    const engine = ctx.read("engine");
    if (!engine.known) {
        ctx.cannotVerify("engine (it decides whether the default parameter group requires TLS)");
        return;
    }
    if (typeof engine.value !== "string" || !TLS_ENGINES.test(engine.value)) {
        // No engine (a restore takes the snapshot's), legacy "aurora", Oracle, Db2, RDS Custom: not judged here.
        return;
    }
    if (isInstance) {
        const cluster = ctx.read("clusterIdentifier");
        if (engine.value.startsWith("aurora-") || !cluster.known || (typeof cluster.value === "string" && cluster.value !== "")) {
            // An Aurora member instance: TLS is a cluster-level parameter, judged on the cluster.
            return;
        }
        const source = ctx.read("replicateSourceDb");
        if (!source.known || (typeof source.value === "string" && source.value !== "" && !source.value.startsWith("arn:"))) {
            // A same-Region read replica without a group uses its source's DB parameter group (RDS API,
            // CreateDBInstanceReadReplica DBParameterGroupName); the source is judged. A cross-Region replica
            // (source given as an ARN) gets the engine's default group and is judged below.
            return;
        }
    }
    const kind = DEFAULT_GROUP_TYPES[ctx.type];
    const version = ctx.read("engineVersion");
    let tls: TlsParameter | undefined;
    let shown = engine.value;
    if (!version.known) {
        // Computed version: decide only if every version of the engine has the same default.
        const oldest = tlsForEngine(engine.value, "0");
        const newest = tlsForEngine(engine.value, NEWEST_VERSION);
        if (oldest === undefined || newest === undefined || oldest.defaultOn !== newest.defaultOn) {
            ctx.cannotVerify("engineVersion (the default parameter group's TLS setting depends on it)");
            return;
        }
        tls = newest;
    } else if (version.value === undefined || version.value === null || version.value === "") {
        tls = tlsForEngine(engine.value, NEWEST_VERSION);
    } else {
        shown = `${engine.value} ${String(version.value)}`;
        tls = typeof version.value === "string" || typeof version.value === "number" ? tlsForEngine(engine.value, String(version.value)) : undefined;
        if (tls === undefined) {
            ctx.advisory(
                `${labelOf(ctx, "Database")} (${shown}) uses the ${kind.group}, and its engineVersion names no parameter group family, so ` +
                    `whether it requires TLS cannot be verified; give it an ${kind.resource} that requires TLS.`,
            );
            return;
        }
    }
    if (tls === undefined || tls.defaultOn) {
        return;
    }
    ctx.violation(
        `${labelOf(ctx, "Database")} (${shown}) uses the ${kind.group}, which does not require TLS (${tls.name} = ${tls.defaultValue}); ` +
            `give it an ${kind.resource} with ${tls.name} = ${tls.recommended}.`,
    );
}

/** An aws.rds.ParameterGroup / ClusterParameterGroup must set the TLS parameter on (or rely on a default that is on). */
function judgeParameterGroup(ctx: ResourceContext<unknown>): void {
    const family = ctx.read("family");
    if (!family.known) {
        ctx.cannotVerify("family");
        return;
    }
    const tls = typeof family.value === "string" ? tlsParameter(family.value) : undefined;
    if (!tls) {
        return;
    }
    if (ctx.type === "aws:rds/parameterGroup:ParameterGroup" && typeof family.value === "string" && /^aurora-(postgresql|mysql)/.test(family.value)) {
        // Aurora: rds.force_ssl / require_secure_transport are cluster-level parameters. They exist only in
        // the DB cluster parameter group (judged below for aws.rds.ClusterParameterGroup); an Aurora
        // instance's DB parameter group cannot hold them, so requiring them there could never be met.
        return;
    }
    const parameters = ctx.read("parameters");
    if (!parameters.known) {
        ctx.cannotVerify("parameters");
        return;
    }
    const list = Array.isArray(parameters.value) ? parameters.value : [];
    // Every entry naming the parameter counts: listed twice ("1" then "0"), which one RDS keeps is
    // not ours to guess, so each must require TLS.
    const values = list
        .filter((p) => {
            const name = ctx.read("name", p);
            return name.known && name.value === tls.name;
        })
        .map((entry) => ctx.read("value", entry));
    const off = values.find((v) => v.known && !tls.on.includes(String(v.value)));
    const what = `Parameter group "${ctx.name}" (${family.value})`;
    if (off !== undefined || (values.length === 0 && !tls.defaultOn)) {
        const shown = off?.known ? JSON.stringify(off.value) : "unset";
        ctx.violation(`${what} does not require TLS (${tls.name} is ${shown}); set ${tls.name} to "${tls.recommended}".`);
    } else if (values.some((v) => !v.known)) {
        ctx.cannotVerify(`parameter ${tls.name}`);
    }
}

export const rdsParameterGroupRequiresTls = resourcePolicy({
    name: "rds-parameter-group-requires-tls",
    description:
        "RDS and Aurora parameter groups for PostgreSQL, MySQL, MariaDB and SQL Server must make the engine refuse " +
        "unencrypted client connections (rds.force_ssl = 1 / require_secure_transport = ON). For Aurora these are " +
        "cluster-level parameters, required on the DB cluster parameter group (an Aurora instance's DB parameter group " +
        "cannot hold them). An RDS instance or RDS/Aurora cluster that names no parameter group runs with AWS's default " +
        "group, which does not require TLS (except RDS for PostgreSQL 15 and later), so it must be given one.",
    severity: "high",
    controls: ["SC-8", "SC-8(1)"],
    remediationSteps:
        "Add `{ name: \"rds.force_ssl\", value: \"1\" }` (PostgreSQL, SQL Server) or " +
        "`{ name: \"require_secure_transport\", value: \"ON\" }` (MySQL, MariaDB) to the parameter group's `parameters`, " +
        "and attach the group to the instance (`parameterGroupName`) or cluster (`dbClusterParameterGroupName`; Aurora: " +
        "an aws.rds.ClusterParameterGroup). A database without a group uses AWS's default group, which cannot be edited: " +
        "create an aws.rds.ParameterGroup / ClusterParameterGroup of the engine's family and attach it.",
    resourceTypes: [
        "aws:rds/parameterGroup:ParameterGroup",
        "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
    ],
    validate: (ctx) => {
        if (ctx.type in DEFAULT_GROUP_TYPES) {
            judgeDefaultGroup(ctx);
        } else {
            judgeParameterGroup(ctx);
        }
    },
});

export const ebsVolumeEncrypted = resourcePolicy({
    name: "ebs-volume-encrypted",
    description: "EBS volumes must be encrypted at rest, with a customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` on the aws.ebs.Volume (an existing volume is re-created from an encrypted snapshot).",
    resourceTypes: ["aws:ebs/volume:Volume"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = `EBS volume "${ctx.name}"`;
        if (requireTrue(ctx, "encrypted", `${what} is not encrypted; set encrypted: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});

export const ec2BlockDevicesEncrypted = resourcePolicy({
    name: "ec2-block-devices-encrypted",
    description:
        "EBS block devices declared by launch templates, EC2 instances and spot instance requests must be encrypted, with a " +
        "customer-managed KMS key " +
        "where config requires it (devices not declared follow the AMI's snapshots and are not judged here).",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps:
        "Launch templates: set `blockDeviceMappings[].ebs.encrypted: \"true\"` and `kmsKeyId`. Instances: set " +
        "`rootBlockDevice.encrypted: true` and `ebsBlockDevices[].encrypted: true` with `kmsKeyId` (spot instance requests alike).",
    // A spot instance request launches an instance from its own rootBlockDevice/ebsBlockDevices (same shape).
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const devices: Array<{ path: string; value: unknown }> = [];
        const collect = (path: string, isList: boolean, inner: string) => {
            const r = ctx.read(path);
            if (!r.known) {
                ctx.cannotVerify(path);
                return;
            }
            const list = isList ? (Array.isArray(r.value) ? r.value : []) : r.value === undefined || r.value === null ? [] : [r.value];
            list.forEach((d, i) => {
                const devicePath = isList ? `${path}[${i}]` : path;
                const dev = inner ? ctx.read(inner, d) : { known: true as const, value: d };
                if (!dev.known || isUnknown(d)) {
                    ctx.cannotVerify(devicePath);
                } else if (dev.value !== undefined && dev.value !== null) {
                    devices.push({ path: inner ? `${devicePath}.${inner}` : devicePath, value: dev.value });
                }
            });
        };
        if (ctx.type === "aws:ec2/launchTemplate:LaunchTemplate") {
            collect("blockDeviceMappings", true, "ebs");
        } else {
            collect("rootBlockDevice", false, "");
            collect("ebsBlockDevices", true, "");
        }
        const what = labelOf(ctx, "Resource");
        for (const d of devices) {
            if (requireTrue(ctx, "encrypted", `${what} ${d.path} is not encrypted; set encrypted: true.`, d.value)) {
                checkCmk(ctx, "kmsKeyId", `${what} ${d.path}`, d.value);
            }
        }
    },
});

export const efsEncrypted = resourcePolicy({
    name: "efs-encrypted",
    description: "EFS file systems must be encrypted at rest, with a customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encrypted: true` and `kmsKeyId` on the aws.efs.FileSystem (encryption is fixed at creation: migrate the data).",
    resourceTypes: ["aws:efs/fileSystem:FileSystem"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = `EFS file system "${ctx.name}"`;
        if (requireTrue(ctx, "encrypted", `${what} is not encrypted; set encrypted: true.`)) {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});

const S3_BUCKET = "aws:s3/bucket:Bucket";
const S3_SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
// The deprecated V2 names still exist in @pulumi/aws 7 (as aliases of the same AWS resources):
// judge them too, so a program cannot step around the rule by using the old name.
const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;
const S3_SSE_CONFIG_TYPES = [
    S3_SSE_CONFIG,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;
const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** One encryption default to judge: `${prefix}sseAlgorithm` / `${prefix}kmsMasterKeyId` read from `from`. */
interface SseDefault {
    readonly path: string;
    readonly prefix: string;
    readonly from: unknown;
}

/**
 * The encryption defaults a resource declares: the rules of a BucketServerSideEncryptionConfiguration,
 * or the deprecated inline form on the bucket itself — aws.s3.Bucket's
 * `serverSideEncryptionConfiguration.rule`, BucketV2's `serverSideEncryptionConfigurations[].rules[]
 * .applyServerSideEncryptionByDefaults[]`. The provider still applies the inline form, so an inline
 * AES256 or aws/s3 key must not pass just because s3-bucket-encryption-configured counts it as
 * declared. A bucket without the inline form is left to s3-bucket-encryption-configured.
 */
function sseDefaultsOf(ctx: ResourceContext<unknown>, what: string): SseDefault[] | undefined {
    const list = (path: string, from?: unknown): unknown[] | undefined => {
        const r = ctx.read(path, from);
        if (!r.known) {
            ctx.cannotVerify(path);
            return undefined;
        }
        return Array.isArray(r.value) ? r.value : [];
    };
    if (ctx.type === S3_BUCKET) {
        const rule = ctx.read("serverSideEncryptionConfiguration.rule");
        if (!rule.known) {
            ctx.cannotVerify("serverSideEncryptionConfiguration.rule");
            return undefined;
        }
        const path = "serverSideEncryptionConfiguration.rule";
        return rule.value === undefined || rule.value === null ? [] : [{ path: `${path}.applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule.value }];
    }
    if (ctx.type === S3_BUCKET_V2) {
        const out: SseDefault[] = [];
        (list("serverSideEncryptionConfigurations") ?? []).forEach((config, i) => {
            (list("rules", config) ?? []).forEach((rule, j) => {
                const path = `serverSideEncryptionConfigurations[${i}].rules[${j}].applyServerSideEncryptionByDefaults`;
                const defaults = list("applyServerSideEncryptionByDefaults", rule) ?? [];
                if (defaults.length === 0) {
                    ctx.violation(`${what} ${path} is empty; set sseAlgorithm "aws:kms".`);
                }
                defaults.forEach((d, k) => out.push({ path: `${path}[${k}]`, prefix: "", from: d }));
            });
        });
        return out;
    }
    const rules = list("rules");
    if (rules === undefined) {
        return undefined;
    }
    if (rules.length === 0) {
        ctx.violation(`${what} encryption configuration has no rules; add a rule with sseAlgorithm "aws:kms".`);
    }
    return rules.map((rule, i) => ({ path: `rules[${i}].applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule }));
}

export const s3BucketSseKms = resourcePolicy({
    name: "s3-bucket-sse-kms",
    description:
        "S3 bucket encryption configurations (and the deprecated inline form on the bucket) must use SSE-KMS with a " +
        "customer-managed key (where config requires KMS); " +
        "SSE-S3 (AES256) is allowed only for the buckets listed in `sseS3AllowedBuckets` (ALB access-log delivery supports " +
        "only SSE-S3).",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps:
        "Set `rules[].applyServerSideEncryptionByDefault` to `{ sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key ARN> }` " +
        "and `bucketKeyEnabled: true`; for an ALB access-log bucket, name it to match `sseS3AllowedBuckets`.",
    resourceTypes: [...S3_SSE_CONFIG_TYPES, ...S3_BUCKET_TYPES],
    options: {
        requireKms: { type: "boolean", default: true, description: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than SSE-S3." },
        ...REQUIRE_CMK,
        sseS3AllowedBuckets: {
            type: "array",
            items: { type: "string" },
            default: ["*-access-logs-*"],
            description: "Bucket names (globs, * and ?) allowed to use SSE-S3 (AES256): the ALB access-log bucket.",
        },
    },
    validate: (ctx) => {
        if (!ctx.config.requireKms) {
            return;
        }
        const bucketRef = ctx.read("bucket");
        const bucketName = bucketRef.known && typeof bucketRef.value === "string" ? bucketRef.value : undefined;
        const what = `S3 bucket "${bucketName ?? ctx.name}"`;
        const defaults = sseDefaultsOf(ctx, what);
        for (const d of defaults ?? []) {
            const algorithm = ctx.read(`${d.prefix}sseAlgorithm`, d.from);
            if (!algorithm.known) {
                ctx.cannotVerify(`${d.path}.sseAlgorithm`);
                continue;
            }
            if (typeof algorithm.value === "string" && KMS_ALGORITHMS.has(algorithm.value)) {
                checkCmk(ctx, `${d.prefix}kmsMasterKeyId`, what, d.from);
                continue;
            }
            if (!bucketRef.known) {
                // The bucket's name decides whether SSE-S3 is allowed; it is computed.
                ctx.cannotVerify("bucket (the exemption for SSE-S3 depends on its name)");
                continue;
            }
            // The exemption is for the real bucket: when its name is known, only that name counts (a
            // configuration named "alb-access-logs-sse" must not exempt bucket "gov-data"). The Pulumi name
            // stands in only when no name is given (an auto-named bucket is named after its Pulumi name).
            const exempt = findGlobMatch(ctx.config.sseS3AllowedBuckets, [bucketName ?? ctx.name]);
            if (algorithm.value === "AES256" && exempt) {
                continue;
            }
            ctx.violation(`${what} uses sseAlgorithm ${JSON.stringify(algorithm.value ?? null)}; use "aws:kms" with a customer-managed KMS key.`);
        }
    },
});

export const s3BucketEncryptionConfigured = stackPolicy({
    name: "s3-bucket-encryption-configured",
    description:
        "Every S3 bucket must have an explicit server-side encryption configuration (judged by s3-bucket-sse-kms), so its " +
        "encryption is declared and reviewed rather than left to the SSE-S3 default.",
    severity: "high",
    controls: ["SC-28", "SC-12", "CM-6"],
    remediationSteps: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket (SSE-KMS with the storage key).",
    resourceTypes: [...S3_BUCKET_TYPES, ...S3_SSE_CONFIG_TYPES],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const configured = new Set<string>();
        let unresolved = 0;
        for (const sse of ctx.ofType(...S3_SSE_CONFIG_TYPES)) {
            const refs = ctx.resolveRefs(sse, "bucket", S3_BUCKET_TYPES, ["bucket", "id"]);
            refs.resources.forEach((b) => configured.add(b.urn));
            unresolved += refs.unresolved;
        }
        for (const bucket of buckets) {
            if (configured.has(bucket.urn)) {
                continue;
            }
            // The deprecated inline form on the bucket also declares encryption.
            const inline = ctx.read(bucket.props, "serverSideEncryptionConfiguration");
            if (!inline.known || (inline.value !== undefined && inline.value !== null)) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(bucket, "which bucket each encryption configuration applies to");
            } else {
                ctx.violation(
                    bucket,
                    `S3 bucket "${bucket.name}" has no server-side encryption configuration; add an aws.s3.BucketServerSideEncryptionConfiguration with SSE-KMS.`,
                );
            }
        }
    },
});

export const dynamodbTableCmk = resourcePolicy({
    name: "dynamodb-table-cmk",
    description:
        "DynamoDB tables and their global-table replicas must be encrypted with a customer-managed KMS key (the default is " +
        "an AWS-owned key, and a replica without its own key gets the AWS-managed one, which the customer cannot audit or " +
        "revoke) where config requires it.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `serverSideEncryption: { enabled: true, kmsKeyArn: <key ARN> }` on the aws.dynamodb.Table, and `kmsKeyArn` (a key " +
        "in the replica's region) on each of its `replicas` and on each aws.dynamodb.TableReplica.",
    resourceTypes: ["aws:dynamodb/table:Table", "aws:dynamodb/tableReplica:TableReplica"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        if (!ctx.config.requireCmk) {
            return;
        }
        if (ctx.type === "aws:dynamodb/tableReplica:TableReplica") {
            // A replica without kmsKeyArn uses its region's AWS-managed alias/aws/dynamodb key.
            checkCmk(ctx, "kmsKeyArn", `DynamoDB table replica "${ctx.name}"`);
            return;
        }
        const what = `DynamoDB table "${ctx.name}"`;
        const enabled = ctx.read("serverSideEncryption.enabled");
        if (!enabled.known) {
            ctx.cannotVerify("serverSideEncryption.enabled");
        } else if (enabled.value !== true) {
            ctx.violation(`${what} is encrypted with an AWS-owned key; set serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key> }.`);
        } else {
            checkCmk(ctx, "serverSideEncryption.kmsKeyArn", what);
            // Global table replicas: without replicas[].kmsKeyArn DynamoDB encrypts the replica with the
            // replica region's AWS-managed alias/aws/dynamodb key, even when the table uses a CMK.
            const replicas = ctx.read("replicas");
            if (!replicas.known) {
                ctx.cannotVerify("replicas");
            } else if (Array.isArray(replicas.value)) {
                replicas.value.forEach((replica, i) => {
                    const region = ctx.read("regionName", replica);
                    const where = region.known && typeof region.value === "string" ? ` (${region.value})` : "";
                    checkCmk(ctx, "kmsKeyArn", `${what} replicas[${i}]${where}`, replica);
                });
            }
        }
    },
});

export const snsTopicEncrypted = resourcePolicy({
    name: "sns-topic-encrypted",
    description: "SNS topics must be encrypted at rest (kmsMasterKeyId), with a customer-managed KMS key where config requires it.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `kmsMasterKeyId` to a customer-managed key whose policy lets the publishing services (CloudWatch alarms, " +
        "EventBridge) use it.",
    resourceTypes: ["aws:sns/topic:Topic"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const key = ctx.read("kmsMasterKeyId");
        if (key.known && !key.value) {
            ctx.violation(`SNS topic "${ctx.name}" is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.`);
            return;
        }
        checkCmk(ctx, "kmsMasterKeyId", `SNS topic "${ctx.name}"`);
    },
});

export const sqsQueueEncrypted = resourcePolicy({
    name: "sqs-queue-encrypted",
    description:
        "SQS queues must be encrypted at rest with a customer-managed KMS key where config requires it; SQS-managed SSE is " +
        "accepted only when `allowSqsManagedSse` is on.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `kmsMasterKeyId` to a customer-managed key (and `sqsManagedSseEnabled: false`).",
    resourceTypes: ["aws:sqs/queue:Queue"],
    options: {
        ...REQUIRE_CMK,
        allowSqsManagedSse: { type: "boolean", default: false, description: "Accept SQS-managed SSE (SSE-SQS) instead of SSE-KMS." },
    },
    validate: (ctx) => {
        const what = `SQS queue "${ctx.name}"`;
        const key = ctx.read("kmsMasterKeyId");
        if (!key.known || key.value) {
            checkCmk(ctx, "kmsMasterKeyId", what);
            return;
        }
        const managed = ctx.read("sqsManagedSseEnabled");
        if (!managed.known) {
            ctx.cannotVerify("sqsManagedSseEnabled");
        } else if (managed.value === false) {
            ctx.violation(`${what} is not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key.`);
        } else if (!ctx.config.allowSqsManagedSse) {
            // Absent means SSE-SQS: AWS enables it on new queues by default.
            ctx.violation(`${what} uses SQS-managed encryption; set kmsMasterKeyId to a customer-managed KMS key.`);
        }
    },
});

/** A policy whose only requirement is a customer-managed key in one property. */
function cmkPolicy(spec: {
    name: string;
    noun: string;
    type: string;
    path: string;
    description: string;
    remediationSteps: string;
    controls: readonly ControlId[];
}) {
    return resourcePolicy({
        name: spec.name,
        description: spec.description,
        severity: "medium",
        controls: spec.controls,
        remediationSteps: spec.remediationSteps,
        resourceTypes: [spec.type],
        options: REQUIRE_CMK,
        validate: (ctx) => checkCmk(ctx, spec.path, `${spec.noun} "${ctx.name}"`),
    });
}

export const cloudwatchLogGroupCmk = cmkPolicy({
    name: "cloudwatch-log-group-cmk",
    noun: "Log group",
    type: "aws:cloudwatch/logGroup:LogGroup",
    path: "kmsKeyId",
    description:
        "CloudWatch log groups must be encrypted with a customer-managed KMS key (audit records are protected information) " +
        "where config requires it.",
    remediationSteps: "Set `kmsKeyId` to the logs key, whose policy allows the regional logs service principal.",
    controls: ["SC-28", "AU-9", "SC-12"],
});

export const secretsManagerSecretCmk = cmkPolicy({
    name: "secretsmanager-secret-cmk",
    noun: "Secret",
    type: "aws:secretsmanager/secret:Secret",
    path: "kmsKeyId",
    description: "Secrets Manager secrets must be encrypted with a customer-managed KMS key (not aws/secretsmanager) where config requires it.",
    remediationSteps: "Set `kmsKeyId` to the secrets key; grant kms:Decrypt on it only to the roles that read the secret.",
    controls: ["SC-28", "SC-12"],
});

export const elasticacheServerlessCmk = cmkPolicy({
    name: "elasticache-serverless-cmk",
    noun: "ElastiCache serverless cache",
    type: "aws:elasticache/serverlessCache:ServerlessCache",
    path: "kmsKeyId",
    description:
        "ElastiCache serverless caches (always encrypted, at rest and in transit) must use a customer-managed KMS key " +
        "where config requires it.",
    remediationSteps: "Set `kmsKeyId` on the aws.elasticache.ServerlessCache to the data key's ARN.",
    controls: ["SC-28", "SC-12"],
});

export const backupVaultCmk = cmkPolicy({
    name: "backup-vault-cmk",
    noun: "Backup vault",
    type: "aws:backup/vault:Vault",
    path: "kmsKeyArn",
    description: "AWS Backup vaults must encrypt recovery points with a customer-managed KMS key where config requires it.",
    remediationSteps: "Set `kmsKeyArn` on the aws.backup.Vault (fixed at creation: create a new vault and copy recovery points).",
    controls: ["SC-28", "CP-9", "CP-9(8)", "SC-12"],
});

// KMS_DSSE (dual-layer SSE with KMS, GovCloud regions only) is KMS twice over: same kmsKey, same default
// (aws/ecr when kmsKey is absent), so it is judged exactly like KMS.
const ECR_KMS_TYPES = new Set(["KMS", "KMS_DSSE"]);

export const ecrRepositoryKms = resourcePolicy({
    name: "ecr-repository-kms",
    description:
        "ECR repositories, and the repository creation templates that configure repositories ECR creates itself (pull-through " +
        "cache, replication), must encrypt images with KMS (KMS or dual-layer KMS_DSSE; the default is AES256), with a customer-managed key " +
        "where config requires it.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <key ARN> }]` on the aws.ecr.Repository (fixed at " +
        "creation) or aws.ecr.RepositoryCreationTemplate.",
    resourceTypes: ["aws:ecr/repository:Repository", ECR_REPOSITORY_CREATION_TEMPLATE],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = labelOf(ctx, "ECR repository");
        const config = ctx.read("encryptionConfigurations.0");
        if (!config.known) {
            ctx.cannotVerify("encryptionConfigurations");
            return;
        }
        const type = ctx.read("encryptionType", config.value);
        if (!type.known) {
            ctx.cannotVerify("encryptionConfigurations[0].encryptionType");
        } else if (typeof type.value !== "string" || !ECR_KMS_TYPES.has(type.value)) {
            const is = ctx.type === ECR_REPOSITORY_CREATION_TEMPLATE ? "creates repositories encrypted" : "is encrypted";
            ctx.violation(`${what} ${is} with ${String(type.value ?? "AES256")}, not KMS; set encryptionConfigurations[0].encryptionType: "KMS".`);
        } else {
            checkCmk(ctx, "kmsKey", what, config.value);
        }
    },
});

export const kinesisStreamEncrypted = resourcePolicy({
    name: "kinesis-stream-encrypted",
    description: "Kinesis data streams must use server-side encryption with KMS, with a customer-managed key where config requires it.",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Set `encryptionType: \"KMS\"` and `kmsKeyId` to a customer-managed key on the aws.kinesis.Stream.",
    resourceTypes: ["aws:kinesis/stream:Stream"],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = `Kinesis stream "${ctx.name}"`;
        const type = ctx.read("encryptionType");
        if (!type.known) {
            ctx.cannotVerify("encryptionType");
        } else if (type.value !== "KMS") {
            ctx.violation(`${what} is not encrypted; set encryptionType: "KMS".`);
        } else {
            checkCmk(ctx, "kmsKeyId", what);
        }
    },
});

const OPENSEARCH_TYPES = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"] as const;

export const opensearchEncryptionAtRest = resourcePolicy({
    name: "opensearch-encryption-at-rest",
    description:
        "OpenSearch and Elasticsearch domains must encrypt data at rest (indices, logs, swap, snapshots), with a " +
        "customer-managed KMS key where config requires it.",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encryptAtRest: { enabled: true, kmsKeyId: <key ARN> }` on the domain.",
    resourceTypes: OPENSEARCH_TYPES,
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const what = labelOf(ctx, "Search domain");
        if (requireTrue(ctx, "encryptAtRest.enabled", `${what} is not encrypted at rest; set encryptAtRest.enabled: true.`)) {
            checkCmk(ctx, "encryptAtRest.kmsKeyId", what);
        }
    },
});

/** FIPS-compatible TLS 1.2+ security policies for OpenSearch endpoints. */
export const DEFAULT_OPENSEARCH_TLS_POLICIES = ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07"];

export const opensearchEncryptionInTransit = resourcePolicy({
    name: "opensearch-encryption-in-transit",
    description:
        "OpenSearch and Elasticsearch domains must encrypt traffic between nodes and require HTTPS with an allowed TLS 1.2+ " +
        "security policy on their endpoint.",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-13"],
    remediationSteps:
        "Set `nodeToNodeEncryption: { enabled: true }` and `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: " +
        "\"Policy-Min-TLS-1-2-PFS-2023-10\" }`.",
    resourceTypes: OPENSEARCH_TYPES,
    options: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_OPENSEARCH_TLS_POLICIES,
            description: "Endpoint TLS security policies allowed (TLS 1.2 or later).",
        },
    },
    validate: (ctx) => {
        const what = labelOf(ctx, "Search domain");
        requireTrue(ctx, "nodeToNodeEncryption.enabled", `${what} does not encrypt node-to-node traffic; set nodeToNodeEncryption.enabled: true.`);
        requireTrue(ctx, "domainEndpointOptions.enforceHttps", `${what} accepts plain HTTP; set domainEndpointOptions.enforceHttps: true.`);
        const tls = ctx.read("domainEndpointOptions.tlsSecurityPolicy");
        if (!tls.known) {
            ctx.cannotVerify("domainEndpointOptions.tlsSecurityPolicy");
        } else if (typeof tls.value !== "string" || !ctx.config.allowedTlsPolicies.includes(tls.value)) {
            ctx.violation(
                `${what} uses TLS policy ${JSON.stringify(tls.value ?? null)}; set domainEndpointOptions.tlsSecurityPolicy to one of ` +
                    `${ctx.config.allowedTlsPolicies.join(", ")}.`,
            );
        }
    },
});

export const encryptionPolicies: GovPolicy[] = [
    rdsStorageEncrypted,
    rdsPerformanceInsightsCmk,
    elasticacheEncrypted,
    elasticacheClusterEncrypted,
    elasticacheServerlessCmk,
    redshiftClusterEncrypted,
    rdsParameterGroupRequiresTls,
    ebsVolumeEncrypted,
    ec2BlockDevicesEncrypted,
    efsEncrypted,
    s3BucketSseKms,
    s3BucketEncryptionConfigured,
    dynamodbTableCmk,
    snsTopicEncrypted,
    sqsQueueEncrypted,
    cloudwatchLogGroupCmk,
    secretsManagerSecretCmk,
    ecrRepositoryKms,
    backupVaultCmk,
    kinesisStreamEncrypted,
    opensearchEncryptionAtRest,
    opensearchEncryptionInTransit,
];
