// s3-bucket-public-access-block-present: a bucket without a public access block (and no
// account-level one with all four flags) can be made public by one mistaken ACL or policy
// (AC-3, AC-21, SC-7). Blocks are linked to buckets by the explicit bucket name (known at preview)
// or, failing that, by the engine's property dependencies.

import { S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, StackContext, stackPolicy } from "../../lib";
import { judgeFlags } from "./public-access-block";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET_PUBLIC_ACCESS_BLOCK } from "./resource-types";

/** The buckets resources of `linkTypes` refer to (by `bucket`), and how many references could not be resolved. */
function linkedBuckets(ctx: StackContext<unknown>, linkTypes: readonly string[]): { linked: Set<string>; unresolved: number } {
    const linked = new Set<string>();
    let unresolved = 0;
    for (const link of ctx.ofType(...linkTypes)) {
        const refs = ctx.resolveRefs(link, "bucket", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
        refs.resources.forEach((b) => linked.add(b.urn));
        unresolved += refs.unresolved;
    }
    return { linked, unresolved };
}

export const s3BucketPublicAccessBlockPresent = stackPolicy({
    name: "s3-bucket-public-access-block-present",
    description:
        "Every S3 bucket must have a public access block (or the stack an account-level one with all four flags), so a " +
        "mistaken ACL or policy can never make it public (AC-3, AC-21).",
    summary: "Every S3 bucket has a public access block, or the account one with all four flags",
    severity: "high",
    controls: ["AC-3", "AC-21", "SC-7"],
    remediationSteps: "Add an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true.",
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_PUBLIC_ACCESS_BLOCK, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
    noVerdict: [
        {
            when: "the stack declares an account-level public access block with all four flags true",
            why: "it blocks public ACLs and policies on every bucket of the account, which is what a bucket's own block would do",
        },
    ],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        // An account-level block with all four flags covers every bucket; a malformed one is reported and covers none.
        const accountVerdicts = ctx.ofType(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK).map((a) => ({ a, verdict: judgeFlags(a.props) }));
        for (const { a, verdict } of accountVerdicts) {
            if (verdict.kind === "malformed") {
                verdict.malformed.forEach((m) => ctx.settle(a, m));
            }
        }
        if (accountVerdicts.some((v) => v.verdict.kind === "ok")) {
            return;
        }
        const { linked, unresolved } = linkedBuckets(ctx, [S3_BUCKET_PUBLIC_ACCESS_BLOCK]);
        for (const bucket of buckets) {
            if (linked.has(bucket.urn)) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(bucket, "which bucket each public access block applies to");
            } else {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has no public access block; add an aws.s3.BucketPublicAccessBlock with all four flags true.`);
            }
        }
    },
});
