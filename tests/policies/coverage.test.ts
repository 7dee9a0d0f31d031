// The coverage table (policies/coverage/) and the policies' `anchors` agree, and docs/coverage.md
// is generated from them.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { ANCHOR_SOURCE_NAMES, ANCHOR_SOURCES, AnchorRow, anchorSourceFile, loadAnchorSource, outcomeOf } from "../../policies/coverage";
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
        // The rule lives in the schema (policies/coverage/types.ts), which every load applies.
        for (const name of ANCHOR_SOURCE_NAMES) {
            const source = loadAnchorSource(anchorSourceFile(name));
            assert.equal(source.rows.length, ANCHOR_SOURCES.find((s) => s.source === name)?.rows.length, name);
        }
    });

    it("refuses a data file whose rows break the schema, naming the file, the row and the field", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coverage-"));
        try {
            const file = path.join(dir, "kics.json");
            const row = { id: "r1", type: "aws:s3/bucket:Bucket", requirement: "a requirement" };
            fs.writeFileSync(
                file,
                JSON.stringify({
                    source: "kics",
                    title: "t",
                    origin: "o",
                    notes: "n",
                    rows: [
                        { ...row, covered: ["s3-no-public-acl"] },
                        { ...row, id: "r2", covered: ["s3-no-public-acl"], gap: "issue 1" },
                        { ...row, id: "r3", gap: "issue 1", partial: "some" },
                        { ...row, id: "r4", outOfScope: "two\nlines" },
                        { ...row, id: "r5", type: "S3 bucket", outOfScope: "x", extra: 1 },
                    ],
                }),
            );
            assert.throws(
                () => loadAnchorSource(file),
                (e: Error) => {
                    const lines = e.message.split("\n");
                    assert.match(lines[0], /^Invalid coverage table .*kics\.json:$/);
                    assert.deepEqual(lines.slice(1), [
                        "  rows[1] (id r2): needs exactly one of covered, gap, outOfScope; has covered and gap",
                        "  rows[2] (id r3).partial: only goes with covered",
                        "  rows[3] (id r4).outOfScope: must be one non-empty line",
                        "  rows[4] (id r5).type: must be a Pulumi type token",
                        '  rows[4] (id r5): Unrecognized key: "extra"',
                    ]);
                    return true;
                },
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
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
