// S3 bucket type tokens and reference keys that more than one rule area judges (encryption's
// bucket SSE rules, storage hygiene's public access, TLS-only and versioning rules).
// The deprecated V2 names still exist in @pulumi/aws 7 (as aliases of the same AWS resources):
// judge them too, so a program cannot step around a rule by using the old name.

export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;

/**
 * The bucket properties a `bucket` input of a bucket's satellite resources (BucketPolicy,
 * BucketVersioning, BucketPublicAccessBlock, SSE configuration …) resolves against with
 * `ctx.resolveRefs`: the bucket's name (`bucket`) or its id (the same name, once known).
 */
export const S3_BUCKET_REF_KEYS = ["bucket", "id"] as const;
