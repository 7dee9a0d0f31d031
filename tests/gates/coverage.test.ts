import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { checkCoverage, COVERAGE_THRESHOLDS, coverageTable, CoverageSummary, folderCoverage, percent, topFolder } from "../../tools/gates/coverage";
import { main } from "../../tools/coverage";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";

const ROOT = path.join(path.sep, "repo");

/** A json-summary entry: `lines` and `branches` as covered/total. */
function entry(lines: [number, number], branches: [number, number]) {
    return {
        lines: { covered: lines[0], total: lines[1], skipped: 0, pct: 0 },
        branches: { covered: branches[0], total: branches[1], skipped: 0, pct: 0 },
    };
}

function summary(files: Record<string, ReturnType<typeof entry>>): CoverageSummary {
    const out: CoverageSummary = { total: entry([0, 0], [0, 0]) };
    for (const [rel, e] of Object.entries(files)) {
        out[path.join(ROOT, rel)] = e;
    }
    return out;
}

const ONLY_INFRA = { infra: { lines: 80, branches: 80 } };

describe("coverage gate: per top-level folder (tools/gates/coverage)", () => {
    it("sums every file of a folder, however deep, and ignores istanbul's own total", () => {
        const folders = folderCoverage(
            summary({
                "infra/estate.ts": entry([90, 100], [8, 10]),
                "infra/components/network/network.ts": entry([10, 100], [2, 10]),
                "tools/plan.ts": entry([5, 5], [0, 0]),
            }),
            ROOT,
        );
        assert.deepStrictEqual(
            folders.map((f) => [f.folder, f.files, f.lines.covered, f.lines.total, f.lines.pct, f.branches.pct]),
            [
                ["infra", 2, 100, 200, 50, 50],
                ["tools", 1, 5, 5, 100, 100],
            ],
        );
    });

    it("recomputes percentages from the counts (the file's pct is not trusted) and never rounds up to a pass", () => {
        assert.strictEqual(percent({ covered: 0, total: 0 }), 100, "nothing to cover counts as covered (istanbul)");
        assert.strictEqual(percent({ covered: 799, total: 1000 }), 79.9);
        assert.strictEqual(percent({ covered: 79999, total: 100000 }), 79.99, "79.999 % is not 80 %");
    });

    it("passes a folder at exactly the threshold and fails it one line below, naming folder, metric and counts", () => {
        const at = checkCoverage(summary({ "infra/a.ts": entry([80, 100], [4, 5]) }), ROOT, ONLY_INFRA);
        assert.deepStrictEqual(at.failures, []);
        const below = checkCoverage(summary({ "infra/a.ts": entry([79, 100], [4, 5]) }), ROOT, ONLY_INFRA);
        assert.deepStrictEqual(below.failures, ["infra/: lines 79 % (79/100) is below the threshold of 80 %"]);
    });

    it("judges branches on their own: full line coverage does not hide untested branches", () => {
        const verdict = checkCoverage(summary({ "infra/a.ts": entry([100, 100], [3, 5]) }), ROOT, ONLY_INFRA);
        assert.deepStrictEqual(verdict.failures, ["infra/: branches 60 % (3/5) is below the threshold of 80 %"]);
    });

    it("fails a gated folder that was not measured at all instead of passing it silently", () => {
        const verdict = checkCoverage(summary({ "tools/a.ts": entry([1, 1], [1, 1]) }), ROOT, ONLY_INFRA);
        assert.deepStrictEqual(verdict.failures, ['infra/: no file measured (check "include" in .c8rc.json)']);
    });

    it("does not let a well-covered folder carry a poorly covered one", () => {
        const verdict = checkCoverage(
            summary({ "infra/a.ts": entry([1000, 1000], [100, 100]), "tools/b.ts": entry([10, 100], [10, 100]) }),
            ROOT,
            { ...ONLY_INFRA, tools: { lines: 80, branches: 80 } },
        );
        assert.strictEqual(verdict.failures.length, 2);
        assert.ok(verdict.failures.every((f) => f.startsWith("tools/:")));
    });

    it("places files by their first path segment under the root, and nothing outside it", () => {
        assert.strictEqual(topFolder(ROOT, path.join(ROOT, "policies", "rules", "network", "sg.ts")), "policies");
        assert.strictEqual(topFolder(ROOT, path.join(ROOT, "index.ts")), ".");
        assert.strictEqual(topFolder(ROOT, path.join(path.sep, "elsewhere", "x.ts")), undefined);
    });

    it("renders a Markdown table with each folder's numbers and its gate", () => {
        const verdict = checkCoverage(summary({ "infra/a.ts": entry([9, 10], [1, 2]), "scripts/x.ts": entry([1, 1], [0, 0]) }), ROOT, ONLY_INFRA);
        const table = coverageTable(verdict, ONLY_INFRA).split("\n");
        assert.strictEqual(table[0], "| Folder | Lines | Branches | Gate (lines / branches) |");
        assert.strictEqual(table[2], "| `infra/` | 90 % (9/10) | 50 % (1/2) | ≥ 80 % / ≥ 80 % |");
        assert.strictEqual(table[3], "| `scripts/` | 100 % (1/1) | 100 % (0/0) | not gated |");
    });

    describe("the project's gate", () => {
        const c8rc = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".c8rc.json"), "utf8")) as { include: string[]; exclude: string[]; all: boolean; reporter: string[] };

        it("holds infra/, policies/ and tools/ (the issue's floor) to at least 80 % lines and branches", () => {
            for (const folder of ["infra", "policies", "tools"]) {
                assert.ok(COVERAGE_THRESHOLDS[folder], `${folder} is gated`);
                assert.ok(COVERAGE_THRESHOLDS[folder].lines >= 80 && COVERAGE_THRESHOLDS[folder].branches >= 80, folder);
            }
        });

        it("measures every gated folder, counts files no test loads (all: true), and writes the summary the gate reads", () => {
            assert.strictEqual(c8rc.all, true);
            for (const folder of Object.keys(COVERAGE_THRESHOLDS)) {
                assert.ok(c8rc.include.some((glob) => glob.startsWith(`${folder}/`)), `.c8rc.json includes ${folder}/`);
            }
            assert.ok(c8rc.reporter.includes("json-summary"));
            // The compiled pack is the sources again; counting it would double policies/.
            assert.ok(c8rc.exclude.includes("policies/bin/**"));
        });

        it("npm run coverage runs c8 over the mocha suite, then this gate", () => {
            const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
            assert.match(scripts.coverage, /c8 mocha && node -r ts-node\/register\/transpile-only tools\/coverage\.ts$/);
        });
    });

    describe("npm run coverage's last step (tools/coverage.ts)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-coverage-"));
        const file = path.join(dir, "coverage-summary.json");
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        function run(s: CoverageSummary): { code: number; out: string; err: string } {
            fs.writeFileSync(file, JSON.stringify(s));
            let out = "";
            let err = "";
            const w1 = process.stdout.write;
            const w2 = process.stderr.write;
            process.stdout.write = ((c: string) => ((out += c), true)) as typeof process.stdout.write;
            process.stderr.write = ((c: string) => ((err += c), true)) as typeof process.stderr.write;
            try {
                return { code: main(["--markdown"], file), out, err };
            } finally {
                process.stdout.write = w1;
                process.stderr.write = w2;
            }
        }

        const full = (pct: number) =>
            Object.fromEntries(Object.keys(COVERAGE_THRESHOLDS).map((f) => [path.join(PROJECT_ROOT, f, "x.ts"), entry([pct, 100], [pct, 100])]));

        it("exits 0 and prints the table when every folder passes", () => {
            const r = run({ total: entry([0, 0], [0, 0]), ...full(95) });
            assert.strictEqual(r.code, 0, r.err);
            assert.match(r.out, /^### Coverage by folder/);
            assert.match(r.out, /\| `infra\/` \| 95 % \(95\/100\)/);
        });

        it("exits 1 and names each shortfall on stderr", () => {
            const r = run({ total: entry([0, 0], [0, 0]), ...full(95), [path.join(PROJECT_ROOT, "tools", "y.ts")]: entry([0, 500], [0, 0]) });
            assert.strictEqual(r.code, 1);
            assert.match(r.err, /coverage: tools\/: lines 15\.83 % \(95\/600\) is below the threshold of 80 %/);
        });

        it("exits 2 when c8 wrote no summary", () => {
            assert.strictEqual(main([], path.join(dir, "missing.json")), 2);
        });
    });
});
