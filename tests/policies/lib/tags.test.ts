import * as assert from "node:assert/strict";

import { asTags, providerDefaultTags } from "../../../policies/lib/tags";
import { read, UNKNOWN } from "../../../policies/lib/unknowns";

describe("lib/tags", () => {
    describe("asTags", () => {
        it("reads a tags object as it is", () => {
            assert.deepEqual(asTags(read({ tags: { Project: "govstack", Owner: UNKNOWN } }, "tags")), {
                known: true,
                tags: { Project: "govstack", Owner: UNKNOWN },
            });
        });
        it("parses a JSON-encoded tags map", () => {
            assert.deepEqual(asTags(read({ tags: JSON.stringify({ Project: "govstack" }) }, "tags")), { known: true, tags: { Project: "govstack" } });
        });
        it("reads a malformed string, an array, null or an absent value as no tags", () => {
            for (const tags of ["{not json", JSON.stringify(["Project"]), "42", null, undefined, 7]) {
                assert.deepEqual(asTags(read({ tags }, "tags")), { known: true, tags: {} }, `tags: ${String(tags)}`);
            }
        });
        it("says unknown for an unknown tags value", () => {
            assert.deepEqual(asTags(read({ tags: UNKNOWN }, "tags")), { known: false });
        });
    });

    describe("providerDefaultTags", () => {
        const defaults = { Environment: "prod", Owner: "platform" };
        it("reads defaultTags.tags as objects", () => {
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: { tags: defaults } } }), { known: true, tags: defaults });
        });
        it("reads defaultTags as a JSON string, and tags inside it as a JSON string", () => {
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: JSON.stringify({ tags: defaults }) } }), { known: true, tags: defaults });
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: { tags: JSON.stringify(defaults) } } }), { known: true, tags: defaults });
        });
        it("has no tags without a provider, without defaultTags or with malformed defaultTags", () => {
            assert.deepEqual(providerDefaultTags(undefined), { known: true, tags: {} });
            assert.deepEqual(providerDefaultTags({ props: {} }), { known: true, tags: {} });
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: "{not json" } }), { known: true, tags: {} });
        });
        it("says unknown when defaultTags or its tags are unknown", () => {
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: UNKNOWN } }), { known: false });
            assert.deepEqual(providerDefaultTags({ props: { defaultTags: { tags: UNKNOWN } } }), { known: false });
        });
    });
});
