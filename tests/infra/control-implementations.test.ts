import * as assert from "assert";

import { CONTROL_IMPLEMENTATIONS } from "../../infra/control-implementations";
import { FEDRAMP_MODERATE_CONTROLS } from "../../policies/fedramp-moderate";
import { Evaluation } from "../../tools/lib/evaluate";
import { settingValue } from "../../tools/compliance/matrix";
import { readStackConfig } from "../../tools/lib/stack-config";
import { evaluated } from "./harness";

const STACKS = ["staging", "prod"] as const;

/** The component type tokens a stack declares (the project's own components, `govstack:<area>:<Name>`). */
function componentTypes(ev: Evaluation): Set<string> {
    return new Set(ev.mocks.resources.filter((r) => !r.custom && r.type.startsWith("govstack:")).map((r) => r.type));
}

describe("infra/control-implementations: component → control metadata", () => {
    const declared = new Map<string, Set<string>>();
    before(async () => {
        for (const stack of STACKS) {
            declared.set(stack, componentTypes(await evaluated(stack)));
        }
    });

    it("has an entry for every component either stack declares", () => {
        const all = new Set(STACKS.flatMap((s) => [...(declared.get(s) ?? [])]));
        const missing = [...all].filter((t) => !(t in CONTROL_IMPLEMENTATIONS));
        assert.deepStrictEqual(missing, [], "add these component type tokens to infra/control-implementations.ts");
    });

    it("names no type token that no component of either stack has (stale entries)", () => {
        const stale = Object.keys(CONTROL_IMPLEMENTATIONS).filter((t) => !STACKS.some((s) => declared.get(s)?.has(t)));
        assert.deepStrictEqual(stale, [], "these entries match no component any more: rename or remove them");
    });

    it("cites only FedRAMP rev5 Moderate controls, each once, with a one-line how", () => {
        const baseline = new Set<string>(FEDRAMP_MODERATE_CONTROLS);
        for (const [token, entry] of Object.entries(CONTROL_IMPLEMENTATIONS)) {
            assert.match(token, /^govstack:[a-z-]+:[A-Z][A-Za-z]+$/);
            assert.ok(entry.controls.length > 0, `${token} implements no control`);
            assert.strictEqual(new Set(entry.controls).size, entry.controls.length, `${token} lists a control twice`);
            const conditional = (entry.when ?? []).flatMap((w) => w.controls);
            for (const c of [...entry.controls, ...Object.values(entry.settings ?? {}).flat(), ...conditional]) {
                assert.ok(baseline.has(c), `${token} cites ${c}, which the baseline does not select`);
            }
            assert.ok(entry.how.trim() !== "" && !entry.how.includes("\n") && entry.how.length <= 300, `${token}: how must be one line`);
            assert.ok(entry.title.trim() !== "", token);
        }
    });

    it("names only settings that a stack file sets", () => {
        const values = STACKS.map((s) => readStackConfig(s).values);
        for (const [token, entry] of Object.entries(CONTROL_IMPLEMENTATIONS)) {
            for (const key of [...Object.keys(entry.settings ?? {}), ...(entry.when ?? []).map((w) => w.setting)]) {
                assert.ok(values.some((v) => settingValue(v, key) !== undefined), `${token} cites setting ${key}, which no Pulumi.<stack>.yaml sets`);
            }
        }
    });
});
