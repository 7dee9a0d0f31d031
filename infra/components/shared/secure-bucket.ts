import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope, bucketArn } from "../../lib/arn";
import { policyJson, Statement } from "../../lib/iam";
import { resourceTags } from "../../lib/tags";

/** One locked-down bucket: what differs between the estate's buckets. */
export interface SecureBucketSpec {
    scope: ArnScope;
    /** Required tags; the bucket also gets `Component` and `Name`. */
    tags: Readonly<Record<string, string>>;
    /** Tags of this bucket only, e.g. the one that puts it in the AWS Backup plan (`Backup: daily`). */
    extraTags?: Readonly<Record<string, string>>;
    /** The component that owns the bucket (its `Component` tag). */
    component: string;
    /** Explicit physical name (known at preview: policies and ARNs refer to it). */
    bucketName: string;
    encryption: { sseAlgorithm: "AES256" } | { sseAlgorithm: "aws:kms"; kmsMasterKeyId: pulumi.Input<string> };
    /** Statements beyond the TLS-only deny every bucket gets, given the bucket's ARN. */
    extraStatements: (bucketArn: string) => Statement[];
    lifecycle: aws.types.input.s3.BucketLifecycleConfigurationRule[];
    /**
     * Create the bucket with S3 Object Lock enabled (AU-9: audit records a retention can make
     * immutable). Only at creation through Pulumi (objectLockEnabled replaces the bucket); no default
     * retention here, so S3 server access logs and ALB logs can still be delivered into it.
     */
    objectLockEnabled?: boolean;
}

/** The bucket and its policy (a service that checks the policy when configured must wait for it). */
export interface SecureBucket {
    bucket: aws.s3.Bucket;
    policy: aws.s3.BucketPolicy;
}

/** The statement every bucket policy starts with: refuse any request not made over TLS (SC-8). */
export function tlsOnlyStatement(arnOfBucket: string): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arnOfBucket, `${arnOfBucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": false } },
    };
}

/**
 * The estate's one way to declare an S3 bucket: public access blocked (all four flags), bucket-owner
 * ownership (no ACLs), versioning, object events to EventBridge, default encryption, a TLS-only bucket policy and a lifecycle
 * (AC-3, SC-8, SC-28, AU-9, AU-11, CP-9). Every child is named `resourceName` and parented to
 * `parent`; children refer to the bucket by its explicit name and depend on the bucket resource.
 */
export function secureBucket(resourceName: string, spec: SecureBucketSpec, parent: pulumi.Resource): SecureBucket {
    const physical = spec.bucketName;
    const bucket = new aws.s3.Bucket(
        resourceName,
        {
            bucket: physical,
            forceDestroy: false,
            ...(spec.objectLockEnabled ? { objectLockEnabled: true } : {}),
            tags: { ...resourceTags(spec.tags, spec.component, physical), ...spec.extraTags },
        },
        { parent },
    );
    const after = { parent, dependsOn: [bucket] };
    new aws.s3.BucketPublicAccessBlock(
        resourceName,
        { bucket: physical, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        after,
    );
    new aws.s3.BucketOwnershipControls(resourceName, { bucket: physical, rule: { objectOwnership: "BucketOwnerEnforced" } }, after);
    new aws.s3.BucketVersioning(resourceName, { bucket: physical, versioningConfiguration: { status: "Enabled" } }, after);
    // SI-4: object-level events go to EventBridge, where rules can alarm on deletes or unexpected
    // writes (AWS Backup's continuous S3 backup of a tagged bucket uses the same notifications).
    new aws.s3.BucketNotification(resourceName, { bucket: physical, eventbridge: true }, after);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        resourceName,
        {
            bucket: physical,
            rules: [
                {
                    applyServerSideEncryptionByDefault: spec.encryption,
                    // A bucket key cuts KMS calls (and cost) per object; meaningless for SSE-S3.
                    bucketKeyEnabled: spec.encryption.sseAlgorithm === "aws:kms",
                },
            ],
        },
        after,
    );
    const self = bucketArn(spec.scope, physical);
    const policy = new aws.s3.BucketPolicy(
        resourceName,
        { bucket: physical, policy: policyJson([tlsOnlyStatement(self), ...spec.extraStatements(self)]) },
        after,
    );
    new aws.s3.BucketLifecycleConfiguration(resourceName, { bucket: physical, rules: spec.lifecycle }, after);
    return { bucket, policy };
}
