import * as assert from "assert";

import { Evaluation } from "../../tools/lib/evaluate";
import { beforeBothStacks, named, statement } from "./harness";
import { S3_BUCKET } from "../../policies/lib/resource-types";

const BUCKETS = ["storage-access-logs", "storage-backups"];

describe("infra/components/storage", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));

    it("names buckets explicitly with account and region (global names, known at preview)", () => {
        assert.strictEqual(named(prod, S3_BUCKET, "storage-access-logs").inputs.bucket, "govstack-prod-access-logs-318920475611-us-gov-west-1");
        assert.strictEqual(named(prod, S3_BUCKET, "storage-backups").inputs.bucket, "govstack-prod-backups-318920475611-us-gov-west-1");
        assert.strictEqual(named(prod, S3_BUCKET, "storage-backups").inputs.forceDestroy, false);
        assert.deepStrictEqual(prod.mocks.ofType(S3_BUCKET).map((b) => b.name).filter((n) => n.startsWith("storage-")).sort(), BUCKETS);
    });

    it("blocks public access with all four flags on every bucket", () => {
        for (const ev of [staging, prod]) {
            for (const b of BUCKETS) {
                const pab = named(ev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", b).inputs;
                assert.deepStrictEqual(
                    [pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
                    [true, true, true, true],
                    b,
                );
                assert.strictEqual(pab.bucket, named(ev, S3_BUCKET, b).inputs.bucket);
            }
        }
    });

    it("enforces bucket-owner ownership (ACLs disabled) and versioning on every bucket", () => {
        for (const b of BUCKETS) {
            assert.deepStrictEqual(named(prod, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", b).inputs.rule, {
                objectOwnership: "BucketOwnerEnforced",
            });
            assert.deepStrictEqual(
                named(prod, "aws:s3/bucketVersioning:BucketVersioning", b).inputs.versioningConfiguration,
                { status: "Enabled" },
            );
        }
    });

    it("encrypts access logs with SSE-S3 (the only encryption ALB log delivery supports)", () => {
        const rules = named(prod, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "storage-access-logs")
            .inputs.rules as Array<Record<string, unknown>>;
        assert.deepStrictEqual(rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }]);
    });

    it("encrypts backups with SSE-KMS (the storage key) and a bucket key", () => {
        const rules = named(prod, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "storage-backups")
            .inputs.rules as Array<{ applyServerSideEncryptionByDefault: Record<string, unknown>; bucketKeyEnabled: boolean }>;
        assert.strictEqual(rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        // The key ARN is computed by AWS: unknown at preview, but present.
        assert.ok("kmsMasterKeyId" in rules[0].applyServerSideEncryptionByDefault);
        assert.strictEqual(rules[0].bucketKeyEnabled, true);
    });

    it("denies every non-TLS request on every bucket (SC-8)", () => {
        for (const b of BUCKETS) {
            const name = named(prod, S3_BUCKET, b).inputs.bucket as string;
            const deny = statement(named(prod, "aws:s3/bucketPolicy:BucketPolicy", b).inputs.policy, "DenyInsecureTransport");
            assert.strictEqual(deny.Effect, "Deny");
            assert.strictEqual(deny.Principal, "*");
            assert.strictEqual(deny.Action, "s3:*");
            assert.deepStrictEqual(deny.Resource, [`arn:aws-us-gov:s3:::${name}`, `arn:aws-us-gov:s3:::${name}/*`]);
            assert.deepStrictEqual(deny.Condition, { Bool: { "aws:SecureTransport": false } });
        }
    });

    it("lets only the GovCloud ELB log delivery account write ALB logs, under this account's prefix", () => {
        const policy = named(prod, "aws:s3/bucketPolicy:BucketPolicy", "storage-access-logs").inputs.policy;
        const elb = statement(policy, "ElbLogDelivery");
        assert.deepStrictEqual(elb.Principal, { AWS: "arn:aws-us-gov:iam::048591011584:root" });
        assert.strictEqual(elb.Action, "s3:PutObject");
        assert.strictEqual(elb.Resource, "arn:aws-us-gov:s3:::govstack-prod-access-logs-318920475611-us-gov-west-1/alb/AWSLogs/318920475611/*");
        const s3 = statement(policy, "S3ServerAccessLogDelivery");
        assert.deepStrictEqual(s3.Principal, { Service: "logging.s3.amazonaws.com" });
        assert.deepStrictEqual(s3.Condition?.ArnLike, { "aws:SourceArn": "arn:aws-us-gov:s3:::govstack-prod-backups-318920475611-us-gov-west-1" });
    });

    it("moves backups to Glacier at 90 days and expires them at 2555 days (7 years)", () => {
        const [rule] = named(prod, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-backups").inputs
            .rules as Array<Record<string, unknown>>;
        assert.strictEqual(rule.status, "Enabled");
        assert.deepStrictEqual(rule.transitions, [{ days: 90, storageClass: "GLACIER" }]);
        assert.deepStrictEqual(rule.expiration, { days: 2555 });
        assert.deepStrictEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 2555 });
        assert.deepStrictEqual(rule.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
    });

    it("expires access logs after the stack's period (prod >= 365 days)", () => {
        const expiry = (ev: Evaluation) =>
            (named(ev, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-access-logs").inputs.rules as Array<{
                expiration: { days: number };
            }>)[0].expiration.days;
        assert.strictEqual(expiry(prod), 400);
        assert.strictEqual(expiry(staging), 90);
    });

    it("sends every bucket's object events to EventBridge (SI-4; AWS Backup's continuous S3 backup uses them)", () => {
        for (const ev of [staging, prod]) {
            for (const b of [...BUCKETS, ev === prod ? "govstack-prod-audit-bucket" : "govstack-stg-audit-bucket"]) {
                const n = named(ev, "aws:s3/bucketNotification:BucketNotification", b).inputs;
                assert.deepStrictEqual([n.bucket, n.eventbridge], [named(ev, S3_BUCKET, b).inputs.bucket, true], b);
            }
        }
    });

    it("logs access to the backups bucket into the logs bucket", () => {
        const logging = named(prod, "aws:s3/bucketLogging:BucketLogging", "storage-backups").inputs;
        assert.strictEqual(logging.bucket, "govstack-prod-backups-318920475611-us-gov-west-1");
        assert.strictEqual(logging.targetBucket, "govstack-prod-access-logs-318920475611-us-gov-west-1");
        assert.strictEqual(logging.targetPrefix, "s3-access/backups/");
    });
    it("creates the access-log and audit buckets with Object Lock in prod only (auditObjectLock)", () => {
        for (const n of ["storage-access-logs"]) {
            assert.strictEqual(named(prod, "aws:s3/bucket:Bucket", n).inputs.objectLockEnabled, true);
            assert.strictEqual(named(staging, "aws:s3/bucket:Bucket", n).inputs.objectLockEnabled, undefined);
        }
        assert.strictEqual(named(prod, "aws:s3/bucket:Bucket", "govstack-prod-audit-bucket").inputs.objectLockEnabled, true);
    });

    it("logs access to the audit bucket into the logs bucket, which lets S3 deliver it", () => {
        const logging = named(prod, "aws:s3/bucketLogging:BucketLogging", "govstack-prod-audit-bucket").inputs;
        assert.strictEqual(logging.bucket, "govstack-prod-audit-318920475611-us-gov-west-1");
        assert.strictEqual(logging.targetBucket, "govstack-prod-access-logs-318920475611-us-gov-west-1");
        assert.strictEqual(logging.targetPrefix, "s3-access/audit/");
        const policy = named(prod, "aws:s3/bucketPolicy:BucketPolicy", "storage-access-logs").inputs.policy;
        const s3 = statement(policy, "S3ServerAccessLogDeliveryAudit");
        assert.strictEqual(s3.Resource, "arn:aws-us-gov:s3:::govstack-prod-access-logs-318920475611-us-gov-west-1/s3-access/audit/*");
        assert.deepStrictEqual(s3.Condition?.ArnLike, { "aws:SourceArn": "arn:aws-us-gov:s3:::govstack-prod-audit-318920475611-us-gov-west-1" });
    });
});
