/**
 * The values the settings accept, in one place: AWS's own tables (Fargate sizes, CloudWatch
 * retention periods, FIPS TLS policies) and the estate's choices (instance classes, regions).
 * infra/config/schema.ts validates against them; docs/settings.md lists the same.
 */


export const GOVCLOUD_REGIONS = ["us-gov-west-1", "us-gov-east-1"] as const;

/** RDS PostgreSQL classes offered in GovCloud that the estate accepts; prod excludes burstable (db.t*). */
export const DB_INSTANCE_CLASSES = [
    "db.t3.medium",
    "db.t3.large",
    "db.t4g.medium",
    "db.t4g.large",
    "db.m6g.large",
    "db.m6g.xlarge",
    "db.m6i.large",
    "db.m6i.xlarge",
    "db.m7g.large",
    "db.m7g.xlarge",
    "db.r6g.large",
    "db.r6g.xlarge",
    "db.r6i.large",
    "db.r6i.xlarge",
    "db.r7g.large",
    "db.r7g.xlarge",
] as const;

/** ElastiCache node types the estate accepts; prod excludes burstable (cache.t*). */
export const CACHE_NODE_TYPES = [
    "cache.t4g.small",
    "cache.t4g.medium",
    "cache.m6g.large",
    "cache.m7g.large",
    "cache.r6g.large",
    "cache.r7g.large",
] as const;

/**
 * ALB TLS policies validated for FIPS 140 and limited to TLS 1.2/1.3 (SC-8, SC-13).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const FIPS_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;

/** The retention periods CloudWatch Logs accepts (`retentionInDays`); the settings and every log group check against it. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Fargate task sizes: memory (MiB) allowed for each CPU value. */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
    256: [512, 1024, 2048],
    512: [1024, 2048, 3072, 4096],
    1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
    2048: range(4096, 16384, 1024),
    4096: range(8192, 30720, 1024),
};

export const POSTGRES_MAJOR_VERSIONS = [14, 15, 16, 17] as const;
export const REDIS_ENGINE_VERSIONS = ["7.0", "7.1"] as const;
export const REQUIRED_TAGS = ["Project", "Environment", "ManagedBy", "Compliance", "Owner"] as const;
export const COMPLIANCE_TAG_VALUE = "FedRAMP-Moderate";
/** AWS Backup vault lock bounds (days): no job may keep a recovery point shorter or longer (CP-9, AU-9). */
export const VAULT_LOCK_MIN_RETENTION_DAYS = 7;
export const VAULT_LOCK_MAX_RETENTION_DAYS = 365;
export const WORLD_CIDRS = ["0.0.0.0/0", "::/0"];

function range(from: number, to: number, step: number): number[] {
    const out: number[] = [];
    for (let v = from; v <= to; v += step) {
        out.push(v);
    }
    return out;
}
