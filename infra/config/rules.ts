import {
    CACHE_NODE_TYPES,
    COMPLIANCE_TAG_VALUE,
    DB_INSTANCE_CLASSES,
    FARGATE_MEMORY,
    REQUIRED_TAGS,
    VAULT_LOCK_MIN_RETENTION_DAYS,
    WORLD_CIDRS,
} from "../lib/allowed";
import { partitionOf } from "../lib/arn";
import type { SettingIssue } from "../lib/settings-error";
import { ACM_ARN, KMS_KEY_ARN, RawSettings } from "./schema";

/**
 * What the schema cannot say field by field: settings that must agree with each other (an
 * account, its certificate and key; counts within their bounds; one switch requiring another) and
 * the guard rails of prod. Each rule names the key it blames; the loader quotes its value.
 */

/**
 * Whether a stack is production: `govstack:production` when set, otherwise its name is "prod". A
 * production stack gets prod's guard rails here and runs the whole policy pack as mandatory.
 */
export function isProduction(stack: string, s: Pick<RawSettings, "govstack:production">): boolean {
    return s["govstack:production"] ?? stack === "prod";
}

/** Every problem of schema-valid settings for `stack`; none when they are sound. */
export function settingsRules(stack: string, s: RawSettings): SettingIssue[] {
    const issues: SettingIssue[] = [];
    const prod = isProduction(stack, s);
    const add = (path: (string | number)[], message: string) => issues.push({ path, message });
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
    const classes = prod ? DB_INSTANCE_CLASSES.filter((c) => !c.startsWith("db.t")) : DB_INSTANCE_CLASSES;
    if (!(classes as readonly string[]).includes(db.instanceClass)) {
        add(["govstack:database", "instanceClass"], `is not allowed in ${stack}; use one of ${classes.join(", ")}`);
    }
    if (db.maxAllocatedStorage !== undefined && db.maxAllocatedStorage < db.allocatedStorage) {
        add(["govstack:database", "maxAllocatedStorage"], `must be at least allocatedStorage (${db.allocatedStorage})`);
    }

    const cache = s["govstack:cache"];
    const nodeTypes = prod ? CACHE_NODE_TYPES.filter((c) => !c.startsWith("cache.t")) : CACHE_NODE_TYPES;
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

    if (prod) {
        issues.push(...prodRules(s));
    }
    return issues;
}

/** Guard rails for prod: availability (CP-10), retention (AU-11, CP-9), boundary (SC-7), integrity (SI-7). */
function prodRules(s: RawSettings): SettingIssue[] {
    const issues: SettingIssue[] = [];
    const add = (path: (string | number)[], message: string) => issues.push({ path, message });
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
    if (!s["govstack:storage"].auditObjectLock) {
        add(["govstack:storage", "auditObjectLock"], "must be true in prod (audit-log buckets created with Object Lock, AU-9)");
    }
    // AU-2/AU-12 audit trail, SI-4 detection, CP-9/CP-6 backups and their copy in the second region.
    const baseline = s["govstack:baseline"];
    for (const key of ["auditTrail", "detection", "backups", "crossRegionCopy"] as const) {
        if (!baseline[key]) add(["govstack:baseline", key], "must be true in prod");
    }
    if (baseline.vaultLock !== "compliance") {
        add(["govstack:baseline", "vaultLock"], 'must be "compliance" in prod (recovery points nobody can delete early, AU-9, CP-9)');
    }
    return issues;
}

function isPrivateIpv4(block: string): boolean {
    const [a, b] = block.split("/")[0].split(".").map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
