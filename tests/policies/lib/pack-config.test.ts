import * as assert from "node:assert/strict";

import { configureEntries, validatePackConfig } from "../../../policies/lib/pack-config";
import { resourcePolicy } from "../../../policies/lib/policy";

const base = { description: "Things must be fine.", summary: "Things fine", severity: "low", controls: ["CM-6"], remediationSteps: "Fix it.", resourceTypes: ["aws:x/t:T"], noVerdict: [] } as const;
const a = resourcePolicy({ ...base, name: "a", options: { days: { type: "integer", default: 7, description: "d" } }, validate: () => undefined });
const b = resourcePolicy({ ...base, name: "b", enforcementLevel: "advisory", validate: () => undefined });

describe("lib/pack-config", () => {
    it("builds configure entries like the CLI: file level, then `all`, then the policy's default; options over schema defaults", () => {
        assert.deepEqual(configureEntries([a, b], { a: { days: 30 } }), {
            a: { enforcementLevel: "mandatory", properties: { waivers: [], days: 30 } },
            b: { enforcementLevel: "advisory", properties: { waivers: [] } },
        });
        assert.deepEqual(configureEntries([a, b], { all: "disabled", b: "mandatory" }), {
            a: { enforcementLevel: "disabled", properties: { waivers: [], days: 7 } },
            b: { enforcementLevel: "mandatory", properties: { waivers: [] } },
        });
    });

    it("rejects remediate for a policy without a remediation, and malformed waivers", () => {
        assert.deepEqual(validatePackConfig({ a: { enforcementLevel: "remediate", waivers: [{ resource: "x" }] } }, [a, b]), [
            'Policy pack config for "a": enforcementLevel "remediate" needs a policy with a remediation; "a" has none',
            'Invalid waiver config for policy "a": waivers[0].reason must be a non-empty string, got undefined',
            'Invalid waiver config for policy "a": waivers[0].approvedBy must be a non-empty string, got undefined',
            'Invalid waiver config for policy "a": waivers[0].expires must be a date as YYYY-MM-DD, got undefined',
        ]);
        assert.deepEqual(validatePackConfig([], [a]), ["Policy pack config must be an object of policy name → settings, got []"]);
    });
});
