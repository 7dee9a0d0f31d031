import * as assert from "node:assert/strict";

import { remediationLevelErrors } from "../../../policies/lib/pack-config";
import { resourcePolicy } from "../../../policies/lib/policy";

const base = { description: "Things must be fine.", summary: "Things fine", severity: "low", controls: ["CM-6"], remediationSteps: "Fix it.", resourceTypes: ["aws:x/t:T"], noVerdict: [] } as const;
const a = resourcePolicy({ ...base, name: "a", validate: () => undefined });
const b = resourcePolicy({ ...base, name: "b", validate: () => undefined, remediate: () => undefined });

// Levels, options and waivers are checked from what the pack serves (tests/policies/pack.test.ts,
// tests/plan/pack-config.test.ts); the pack's lib keeps only what GetAnalyzerInfo cannot say.
describe("lib/pack-config", () => {
    it("refuses \"remediate\" for a policy without a remediation, in either form, and accepts it for one with", () => {
        assert.deepEqual(remediationLevelErrors({ a: "remediate", b: "remediate" }, [a, b]), [
            '"a" is set to "remediate" but has no remediation; use "mandatory" or "advisory"',
        ]);
        assert.deepEqual(remediationLevelErrors({ a: { enforcementLevel: "remediate", waivers: [] } }, [a, b]), [
            '"a" is set to "remediate" but has no remediation; use "mandatory" or "advisory"',
        ]);
        assert.deepEqual(remediationLevelErrors({ a: "advisory", all: "remediate" }, [a, b]), []);
    });
});
