// s3-bucket-sse-kms: S3 default encryption is SSE-KMS under a customer-managed key (SC-28/SC-28(1),
// SC-12), judged on encryption configurations and on the deprecated inline form on the bucket.
// SSE-S3 (AES256) is allowed only for the listed buckets: ALB access-log delivery supports nothing else.

import { findGlobMatch, ResourceContext, resourcePolicy, S3_BUCKET, S3_BUCKET_TYPES, S3_BUCKET_V2, S3_SSE_CONFIG_TYPES } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

const KMS_ALGORITHMS: ReadonlySet<string> = new Set(["aws:kms", "aws:kms:dsse"]);

/** One encryption default to judge: `${prefix}sseAlgorithm` / `${prefix}kmsMasterKeyId` read from `from`. */
interface SseDefault {
    readonly path: string;
    readonly prefix: string;
    readonly from: unknown;
    /** How messages name `from`. */
    readonly base: string;
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
    /** A list read relative to `from` (shown at `at`); unknown → "cannot verify <path>", malformed → reported; both undefined. */
    const list = (path: string, from?: unknown, at?: string): readonly unknown[] | undefined => {
        const r = ctx.readArray(path, { from, at, what: path });
        return r.ok ? (r.value ?? []) : undefined;
    };
    if (ctx.type === S3_BUCKET) {
        const path = "serverSideEncryptionConfiguration.rule";
        const rule = ctx.readObject(path);
        if (!rule.ok) {
            return undefined;
        }
        return rule.value === undefined
            ? []
            : [{ path: `${path}.applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule.value, base: path }];
    }
    if (ctx.type === S3_BUCKET_V2) {
        const out: SseDefault[] = [];
        (list("serverSideEncryptionConfigurations") ?? []).forEach((config, i) => {
            const configPath = `serverSideEncryptionConfigurations[${i}]`;
            (list("rules", config, configPath) ?? []).forEach((rule, j) => {
                const path = `${configPath}.rules[${j}].applyServerSideEncryptionByDefaults`;
                const defaults = list("applyServerSideEncryptionByDefaults", rule, `${configPath}.rules[${j}]`) ?? [];
                if (defaults.length === 0) {
                    ctx.violation(`${what} ${path} is empty; set sseAlgorithm "aws:kms".`);
                }
                defaults.forEach((d, k) => out.push({ path: `${path}[${k}]`, prefix: "", from: d, base: `${path}[${k}]` }));
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
    return rules.map((rule, i) => ({ path: `rules[${i}].applyServerSideEncryptionByDefault`, prefix: "applyServerSideEncryptionByDefault.", from: rule, base: `rules[${i}]` }));
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
    remediationSteps:
        "Set `rules[].applyServerSideEncryptionByDefault` to `{ sseAlgorithm: \"aws:kms\", kmsMasterKeyId: <key ARN> }` " +
        "and `bucketKeyEnabled: true`; for an ALB access-log bucket, name it to match `sseS3AllowedBuckets`.",
    resourceTypes: [...S3_SSE_CONFIG_TYPES, ...S3_BUCKET_TYPES],
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "requireKms is false (pack config)",
            why: "the stack's config accepts SSE-S3 everywhere; s3-bucket-encryption-configured still requires every bucket to declare its encryption",
        },
        {
            when: "a bucket declares no inline encryption (no serverSideEncryptionConfiguration on the bucket)",
            why: "its encryption is a separate configuration resource, judged on its own, or missing, which s3-bucket-encryption-configured reports",
        },
        {
            when: 'sseAlgorithm is "AES256" and the bucket\'s name matches sseS3AllowedBuckets',
            why: "ALB access-log delivery supports only SSE-S3; the exemption is matched against the real bucket name when it is known",
        },
    ],
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
        const bucketRef = ctx.readString("bucket", { quiet: true });
        if (!bucketRef.ok && !bucketRef.unknown) {
            return; // malformed: reported
        }
        const bucketName = bucketRef.ok ? bucketRef.value : undefined;
        const what = `S3 bucket "${bucketName ?? ctx.name}"`;
        const defaults = sseDefaultsOf(ctx, what);
        for (const d of defaults ?? []) {
            // Anything but the KMS algorithms (or an exempt AES256) is a violation, so a string is enough.
            const algorithm = ctx.readString(`${d.prefix}sseAlgorithm`, { from: d.from, at: d.base, what: `${d.path}.sseAlgorithm` });
            if (!algorithm.ok) {
                continue;
            }
            if (algorithm.value !== undefined && KMS_ALGORITHMS.has(algorithm.value)) {
                checkCmk(ctx, `${d.prefix}kmsMasterKeyId`, what, d.from, d.base);
                continue;
            }
            if (!bucketRef.ok) {
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
