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

    it("documents every policy with its summary, controls, default enforcement and scope", () => {
        const text = renderPolicyDocs();
        for (const p of allPolicies) {
            const level = p.govstack.scope === "prod" ? `${p.enforcementLevel} (prod)` : p.enforcementLevel;
            assert.ok(text.includes(`### \`${p.name}\``), p.name);
            assert.ok(text.includes(`| ${p.govstack.summary} | ${p.severity} | ${level} | ${p.govstack.controls.join(", ")} |`), p.name);
        }
    });

    it("links every policy to the file that declares it", () => {
        const text = renderPolicyDocs();
        for (const p of allPolicies) {
            const source = new RegExp(`^### \`${p.name}\`[\\s\\S]*?^- \\*\\*Source:\\*\\* \\[\`(policies/rules/[^\`]+\\.ts)\``, "m").exec(text);
            assert.ok(source, `${p.name} has no source file link`);
            assert.ok(fs.readFileSync(source[1], "utf8").includes(`name: "${p.name}"`), `${source[1]} does not declare ${p.name}`);
        }
    });

    it("lists every policy's fail-open audit: each case where it returns without a verdict, and why that is safe", () => {
        const text = renderPolicyDocs();
        for (const p of allPolicies) {
            const section = new RegExp(`^### \`${p.name}\`[\\s\\S]*?(?=^### |^## )`, "m").exec(text)?.[0] ?? "";
            if (p.govstack.noVerdict.length === 0) {
                assert.ok(section.includes("- **Returns without a verdict:** never"), p.name);
            }
            for (const c of p.govstack.noVerdict) {
                assert.ok(section.includes(`  - when ${c.when}: ${c.why}.`), `${p.name}: ${c.when}`);
            }
        }
    });

    it("is deterministic", () => {
        assert.equal(renderPolicyDocs(), renderPolicyDocs());
    });
});
