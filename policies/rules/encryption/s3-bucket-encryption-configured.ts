// s3-bucket-encryption-configured: every bucket declares its encryption (a configuration resource or
// the inline form), so it is reviewed (and judged by s3-bucket-sse-kms) rather than left to the
// SSE-S3 default (SC-28, SC-12, CM-6). A stack policy: the configuration is a separate resource.

import { S3_BUCKET_TYPES, S3_SSE_CONFIG_TYPES, stackPolicy } from "../../lib";

export const s3BucketEncryptionConfigured = stackPolicy({
    name: "s3-bucket-encryption-configured",
    description:
        "Every S3 bucket must have an explicit server-side encryption configuration (judged by s3-bucket-sse-kms), so its " +
        "encryption is declared and reviewed rather than left to the SSE-S3 default.",
    summary: "Every S3 bucket has an explicit server-side encryption configuration",
    severity: "high",
    controls: ["SC-28", "SC-12", "CM-6"],
    remediationSteps: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket (SSE-KMS with the storage key).",
    resourceTypes: [...S3_BUCKET_TYPES, ...S3_SSE_CONFIG_TYPES],
    noVerdict: [
        {
            when: "a bucket's deprecated inline serverSideEncryptionConfiguration is set, or unknown at preview",
            why: "the inline form declares the encryption too; s3-bucket-sse-kms judges what it declares",
        },
    ],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        const configured = new Set<string>();
        let unresolved = 0;
        for (const sse of ctx.ofType(...S3_SSE_CONFIG_TYPES)) {
            const refs = ctx.resolveRefs(sse, "bucket", S3_BUCKET_TYPES, ["bucket", "id"]);
            refs.resources.forEach((b) => configured.add(b.urn));
            unresolved += refs.unresolved;
        }
        for (const bucket of buckets) {
            if (configured.has(bucket.urn)) {
                continue;
            }
            // The deprecated inline form on the bucket also declares encryption.
            const inline = ctx.readObject(bucket, "serverSideEncryptionConfiguration", { quiet: true });
            if (!inline.ok || inline.value !== undefined) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(bucket, "which bucket each encryption configuration applies to");
            } else {
                ctx.violation(
                    bucket,
                    `S3 bucket "${bucket.name}" has no server-side encryption configuration; add an aws.s3.BucketServerSideEncryptionConfiguration with SSE-KMS.`,
                );
            }
        }
    },
});
