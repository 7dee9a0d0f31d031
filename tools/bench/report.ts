import * as fs from "fs";
import * as path from "path";

import { BenchResult } from "./result";

function fmt(value: number | undefined, unit = ""): string {
    if (value === undefined || !Number.isFinite(value)) {
        return "—";
    }
    return `${value.toLocaleString("en-US")}${unit}`;
}

/** The human table `npm run bench` prints: figures, then each target with PASS/FAIL. */
export function formatTable(r: BenchResult): string {
    const rows: [string, string, string][] = [["figure", "whole pack", "trivial pack"]];
    for (const [stack, ms] of Object.entries(r.evaluate_ms)) {
        rows.push([`evaluate_ms.${stack} (${r.resources[stack]} resources)`, fmt(ms, " ms"), ""]);
    }
    rows.push(["pack_start_ms", fmt(r.pack_start_ms, " ms"), fmt(r.trivial.pack_start_ms, " ms")]);
    for (const size of r.settings.sizes) {
        rows.push([`analyze_per_s.${size}`, fmt(r.analyze_per_s[size], "/s"), fmt(r.trivial.analyze_per_s[size], "/s")]);
    }
    for (const size of r.settings.sizes) {
        rows.push([`analyze_stack_ms.${size}`, fmt(r.analyze_stack_ms[size], " ms"), fmt(r.trivial.analyze_stack_ms[size], " ms")]);
    }
    rows.push(["scaling_ratio", fmt(r.scaling_ratio), fmt(r.trivial.scaling_ratio)]);
    for (const size of r.settings.sizes) {
        rows.push([`cpu.pack_ms_per_analyze.${size}`, fmt(r.cpu.pack_ms_per_analyze[size], " ms"), fmt(r.trivial.cpu.pack_ms_per_analyze[size], " ms")]);
    }
    for (const size of r.settings.sizes) {
        rows.push([`cpu.pack_ms_analyze_stack.${size}`, fmt(r.cpu.pack_ms_analyze_stack[size], " ms"), fmt(r.trivial.cpu.pack_ms_analyze_stack[size], " ms")]);
    }
    for (const [stack, ms] of Object.entries(r.plan_wall_ms)) {
        rows.push([`plan_wall_ms.${stack}`, fmt(ms, " ms"), ""]);
    }
    rows.push(["plan_peak_rss_mb", fmt(r.plan_peak_rss_mb, " MB"), ""]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
    const line = (row: string[]): string => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    const out = [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
    out.push(
        "",
        `whole / trivial pack: analyze ${fmt(r.pack_vs_trivial.analyze_per_s)}× the calls/s, analyzeStack ${fmt(r.pack_vs_trivial.analyze_stack_ms)}× the time, start-up ${fmt(r.pack_vs_trivial.pack_start_ms)}×`,
        `median of ${r.settings.runs} run(s); ${r.settings.in_flight} analyze calls in flight; estates copy the ${r.settings.base_stack} plan's resource mix; ` +
            `${r.cores} cores, load ${r.machine.loadavg_start.join("/")} → ${r.machine.loadavg_end.join("/")}`,
        "",
    );
    for (const t of r.targets) {
        out.push(`${t.status.padEnd(4)}  ${t.field} ${t.op} ${t.limit.toLocaleString("en-US")}: ${fmt(t.value)}  (${t.why})`);
    }
    for (const e of r.errors) {
        out.push("", `error: ${e}`);
    }
    return out.join("\n");
}

/** Writes bench.json (creating its directory). */
export function writeResult(result: BenchResult, file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
