import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { accountRootArn, ArnScope, bucketArn } from "../../lib/arn";
import { bucketName } from "../../lib/naming";
import { elbLogDeliveryAccount, servicePrincipal } from "../../lib/principals";
import { secureBucket } from "../shared/secure-bucket";

export interface StorageArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    /** The storage key: SSE-KMS for the backups bucket. */
    storageKeyArn: pulumi.Input<string>;
    /** Days until backups move to Glacier (the settings' govstack:storage, which has the defaults). */
    backupsGlacierAfterDays: number;
    /** Days until backups expire (AU-11 / CP-9). */
    backupsExpireAfterDays: number;
    /** Days until ALB and S3 access logs expire. */
    accessLogsExpireAfterDays: number;
    /** Create the access-log bucket (ALB and S3 access logs: audit records) with Object Lock (AU-9; true in prod). */
    auditObjectLock: boolean;
    /** The audit bucket, when this stack owns it: its server access logs land here too (AU-2). */
    auditBucketName?: string;
    /**
     * Tags that put the backups bucket — the estate's S3 data — in the AWS Backup plan (CP-9,
     * CP-10; copied to the DR region with every recovery point, CP-6). Empty where backups are off.
     */
    backupsBucketTags?: Readonly<Record<string, string>>;
}

/** Key prefix under which the ALB writes its access logs (the edge passes it to the load balancer). */
export const ALB_LOG_PREFIX = "alb";
/** Key prefix under which S3 writes the backups bucket's server access logs. */
export const S3_ACCESS_LOG_PREFIX = "s3-access/backups/";
/** Key prefix under which S3 writes the audit bucket's server access logs. */
export const S3_AUDIT_ACCESS_LOG_PREFIX = "s3-access/audit/";

/**
 * S3 buckets: ALB access logs (SSE-S3, the only encryption ALB log delivery supports) and
 * backups/artifacts (SSE-KMS with the storage key and a bucket key). Every bucket blocks public
 * access (all four flags), enforces bucket-owner ownership (no ACLs), keeps versions, refuses
 * non-TLS requests and expires what it no longer needs (AC-3, SC-8, SC-28, AU-9, AU-11, CP-9).
 */
export class Storage extends pulumi.ComponentResource {
    /** Explicit names, known at preview (the edge's access-log setting refers to it). */
    readonly accessLogsBucketName: string;
    readonly backupsBucketName: string;
    readonly accessLogsBucket: aws.s3.Bucket;
    readonly backupsBucket: aws.s3.Bucket;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:storage:Storage", name, {}, opts);
        const { scope } = args;
        this.accessLogsBucketName = bucketName(args.namePrefix, "access-logs", scope.accountId, scope.region);
        this.backupsBucketName = bucketName(args.namePrefix, "backups", scope.accountId, scope.region);
        const backupsBucketArn = bucketArn(scope, this.backupsBucketName);
        const abortUploads = { daysAfterInitiation: 7 };

        const common = { scope, tags: args.tags, component: "storage" };
        this.accessLogsBucket = secureBucket(`${name}-access-logs`, {
            ...common,
            bucketName: this.accessLogsBucketName,
            encryption: { sseAlgorithm: "AES256" },
            objectLockEnabled: args.auditObjectLock,
            extraStatements: (self) => [
                {
                    // GovCloud ALB log delivery is an AWS-owned account per region, not a service principal.
                    Sid: "ElbLogDelivery",
                    Effect: "Allow",
                    Principal: { AWS: accountRootArn(scope, elbLogDeliveryAccount(scope.region)) },
                    Action: "s3:PutObject",
                    Resource: `${self}/${ALB_LOG_PREFIX}/AWSLogs/${scope.accountId}/*`,
                },
                {
                    Sid: "S3ServerAccessLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: servicePrincipal("logging.s3") },
                    Action: "s3:PutObject",
                    Resource: `${self}/${S3_ACCESS_LOG_PREFIX}*`,
                    Condition: {
                        ArnLike: { "aws:SourceArn": backupsBucketArn },
                        StringEquals: { "aws:SourceAccount": scope.accountId },
                    },
                },
                ...(args.auditBucketName === undefined
                    ? []
                    : [
                          {
                              Sid: "S3ServerAccessLogDeliveryAudit",
                              Effect: "Allow" as const,
                              Principal: { Service: servicePrincipal("logging.s3") },
                              Action: "s3:PutObject",
                              Resource: `${self}/${S3_AUDIT_ACCESS_LOG_PREFIX}*`,
                              Condition: {
                                  ArnLike: { "aws:SourceArn": bucketArn(scope, args.auditBucketName) },
                                  StringEquals: { "aws:SourceAccount": scope.accountId },
                              },
                          },
                      ]),
            ],
            lifecycle: [
                {
                    id: "expire-access-logs",
                    status: "Enabled",
                    filter: { prefix: "" },
                    expiration: { days: args.accessLogsExpireAfterDays },
                    noncurrentVersionExpiration: { noncurrentDays: 30 },
                    abortIncompleteMultipartUpload: abortUploads,
                },
            ],
        }, this).bucket;

        this.backupsBucket = secureBucket(`${name}-backups`, {
            ...common,
            bucketName: this.backupsBucketName,
            extraTags: args.backupsBucketTags,
            encryption: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.storageKeyArn },
            extraStatements: () => [],
            lifecycle: [
                {
                    id: "archive-then-expire-backups",
                    status: "Enabled",
                    filter: { prefix: "" },
                    transitions: [{ days: args.backupsGlacierAfterDays, storageClass: "GLACIER" }],
                    expiration: { days: args.backupsExpireAfterDays },
                    noncurrentVersionTransitions: [{ noncurrentDays: args.backupsGlacierAfterDays, storageClass: "GLACIER" }],
                    noncurrentVersionExpiration: { noncurrentDays: args.backupsExpireAfterDays },
                    abortIncompleteMultipartUpload: abortUploads,
                },
            ],
        }, this).bucket;
        // AU-2: who read or wrote backups, delivered to the SSE-S3 logs bucket (the only kind S3
        // server access logging can write to).
        new aws.s3.BucketLogging(
            `${name}-backups`,
            { bucket: this.backupsBucketName, targetBucket: this.accessLogsBucketName, targetPrefix: S3_ACCESS_LOG_PREFIX },
            { parent: this, dependsOn: [this.backupsBucket, this.accessLogsBucket] },
        );

        this.registerOutputs({
            accessLogsBucketName: this.accessLogsBucketName,
            backupsBucketName: this.backupsBucketName,
        });
    }
}
