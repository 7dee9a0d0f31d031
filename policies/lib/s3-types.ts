// S3 type lists and reference keys that more than one rule area judges (encryption: SSE;
// storage hygiene: public access, TLS-only policies, versioning). The tokens themselves are
// declared in resource-types.ts.

import { S3_BUCKET, S3_BUCKET_V2, S3_SSE_CONFIG, S3_SSE_CONFIG_V2 } from "./resource-types";

// The deprecated V2 names still exist in @pulumi/aws 7 (as aliases of the same AWS resources):
// judge them too, so a program cannot step around the rule by using the old name.
export const S3_BUCKET_TYPES = [S3_BUCKET, S3_BUCKET_V2] as const;

export const S3_SSE_CONFIG_TYPES = [
    S3_SSE_CONFIG,
    S3_SSE_CONFIG_V2,
] as const;

/**
 * The bucket properties a `bucket` input of a bucket's satellite resources (BucketPolicy,
 * BucketVersioning, BucketPublicAccessBlock, SSE configuration …) resolves against with
 * `ctx.resolveRefs`: the bucket's name (`bucket`) or its id (the same name, once known).
 */
export const S3_BUCKET_REF_KEYS = ["bucket", "id"] as const;
