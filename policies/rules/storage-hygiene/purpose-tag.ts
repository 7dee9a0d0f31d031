// A bucket's purpose tag (backup, log, audit …), read as AWS applies tags: the resource's own tag wins
// over the provider's defaultTags for the same key (as in tagsAll; an own tag that is null falls back).
// Shared by the rules that scope buckets by purpose (s3-backup-bucket-versioning, the data/log
// classification, s3-audit-bucket-object-lock), so a tag means the same thing to each; and the
// names such a rule matches its name patterns against.

import { ownValue, read, StackContext, StackResource, STRING, typedProviderDefaultTags, typedTags } from "../../lib";

/**
 * The tag's value (`undefined` when neither the bucket nor its provider sets it), "unknown" while a
 * tag map or the value is computed, or "malformed" when a tag map is not a map or the value is not a
 * string — already reported (mandatory, unwaivable); the caller decides which side that puts the
 * bucket on, never out of scope.
 */
export function purposeTag<C>(ctx: StackContext<C>, bucket: StackResource, key: string): { readonly value: string | undefined } | "unknown" | "malformed" {
    const own = ctx.settle(bucket, typedTags(read(bucket.props, "tags"), "tags"), { quiet: true });
    const defaults = ctx.settle(bucket, typedProviderDefaultTags(bucket.provider), { quiet: true });
    if ((!own.ok && !own.unknown) || (!defaults.ok && !defaults.unknown)) {
        return "malformed";
    }
    if (!own.ok || !defaults.ok) {
        return "unknown";
    }
    const ownTag = ownValue(own.value ?? {}, key);
    const fromOwn = ownTag !== undefined && ownTag !== null;
    const raw = fromOwn ? ownTag : ownValue(defaults.value ?? {}, key);
    const value = ctx.check(bucket, raw, STRING, fromOwn ? `tags.${key}` : `the provider's defaultTags.tags.${key}`, { quiet: true });
    if (!value.ok) {
        return value.unknown ? "unknown" : "malformed";
    }
    return { value: value.value };
}

/**
 * The names a bucket's purpose patterns are matched against: the resource name, and the bucket name
 * or bucketPrefix when set. `unknown` when one of those is computed (its name may still match); one
 * of the wrong type is reported (mandatory, unwaivable) and left out, so the tag still decides.
 */
export function bucketNames<C>(ctx: StackContext<C>, bucket: StackResource): { readonly names: readonly string[]; readonly unknown: boolean } {
    const names = [bucket.name];
    let unknown = false;
    for (const key of ["bucket", "bucketPrefix"]) {
        const v = ctx.readString(bucket, key, { quiet: true });
        if (!v.ok) {
            unknown ||= v.unknown;
        } else if (v.value !== undefined && v.value !== "") {
            names.push(v.value);
        }
    }
    return { names, unknown };
}
