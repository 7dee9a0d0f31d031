// The required-tags family's shared judgement: which required tag keys a resource lacks, from its
// own tags or its provider's defaultTags (CM-8 inventory), and the option that lists the keys.

import { isUnknown, Malformed, ownValue, Read, ResourceContext, STRING, Tags, typed, Typed, typedProviderDefaultTags, typedTags } from "../../lib";

export const DEFAULT_REQUIRED_TAGS = ["Project", "Environment", "ManagedBy", "Compliance", "Owner"];

/** A tag counts when it has a value; a computed (unknown) value counts as set. */
function hasValue(tags: Tags, key: string): boolean {
    if (!tags.known) {
        return false;
    }
    const v = ownValue(tags.tags, key);
    return isUnknown(v) || (typeof v === "string" && v !== "");
}

export interface TagVerdict {
    readonly missing: string[];
    readonly own: Tags;
    readonly provider: Tags;
    /** A tags map that is not a map, or a required tag whose value is not a string: reported as "Cannot evaluate". */
    readonly malformed: readonly Malformed[];
}

function asKnown(t: Typed<Readonly<Record<string, unknown>>>): Tags {
    return t.kind === "ok" ? { known: true, tags: t.value ?? {} } : { known: false };
}

export function judgeTags(tags: Read, provider: { readonly props: unknown } | undefined, required: readonly string[]): TagVerdict {
    const ownTyped = typedTags(tags, "tags");
    const defaultsTyped = typedProviderDefaultTags(provider);
    const malformed: Malformed[] = [ownTyped, defaultsTyped].filter((t): t is Malformed => t.kind === "malformed");
    const own = asKnown(ownTyped);
    const defaults = asKnown(defaultsTyped);
    // A required tag's value is a string (AWS tag values are); anything else is malformed, not "set".
    for (const [tagSet, where] of [
        [own, "tags"],
        [defaults, "the provider's defaultTags.tags"],
    ] as const) {
        for (const key of required) {
            const t = tagSet.known ? typed(ownValue(tagSet.tags, key), STRING, `${where}.${key}`) : undefined;
            if (t?.kind === "malformed") {
                malformed.push(t);
            }
        }
    }
    return { missing: required.filter((k) => !hasValue(own, k) && !hasValue(defaults, k)), own, provider: defaults, malformed };
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
