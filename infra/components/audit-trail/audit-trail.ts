import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, logGroupArn, roleArn } from "../../lib/arn";
import { policyJson, Statement } from "../../lib/iam";
import { accountKeyStatements } from "../../lib/key-policy";
import { bucketName, NAME_LIMITS, physicalName } from "../../lib/naming";
import { servicePrincipal } from "../../lib/principals";
import { resourceTags } from "../../lib/tags";
import { customerManagedKey } from "../shared/kms-key";
import { encryptedLogGroup, estateLogGroupName } from "../shared/log-group";
import { secureBucket } from "../shared/secure-bucket";
import { serviceRole } from "../shared/service-role";

export interface AuditTrailArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    permissionsBoundary: string;
    /** The logs key: the trail's CloudWatch log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Days until audit objects move to Glacier and until they expire (AU-11). */
    glacierAfterDays: number;
    expireAfterDays: number;
    /** The alerts topic's ARN (known at preview) and the prefix its policy lets alarms publish under. */
    alertsTopicArn: string;
    alarmNamePrefix: string;
    /** Where the audit bucket's S3 server access logs go (AU-2: who read the audit records). */
    accessLogs?: { bucketName: string; prefix: string };
    /** Create the audit bucket with Object Lock (AU-9; true in prod). */
    objectLock: boolean;
    /** Buckets holding data whose object reads, writes and deletes the trail records (S3 data events, AU-12). */
    dataEventBuckets?: readonly string[];
}

/** The audit bucket's explicit name (the storage component's log bucket policy names it too). */
export function auditBucketName(namePrefix: string, scope: ArnScope): string {
    return bucketName(namePrefix, "audit", scope.accountId, scope.region);
}

/** Key prefixes in the audit bucket: CloudTrail log files and AWS Config snapshots/history. */
export const CLOUDTRAIL_PREFIX = "cloudtrail";
export const CONFIG_PREFIX = "config";

/**
 * The CIS AWS Foundations metric filters the estate alarms on (AU-6, SI-4, AC-2(4)): each pattern
 * counts matching CloudTrail events in the trail's log group.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const AUDIT_ALARMS = [
    {
        id: "root-account-use",
        description: "The root user made an API call or signed in (AC-6(9), AC-2(4)).",
        pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    },
    {
        id: "iam-policy-changes",
        description: "An IAM policy was created, changed, attached or detached (AC-2(4), CM-3).",
        pattern:
            "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || " +
            "($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || " +
            "($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || " +
            "($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || " +
            "($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || " +
            "($.eventName = DetachGroupPolicy) }",
    },
    {
        id: "security-group-changes",
        description: "A security group or one of its rules was created, changed or deleted (CM-3, SC-7).",
        pattern:
            "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || " +
            "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || " +
            "($.eventName = ModifySecurityGroupRules) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
    },
] as const;

/**
 * The audit key's policy: the account administers it and may use it only through S3 (reading log
 * files, AWS Config writing snapshots with its role); CloudTrail may encrypt log files only for
 * this account's trails and only when acting for this stack's trail (confused deputy: SourceArn).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function auditKeyPolicy(scope: ArnScope, trailArn: string): string {
    return policyJson([
        ...accountKeyStatements(scope, "AccountUsesKeyThroughS3", "s3"),
        {
            Sid: "CloudTrailEncryptsLogFiles",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudtrail") },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                StringEquals: { "aws:SourceArn": trailArn },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": arn(scope, "cloudtrail", "trail/*", { region: "*" }) },
            },
        },
        {
            Sid: "CloudTrailDescribesKey",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudtrail") },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
    ]);
}

/**
 * The account's audit trail (AU-2, AU-3, AU-9, AU-12): a multi-region CloudTrail trail with log file
 * validation (SI-7 integrity digests), encrypted with its own KMS key, delivered to a locked-down
 * S3 bucket (the estate's secure-bucket pattern) and to a KMS-encrypted CloudWatch log group, where
 * metric filters alarm on root use, IAM policy changes and security group changes (AU-6, SI-4).
 * The bucket also receives AWS Config's snapshots (Detection).
 */
export class AuditTrail extends pulumi.ComponentResource {
    readonly trailName: string;
    readonly trailArn: string;
    readonly bucketName: string;
    readonly keyAliasName: string;
    readonly keyArn: pulumi.Output<string>;
    readonly logGroupName: string;
    readonly alarmNames: readonly string[];
    /** What AWS Config's delivery channel must wait for (the bucket and its policy). */
    readonly bucketReady: pulumi.Resource[];

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:audit:AuditTrail", name, {}, opts);
        const { scope } = args;
        const parent = { parent: this };
        const tags = (n?: string) => resourceTags(args.tags, "audit", n);

        this.trailName = physicalName(args.namePrefix, ["trail"], NAME_LIMITS.cloudTrail);
        this.trailArn = arn(scope, "cloudtrail", `trail/${this.trailName}`);
        this.bucketName = auditBucketName(args.namePrefix, scope);
        this.keyAliasName = `alias/${args.namePrefix}-audit`;
        this.logGroupName = estateLogGroupName(args.namePrefix, "cloudtrail");

        const key = customerManagedKey(
            `${name}-key`,
            {
                description: `govstack ${args.namePrefix}: audit trail and AWS Config encryption key`,
                policy: auditKeyPolicy(scope, this.trailArn),
                aliasName: this.keyAliasName,
                tags: tags(`${args.namePrefix}-audit`),
            },
            parent,
        );
        this.keyArn = key.arn;

