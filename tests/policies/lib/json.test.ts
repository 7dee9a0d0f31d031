import * as assert from "node:assert/strict";

import { parseJson, readJsonDocument } from "../../../policies/lib/json";
import { UNKNOWN } from "../../../policies/lib/unknowns";

describe("lib/json", () => {
    it("parses once per text and returns the same frozen value", () => {
        const text = JSON.stringify([{ name: "app", image: "x" }]);
        const a = parseJson(text);
        const b = parseJson(text);
        assert.ok(a.ok && b.ok);
        assert.equal(a, b);
        assert.ok(Object.isFrozen(a.value) && Object.isFrozen((a.value as object[])[0]));
    });

    it("never throws on bad JSON, passes objects through, and says unknown for unknowns", () => {
        const bad = parseJson("{not json");
        assert.equal(bad.ok, false);
        assert.deepEqual(readJsonDocument({ a: 1 }), { ok: true, value: { a: 1 } });
        assert.equal(readJsonDocument(UNKNOWN), undefined);
    });
});
