// Type tokens only the storage-hygiene policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
export const S3_BUCKET_LIFECYCLE_CONFIGURATION = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const S3_BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
export const S3_BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
export const S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const S3_BUCKET_OBJECT = "aws:s3/bucketObject:BucketObject";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
export const S3_BUCKET_OBJECT_V2 = "aws:s3/bucketObjectv2:BucketObjectv2";
export const S3_BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const S3_BUCKET_REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const S3_OBJECT_COPY = "aws:s3/objectCopy:ObjectCopy";
