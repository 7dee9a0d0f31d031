// The required-tags family's shared judgement: which required tag keys a resource lacks, from its
// own tags or its provider's defaultTags (CM-8 inventory), and the option that lists the keys.

import { asTags, isUnknown, providerDefaultTags, Read, ResourceContext, Tags } from "../../lib";

export const DEFAULT_REQUIRED_TAGS = ["Project", "Environment", "ManagedBy", "Compliance", "Owner"];

/** A tag counts when it has a value; a computed (unknown) value counts as set. */
function hasValue(tags: Tags, key: string): boolean {
    if (!tags.known) {
        return false;
    }
    const v = tags.tags[key];
    return isUnknown(v) || (v !== undefined && v !== null && v !== "");
}

export interface TagVerdict {
    readonly missing: string[];
    readonly own: Tags;
    readonly provider: Tags;
}

export function judgeTags(tags: Read, provider: { readonly props: unknown } | undefined, required: readonly string[]): TagVerdict {
    const own = asTags(tags);
    const defaults = providerDefaultTags(provider);
    return { missing: required.filter((k) => !hasValue(own, k) && !hasValue(defaults, k)), own, provider: defaults };
}

export function missingTags(ctx: Pick<ResourceContext<unknown>, "read" | "args">, required: readonly string[]): TagVerdict {
    return judgeTags(ctx.read("tags"), ctx.args.provider, required);
}

export function missingMessage(type: string, name: string, missing: readonly string[]): string {
    return `${type} "${name}" is missing required tag(s) ${missing.join(", ")}; set them in tags or the provider's defaultTags.`;
}

export const REQUIRED_TAGS_OPTION = {
    type: "array",
    items: { type: "string" },
    default: DEFAULT_REQUIRED_TAGS,
    description: "Tag keys every taggable resource must have (case-sensitive, as AWS tag keys are).",
} as const;
