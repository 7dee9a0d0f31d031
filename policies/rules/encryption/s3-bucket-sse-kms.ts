// s3-bucket-sse-kms: S3 default encryption is SSE-KMS under a customer-managed key (SC-28/SC-28(1),
// SC-12), judged on encryption configurations and on the deprecated inline form on the bucket.
// SSE-S3 (AES256) is allowed only for the listed buckets: ALB access-log delivery supports nothing else.

import { findGlobMatch, ResourceContext, resourcePolicy, S3_BUCKET, S3_BUCKET_TYPES, S3_BUCKET_V2, S3_SSE_CONFIG_TYPES } from "../../lib";
import { checkCmk, REQUIRE_CMK } from "./cmk";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** One encryption default to judge: `${prefix}sseAlgorithm` / `${prefix}kmsMasterKeyId` read from `from`. */
interface SseDefault {
    readonly path: string;
    readonly prefix: string;
    readonly from: unknown;
}

/**
 * The encryption defaults a resource declares: the rules of a BucketServerSideEncryptionConfiguration,
 * or the deprecated inline form on the bucket itself — aws.s3.Bucket's
 * `serverSideEncryptionConfiguration.rule`, BucketV2's `serverSideEncryptionConfigurations[].rules[]
 * .applyServerSideEncryptionByDefaults[]`. The provider still applies the inline form, so an inline
 * AES256 or aws/s3 key must not pass just because s3-bucket-encryption-configured counts it as
 * declared. A bucket without the inline form is left to s3-bucket-encryption-configured.
 */
function sseDefaultsOf(ctx: ResourceContext<unknown>, what: string): SseDefault[] | undefined {
    const list = (path: string, from?: unknown): unknown[] | undefined => {
        const r = ctx.read(path, from);
        if (!r.known) {
            ctx.cannotVerify(path);
            return undefined;
        }
        return Array.isArray(r.value) ? r.value : [];
    };
    if (ctx.type === S3_BUCKET) {
        const rule = ctx.read("serverSideEncryptionConfiguration.rule");
        if (!rule.known) {
            ctx.cannotVerify("serverSideEncryptionConfiguration.rule");
            return undefined;
        }
        const path = "serverSideEncryptionConfiguration.rule";
        return rule.value === undefined || rule.value === null ? [] : [{ path: `${path}.applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule.value }];
    }
    if (ctx.type === S3_BUCKET_V2) {
        const out: SseDefault[] = [];
        (list("serverSideEncryptionConfigurations") ?? []).forEach((config, i) => {
            (list("rules", config) ?? []).forEach((rule, j) => {
                const path = `serverSideEncryptionConfigurations[${i}].rules[${j}].applyServerSideEncryptionByDefaults`;
                const defaults = list("applyServerSideEncryptionByDefaults", rule) ?? [];
                if (defaults.length === 0) {
                    ctx.violation(`${what} ${path} is empty; set sseAlgorithm "aws:kms".`);
                }
                defaults.forEach((d, k) => out.push({ path: `${path}[${k}]`, prefix: "", from: d }));
            });
        });
        return out;
    }
    const rules = list("rules");
    if (rules === undefined) {
        return undefined;
    }
    if (rules.length === 0) {
        ctx.violation(`${what} encryption configuration has no rules; add a rule with sseAlgorithm "aws:kms".`);
    }
    return rules.map((rule, i) => ({ path: `rules[${i}].applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule }));
}

export const s3BucketSseKms = resourcePolicy({
    name: "s3-bucket-sse-kms",
    description:
        "S3 bucket encryption configurations (and the deprecated inline form on the bucket) must use SSE-KMS with a " +
        "customer-managed key (where config requires KMS); " +
        "SSE-S3 (AES256) is allowed only for the buckets listed in `sseS3AllowedBuckets` (ALB access-log delivery supports " +
        "only SSE-S3).",
    summary: "S3 buckets use SSE-KMS with a customer-managed key; SSE-S3 only for listed buckets (ALB access logs)",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    anchors: [
        "NIST.800.53.R5-S3DefaultEncryptionKMS",
        "aws-s3-bucket-configure-server-side-encryption-customer-managed-key",
        "aws-s3-bucket-configure-server-side-encryption-kms",
        "aws-s3-bucket-enable-server-side-encryption",
    ],
    remediationSteps:
        "Set `rules[].applyServerSideEncryptionByDefault` to `{ sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key ARN> }` " +
        "and `bucketKeyEnabled: true`; for an ALB access-log bucket, name it to match `sseS3AllowedBuckets`.",
    resourceTypes: [...S3_SSE_CONFIG_TYPES, ...S3_BUCKET_TYPES],
    options: {
        requireKms: { type: "boolean", default: true, description: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than SSE-S3." },
        ...REQUIRE_CMK,
        sseS3AllowedBuckets: {
            type: "array",
            items: { type: "string" },
            default: ["*-access-logs-*"],
            description: "Bucket names (globs, * and ?) allowed to use SSE-S3 (AES256): the ALB access-log bucket.",
        },
    },
    validate: (ctx) => {
        if (!ctx.config.requireKms) {
            return;
        }
        const bucketRef = ctx.read("bucket");
        const bucketName = bucketRef.known && typeof bucketRef.value === "string" ? bucketRef.value : undefined;
        const what = `S3 bucket "${bucketName ?? ctx.name}"`;
        const defaults = sseDefaultsOf(ctx, what);
        for (const d of defaults ?? []) {
            const algorithm = ctx.read(`${d.prefix}sseAlgorithm`, d.from);
            if (!algorithm.known) {
                ctx.cannotVerify(`${d.path}.sseAlgorithm`);
                continue;
            }
            if (typeof algorithm.value === "string" && KMS_ALGORITHMS.has(algorithm.value)) {
                checkCmk(ctx, `${d.prefix}kmsMasterKeyId`, what, d.from);
                continue;
            }
            if (!bucketRef.known) {
                // The bucket's name decides whether SSE-S3 is allowed; it is computed.
                ctx.cannotVerify("bucket (the exemption for SSE-S3 depends on its name)");
                continue;
            }
            // The exemption is for the real bucket: when its name is known, only that name counts (a
            // configuration named "alb-access-logs-sse" must not exempt bucket "gov-data"). The Pulumi name
            // stands in only when no name is given (an auto-named bucket is named after its Pulumi name).
            const exempt = findGlobMatch(ctx.config.sseS3AllowedBuckets, [bucketName ?? ctx.name]);
            if (algorithm.value === "AES256" && exempt) {
                continue;
            }
            ctx.violation(`${what} uses sseAlgorithm ${JSON.stringify(algorithm.value ?? null)}; use "aws:kms" with a customer-managed KMS key.`);
        }
    },
});
