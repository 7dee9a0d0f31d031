// Reading tag maps for tag-based rules (CM-8 inventory tags, AWS Backup tag selections). Provider
// inputs arrive JSON-encoded over the analyzer protocol, so a tags map (and a provider's
// `defaultTags`) may be an object or a JSON string.

import { describeValue, OBJECT, STRING, Typed, typed } from "./guards";
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

/**
 * A tags map typed for a rule: an object, a JSON string of one (provider inputs arrive JSON-encoded),
 * or an Auto Scaling group's list of `{ key, value }` blocks; unknown; or malformed — any other value,
 * JSON that is not an object, a block whose key is not a string (`at` names it). Unlike asTags, a
 * malformed map is not read as "no tags".
 */
export function typedTags(value: Read, at: string): Typed<Readonly<Record<string, unknown>>> {
    if (!value.known) {
        return { kind: "unknown" };
    }
    let v = value.value;
    if (v === "") {
        return { kind: "ok", value: undefined };
    }
    if (typeof v === "string") {
        const parsed = parseJson(v);
        if (!parsed.ok) {
            return { kind: "malformed", path: at, got: describeValue(v), expected: "an object (or its JSON text)" };
        }
        v = parsed.value;
    }
    if (Array.isArray(v)) {
        const tags: Record<string, unknown> = {};
        for (const [i, block] of v.entries()) {
            const keyRead = read(block, "key");
            const key = typed(keyRead.known ? keyRead.value : UNKNOWN, STRING, `${at}[${i}].key`);
            if (key.kind !== "ok") {
                return key.kind === "unknown" ? { kind: "unknown" } : key;
            }
            if (key.value !== undefined) {
                const val = read(block, "value");
                tags[key.value] = val.known ? val.value : UNKNOWN; // a computed value counts as set
            }
        }
        return { kind: "ok", value: tags };
    }
    return typed(v, OBJECT, at);
}

/** The provider's `defaultTags.tags`, typed (see typedTags); no provider or no defaultTags, no tags. */
export function typedProviderDefaultTags(provider: { readonly props: unknown } | undefined): Typed<Readonly<Record<string, unknown>>> {
    if (!provider) {
        return { kind: "ok", value: {} };
    }
    const defaults = typedTags(read(provider.props, "defaultTags"), "the provider's defaultTags");
    if (defaults.kind !== "ok") {
        return defaults;
    }
    const tags = typedTags(read(defaults.value ?? {}, "tags"), "the provider's defaultTags.tags");
    return tags.kind === "ok" ? { kind: "ok", value: tags.value ?? {} } : tags;
}
