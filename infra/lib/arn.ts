/**
 * Partition-aware ARNs. Every ARN the estate needs is built here from settings (partition, region,
 * account) so that bucket, key and IAM policies are plain known JSON at preview, where a policy
 * pack can judge them, and so that no literal commercial-partition prefix ever appears in code
 * (GovCloud ARNs start `arn:aws-us-gov:`).
 */

/** The three facts an ARN is built from. */
export interface ArnScope {
    partition: string;
    region: string;
    accountId: string;
}

/** AWS partition of a region: GovCloud, China, or the commercial partition. */
export function partitionOf(region: string): string {
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    return "aws";
}

/**
 * `arn:<partition>:<service>:<region>:<account>:<resource>`. Global services (IAM, S3) leave region
 * and/or account empty: pass `region: ""` / `account: ""`.
 */
export function arn(
    scope: ArnScope,
    service: string,
    resource: string,
    where: { region?: string; account?: string } = {},
): string {
    const region = where.region ?? scope.region;
    const account = where.account ?? scope.accountId;
    return ["arn", scope.partition, service, region, account, resource].join(":");
}

/** The account's root principal (`arn:<p>:iam::<account>:root`): delegates key use to IAM policies. */
export function accountRootArn(scope: ArnScope, accountId: string = scope.accountId): string {
    return arn(scope, "iam", "root", { region: "", account: accountId });
}

/** An IAM role ARN from its explicit name (known at preview). */
export function roleArn(scope: ArnScope, roleName: string): string {
    return arn(scope, "iam", `role/${roleName}`, { region: "" });
}

/** An AWS-managed IAM policy ARN (`arn:<p>:iam::aws:policy/...`). */
export function managedPolicyArn(scope: ArnScope, policyPath: string): string {
    return arn(scope, "iam", `policy/${policyPath}`, { region: "", account: "aws" });
}

/** An S3 bucket ARN (S3 ARNs carry neither region nor account). */
export function bucketArn(scope: ArnScope, bucketName: string): string {
    return arn(scope, "s3", bucketName, { region: "", account: "" });
}

/** A CloudWatch Logs log group ARN from its name. */
export function logGroupArn(scope: ArnScope, logGroupName: string): string {
    return arn(scope, "logs", `log-group:${logGroupName}`);
}

/** A KMS alias ARN; usable wherever AWS accepts an alias in place of a key id. */
export function kmsAliasArn(scope: ArnScope, aliasName: string): string {
    return arn(scope, "kms", aliasName.startsWith("alias/") ? aliasName : `alias/${aliasName}`);
}

/** A Secrets Manager secret ARN pattern for a secret name (AWS appends a random 6-character suffix). */
export function secretArnPattern(scope: ArnScope, secretName: string): string {
    return arn(scope, "secretsmanager", `secret:${secretName}-??????`);
}

/** The ECR registry host of an account and region (the same host shape in GovCloud). */
export function ecrRegistry(scope: ArnScope): string {
    return `${scope.accountId}.dkr.ecr.${scope.region}.amazonaws.com`;
}

/**
 * IAM path and name of the permissions boundary the delivery program creates per stack
 * (delivery/trust.ts: `DELIVERY_IAM_PATH`, `boundaryPolicyName`). Repeated here, not imported: the
 * estate never depends on the delivery program; tests/infra/boundary.test.ts checks both agree.
 */
export const PERMISSIONS_BOUNDARY_PATH = "/govstack-delivery/";

/**
 * The permissions boundary every estate role must carry: the deploy role may create a role only
 * with exactly this boundary (AC-6, AC-6(1)), so no role it creates can exceed the deploy's own
 * ceiling. Named for the stack (staging, prod), not the name prefix.
 */
export function permissionsBoundaryArn(scope: ArnScope, stack: string): string {
    return arn(scope, "iam", `policy${PERMISSIONS_BOUNDARY_PATH}govstack-${stack}-boundary`, { region: "" });
}
