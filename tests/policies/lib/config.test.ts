import * as assert from "node:assert/strict";

import { buildConfigSchema, checkValue, resolveConfig } from "../../../policies/lib/config";

const options = {
    requireCmk: { type: "boolean", default: true, description: "d" },
    ports: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [5432], description: "d" },
    mode: { type: "string", enum: ["a", "b"], default: "a", description: "d" },
    days: { type: "integer", minimum: 1, default: 7, description: "d" },
} as const;

describe("lib/config", () => {
    it("merges defaults and keeps waivers", () => {
        const r = resolveConfig("p", options, { ports: [3306], waivers: [] });
        assert.ok(r.ok);
        assert.deepEqual(r.config, { requireCmk: true, ports: [3306], mode: "a", days: 7, waivers: [] });
    });

    it("names the policy, option, bad value and what is allowed", () => {
        const r = resolveConfig("p", options, { ports: ["x"], mode: "c", days: 0, bogus: 1 });
        assert.ok(!r.ok);
        assert.deepEqual(r.errors, [
            'Invalid config for policy "p": option "ports" expected an array of integers, got ["x"]',
            'Invalid config for policy "p": option "mode" expected one of "a", "b", got "c"',
            'Invalid config for policy "p": option "days" expected an integer ≥ 1, got 0',
            'Invalid config for policy "p": unknown option "bogus"; allowed: waivers, requireCmk, ports, mode, days',
        ]);
    });

    it("builds a JSON schema with waivers and rejects reserved names and bad defaults", () => {
        const schema = buildConfigSchema("p", options);
        assert.deepEqual(Object.keys(schema.properties), ["waivers", "requireCmk", "ports", "mode", "days"]);
        assert.equal(schema.properties.ports.default instanceof Array, true);
        assert.throws(() => buildConfigSchema("p", { waivers: { type: "boolean", default: true, description: "" } }), /reserved option "waivers"/);
        assert.throws(() => buildConfigSchema("p", { n: { type: "integer", default: 1.5, description: "" } }), /invalid default/);
        assert.equal(checkValue({ type: "boolean", default: true, description: "" }, "true"), 'expected a boolean, got "true"');
    });
});
