// Reading tag maps for tag-based rules (CM-8 inventory tags, AWS Backup tag selections). Provider
// inputs arrive JSON-encoded over the analyzer protocol, so a tags map (and a provider's
// `defaultTags`) may be an object or a JSON string.

import { parseJson } from "./json";
import { read, Read, UNKNOWN } from "./unknowns";

/** A tags map as read: known (possibly empty) or not known yet (preview). */
export type Tags = { readonly known: true; readonly tags: Readonly<Record<string, unknown>> } | { readonly known: false };

/** No tags: an absent, malformed or non-object tags value. */
export const NO_TAGS: Tags = { known: true, tags: {} };

/**
 * A tags map that may arrive as an object or a JSON string, or as the list of `{ key, value }`
 * blocks an Auto Scaling group takes (`tags: [{ key, value, propagateAtLaunch }]`); anything else
 * reads as no tags.
 */
export function asTags(value: Read): Tags {
    if (!value.known) {
        return { known: false };
    }
    let v = value.value;
    if (typeof v === "string") {
        const parsed = parseJson(v);
        v = parsed.ok ? parsed.value : undefined;
    }
    if (Array.isArray(v)) {
        const tags: Record<string, unknown> = {};
        for (const block of v) {
            const key = read(block, "key");
            if (!key.known) {
                return { known: false };
            }
            if (typeof key.value === "string") {
                const val = read(block, "value");
                tags[key.value] = val.known ? val.value : UNKNOWN; // a computed value counts as set
            }
        }
        return { known: true, tags };
    }
    return v !== null && typeof v === "object" ? { known: true, tags: v as Record<string, unknown> } : NO_TAGS;
}

/** The provider's `defaultTags.tags` (defaultTags itself may be a JSON string); no provider, no tags. */
export function providerDefaultTags(provider: { readonly props: unknown } | undefined): Tags {
    if (!provider) {
        return NO_TAGS;
    }
    const defaults = asTags(read(provider.props, "defaultTags"));
    return defaults.known ? asTags(read(defaults.tags, "tags")) : defaults;
}
