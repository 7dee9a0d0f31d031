// The coverage table (policies/coverage/) and the policies' `anchors` agree, and docs/coverage.md
// is generated from them.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";

import { ANCHOR_SOURCES, AnchorRow, outcomeOf } from "../../policies/coverage";
import { allPolicies } from "../../policies/rules";
import { COVERAGE_DOCS_PATH, renderCoverageDocs } from "../../tools/coverage-docs";

const rows: readonly AnchorRow[] = ANCHOR_SOURCES.flatMap((s) => s.rows);
const byName = new Map(allPolicies.map((p) => [p.name, p]));

/** Row id → the policies whose `anchors` name it. */
function anchoredBy(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const p of allPolicies) {
        for (const a of p.govstack.anchors) {
            m.set(a, [...(m.get(a) ?? []), p.name]);
        }
    }
    return m;
}

describe("coverage table (policies/coverage/)", () => {
    it("has unique ids across all sources", () => {
        const seen = new Set<string>();
        const dup = rows.filter((r) => (seen.has(r.id) ? true : (seen.add(r.id), false))).map((r) => r.id);
        assert.deepEqual(dup, []);
    });

    it("gives every row exactly one outcome, each with its one-line text or policy list", () => {
        for (const r of rows) {
            const set = [r.covered !== undefined, r.gap !== undefined, r.outOfScope !== undefined].filter(Boolean).length;
            assert.equal(set, 1, `${r.id}: exactly one of covered, gap, outOfScope`);
            assert.ok(r.partial === undefined || r.covered !== undefined, `${r.id}: partial needs covered`);
            for (const text of [r.requirement, r.gap, r.outOfScope, r.partial, r.name]) {
                if (text !== undefined) {
                    assert.ok(text.trim() !== "" && !text.includes("\n"), `${r.id}: one-line, non-empty texts`);
                }
            }
            assert.match(r.type, /^(aws:[\w*]|pulumi:providers:)/, `${r.id}: type is a Pulumi type token`);
        }
    });

    it("names only existing policies on covered rows, and at least one", () => {
        const problems: string[] = [];
        for (const r of rows) {
            if (r.covered === undefined) {
                continue;
            }
            if (r.covered.length === 0) {
                problems.push(`${r.id} is covered by no policy (use gap or outOfScope)`);
            }
            for (const p of r.covered) {
                if (!byName.has(p)) {
                    problems.push(`${r.id} names policy "${p}", which does not exist`);
                }
            }
        }
        assert.deepEqual(problems, []);
    });

    it("has a row for every id a policy names in `anchors`", () => {
        const ids = new Set(rows.map((r) => r.id));
        const unknown = allPolicies.flatMap((p) => p.govstack.anchors.filter((a) => !ids.has(a)).map((a) => `${p.name}: ${a}`));
        assert.deepEqual(unknown, [], "anchors that are not a row of policies/coverage/ (copy the id from the source, never invent one)");
    });

    it("lists on each row exactly the policies whose anchors name it", () => {
        const anchored = anchoredBy();
        const problems: string[] = [];
        for (const r of rows) {
            const fromPolicies = [...(anchored.get(r.id) ?? [])].sort();
            const fromRow = [...(r.covered ?? [])].sort();
            if (JSON.stringify(fromPolicies) !== JSON.stringify(fromRow)) {
                problems.push(`${r.id} (${outcomeOf(r)}): row says [${fromRow.join(", ")}], policies' anchors say [${fromPolicies.join(", ")}]`);
            }
        }
        assert.deepEqual(problems, []);
    });

    it("covers a row with at least one policy that judges its resource type", () => {
        const problems: string[] = [];
        for (const r of rows) {
            if (r.covered === undefined) {
                continue;
            }
            const judges = r.covered.some((name) => {
                const types = byName.get(name)?.govstack.resourceTypes ?? [];
                return types.includes(r.type) || types.includes("aws:*");
            });
            if (!judges) {
                problems.push(`${r.id}: none of ${r.covered.join(", ")} judges ${r.type}`);
            }
        }
        assert.deepEqual(problems, []);
    });

    it("lists no anchor twice on a policy", () => {
        for (const p of allPolicies) {
            assert.equal(new Set(p.govstack.anchors).size, p.govstack.anchors.length, p.name);
        }
    });
});

describe("docs/coverage.md", () => {
    it("is current with the coverage table and the policies' anchors", () => {
        assert.ok(fs.existsSync(COVERAGE_DOCS_PATH), "docs/coverage.md is missing: run `npm run docs:coverage` and commit it");
        if (fs.readFileSync(COVERAGE_DOCS_PATH, "utf8") !== renderCoverageDocs()) {
            assert.fail("docs/coverage.md is stale: run `npm run docs:coverage` and commit the result");
        }
    });

    it("shows every row with its outcome", () => {
        const text = renderCoverageDocs();
        for (const r of rows) {
            assert.ok(text.includes(`\`${r.id}\``), r.id);
        }
    });
});
