import { stringify } from "yaml";

/**
 * The AWS Config conformance pack the estate deploys, as data in the repository (the template body
 * is generated from this list, so it is reviewed like code and needs no S3 bucket or SSM
 * document). The rules are a selection from AWS's "Operational Best Practices for NIST 800-53 rev 5"
 * sample template (https://github.com/awslabs/aws-config-rules/tree/master/aws-config-conformance-packs),
 * limited to what the estate runs and to managed rules listed for both GovCloud regions in
 * https://docs.aws.amazon.com/config/latest/developerguide/managing-rules-by-region-availability.html.
 * The full AWS template (300+ rules, over the 51,200-byte `templateBody` limit) would need an S3
 * URI; see docs/baseline.md.
 */

export interface ConformanceRule {
    /** The Config rule name in the pack (prefixed with the pack's name by AWS). */
    name: string;
    /** The AWS managed rule identifier. */
    identifier: string;
    /** NIST SP 800-53 rev5 controls the rule supports. */
    controls: readonly string[];
    parameters?: Readonly<Record<string, string>>;
}

export const CONFORMANCE_RULES: readonly ConformanceRule[] = [
    { name: "cloudtrail-enabled", identifier: "CLOUD_TRAIL_ENABLED", controls: ["AU-2", "AU-12"] },
    { name: "multi-region-cloudtrail-enabled", identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED", controls: ["AU-2", "AU-12"] },
    { name: "cloudtrail-log-file-validation", identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", controls: ["AU-9", "SI-7"] },
    { name: "cloudtrail-encryption", identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED", controls: ["AU-9", "SC-28"] },
    { name: "cloudtrail-cloudwatch-logs", identifier: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", controls: ["AU-6", "SI-4"] },
    { name: "guardduty-enabled", identifier: "GUARDDUTY_ENABLED_CENTRALIZED", controls: ["SI-4", "IR-4"] },
    { name: "securityhub-enabled", identifier: "SECURITYHUB_ENABLED", controls: ["CA-7", "SI-4"] },
    { name: "vpc-flow-logs-enabled", identifier: "VPC_FLOW_LOGS_ENABLED", controls: ["AU-12", "SI-4"] },
    { name: "root-account-mfa", identifier: "ROOT_ACCOUNT_MFA_ENABLED", controls: ["IA-2"] },
    { name: "iam-root-access-key", identifier: "IAM_ROOT_ACCESS_KEY_CHECK", controls: ["AC-6", "IA-5"] },
    { name: "kms-key-rotation", identifier: "CMK_BACKING_KEY_ROTATION_ENABLED", controls: ["SC-12"] },
    { name: "rds-storage-encrypted", identifier: "RDS_STORAGE_ENCRYPTED", controls: ["SC-28"] },
    { name: "rds-not-public", identifier: "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", controls: ["AC-3", "SC-7"] },
    { name: "rds-multi-az", identifier: "RDS_MULTI_AZ_SUPPORT", controls: ["CP-10"] },
    { name: "rds-in-backup-plan", identifier: "RDS_IN_BACKUP_PLAN", controls: ["CP-9"] },
    { name: "db-backup-enabled", identifier: "DB_INSTANCE_BACKUP_ENABLED", controls: ["CP-9"] },
    { name: "s3-public-read-prohibited", identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED", controls: ["AC-3"] },
    { name: "s3-public-write-prohibited", identifier: "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", controls: ["AC-3"] },
    { name: "s3-ssl-requests-only", identifier: "S3_BUCKET_SSL_REQUESTS_ONLY", controls: ["SC-8"] },
    { name: "s3-sse-enabled", identifier: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", controls: ["SC-28"] },
    { name: "s3-versioning-enabled", identifier: "S3_BUCKET_VERSIONING_ENABLED", controls: ["CP-9", "SI-12"] },
    { name: "cw-log-group-encrypted", identifier: "CLOUDWATCH_LOG_GROUP_ENCRYPTED", controls: ["AU-9", "SC-28"] },
    {
        name: "cw-log-group-retention",
        identifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK",
        controls: ["AU-11"],
        parameters: { MinRetentionTime: "365" },
    },
    { name: "alb-http-to-https-redirect", identifier: "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK", controls: ["SC-8"] },
    { name: "alb-waf-enabled", identifier: "ALB_WAF_ENABLED", controls: ["SC-5", "SC-7"] },
    { name: "ecr-scan-on-push", identifier: "ECR_PRIVATE_IMAGE_SCANNING_ENABLED", controls: ["RA-5"] },
    { name: "restricted-ssh", identifier: "INCOMING_SSH_DISABLED", controls: ["SC-7"] },
];

/** The conformance pack template (CloudFormation-style YAML) built from `CONFORMANCE_RULES`. */
export function conformancePackTemplate(rules: readonly ConformanceRule[] = CONFORMANCE_RULES): string {
    const resources = Object.fromEntries(
        rules.map((r) => [
            r.name
                .split("-")
                .map((w) => w[0].toUpperCase() + w.slice(1))
                .join(""),
            {
                Type: "AWS::Config::ConfigRule",
                Properties: {
                    ConfigRuleName: r.name,
                    Description: `NIST SP 800-53 rev5: ${r.controls.join(", ")}`,
                    Source: { Owner: "AWS", SourceIdentifier: r.identifier },
                    ...(r.parameters ? { InputParameters: r.parameters } : {}),
                },
            },
        ]),
    );
    return stringify({ Resources: resources });
}
