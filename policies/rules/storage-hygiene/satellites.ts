// A bucket's separate configuration resources (BucketLogging, BucketVersioning, lifecycle,
// ownership controls …) point at the bucket by name; this ties each one to its bucket by value, or
// by property dependency when the name is unknown at preview, and combines what they say about
// each bucket. Shared by the bucket-configuration policies of this area.

import { S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, StackContext, StackResource } from "../../lib";
import { Verdict } from "./verdict";

export interface SatelliteVerdicts {
    /** Per bucket URN, the verdict of each configuration resource tied to it. */
    readonly byBucket: ReadonlyMap<string, readonly Verdict[]>;
    /** Configuration resources whose bucket could not be tied to a bucket of this stack. */
    readonly unresolved: number;
}

/** Judges every resource of `types` and ties its verdict to the bucket(s) its `prop` names. */
export function satelliteVerdicts<C>(
    ctx: StackContext<C>,
    types: readonly string[],
    judge: (r: StackResource) => Verdict,
    prop = "bucket",
): SatelliteVerdicts {
    const byBucket = new Map<string, Verdict[]>();
    let unresolved = 0;
    for (const r of ctx.ofType(...types)) {
        const refs = ctx.resolveRefs(r, prop, S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
        unresolved += refs.unresolved;
        const verdict = judge(r);
        refs.resources.forEach((b) => byBucket.set(b.urn, [...(byBucket.get(b.urn) ?? []), verdict]));
    }
    return { byBucket, unresolved };
}

/**
 * One bucket-level setting several resources may set: AWS keeps one value per bucket and the last
 * apply wins, so any "no" wins, then any "unknown"; `undefined` when no resource sets it.
 */
export function lastApplyWins(verdicts: readonly Verdict[] | undefined): Verdict | undefined {
    if (!verdicts || verdicts.length === 0) {
        return undefined;
    }
    return verdicts.includes("no") ? "no" : verdicts.includes("unknown") ? "unknown" : "yes";
}

/** Reports one bucket's final verdict: nothing for "yes", cannot-verify when unknown or a tie is unresolved. */
export function reportBucket<C>(
    ctx: StackContext<C>,
    bucket: StackResource,
    verdict: Verdict,
    unresolved: number,
    what: string,
    message: string,
): void {
    if (verdict === "yes") {
        return;
    }
    if (verdict === "unknown" || unresolved > 0) {
        ctx.cannotVerify(bucket, what);
    } else {
        ctx.violation(bucket, message);
    }
}

/**
 * A bucket's deprecated inline block, in either spelling: aws.s3.Bucket's object (`versioning`,
 * `logging`) or aws.s3.BucketV2's list (`versionings`, `loggings`, one element). `judge` gives the
 * verdict of one block; any "yes" wins, then any "unknown" (an unknown block or list), else "no"
 * (absent, or malformed — reported by the typed reads, enabling nothing).
 */
export function inlineBlock<C>(ctx: StackContext<C>, bucket: StackResource, single: string, list: string, judge: (path: string) => Verdict): Verdict {
    const verdicts: Verdict[] = [];
    const one = ctx.readObject(bucket, single, { quiet: true });
    if (!one.ok) {
        verdicts.push(one.unknown ? "unknown" : "no");
    } else if (one.value !== undefined) {
        verdicts.push(judge(single));
    }
    const many = ctx.readArray(bucket, list, { quiet: true });
    if (!many.ok) {
        verdicts.push(many.unknown ? "unknown" : "no");
    } else {
        (many.value ?? []).forEach((_, i) => verdicts.push(judge(`${list}.${i}`)));
    }
    return verdicts.includes("yes") ? "yes" : verdicts.includes("unknown") ? "unknown" : "no";
}

/** The inline versioning of a bucket (`versioning.enabled`, or BucketV2's `versionings[].enabled`). */
export function inlineVersioning<C>(ctx: StackContext<C>, bucket: StackResource): Verdict {
    return inlineBlock(ctx, bucket, "versioning", "versionings", (path) => {
        const on = ctx.readBoolean(bucket, `${path}.enabled`, { quiet: true });
        return !on.ok ? (on.unknown ? "unknown" : "no") : on.value === true ? "yes" : "no";
    });
}
