/**
 * Explicit physical names. The estate names its resources itself (rather than letting Pulumi add a
 * random suffix) so that ARNs and policies referring to them are known at preview; the length limits
 * below are AWS's, checked here so a too-long prefix fails before anything is declared.
 */

/** AWS name length limits that the estate's names must respect. */
export const NAME_LIMITS = {
    s3Bucket: 63,
    loadBalancer: 32,
    targetGroup: 32,
    rdsIdentifier: 63,
    elasticacheReplicationGroup: 40,
    /** ElastiCache RBAC user ids and user group ids. */
    elasticacheUser: 40,
    iamRole: 64,
    /** AWS Backup vault, plan and selection names. */
    backup: 50,
    cloudTrail: 128,
} as const;

/** `<prefix>-<part>-<part>`, lowercase; throws when longer than `max`. */
export function physicalName(prefix: string, parts: readonly string[], max = 63): string {
    const name = [prefix, ...parts].filter((p) => p.length > 0).join("-").toLowerCase();
    if (name.length > max) {
        throw new Error(`Resource name "${name}" is ${name.length} characters; AWS allows at most ${max}`);
    }
    return name;
}

/**
 * S3 bucket names are global across all accounts of a partition, so they carry the account and
 * region: `<prefix>-<purpose>-<account>-<region>`.
 */
export function bucketName(prefix: string, purpose: string, accountId: string, region: string): string {
    return physicalName(prefix, [purpose, accountId, region], NAME_LIMITS.s3Bucket);
}
