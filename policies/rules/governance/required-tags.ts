// required-tags: every taggable AWS resource (the fixed list in taggable-types.ts) carries the
// required inventory tags, from its own tags or its provider's defaultTags (CM-8: the tags are the
// component inventory and name who answers for each resource). At enforcementLevel "remediate" it
// adds missing tags from the `tagValues` option.

import { resourcePolicy } from "../../lib";
import { missingMessage, missingTags, REQUIRED_TAGS_OPTION } from "./missing-tags";
import { TAGGABLE_TYPES } from "./taggable-types";

/** `Key=Value` entries of the tagValues option (entries without "=" are reported by validate). */
function tagValueMap(entries: readonly string[]): { values: Map<string, string>; invalid: string[] } {
    const values = new Map<string, string>();
    const invalid: string[] = [];
    for (const e of entries) {
        const i = e.indexOf("=");
        if (i <= 0) {
            invalid.push(e);
        } else {
            values.set(e.slice(0, i), e.slice(i + 1));
        }
    }
    return { values, invalid };
}

export const requiredTags = resourcePolicy({
    name: "required-tags",
    description:
        "Every taggable AWS resource must carry the required tags (Project, Environment, ManagedBy, Compliance, Owner by " +
        "default), from its own tags or the provider's defaultTags: the tags are the component inventory and tell who owns " +
        "and answers for each resource (CM-8). Set enforcementLevel \"remediate\" to add missing tags from `tagValues`.",
    summary: "Taggable AWS resources carry the required inventory tags (own tags or the provider's defaultTags)",
    severity: "low",
    controls: ["CM-8", "CM-2"],
    remediationSteps:
        "Set the tags in the stack's `aws:defaultTags` (every resource of the provider gets them) or on the resource's " +
        "`tags`; or run the policy at enforcementLevel \"remediate\" with `tagValues` to add them.",
    resourceTypes: TAGGABLE_TYPES as [string, ...string[]],
    noVerdict: [
        {
            when: "a required tag's value is unknown at preview",
            why: "a computed value is a value: the tag is set (its content is not judged)",
        },
    ],
    options: {
        requiredTags: REQUIRED_TAGS_OPTION,
        tagValues: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'For enforcementLevel "remediate": "Key=Value" entries added to resources that lack the key.',
        },
    },
    validate: (ctx) => {
        const { invalid } = tagValueMap(ctx.config.tagValues);
        if (invalid.length > 0) {
            ctx.violation(`Invalid config for policy "required-tags": option "tagValues" entries ${invalid.map((e) => JSON.stringify(e)).join(", ")} must be "Key=Value".`);
        }
        const { missing, own, provider, malformed } = missingTags(ctx, ctx.config.requiredTags);
        if (malformed.length > 0) {
            malformed.forEach((m) => ctx.settle(m));
            return;
        }
        if (missing.length === 0) {
            return;
        }
        if (!own.known || !provider.known) {
            ctx.cannotVerify(`the tags of "${ctx.name}" (or its provider's defaultTags)`);
            return;
        }
        ctx.violation(missingMessage(ctx.type, ctx.name, missing));
    },
    remediate: (ctx) => {
        const { missing, own, provider, malformed } = missingTags(ctx, ctx.config.requiredTags);
        if (malformed.length > 0 || missing.length === 0 || !own.known || !provider.known) {
            return undefined;
        }
        const { values } = tagValueMap(ctx.config.tagValues);
        const added = Object.fromEntries(missing.filter((k) => values.has(k)).map((k) => [k, values.get(k) as string]));
        return Object.keys(added).length === 0 ? undefined : ctx.update({ tags: { ...own.tags, ...added } });
    },
});
