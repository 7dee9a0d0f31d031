import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import {
    CACHE_NODE_TYPES,
    COMPLIANCE_TAG_VALUE,
    DB_INSTANCE_CLASSES,
    FARGATE_MEMORY,
    FIPS_TLS_POLICIES,
    GOVCLOUD_REGIONS,
    LOG_RETENTION_DAYS,
    POSTGRES_MAJOR_VERSIONS,
    REDIS_ENGINE_VERSIONS,
    REQUIRED_TAGS,
    VAULT_LOCK_MIN_RETENTION_DAYS,
    WORLD_CIDRS,
} from "./lib/allowed";
import { partitionOf } from "./lib/arn";
import { describeProblem, describeSchemaIssues, SettingsError, SettingsInput } from "./lib/settings-error";
import { flag, oneOf, oneOfNumbers, pattern, text, whole } from "./lib/settings-fields";

export {
    CACHE_NODE_TYPES,
    DB_INSTANCE_CLASSES,
    FARGATE_MEMORY,
    FIPS_TLS_POLICIES,
    GOVCLOUD_REGIONS,
    LOG_RETENTION_DAYS,
    REQUIRED_TAGS,
} from "./lib/allowed";

/**
 * The estate's settings: one typed, validated `EstateSettings` per stack, read once from Pulumi
 * config (the stack file plus its ESC environment). Every invalid value fails here, before any
 * resource is declared, with a message naming the key, the bad value and what is allowed. Prod
 * guard rails are part of the schema, not a convention. No password is ever a setting: RDS
 * manages its master password in Secrets Manager, the cache password is generated.
 */

// ---------------------------------------------------------------------------------------------
// Fields: every message is the part after `Invalid setting "<key>": <value> ` (lib/settings-error.ts)
// ---------------------------------------------------------------------------------------------

const cidr = () =>
    z.union([z.cidrv4(), z.cidrv6()], { error: "must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24" });
const cidrList = () =>
    z
        .array(cidr(), { error: "must be a list of CIDRs" })
        .min(1, { error: "must list at least one CIDR (an empty list would leave the listener unreachable)" });

const ACCOUNT_ID = /^\d{12}$/;
const NAME_PREFIX = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const KMS_KEY_ARN = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/;
const ACM_ARN = /^arn:([a-z-]+):acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

const networkSchema = z.strictObject(
    {
        cidr: z.cidrv4({ error: "must be an IPv4 CIDR such as 10.20.0.0/16" }),
        availabilityZones: z
            .array(text("an availability zone name"), { error: "must be a list of 3 availability zones" })
            .length(3, { error: "must list exactly 3 availability zones (one subnet of each tier per AZ)" }),
        natGateways: oneOf(["OnePerAz", "Single"] as const),
    },
    { error: "must be a mapping with cidr, availabilityZones, natGateways" },
);

