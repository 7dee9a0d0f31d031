// required-tags-other-types: any other aws:* resource whose inputs carry a `tags` key (a type
// outside required-tags' fixed list) must carry the required tags too (CM-8). A stack policy, so
// it needs no type list: one pass over the stack's resources.

import { stackPolicy } from "../../lib";
import { judgeTags, missingMessage, REQUIRED_TAGS_OPTION } from "./missing-tags";
import { TAGGABLE_TYPES } from "./taggable-types";

const TAGGABLE_SET: ReadonlySet<string> = new Set(TAGGABLE_TYPES);

export const requiredTagsOtherTypes = stackPolicy({
    name: "required-tags-other-types",
    description:
        "Any other AWS resource whose inputs carry a `tags` key (a type outside required-tags' list) must have the required " +
        "tags too, from its own tags or its provider's defaultTags (CM-8). Judged once per stack, so it needs no type list.",
    summary: "Other AWS resources whose inputs carry tags have the required inventory tags too",
    severity: "low",
    controls: ["CM-8", "CM-2"],
    remediationSteps: "Set the tags in the stack's `aws:defaultTags` or on the resource's `tags`.",
    resourceTypes: ["aws:*"],
    noVerdict: [
        {
            when: "a resource's inputs have no `tags` key, or its type is in required-tags' list",
            why: "a type whose inputs carry no tags cannot be tagged by the program (its inventory is the tagged parent); listed types are judged by required-tags",
        },
        {
            when: "a required tag's value is unknown at preview",
            why: "a computed value is a value: the tag is set (its content is not judged)",
        },
    ],
    options: { requiredTags: REQUIRED_TAGS_OPTION },
    validate: (ctx) => {
        for (const r of ctx.resources) {
            if (!r.type.startsWith("aws:") || TAGGABLE_SET.has(r.type) || !Object.prototype.hasOwnProperty.call(r.props, "tags")) {
                continue;
            }
            const { missing, own, provider, malformed } = judgeTags(ctx.read(r.props, "tags"), r.provider, ctx.config.requiredTags);
            if (malformed.length > 0) {
                malformed.forEach((m) => ctx.settle(r, m));
                continue;
            }
            if (missing.length === 0) {
                continue;
            }
            if (!own.known || !provider.known) {
                ctx.cannotVerify(r, `the tags of "${r.name}" (or its provider's defaultTags)`);
            } else {
                ctx.violation(r, missingMessage(r.type, r.name, missing));
            }
        }
    },
});