        const bucket = secureBucket(
            `${name}-bucket`,
            {
                scope,
                tags: args.tags,
                component: "audit",
                bucketName: this.bucketName,
                encryption: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
                objectLockEnabled: args.objectLock,
                extraStatements: (self): Statement[] => [
                    {
                        Sid: "CloudTrailAclCheck",
                        Effect: "Allow",
                        Principal: { Service: servicePrincipal("cloudtrail") },
                        Action: "s3:GetBucketAcl",
                        Resource: self,
                        Condition: { StringEquals: { "aws:SourceArn": this.trailArn } },
                    },
                    {
                        Sid: "CloudTrailWrite",
                        Effect: "Allow",
                        Principal: { Service: servicePrincipal("cloudtrail") },
                        Action: "s3:PutObject",
                        Resource: `${self}/${CLOUDTRAIL_PREFIX}/AWSLogs/${scope.accountId}/*`,
                        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": this.trailArn } },
                    },
                    {
                        // AU-9: nobody deletes audit records (versions included) before they expire.
                        Sid: "DenyAuditObjectDeletion",
                        Effect: "Deny",
                        Principal: "*",
                        Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
                        Resource: `${self}/*`,
                    },
                ],
                lifecycle: [
                    {
                        id: "archive-then-expire-audit-records",
                        status: "Enabled",
                        filter: { prefix: "" },
                        transitions: [{ days: args.glacierAfterDays, storageClass: "GLACIER" }],
                        expiration: { days: args.expireAfterDays },
                        noncurrentVersionExpiration: { noncurrentDays: args.expireAfterDays },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            this,
        );
        this.bucketReady = [bucket.bucket, bucket.policy];
        if (args.accessLogs) {
            new aws.s3.BucketLogging(
                `${name}-bucket`,
                { bucket: this.bucketName, targetBucket: args.accessLogs.bucketName, targetPrefix: args.accessLogs.prefix },
                { parent: this, dependsOn: [bucket.bucket] },
            );
        }

        const logGroup = encryptedLogGroup(
            `${name}-logs`,
            { name: this.logGroupName, retentionInDays: args.logRetentionDays, kmsKeyArn: args.logsKmsKeyArn, tags: tags(this.logGroupName) },
            parent,
        );
        const groupArn = logGroupArn(scope, this.logGroupName);
        const roleName = physicalName(args.namePrefix, ["cloudtrail-logs"], NAME_LIMITS.iamRole);
        const role = serviceRole(
            `${name}-logs`,
            {
                scope,
                roleName,
                service: "cloudtrail",
                description: "Lets CloudTrail deliver the trail's events to its one log group",
                permissionsBoundary: args.permissionsBoundary,
                tags: tags(roleName),
                statements: [
                    {
                        Sid: "DeliverTrailEvents",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: `${groupArn}:log-stream:*`,
                    },
                ],
            },
            parent,
        );

        new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: this.trailName,
                s3BucketName: this.bucketName,
                s3KeyPrefix: CLOUDTRAIL_PREFIX,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                kmsKeyId: key.arn,
                // CloudTrail requires the log group ARN with its `:*` suffix.
                cloudWatchLogsGroupArn: `${groupArn}:*`,
                cloudWatchLogsRoleArn: roleArn(scope, roleName),
                // Management events (all, as without selectors) plus S3 object-level events for the
                // data buckets; a bucket ARN ending in "/" selects every object in it.
                // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
                ...(args.dataEventBuckets && args.dataEventBuckets.length > 0
                    ? {
                          eventSelectors: [
                              {
                                  readWriteType: "All",
                                  includeManagementEvents: true,
                                  dataResources: [{ type: "AWS::S3::Object", values: args.dataEventBuckets.map((b) => `${arn(scope, "s3", b, { region: "", account: "" })}/`) }],
                              },
                          ],
                      }
                    : {}),
                tags: tags(this.trailName),
            },
            { parent: this, dependsOn: [bucket.policy, key, logGroup, ...role.ready] },
        );

        const namespace = `govstack/${args.namePrefix}/audit`;
        this.alarmNames = AUDIT_ALARMS.map((a) => `${args.alarmNamePrefix}-audit-${a.id}`);
        AUDIT_ALARMS.forEach((a, i) => {
            const metricName = a.id.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
            const filter = new aws.cloudwatch.LogMetricFilter(
                `${name}-${a.id}`,
                {
                    name: `${args.namePrefix}-${a.id}`,
                    logGroupName: this.logGroupName,
                    pattern: a.pattern,
                    metricTransformation: { name: metricName, namespace, value: "1", defaultValue: "0" },
                },
                { parent: this, dependsOn: [logGroup] },
            );
            const alarmName = this.alarmNames[i];
            new aws.cloudwatch.MetricAlarm(
                alarmName,
                {
                    name: alarmName,
                    alarmDescription: a.description,
                    namespace,
                    metricName,
                    statistic: "Sum",
                    period: 300,
                    evaluationPeriods: 1,
                    threshold: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    treatMissingData: "notBreaching",
                    alarmActions: [args.alertsTopicArn],
                    tags: tags(alarmName),
                },
                { parent: this, dependsOn: [filter] },
            );
        });

        this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName, keyArn: this.keyArn });
    }
}

