// The coverage table (policies/coverage/) names only real policies that judge each row's type, and
// docs/coverage.md is generated from it.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { ANCHOR_SOURCE_NAMES, ANCHOR_SOURCES, AnchorRow, anchorSourceFile, coveredRowsByPolicy, loadAnchorSource, SourceInfo } from "../../policies/coverage";
import { allPolicies } from "../../policies/rules";
import { COVERAGE_DOCS_PATH, renderCoverageDocs } from "../../tools/coverage-docs";

const rows: readonly AnchorRow[] = ANCHOR_SOURCES.flatMap((s) => s.rows);
const byName = new Map(allPolicies.map((p) => [p.name, p]));

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
                        { ...row, id: "r6", covered: [] },
                        { ...row, id: "r7", covered: ["s3-no-public-acl", "s3-no-public-acl"] },
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
                        "  rows[5] (id r6).covered: names no policy (use gap or outOfScope)",
                        "  rows[6] (id r7).covered: names a policy twice",
                    ]);
                    return true;
                },
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("names only existing policies on covered rows", () => {
        const unknown = rows.flatMap((r) => (r.covered ?? []).filter((p) => !byName.has(p)).map((p) => `${r.id} names policy "${p}", which does not exist`));
        assert.deepEqual(unknown, []);
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

    it("reads the rows the other way for the by-policy table: every row a policy covers, in the sources' order", () => {
        const source = (name: "cdk-nag" | "kics", ids: Array<[string, string[] | undefined]>): SourceInfo => ({
            source: name,
            title: name,
            origin: "o",
            notes: "n",
            rows: ids.map(([id, covered]) => (covered ? { id, type: "aws:s3/bucket:Bucket", requirement: "r", covered } : { id, type: "aws:s3/bucket:Bucket", requirement: "r", gap: "g" })),
        });
        const byPolicy = coveredRowsByPolicy([
            source("cdk-nag", [["c1", ["a", "b"]], ["c2", undefined], ["c3", ["b"]]]),
            source("kics", [["k1", ["b"]]]),
        ]);
        assert.deepEqual([...byPolicy], [["a", ["c1"]], ["b", ["c1", "c3", "k1"]]]);
        // Every policy the real table names gets exactly its rows back.
        const real = coveredRowsByPolicy();
        for (const r of rows) {
            for (const p of r.covered ?? []) {
                assert.ok(real.get(p)?.includes(r.id), `${p} / ${r.id}`);
            }
        }
    });
});

describe("docs/coverage.md", () => {
    it("is current with the coverage table", () => {
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
