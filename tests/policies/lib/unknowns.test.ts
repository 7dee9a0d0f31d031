import * as assert from "node:assert/strict";
import { createRequire } from "node:module";

import { containsUnknown, isUnknown, read, readArray, UNKNOWN, UNKNOWN_SENTINELS, unwrap } from "../../../policies/lib/unknowns";
import { serverProps } from "../helpers";

const proxy = createRequire(require.resolve("@pulumi/policy/package.json"))("./proxy") as Record<string, unknown>;

describe("lib/unknowns", () => {
    it("knows every sentinel @pulumi/policy uses", () => {
        const theirs = Object.entries(proxy)
            .filter(([k]) => /^unknown\w+Value$/.test(k))
            .map(([, v]) => v as string);
        assert.equal(theirs.length, 7);
        assert.deepEqual([...theirs].sort(), [...UNKNOWN_SENTINELS].sort());
        assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("reads through the server's throwing proxy without throwing", () => {
        const props = serverProps({ a: { b: UNKNOWN, c: [1, { d: true }] }, e: UNKNOWN });
        assert.throws(() => (props as { e: unknown }).e, /can't be known during preview/);
        assert.deepEqual(read(props, "a.b"), { known: false });
        assert.deepEqual(read(props, "e"), { known: false });
        assert.deepEqual(read(props, "e.x.y"), { known: false });
        assert.deepEqual(read(props, "a.c.1.d"), { known: true, value: true });
        assert.deepEqual(read(props, "a.missing.deeper"), { known: true, value: undefined });
        assert.deepEqual(read(props, ["a", "c", 0]), { known: true, value: 1 });
    });

    it("unwraps the proxy to the plain object", () => {
        const props = serverProps({ x: UNKNOWN });
        const plain = unwrap(props) as Record<string, unknown>;
        assert.equal(plain.x, UNKNOWN);
        assert.equal(unwrap(5), 5);
    });

    it("detects nested unknowns and reads arrays", () => {
        assert.equal(containsUnknown(serverProps({ a: [{ b: UNKNOWN }] })), true);
        assert.equal(containsUnknown({ a: [{ b: "x" }] }), false);
        assert.equal(isUnknown("1c4a061d-8072-4f0a-a4cb-0ff528b18fe7"), true);
        assert.equal(isUnknown("x"), false);
        assert.deepEqual(readArray({ a: ["x"] }, "a"), ["x"]);
        assert.deepEqual(readArray({}, "a"), []);
        assert.deepEqual(readArray({ a: "x" }, "a"), ["x"]);
        assert.equal(readArray({ a: UNKNOWN }, "a"), undefined);
    });
});
