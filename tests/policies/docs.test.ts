import * as assert from "node:assert/strict";
import * as fs from "node:fs";

import { allPolicies } from "../../policies/rules";
import { DOCS_PATH, renderPolicyDocs } from "../../tools/policy-docs";

describe("docs/policies.md", () => {
    it("is current with the policy list", () => {
        assert.ok(fs.existsSync(DOCS_PATH), "docs/policies.md is missing: run `npm run docs:policies` and commit it");
        const current = fs.readFileSync(DOCS_PATH, "utf8");
        if (current !== renderPolicyDocs()) {
            assert.fail("docs/policies.md is stale: run `npm run docs:policies` and commit the result");
        }
    });

    it("documents every policy with its controls and default enforcement", () => {
        const text = renderPolicyDocs();
        for (const p of allPolicies) {
            assert.ok(text.includes(`### \`${p.name}\``), p.name);
            assert.ok(text.includes(`| ${p.severity} | ${p.enforcementLevel} | ${p.govstack.controls.join(", ")} |`), p.name);
        }
    });

    it("is deterministic", () => {
        assert.equal(renderPolicyDocs(), renderPolicyDocs());
    });
});
