// s3-bucket-tls-only-policy: nothing is read or written over plain HTTP when every bucket's policy
// denies s3:* on aws:SecureTransport false (SC-8, SC-8(1), AC-17(2)). AWS keeps one policy per
// bucket and the last writer wins, so every document that sets it must carry the deny. Policies are
// linked to buckets by the explicit bucket name (known at preview) or, failing that, by the
// engine's property dependencies.

import { Checked, ownValue, S3_BUCKET_POLICY, S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, stackPolicy, StackResource } from "../../lib";
import { hasTlsDeny, TlsVerdict } from "./tls-deny";

/** A policy document that sets a bucket's policy, and the resource that holds it. */
interface Doc {
    readonly policy: unknown;
    readonly attachedTo: Checked<string>;
    readonly holder: StackResource;
}

/** The bucket's physical name when known (its `bucket`, else the name a policy attaches to). */
function knownName(...values: Checked<string>[]): string | undefined {
    for (const v of values) {
        if (v.ok && v.value !== undefined && v.value !== "") {
            return v.value;
        }
    }
    return undefined;
}

export const s3BucketTlsOnlyPolicy = stackPolicy({
    name: "s3-bucket-tls-only-policy",
    description:
        "Every S3 bucket must have a bucket policy that denies all S3 actions to everyone when aws:SecureTransport is " +
        "false, with no other condition and on Resources covering the bucket and all its objects, so nothing is ever " +
        "read or written over plain HTTP (SC-8, SC-8(1)). A bucket has one policy: when several resources set it, every " +
        "one must carry the deny.",
    summary: "Every S3 bucket's policy denies all S3 actions when aws:SecureTransport is false, on the bucket and its objects",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "AC-17(2)"],
    remediationSteps:
        'Add to the bucket policy: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], ' +
        'Condition: { Bool: { "aws:SecureTransport": "false" } } } (no other condition in that statement).',
    resourceTypes: [...S3_BUCKET_TYPES, S3_BUCKET_POLICY],
    noVerdict: [],
    validate: (ctx) => {
        const buckets = ctx.ofType(...S3_BUCKET_TYPES);
        if (buckets.length === 0) {
            return;
        }
        // Every policy document that sets each bucket's policy (the deprecated inline `policy`
        // counts too). AWS keeps one policy per bucket, so the last writer wins: all must qualify.
        const docs = new Map<string, Doc[]>();
        let unresolved = 0;
        for (const bp of ctx.ofType(S3_BUCKET_POLICY)) {
            const refs = ctx.resolveRefs(bp, "bucket", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
            unresolved += refs.unresolved;
            const entry: Doc = { policy: ownValue(bp.props, "policy"), attachedTo: ctx.readString(bp, "bucket", { quiet: true }), holder: bp };
            refs.resources.forEach((b) => docs.set(b.urn, [...(docs.get(b.urn) ?? []), entry]));
        }
        for (const bucket of buckets) {
            const own = ctx.readString(bucket, "bucket", { quiet: true });
            const found = [...(docs.get(bucket.urn) ?? [])];
            const inline = ctx.read(bucket.props, "policy");
            const verdicts: Exclude<TlsVerdict, { kind: "malformed" }>[] = [];
            if (!inline.known) {
                verdicts.push({ kind: "unknown" });
            } else if (inline.value !== undefined && inline.value !== null && inline.value !== "") {
                found.push({ policy: inline.value, attachedTo: own, holder: bucket });
            }
            for (const d of found) {
                const v = hasTlsDeny(d.policy, knownName(own, d.attachedTo));
                if (v.kind === "malformed") {
                    // Reported against the resource that holds the document; the bucket is not protected by it.
                    ctx.settle(d.holder, v.malformed);
                    verdicts.push({ kind: "no" });
                } else {
                    verdicts.push(v);
                }
            }
            // A "no" wins (that document may be the one AWS keeps), then an "unknown".
            const verdict = verdicts.find((v) => v.kind === "no") ?? verdicts.find((v) => v.kind === "unknown") ?? verdicts[0];
            if (verdict?.kind === "yes") {
                continue;
            }
            if (verdict?.kind === "unknown" || (verdict === undefined && unresolved > 0)) {
                ctx.cannotVerify(bucket, `the bucket policy of S3 bucket "${bucket.name}"`);
            } else if (verdict === undefined) {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has no bucket policy; add one that denies s3:* when aws:SecureTransport is false.`);
            } else if (verdict.why === undefined) {
                ctx.violation(bucket, `S3 bucket "${bucket.name}" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.`);
            } else {
                ctx.violation(
                    bucket,
                    `S3 bucket "${bucket.name}" has a bucket policy whose TLS-only deny ${verdict.why}; deny s3:* to Principal "*" on ` +
                        "the bucket ARN and <bucket ARN>/* when aws:SecureTransport is false, with no other condition.",
                );
            }
        }
    },
});
