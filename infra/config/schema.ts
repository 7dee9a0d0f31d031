import { z } from "zod";

// The components' own defaults (their pure args files, not their index: no providers are loaded).
import { EDGE_DEFAULTS } from "../components/edge/args";
import { DEPLOYMENT_CONTROLLERS, SERVICE_DEFAULTS } from "../components/service/args";
import {
    FARGATE_MEMORY,
    FIPS_TLS_POLICIES,
    GOVCLOUD_REGIONS,
    LOG_RETENTION_DAYS,
    POSTGRES_MAJOR_VERSIONS,
    REDIS_ENGINE_VERSIONS,
} from "../lib/allowed";
import { flag, oneOf, oneOfNumbers, pattern, text, whole } from "../lib/settings-fields";

/**
 * The shape of every setting the estate reads, field by field, with the defaults the settings
 * fill in. Each message is the part after `Invalid setting "<key>": <value> ` (lib/settings-error.ts).
 * Rules that compare one setting with another, and prod's guard rails, are in rules.ts.
 */

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
export const KMS_KEY_ARN = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/;
export const ACM_ARN = /^arn:([a-z-]+):acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

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
        internal: flag().default(EDGE_DEFAULTS.internal),
        testListenerPort: whole(1024, 65535).default(EDGE_DEFAULTS.testListenerPort),
        sslPolicy: oneOf(FIPS_TLS_POLICIES).default(EDGE_DEFAULTS.sslPolicy),
        deletionProtection: flag(),
        wafRateLimit: whole(100, 2_000_000_000).default(EDGE_DEFAULTS.wafRateLimit),
    },
    { error: "must be a mapping (see docs/settings.md)" },
);

/**
 * The PostgreSQL major version only ("16"). RDS creates the major's default minor and, with
 * autoMinorVersionUpgrade, moves the minor itself; the AWS provider keeps a major-only value as
 * declared when it reads the instance back (engine_version_actual holds the running minor), so no
 * later plan shows a change. A pinned minor ("16.4") would instead read back as the upgraded minor
 * and make the next `pulumi up` ask RDS for a downgrade. docs/runbooks/database-major-upgrade.md.
 */
const postgresMajor = () => {
    const majors = POSTGRES_MAJOR_VERSIONS.map((v) => `"${v}"`).join(", ");
    const allowed = `must be a PostgreSQL major version in quotes: one of ${majors}`;
    return z.string({ error: allowed }).superRefine((value, ctx) => {
        const minor = /^(\d+)\.\d+$/.exec(value);
        if (minor) {
            ctx.addIssue({
                code: "custom",
                message:
                    `names a minor version; name only the major ("${minor[1]}"): RDS upgrades minors itself ` +
                    "(autoMinorVersionUpgrade), and a pinned minor would make a later pulumi up ask RDS for a downgrade",
            });
        } else if (!(POSTGRES_MAJOR_VERSIONS as readonly number[]).map(String).includes(value)) {
            ctx.addIssue({ code: "custom", message: allowed });
        }
    });
};

const databaseSchema = z.strictObject(
    {
        engineVersion: postgresMajor(),
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
        // Only in the change that moves engineVersion to a new major (docs/runbooks/database-major-upgrade.md).
        allowMajorVersionUpgrade: flag().default(false),
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
        containerPort: whole(1024, 65535).default(SERVICE_DEFAULTS.containerPort),
        healthCheckPath: pattern(/^\/[A-Za-z0-9/_-]*$/, "a URL path such as /health").default(
            SERVICE_DEFAULTS.healthCheckPath,
        ),
        imageDigest: pattern(DIGEST, "an image digest: sha256: followed by 64 lowercase hex digits").optional(),
        buildContext: text("a directory relative to the project root").default("app"),
        bakeTimeMinutes: whole(0, 1440).default(SERVICE_DEFAULTS.bakeTimeMinutes),
        healthCheckGracePeriodSeconds: whole(0, 1800).default(SERVICE_DEFAULTS.healthCheckGracePeriodSeconds),
        // "codedeploy" only for a region without ECS native blue/green (docs/bluegreen.md).
        deploymentController: oneOf(DEPLOYMENT_CONTROLLERS).default(SERVICE_DEFAULTS.deploymentController),
        cpuTargetPercent: whole(10, 95).default(SERVICE_DEFAULTS.cpuTargetPercent),
        memoryTargetPercent: whole(10, 95).default(SERVICE_DEFAULTS.memoryTargetPercent),
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
            auditObjectLock: flag().default(false),
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
    "govstack:production": "object",
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

export const rawSchema = z.object({
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
    // Whether prod's guard rails apply; omitted, only the stack named "prod" is production.
    "govstack:production": flag().optional(),
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

/** The settings as the schema accepts them, before they are shaped into EstateSettings. */
export type RawSettings = z.infer<typeof rawSchema>;
