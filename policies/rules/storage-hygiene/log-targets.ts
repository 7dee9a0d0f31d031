// Which buckets of a stack receive its server access logs, however the logging is declared: an
// aws.s3.BucketLogging(V2)'s `targetBucket` (tied by bucket name, or by property dependency when
// computed), or a bucket's deprecated inline block — aws.s3.Bucket `logging.targetBucket`,
// aws.s3.BucketV2 `loggings[].targetBucket` (tied by bucket name, or by the block's property
// dependencies when computed). One answer for s3-bucket-access-logging (the target is exempt: it
// would log its own log writes) and for the data-bucket classification (the target holds logs).

import { S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, StackContext, StackResource } from "../../lib";
import { S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2 } from "./resource-types";

export const LOGGING_TYPES = [S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2] as const;

export interface LogTargets {
    /** URNs of this stack's buckets that some server access logging writes to. */
    readonly buckets: ReadonlySet<string>;
    /**
     * BucketLogging targets that could not be tied to a bucket of this stack (computed without a
     * dependency, or a name no bucket here has): any of them might be a given bucket.
     */
    readonly unresolved: number;
}

/**
 * The access-log buckets among `buckets`. A `targetBucket` that is not a string is reported (the
 * unwaivable "Cannot evaluate") and names no bucket; an empty one names no bucket either — it is a
 * known value that logs nowhere, not an unresolved reference (S3 rejects it; the pack reads an empty
 * required name as unset, e.g. alb-access-logs-enabled's bucket).
 */
export function accessLogTargets<C>(ctx: StackContext<C>, buckets: readonly StackResource[]): LogTargets {
    const targets = new Set<string>();
    let unresolved = 0;
    for (const l of ctx.ofType(...LOGGING_TYPES)) {
        const target = ctx.readString(l, "targetBucket", { quiet: true });
        if (target.ok ? target.value === undefined || target.value === "" : !target.unknown) {
            continue;
        }
        const refs = ctx.resolveRefs(l, "targetBucket", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
        refs.resources.forEach((b) => targets.add(b.urn));
        unresolved += refs.unresolved;
    }
    const byName = new Map<string, string>();
    for (const b of buckets) {
        const name = ctx.readString(b, "bucket", { quiet: true });
        if (name.ok && name.value !== undefined && name.value !== "") {
            byName.set(name.value, b.urn);
        }
    }
    const bucketUrns = new Set(buckets.map((b) => b.urn));
    for (const b of buckets) {
        for (const [block, path] of inlineTargetPaths(ctx, b)) {
            const target = ctx.readString(b, path, { quiet: true });
            if (target.ok && target.value !== undefined) {
                const urn = byName.get(target.value);
                if (urn !== undefined) {
                    targets.add(urn);
                }
            } else if (!target.ok && target.unknown) {
                (b.propertyDependencies[block] ?? []).filter((u) => bucketUrns.has(u)).forEach((u) => targets.add(u));
            }
        }
    }
    return { buckets: targets, unresolved };
}

/** The inline target paths of a bucket: Bucket `logging.targetBucket`, each BucketV2 `loggings[i].targetBucket`. */
function inlineTargetPaths<C>(ctx: StackContext<C>, bucket: StackResource): [block: string, path: string][] {
    const paths: [string, string][] = [["logging", "logging.targetBucket"]];
    const list = ctx.readArray(bucket, "loggings", { quiet: true });
    if (list.ok) {
        (list.value ?? []).forEach((_, i) => paths.push(["loggings", `loggings.${i}.targetBucket`]));
    } else if (list.unknown) {
        paths.push(["loggings", "loggings"]); // the whole list computed: tied by its dependencies
    }
    return paths;
}
