// Units of the plan's config handling, in process: reading files (syntax errors with file:line:col),
// naming the file a settings mistake lives in, and wording what a served schema allows. The whole
// path (served info → configure request → refusal with exit 2) is pinned by pack.test.ts,
// fixture-plan.test.ts and error-contract.test.ts.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { readStackConfig, StackConfigError } from "../../tools/lib/stack-config";
import { checkAgainstSchema, describeSchema } from "../../tools/plan/config-schema";
import { isSettingsError } from "../../tools/plan/errors";
import { inSettingsFile } from "../../tools/plan/evaluate";
import { findJsonSyntaxError } from "../../tools/plan/json-syntax";
import { readPackConfig } from "../../tools/plan/pack-config";
import { fileWriter, suiteTempDir } from "./helpers";

describe("plan config handling (units)", () => {
    const dir = suiteTempDir("plan-config-units");
    const write = fileWriter(dir);

    it("readPackConfig: an empty file is no config (as the CLI reads it); a syntax error names file, line and column", () => {
        assert.deepStrictEqual(readPackConfig(write("empty.json", " \n")), {});
        const bad = write("bad.json", '{\n  "a": "advisory",\n  "b": mandatory\n}\n');
        assert.throws(() => readPackConfig(bad, "bad.json"), (e: Error) => isSettingsError(e) && /^bad\.json:3:8: invalid JSON: unexpected 'm'; a value is a string in double quotes/.test(e.message));
        assert.throws(
            () => readPackConfig(write("list.json", "[]"), "list.json"),
            (e: Error) => isSettingsError(e) && e.message.startsWith('list.json must be a JSON object mapping policy names (or "all")'),
        );
    });

    it("findJsonSyntaxError: the first mistake's line, column and a short reason; agrees with JSON.parse on what is valid", () => {
        assert.deepStrictEqual(findJsonSyntaxError('{"a": 1,\n}'), { line: 2, column: 1, message: "a trailing comma before }" });
        assert.deepStrictEqual(findJsonSyntaxError('{"a" 1}'), { line: 1, column: 6, message: "expected ':' after the key, found '1'" });
        assert.deepStrictEqual(findJsonSyntaxError('{\n  "a": "x\n}'), { line: 2, column: 10, message: 'a string cannot span lines (end it with " on the same line)' });
        assert.deepStrictEqual(findJsonSyntaxError("{'a': 1}"), { line: 1, column: 2, message: "expected a key in double quotes, found '''" });
        assert.strictEqual(findJsonSyntaxError('{"a": [1, -2.5e3, true, null, "\\u00e9"]}'), undefined);
        // Every one-character deletion or insertion in a real config file: the scanner finds an error
        // exactly when JSON.parse throws.
        const text = fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", "staging.json"), "utf8").slice(0, 400);
        let seed = 7;
        const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
        for (let k = 0; k < 300; k++) {
            const at = next(text.length);
            const mutated = k % 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + '{}[],:"x1 '[next(10)] + text.slice(at);
            let valid = true;
            try {
                JSON.parse(mutated);
            } catch {
                valid = false;
            }
            assert.strictEqual(findJsonSyntaxError(mutated) === undefined, valid, JSON.stringify(mutated));
        }
    });

    it("readStackConfig: YAML syntax and shape mistakes name the file; each key remembers the file that set it", () => {
        const root = path.join(dir, "project");
        write("project/Pulumi.yaml", "name: p\nruntime: nodejs\n");
        write("project/environments/dev.yaml", "values:\n  pulumiConfig:\n    p:fromEnv: 1\n    p:both: env\n");
        write("project/Pulumi.dev.yaml", "environment:\n  - org/dev\nconfig:\n  p:both: stack\n  p:own: 2\n");
        const config = readStackConfig("dev", root);
        assert.deepStrictEqual(config.values, { "p:fromEnv": 1, "p:both": "stack", "p:own": 2 });
        assert.deepStrictEqual(config.sources, { "p:fromEnv": path.join("environments", "dev.yaml"), "p:both": "Pulumi.dev.yaml", "p:own": "Pulumi.dev.yaml" });

        write("project/Pulumi.bad.yaml", "config:\n  p:a: 1\n   p:b: 2\n");
        assert.throws(() => readStackConfig("bad", root), (e: Error) => e instanceof StackConfigError && /Pulumi\.bad\.yaml:\d+:\d+: invalid YAML: /.test(e.message) && !e.message.includes("\n"));
        write("project/Pulumi.list.yaml", "config:\n  - p:a\n");
        assert.throws(() => readStackConfig("list", root), /Pulumi\.list\.yaml: "config" must be a mapping of key: value/);
    });

    it("inSettingsFile: a settings mistake names the file that set its first key (an ESC environment too), a missing key the stack file", () => {
        const config = {
            project: "p",
            stack: "dev",
            values: {},
            secretKeys: [],
            environments: ["org/dev"],
            sources: { "p:fromEnv": path.join("environments", "dev.yaml"), "p:own": "Pulumi.dev.yaml" },
        };
        class SettingsError extends Error {
            override name = "SettingsError";
        }
        const root = path.join(dir, "project");
        const fromEnv = inSettingsFile(new SettingsError('Invalid setting "p:fromEnv.x": 1 must be a string'), config, root) as Error;
        assert.ok(isSettingsError(fromEnv));
        assert.strictEqual(fromEnv.message, `${path.join(root, "environments", "dev.yaml")}: Invalid setting "p:fromEnv.x": 1 must be a string`);
        assert.ok(fromEnv.cause instanceof SettingsError, "the original error is kept for PLAN_DEBUG");
        const missing = inSettingsFile(new SettingsError('Missing setting "p:accountId": must be …'), config, root) as Error;
        assert.strictEqual(missing.message, `${path.join(root, "Pulumi.dev.yaml")}: Missing setting "p:accountId": must be …`);
        const bug = new TypeError("x is undefined");
        assert.strictEqual(inSettingsFile(bug, config, root), bug);
    });

    it("describeSchema words what a served option schema allows", () => {
        assert.strictEqual(describeSchema({ type: "boolean" }), "true or false");
        assert.strictEqual(describeSchema({ type: "integer", minimum: 1 }), "an integer ≥ 1");
        assert.strictEqual(describeSchema({ type: "number", maximum: 9 }), "a number ≤ 9");
        assert.strictEqual(describeSchema({ type: "string", enum: ["a", "b"] }), 'one of "a", "b"');
        assert.strictEqual(describeSchema({ type: "array", items: { type: "integer", minimum: 1, maximum: 65535 } }), "a list, each item an integer from 1 to 65535");
        assert.strictEqual(describeSchema({ type: "object", required: ["resource", "reason"] }), "an object with resource, reason");
    });

    it("checkAgainstSchema reports each value once, with the key path and what is allowed", () => {
        const schema = {
            type: "object",
            properties: { ports: { type: "array", items: { type: "integer", minimum: 1 } }, mode: { type: "string", enum: ["x", "y"] } },
            required: ["mode"],
        };
        assert.deepStrictEqual(checkAgainstSchema(schema, { mode: "x", ports: [80] }), []);
        const problems = checkAgainstSchema(schema, { ports: [80, 0, "443"] }, ["policy"]);
        assert.ok(!(problems instanceof Error));
        assert.deepStrictEqual(
            problems.map((p) => p.message),
            [
                '"policy.ports[1]" is 0; expected an integer ≥ 1',
                '"policy.ports[2]" is "443"; expected an integer ≥ 1',
                '"policy.mode" is missing; expected one of "x", "y"',
            ],
        );
        assert.ok(checkAgainstSchema({ type: "object", not: { type: "string" } }, {}) instanceof Error, "a schema zod cannot read is said, not guessed");
    });
});
