import * as assert from "assert";
import * as path from "path";

import { procAvailable } from "../../tools/bench/proc-memory";
import { formatTable, writeResult } from "../../tools/bench/report";
import { BenchResult } from "../../tools/bench/result";
import { runBench } from "../../tools/bench/run-bench";
import { fieldValue } from "../../tools/bench/targets";
import { FIXTURE_PACK, FIXTURE_ROOT, readJson, suiteTempDir } from "../plan/helpers";

// The benchmark harness end to end on a tiny size: the fixture project and pack (so it takes
// seconds), the trivial baseline pack, and a real `npm run plan` child process. Not a timed test:
// it checks that every figure is measured and written, never how fast anything is.
describe("npm run bench (tiny run)", function () {
    this.timeout(120000);
    const dir = suiteTempDir("bench");
    const file = path.join(dir, "bench.json");
    let written: BenchResult;

    before(async () => {
        const result = await runBench({
            runs: 1,
            sizes: [20, 50],
            inFlight: 8,
            root: FIXTURE_ROOT,
            stacks: ["compliant"],
            baseStack: "compliant",
            packDir: FIXTURE_PACK,
            planStacks: ["compliant"],
            planArgs: ["--root", FIXTURE_ROOT, "--pack", FIXTURE_PACK],
        });
        writeResult(result, file);
        written = readJson<BenchResult>(file);
    });

    it("writes every figure as a finite number", () => {
        const fields = [
            "cores",
            "evaluate_ms.compliant",
            "resources.compliant",
            "pack_start_ms",
            "analyze_per_s.20",
            "analyze_per_s.50",
            "analyze_stack_ms.20",
            "analyze_stack_ms.50",
            "scaling_ratio",
            "plan_wall_ms.compliant",
            "trivial.pack_start_ms",
            "trivial.analyze_per_s.50",
            "trivial.analyze_stack_ms.50",
            "trivial.scaling_ratio",
            "pack_vs_trivial.analyze_per_s",
            "pack_vs_trivial.analyze_stack_ms",
            "pack_vs_trivial.pack_start_ms",
            "cpu.client_ms_per_analyze.50",
            "cpu.client_ms_analyze_stack.50",
        ];
        // Memory and CPU time come from /proc (Linux, where CI and this benchmark run).
        if (procAvailable()) {
            fields.push("plan_peak_rss_mb", "cpu.pack_ms_per_analyze.50", "cpu.pack_ms_analyze_stack.50", "trivial.cpu.pack_ms_per_analyze.50", "detail.plan_process_peak_rss_mb", "detail.pack_process_peak_rss_mb");
        }
        const missing = fields.filter((f) => fieldValue(written, f) === undefined);
        assert.deepStrictEqual(missing, [], `not a finite number in bench.json: ${missing.join(", ")}`);
    });

    it("measures real work: resources evaluated, packs started, a plan that ran to the end", () => {
        assert.ok(written.resources.compliant > 0);
        assert.ok(written.pack_start_ms > 0 && written.trivial.pack_start_ms > 0);
        assert.ok(written.plan_wall_ms.compliant > written.pack_start_ms / 2, "the plan's wall time includes starting a pack");
        assert.deepStrictEqual(written.errors, []);
        assert.deepStrictEqual(written.detail.plan_exit_codes, [0]);
        if (!procAvailable()) {
            return;
        }
        // The plan's own node process, found in the process tree (not npm's wrapper).
        assert.ok(written.detail.plan_process_peak_rss_mb > 30, `plan process peak ${written.detail.plan_process_peak_rss_mb} MB`);
        assert.ok(written.plan_peak_rss_mb >= written.detail.pack_process_peak_rss_mb * 0.9);
    });

    it("records the settings, the machine and a verdict for each target it could check", () => {
        assert.deepStrictEqual(written.settings.sizes, [20, 50]);
        assert.strictEqual(written.settings.in_flight, 8);
        assert.ok(written.machine.cpu.length > 0);
        const byField = new Map(written.targets.map((t) => [t.field, t.status]));
        assert.strictEqual(byField.get("analyze_per_s.10000"), "n/a", "no 10,000-resource estate in this run");
        assert.notStrictEqual(byField.get("pack_start_ms"), "n/a");
        assert.notStrictEqual(byField.get("scaling_ratio"), "n/a");
        const scaling = written.targets.find((t) => t.field === "scaling_ratio");
        assert.strictEqual(scaling?.limit, 3, "1.2 × linear for 20 → 50 resources");
    });

    it("prints a table with every figure and a PASS/FAIL/n/a line per target", () => {
        const table = formatTable(written);
        for (const label of ["evaluate_ms.compliant", "pack_start_ms", "analyze_per_s.50", "analyze_stack_ms.20", "plan_wall_ms.compliant", "plan_peak_rss_mb"]) {
            assert.match(table, new RegExp(`^${label.replace(/\./g, "\\.")}`, "m"));
        }
        assert.strictEqual(table.split("\n").filter((l) => /^(PASS|FAIL|n\/a) /.test(l)).length, written.targets.length);
    });
});
