import * as assert from "node:assert/strict";

import { compact, prop, uuidV5 } from "../../tools/compliance/oscal";

describe("tools/compliance/oscal helpers", () => {
    it("uuidV5 is RFC 4122 version 5 (known answer: python.org in the DNS namespace)", () => {
        assert.equal(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assert.match(uuidV5("anything"), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("compact drops empty arrays and objects, which OSCAL's schema forbids", () => {
        assert.deepEqual(compact({ a: [], b: { c: [] }, d: [{ e: undefined, f: 1 }], g: "x" }), { d: [{ f: 1 }], g: "x" });
    });

    it("prop values are one line with no surrounding whitespace", () => {
        assert.deepEqual(prop("reason", "  two\nlines "), { name: "reason", value: "two lines", ns: "https://github.com/govstack/govstack/ns/oscal" });
        assert.equal(prop("empty", "").value, "(empty)");
    });
});