const edgeSchema = z.strictObject(
    {
        domainName: pattern(HOSTNAME, "a lowercase DNS name such as app.example.gov"),
        certificateArn: pattern(ACM_ARN, "an ACM certificate ARN"),
        allowedCidrs: cidrList(),
        operatorCidrs: cidrList(),
        internal: flag().default(false),
        testListenerPort: whole(1024, 65535).default(8443),
        sslPolicy: oneOf(FIPS_TLS_POLICIES).default("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"),
        deletionProtection: flag(),
        wafRateLimit: whole(100, 2_000_000_000).default(2000),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

const databaseSchema = z.strictObject(
    {
        engineVersion: pattern(/^\d+(\.\d+)?$/, "a PostgreSQL version such as 16.4"),
        instanceClass: pattern(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "an RDS instance class such as db.m6g.large"),
        allocatedStorage: whole(20, 65536),
        maxAllocatedStorage: whole(20, 65536).optional(),
        multiAz: flag(),
        backupRetentionDays: whole(1, 35),
        deletionProtection: flag(),
        databaseName: pattern(/^[a-z][a-z0-9_]{0,62}$/, "a lowercase PostgreSQL identifier").default("govstack"),
        masterUsername: pattern(/^[a-z][a-z0-9_]{0,15}$/, "a lowercase identifier of at most 16 characters").default(
            "govstack_admin",
        ),
        performanceInsightsRetentionDays: oneOfNumbers([7, 31, 62, 93, 186, 372, 731]).default(7),
        // DR cut-over only (docs/runbooks/dr-drill.md): the key of an instance restored from a
        // backup copy; RDS storage keys cannot change after creation.
        kmsKeyArn: pattern(KMS_KEY_ARN, "a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)").optional(),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

const cacheSchema = z.strictObject(
    {
        engineVersion: oneOf(REDIS_ENGINE_VERSIONS).default("7.1"),
        nodeType: pattern(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "an ElastiCache node type such as cache.m7g.large"),
        nodes: whole(1, 6),
        multiAz: flag(),
        snapshotRetentionDays: whole(1, 35).default(7),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

const serviceSchema = z.strictObject(
    {
        cpu: oneOfNumbers(Object.keys(FARGATE_MEMORY).map(Number)),
        memory: whole(512, 30720),
        desiredCount: whole(1, 100),
        minCount: whole(1, 100),
        maxCount: whole(1, 100),
        containerPort: whole(1024, 65535).default(8080),
        healthCheckPath: pattern(/^\/[A-Za-z0-9/_-]*$/, "a URL path such as /health").default("/health"),
        imageDigest: pattern(DIGEST, "an image digest: sha256: followed by 64 lowercase hex digits").optional(),
        buildContext: text("a directory relative to the project root").default("app"),
        bakeTimeMinutes: whole(0, 1440).default(5),
        cpuTargetPercent: whole(10, 95).default(70),
        memoryTargetPercent: whole(10, 95).default(80),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

const observabilitySchema = z.strictObject(
    {
        logRetentionDays: oneOfNumbers(LOG_RETENTION_DAYS),
        alertEmails: z
            .array(z.email({ error: "must be an e-mail address" }), { error: "must be a list of e-mail addresses" })
            .min(1, { error: "must list at least one e-mail address (alarms must reach someone)" }),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

const storageSchema = z
    .strictObject(
        {
            backupsGlacierAfterDays: whole(30, 3650).default(90),
            backupsExpireAfterDays: whole(90, 36500).default(2555),
            accessLogsExpireAfterDays: whole(30, 3650).default(365),
        },
        { error: "must be a mapping (see docs/settings.md)" },
    )
    .prefault({});

/** How an AWS Backup vault is locked (AU-9, CP-9): compliance cannot be undone once its grace period ends. */
export const VAULT_LOCK_MODES = ["compliance", "governance", "none"] as const;

const baselineSchema = z
    .strictObject(
        {
            auditTrail: flag().default(false),
            detection: flag().default(false),
            conformancePack: flag().default(true),
            guardDutyRuntimeMonitoring: flag().default(false),
            backups: flag().default(false),
            vaultLock: oneOf(VAULT_LOCK_MODES).default("none"),
            vaultLockChangeableForDays: whole(3, 30).default(3),
            crossRegionCopy: flag().default(false),
            drRegion: oneOf(GOVCLOUD_REGIONS).optional(),
        },
        { error: "must be a mapping (see docs/settings.md)" },
    )
    .prefault({});

const tagsSchema = z.strictObject(
    {
        tags: z.record(z.string(), z.string({ error: "must be a string" }), {
            error: "must be a mapping of tag names to values",
        }),
    },
    { error: "must be a mapping with a `tags:` map" },
);

/** Every key the estate reads, with how Pulumi config stores it (strings stay strings). */
export const SETTING_KEYS = {
    "aws:region": "string",
    "aws:useFipsEndpoint": "object",
    "aws:allowedAccountIds": "object",
    "aws:defaultTags": "object",
    "govstack:accountId": "string",
    "govstack:namePrefix": "string",
    "govstack:network": "object",
    "govstack:edge": "object",
    "govstack:database": "object",
    "govstack:cache": "object",
    "govstack:service": "object",
    "govstack:observability": "object",
    "govstack:storage": "object",
    "govstack:baseline": "object",
} as const;

const rawSchema = z.object({
    "aws:region": oneOf(GOVCLOUD_REGIONS),
    "aws:useFipsEndpoint": z.literal(true, {
        error: "must be true: GovCloud workloads call FIPS 140-validated endpoints (SC-13)",
    }),
    "aws:allowedAccountIds": z
        .array(pattern(ACCOUNT_ID, "a 12-digit account id in quotes"), {
            error: "must be a list of 12-digit account ids",
        })
        .length(1, { error: "must list exactly the stack's one account (it stops a deploy to the wrong account)" }),
    "aws:defaultTags": tagsSchema,
    "govstack:accountId": pattern(ACCOUNT_ID, "a 12-digit AWS account id in quotes"),
    "govstack:namePrefix": pattern(
        NAME_PREFIX,
        "3-16 characters: lowercase letters, digits and hyphens, starting with a letter",
    ),
    "govstack:network": networkSchema,
    "govstack:edge": edgeSchema,
    "govstack:database": databaseSchema,
    "govstack:cache": cacheSchema,
    "govstack:service": serviceSchema,
    "govstack:observability": observabilitySchema,
    "govstack:storage": storageSchema,
    "govstack:baseline": baselineSchema,
});

type Raw = z.infer<typeof rawSchema>;

// ---------------------------------------------------------------------------------------------
// The typed result
// ---------------------------------------------------------------------------------------------

/** Where the service's image comes from: built from source (staging) or pinned by digest (prod). */
export type ImageSource = { kind: "build"; context: string } | { kind: "digest"; digest: string };

export interface EstateSettings {
    stack: string;
    isProd: boolean;
    accountId: string;
    region: (typeof GOVCLOUD_REGIONS)[number];
    partition: string;
    namePrefix: string;
    /** The required tags from `aws:defaultTags` (also applied by the provider). */
    tags: Readonly<Record<string, string>>;
    network: Raw["govstack:network"];
    edge: Raw["govstack:edge"];
    database: Raw["govstack:database"] & { maxAllocatedStorage: number; engineMajor: number };
    cache: Raw["govstack:cache"];
    service: Omit<Raw["govstack:service"], "imageDigest" | "buildContext"> & { image: ImageSource };
    observability: Raw["govstack:observability"];
    storage: Raw["govstack:storage"];
    /**
     * Security baseline, backups and DR; `drRegion` defaults to the other GovCloud region. Backups
     * keep recovery points for `database.backupRetentionDays`.
     */
    baseline: Omit<Raw["govstack:baseline"], "drRegion"> & { drRegion: (typeof GOVCLOUD_REGIONS)[number] };
}

// ---------------------------------------------------------------------------------------------
// Cross-field and prod rules
// ---------------------------------------------------------------------------------------------

interface Rule {
    path: (string | number)[];
    message: string;
}

function crossFieldRules(stack: string, s: Raw): Rule[] {
    const rules: Rule[] = [];
    const add = (path: (string | number)[], message: string) => rules.push({ path, message });
    const region = s["aws:region"];
    const partition = partitionOf(region);

    if (!s["aws:allowedAccountIds"].includes(s["govstack:accountId"])) {
        add(["aws:allowedAccountIds"], `must contain govstack:accountId ${JSON.stringify(s["govstack:accountId"])}`);
    }

    const tags = s["aws:defaultTags"].tags;
    for (const tag of REQUIRED_TAGS) {
        if (!tags[tag]) {
            add(["aws:defaultTags", "tags"], `must set the required tag ${tag} (required: ${REQUIRED_TAGS.join(", ")})`);
        }
    }
    if (tags.Environment && tags.Environment !== stack) {
        add(["aws:defaultTags", "tags", "Environment"], `must equal the stack name "${stack}"`);
    }
    if (tags.Compliance && tags.Compliance !== COMPLIANCE_TAG_VALUE) {
        add(["aws:defaultTags", "tags", "Compliance"], `must be "${COMPLIANCE_TAG_VALUE}"`);
    }

    const azs = s["govstack:network"].availabilityZones;
    azs.forEach((az, i) => {
        if (!new RegExp(`^${region}[a-z]$`).test(az)) {
            add(["govstack:network", "availabilityZones", i], `is not an availability zone of ${region} (e.g. ${region}a)`);
        }
    });
    if (new Set(azs).size !== azs.length) {
        add(["govstack:network", "availabilityZones"], "must name 3 different availability zones");
    }
    const mask = Number(s["govstack:network"].cidr.split("/")[1]);
    if (mask < 16 || mask > 20) {
        add(["govstack:network", "cidr"], "must be a /16 to /20 block (room for 9 subnets in 3 tiers)");
    }
    if (!isPrivateIpv4(s["govstack:network"].cidr)) {
        add(["govstack:network", "cidr"], "must be inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)");
    }

    const edge = s["govstack:edge"];
    const cert = ACM_ARN.exec(edge.certificateArn);
    if (cert && (cert[1] !== partition || cert[2] !== region || cert[3] !== s["govstack:accountId"])) {
        add(
            ["govstack:edge", "certificateArn"],
            `must be a certificate of partition ${partition}, region ${region} and account ${s["govstack:accountId"]}`,
        );
    }
    edge.operatorCidrs.forEach((c, i) => {
        if (WORLD_CIDRS.includes(c)) {
            add(["govstack:edge", "operatorCidrs", i], "opens the test listener to the whole internet; list operator networks only");
        }
    });
    if ([80, 443].includes(edge.testListenerPort)) {
        add(["govstack:edge", "testListenerPort"], "must differ from 80 and 443 (the production listeners)");
    }

    const db = s["govstack:database"];
    const dbKey = db.kmsKeyArn === undefined ? undefined : KMS_KEY_ARN.exec(db.kmsKeyArn);
    if (dbKey && (dbKey[1] !== partition || dbKey[2] !== region || dbKey[3] !== s["govstack:accountId"])) {
        add(
            ["govstack:database", "kmsKeyArn"],
            `must be a key of partition ${partition}, region ${region} and account ${s["govstack:accountId"]}`,
        );
    }
    const major = Number(db.engineVersion.split(".")[0]);
    if (!(POSTGRES_MAJOR_VERSIONS as readonly number[]).includes(major)) {
        add(["govstack:database", "engineVersion"], `must be PostgreSQL ${POSTGRES_MAJOR_VERSIONS.join(", ")}`);
    }
    const classes = stack === "prod" ? DB_INSTANCE_CLASSES.filter((c) => !c.startsWith("db.t")) : DB_INSTANCE_CLASSES;
    if (!(classes as readonly string[]).includes(db.instanceClass)) {
        add(["govstack:database", "instanceClass"], `is not allowed in ${stack}; use one of ${classes.join(", ")}`);
    }
    if (db.maxAllocatedStorage !== undefined && db.maxAllocatedStorage < db.allocatedStorage) {
        add(["govstack:database", "maxAllocatedStorage"], `must be at least allocatedStorage (${db.allocatedStorage})`);
    }

    const cache = s["govstack:cache"];
    const nodeTypes = stack === "prod" ? CACHE_NODE_TYPES.filter((c) => !c.startsWith("cache.t")) : CACHE_NODE_TYPES;
    if (!(nodeTypes as readonly string[]).includes(cache.nodeType)) {
        add(["govstack:cache", "nodeType"], `is not allowed in ${stack}; use one of ${nodeTypes.join(", ")}`);
    }
    if (cache.multiAz && cache.nodes < 2) {
        add(["govstack:cache", "nodes"], "must be at least 2 when multiAz is true (a primary and a replica in another AZ)");
    }

    const svc = s["govstack:service"];
    const memories = FARGATE_MEMORY[svc.cpu] ?? [];
    if (!memories.includes(svc.memory)) {
        add(["govstack:service", "memory"], `is not a Fargate size for cpu ${svc.cpu}; use one of ${memories.join(", ")}`);
    }
    if (svc.minCount > svc.maxCount) {
        add(["govstack:service", "minCount"], `must not exceed maxCount (${svc.maxCount})`);
    }
    if (svc.desiredCount < svc.minCount || svc.desiredCount > svc.maxCount) {
        add(["govstack:service", "desiredCount"], `must be between minCount (${svc.minCount}) and maxCount (${svc.maxCount})`);
    }
    if (svc.containerPort === edge.testListenerPort) {
        add(["govstack:service", "containerPort"], "must differ from edge.testListenerPort");
    }

    const storage = s["govstack:storage"];
    if (storage.backupsExpireAfterDays < storage.backupsGlacierAfterDays + 90) {
        add(
            ["govstack:storage", "backupsExpireAfterDays"],
            `must be at least backupsGlacierAfterDays + 90 (${storage.backupsGlacierAfterDays + 90}): Glacier bills a 90-day minimum`,
        );
    }

    const baseline = s["govstack:baseline"];
    if (baseline.drRegion === region) {
        add(["govstack:baseline", "drRegion"], `must differ from aws:region ${region} (a copy in the same region survives no regional outage)`);
    }
    if (baseline.detection && !baseline.auditTrail) {
        add(["govstack:baseline", "detection"], "requires auditTrail: true (AWS Config delivers to the audit bucket)");
    }
    if (!baseline.backups) {
        for (const key of ["crossRegionCopy"] as const) {
            if (baseline[key]) add(["govstack:baseline", key], "requires backups: true");
        }
        if (baseline.vaultLock !== "none") add(["govstack:baseline", "vaultLock"], "requires backups: true");
    }
    const dbRetention = s["govstack:database"].backupRetentionDays;
    if (baseline.backups && baseline.vaultLock !== "none" && dbRetention < VAULT_LOCK_MIN_RETENTION_DAYS) {
        // AWS Backup keeps recovery points as long as the database's own retention (continuous
        // backup takes over the instance's retention); a locked vault refuses shorter jobs.
        add(
            ["govstack:database", "backupRetentionDays"],
            `must be at least ${VAULT_LOCK_MIN_RETENTION_DAYS} while govstack:baseline.vaultLock is "${baseline.vaultLock}" (the lock's minimum retention)`,
        );
    }

    if (stack === "prod") {
        rules.push(...prodRules(s));
    }
    return rules;
}

/** Guard rails for prod: availability (CP-10), retention (AU-11, CP-9), boundary (SC-7), integrity (SI-7). */
function prodRules(s: Raw): Rule[] {
    const rules: Rule[] = [];
    const add = (path: (string | number)[], message: string) => rules.push({ path, message });
    const db = s["govstack:database"];
    const cache = s["govstack:cache"];
    const svc = s["govstack:service"];
    const edge = s["govstack:edge"];
    const azCount = s["govstack:network"].availabilityZones.length;

    if (!db.multiAz) add(["govstack:database", "multiAz"], "must be true in prod (a standby in a second AZ)");
    if (!db.deletionProtection) add(["govstack:database", "deletionProtection"], "must be true in prod");
    if (db.backupRetentionDays < 30) add(["govstack:database", "backupRetentionDays"], "must be at least 30 in prod");
    if (!cache.multiAz) add(["govstack:cache", "multiAz"], "must be true in prod (automatic failover to another AZ)");
    if (cache.nodes < 2) add(["govstack:cache", "nodes"], "must be at least 2 in prod (a primary and a replica)");
    if (s["govstack:network"].natGateways !== "OnePerAz") {
        add(["govstack:network", "natGateways"], "must be OnePerAz in prod (no single NAT gateway as a single point of failure)");
    }
    edge.allowedCidrs.forEach((c, i) => {
        if (WORLD_CIDRS.includes(c)) {
            add(["govstack:edge", "allowedCidrs", i], "is not allowed in prod; list the networks that may reach the service");
        }
    });
    if (!edge.deletionProtection) add(["govstack:edge", "deletionProtection"], "must be true in prod");
    // Chosen rule: the autoscaling floor keeps at least one task in every AZ and never fewer than
    // two, so the loss of one AZ (or one task) never takes the service down.
    const floor = Math.max(2, azCount);
    if (svc.minCount < floor) {
        add(["govstack:service", "minCount"], `must be at least ${floor} in prod (2 or more tasks, one per AZ at least)`);
    }
    if (svc.imageDigest === undefined) {
        add(["govstack:service", "imageDigest"], "is required in prod: run the exact image staging built and tested (sha256:…)");
    }
    if (s["govstack:observability"].logRetentionDays < 365) {
        add(["govstack:observability", "logRetentionDays"], "must be at least 365 in prod");
    }
    if (s["govstack:storage"].accessLogsExpireAfterDays < 365) {
        add(["govstack:storage", "accessLogsExpireAfterDays"], "must be at least 365 in prod");
    }
    // AU-2/AU-12 audit trail, SI-4 detection, CP-9/CP-6 backups and their copy in the second region.
    const baseline = s["govstack:baseline"];
    for (const key of ["auditTrail", "detection", "backups", "crossRegionCopy"] as const) {
        if (!baseline[key]) add(["govstack:baseline", key], "must be true in prod");
    }
    if (baseline.vaultLock !== "compliance") {
        add(["govstack:baseline", "vaultLock"], 'must be "compliance" in prod (recovery points nobody can delete early, AU-9, CP-9)');
    }
    return rules;
}

function isPrivateIpv4(block: string): boolean {
    const [a, b] = block.split("/")[0].split(".").map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Validates a stack's raw config (`namespace:key` → value, structured values already parsed) and
 * returns the typed settings. Pure: tests call it without the Pulumi runtime.
 * @throws SettingsError naming every invalid key.
 */
export function parseSettings(stack: string, raw: Record<string, unknown>): EstateSettings {
    const problems: string[] = [];
    const known = Object.keys(SETTING_KEYS);
    for (const key of Object.keys(raw)) {
        if (key.startsWith("govstack:") && !known.includes(key)) {
            problems.push(
                `Unknown setting "${key}"; known govstack settings: ${known.filter((k) => k.startsWith("govstack:")).join(", ")}`,
            );
        }
    }
    if (!/^[a-z][a-z0-9-]*$/.test(stack)) {
        problems.push(`Invalid stack name ${JSON.stringify(stack)}: use lowercase letters, digits and hyphens`);
    }
    const input: SettingsInput = { raw, keysDoc: "docs/settings.md" };
    const result = rawSchema.safeParse(raw);
    if (!result.success) {
        problems.push(...describeSchemaIssues(input, result.error.issues));
        throw new SettingsError(problems, `stack "${stack}"`);
    }
    problems.push(...crossFieldRules(stack, result.data).map((rule) => describeProblem(input, rule)));
    if (problems.length > 0) {
        throw new SettingsError(problems, `stack "${stack}"`);
    }
    return toSettings(stack, result.data);
}

function toSettings(stack: string, s: Raw): EstateSettings {
    const { imageDigest, buildContext, ...service } = s["govstack:service"];
    const db = s["govstack:database"];
    return {
        stack,
        isProd: stack === "prod",
        accountId: s["govstack:accountId"],
        region: s["aws:region"],
        partition: partitionOf(s["aws:region"]),
        namePrefix: s["govstack:namePrefix"],
        tags: { ...s["aws:defaultTags"].tags },
        network: s["govstack:network"],
        edge: s["govstack:edge"],
        database: {
            ...db,
            // Storage autoscaling up to 4× by default: a full disk is an outage (CP-10).
            maxAllocatedStorage: db.maxAllocatedStorage ?? db.allocatedStorage * 4,
            engineMajor: Number(db.engineVersion.split(".")[0]),
        },
        cache: s["govstack:cache"],
        service: {
            ...service,
            image: imageDigest !== undefined ? { kind: "digest", digest: imageDigest } : { kind: "build", context: buildContext },
        },
        observability: s["govstack:observability"],
        storage: s["govstack:storage"],
        baseline: {
            ...s["govstack:baseline"],
            drRegion: s["govstack:baseline"].drRegion ?? otherGovCloudRegion(s["aws:region"]),
        },
    };
}

/** The GovCloud region a stack's backups are copied to unless `drRegion` says otherwise. */
function otherGovCloudRegion(region: (typeof GOVCLOUD_REGIONS)[number]): (typeof GOVCLOUD_REGIONS)[number] {
    return region === "us-gov-west-1" ? "us-gov-east-1" : "us-gov-west-1";
}

/**
 * Reads the current stack's settings from Pulumi config (namespaces `govstack` and `aws`) and
 * validates them. Call once, in infra/index.ts, before declaring any resource.
 */
export function loadSettings(): EstateSettings {
    const raw: Record<string, unknown> = {};
    const configs = { govstack: new pulumi.Config("govstack"), aws: new pulumi.Config("aws") };
    const problems: string[] = [];
    for (const [fullKey, kind] of Object.entries(SETTING_KEYS)) {
        const [ns, key] = fullKey.split(":") as [keyof typeof configs, string];
        try {
            const value = kind === "string" ? configs[ns].get(key) : configs[ns].getObject<unknown>(key);
            if (value !== undefined) {
                raw[fullKey] = value;
            }
        } catch {
            problems.push(`Invalid setting "${fullKey}": is not valid YAML/JSON`);
        }
    }
    // Catch typos: a govstack key the estate does not read would otherwise be silently ignored.
    for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
        if (fullKey.startsWith("govstack:") && !(fullKey in SETTING_KEYS)) {
            raw[fullKey] = null;
        }
    }
    if (problems.length > 0) {
        throw new SettingsError(problems, `stack "${pulumi.getStack()}"`);
    }
    return parseSettings(pulumi.getStack(), raw);
}
