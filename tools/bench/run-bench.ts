import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { listStacks, PROJECT_ROOT } from "../lib/stack-config";
import { PolicyConfigEntry } from "../plan/analyzer-client";
import { evaluateForPlan, PlanEvaluation } from "../plan/evaluate";
import { buildPolicyConfig, packConfigPath, PackConfigFile, readPackConfig } from "../plan/pack-config";
import { openPack, PackHandle } from "../plan/run-plan";
import { AnalysisSample, ensurePackBuilt, measureAnalysis, measurePackStart, StartSample } from "./measure-pack";
import { PlanRun, runPlanOnce } from "./measure-plan";
import { BenchResult, SizeFigures } from "./result";
import { median, msSince, round } from "./stats";
import { syntheticEstate } from "./synthetic-estate";
import { checkTargets, targetsFor } from "./targets";

export const TRIVIAL_PACK = path.join(PROJECT_ROOT, "tools", "bench", "fixtures", "trivial-pack");

export interface BenchOptions {
    /** Samples per figure (each figure is their median). */
    runs: number;
    /** Synthetic estate sizes (resources), e.g. [1000, 10000]. */
    sizes: number[];
    /** `analyze` calls outstanding at once (the plan's own default is 32). */
    inFlight: number;
    /** Project directory holding Pulumi.yaml (default: the repository). */
    root?: string;
    /** Stacks to evaluate (default: every Pulumi.<stack>.yaml). */
    stacks?: string[];
    /** Stack whose resource mix the synthetic estates copy, and whose pack config they run under (default prod). */
    baseStack?: string;
    /** The whole policy pack (default: policies/). */
    packDir?: string;
    /** The one-policy baseline pack (default: tools/bench/fixtures/trivial-pack). */
    trivialPackDir?: string;
    /** Stacks to time `npm run plan -- <stack>` for (default: the base stack; [] skips it). */
    planStacks?: string[];
    /** Extra arguments for `npm run plan` (the test points it at a fixture project and pack). */
    planArgs?: string[];
    log?: (line: string) => void;
}

interface PackMeasurements {
    start: StartSample[];
    analysis: AnalysisSample[];
}

function packConfigFor(handle: PackHandle, stack: string): Record<string, PolicyConfigEntry> {
    const file = packConfigPath(handle.packDir, stack);
    const config: PackConfigFile = fs.existsSync(file) ? readPackConfig(file) : {};
    return buildPolicyConfig(handle.info, config, file);
}

async function measurePack(
    packDir: string,
    options: BenchOptions,
    base: PlanEvaluation,
    estates: ReadonlyMap<number, PlanEvaluation["resources"]>,
    log: (line: string) => void,
): Promise<PackMeasurements> {
    await ensurePackBuilt(packDir, log);
    log(`${path.basename(packDir)}: start-up × ${options.runs}`);
    const start = await measurePackStart(packDir, options.runs);
    const handle = await openPack(packDir, { build: "never" });
    try {
        const config = packConfigFor(handle, base.stack);
        log(`${handle.info.name} (${handle.info.policies.length} policies): analyze ${[...estates.keys()].join(" + ")} resources × ${options.runs}, ${options.inFlight} in flight`);
        // One discarded pass over the smallest estate first: the figures are the server's steady state
        // (JIT-compiled), not V8 warming up; a cold pack is what pack_start_ms and plan_wall_ms measure.
        const smallest = Math.min(...estates.keys());
        await measureAnalysis(handle, base, config, new Map([[smallest, estates.get(smallest) ?? []]]), 1, options.inFlight);
        const analysis = await measureAnalysis(handle, base, config, estates, options.runs, options.inFlight);
        for (const size of estates.keys()) {
            const of = analysis.filter((a) => a.size === size);
            log(`  ${size} resources: analyze ${Math.round(size / (median(of.map((a) => a.analyzeMs)) / 1000))}/s, analyzeStack ${median(of.map((a) => a.analyzeStackMs))} ms`);
        }
        return { start, analysis };
    } finally {
        await handle.close();
    }
}

function sizeFigures(samples: AnalysisSample[], sizes: number[]): SizeFigures {
    const perS: Record<string, number> = {};
    const stackMs: Record<string, number> = {};
    const totalMs: Record<string, number> = {};
    for (const size of sizes) {
        const of = samples.filter((s) => s.size === size);
        // Date-based timings are whole milliseconds: never divide by zero on a tiny estate.
        perS[size] = round(size / (Math.max(median(of.map((s) => s.analyzeMs)), 1) / 1000));
        stackMs[size] = round(median(of.map((s) => s.analyzeStackMs)));
        totalMs[size] = median(of.map((s) => s.analyzeMs + s.analyzeStackMs));
    }
    const cpu: SizeFigures["cpu"] = { pack_ms_per_analyze: {}, pack_ms_analyze_stack: {}, client_ms_per_analyze: {}, client_ms_analyze_stack: {} };
    for (const size of sizes) {
        const of = samples.filter((s) => s.size === size);
        cpu.pack_ms_per_analyze[size] = round(median(of.map((s) => s.packCpuAnalyzeMs)) / size, 3);
        cpu.pack_ms_analyze_stack[size] = round(median(of.map((s) => s.packCpuStackMs)));
        cpu.client_ms_per_analyze[size] = round(median(of.map((s) => s.clientCpuAnalyzeMs)) / size, 3);
        cpu.client_ms_analyze_stack[size] = round(median(of.map((s) => s.clientCpuStackMs)));
    }
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    const ratio = (f: (s: AnalysisSample) => number): number =>
        round(Math.max(median(samples.filter((s) => s.size === large).map(f)), 1) / Math.max(median(samples.filter((s) => s.size === small).map(f)), 1), 2);
    return {
        analyze_per_s: perS,
        analyze_stack_ms: stackMs,
        scaling_ratio: ratio((s) => s.analyzeMs + s.analyzeStackMs),
        scaling_ratio_analyze: ratio((s) => s.analyzeMs),
        scaling_ratio_stack: ratio((s) => s.analyzeStackMs),
        cpu,
    };
}

function planFigures(runs: PlanRun[]): { peakMb: number; source: "gnu-time" | "proc"; planMb: number; packMb: number; treeMb: number } {
    const mb = (kb: number): number => round(kb / 1024, 1);
    const gnu = runs.map((r) => r.gnuMaxRssKb).filter((v): v is number => v !== undefined);
    const planKb = median(runs.map((r) => r.planProcessPeakKb));
    return {
        // GNU time's figure is exact (the kernel's own peak of the largest process of the tree); the
        // sampled VmHWM of the plan's node process is the fallback and the attribution.
        peakMb: mb(gnu.length === runs.length ? median(gnu) : planKb),
        source: gnu.length === runs.length ? "gnu-time" : "proc",
        planMb: mb(planKb),
        packMb: mb(median(runs.map((r) => r.packProcessPeakKb))),
        treeMb: mb(median(runs.map((r) => r.treePeakKb))),
    };
}

/** Runs every measurement of issue 8 in turn (never two at once: they would share the 2 cores). */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
    const log = options.log ?? (() => undefined);
    const root = path.resolve(options.root ?? PROJECT_ROOT);
    const stacks = options.stacks ?? listStacks(root);
    const baseStack = options.baseStack ?? (stacks.includes("prod") ? "prod" : stacks[stacks.length - 1]);
    if (!stacks.includes(baseStack)) {
        throw new Error(`The base stack "${baseStack}" is not among the stacks evaluated (${stacks.join(", ")})`);
    }
    const sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
    const packDir = path.resolve(options.packDir ?? path.join(PROJECT_ROOT, "policies"));
    const trivialPackDir = path.resolve(options.trivialPackDir ?? TRIVIAL_PACK);
    const planStacks = options.planStacks ?? [baseStack];
    const loadStart = os.loadavg();
    const started = process.hrtime.bigint();

    // 1. The programs under preview mocks, in this process (the first run also loads the SDK and program).
    const evaluateSamples: Record<string, number[]> = Object.fromEntries(stacks.map((s) => [s, []]));
    const resources: Record<string, number> = {};
    let base: PlanEvaluation | undefined;
    for (let run = 0; run < options.runs; run++) {
        for (const stack of stacks) {
            const evaluation = await evaluateForPlan(stack, { root });
            evaluateSamples[stack].push(evaluation.evaluateMs);
            resources[stack] = evaluation.resources.length;
            if (stack === baseStack) {
                base = evaluation;
            }
        }
        log(`evaluate run ${run + 1}/${options.runs}: ${stacks.map((s) => `${s} ${evaluateSamples[s][run]} ms`).join(", ")}`);
    }
    if (!base) {
        throw new Error("no evaluation of the base stack");
    }
    const estates = new Map(sizes.map((size) => [size, syntheticEstate((base as PlanEvaluation).resources, size)]));

    // 2. The whole pack and the one-policy baseline: start-up, then analysis over the same estates.
    const whole = await measurePack(packDir, options, base, estates, log);
    const trivial = await measurePack(trivialPackDir, options, base, estates, log);

    // 3. The whole offline plan as a user runs it.
    // A failed plan (a program or pack mid-edit) costs its own figures, not the whole benchmark.
    const errors: string[] = [];
    const planRuns: Record<string, PlanRun[]> = {};
    for (const stack of planStacks) {
        planRuns[stack] = [];
        for (let run = 0; run < options.runs; run++) {
            // Never time a compile: the plan would build a pack whose sources changed meanwhile.
            await ensurePackBuilt(packDir, log);
            try {
                const r = await runPlanOnce({ stack, extraArgs: options.planArgs });
                planRuns[stack].push(r);
                log(`npm run plan -- ${stack} run ${run + 1}/${options.runs}: ${Math.round(r.wallMs)} ms, exit ${r.exitCode}`);
            } catch (e) {
                errors.push((e as Error).message.split("\n").slice(0, 8).join("\n"));
                log(`npm run plan -- ${stack} run ${run + 1}/${options.runs} failed: ${errors[errors.length - 1]}`);
                break;
            }
        }
    }
    const allPlanRuns = Object.values(planRuns).flat();
    const memory = allPlanRuns.length > 0 ? planFigures(allPlanRuns) : undefined;

    const wholeFigures = sizeFigures(whole.analysis, sizes);
    const trivialFigures = sizeFigures(trivial.analysis, sizes);
    const largest = String(sizes[sizes.length - 1]);
    const lastOf = (samples: AnalysisSample[], size: number): AnalysisSample | undefined => samples.filter((s) => s.size === size).pop();
    const result: Omit<BenchResult, "targets"> = {
        schema: 1,
        date: new Date().toISOString(),
        cores: os.cpus().length,
        machine: {
            cpu: os.cpus()[0]?.model ?? "unknown",
            node: process.version,
            platform: `${os.platform()} ${os.release()}`,
            memory_mb: Math.round(os.totalmem() / 1024 / 1024),
            loadavg_start: loadStart.map((l) => round(l, 2)),
            loadavg_end: os.loadavg().map((l) => round(l, 2)),
        },
        settings: {
            runs: options.runs,
            sizes,
            in_flight: options.inFlight,
            stacks,
            base_stack: baseStack,
            pack: path.relative(PROJECT_ROOT, packDir) || ".",
            trivial_pack: path.relative(PROJECT_ROOT, trivialPackDir),
            plan_stacks: planStacks,
            plan_args: options.planArgs ?? [],
        },
        evaluate_ms: Object.fromEntries(stacks.map((s) => [s, round(median(evaluateSamples[s]))])),
        resources,
        pack_start_ms: round(median(whole.start.map((s) => s.servingMs))),
        analyze_per_s: wholeFigures.analyze_per_s,
        analyze_stack_ms: wholeFigures.analyze_stack_ms,
        scaling_ratio: wholeFigures.scaling_ratio,
        cpu: wholeFigures.cpu,
        plan_wall_ms: Object.fromEntries(Object.entries(planRuns).map(([s, runs]) => [s, runs.length > 0 ? round(median(runs.map((r) => r.wallMs))) : NaN])),
        plan_peak_rss_mb: memory ? memory.peakMb : NaN,
        trivial: {
            pack_start_ms: round(median(trivial.start.map((s) => s.servingMs))),
            ...trivialFigures,
        },
        pack_vs_trivial: {
            analyze_per_s: round(wholeFigures.analyze_per_s[largest] / trivialFigures.analyze_per_s[largest], 3),
            analyze_stack_ms: round(wholeFigures.analyze_stack_ms[largest] / Math.max(trivialFigures.analyze_stack_ms[largest], 1), 2),
            pack_start_ms: round(median(whole.start.map((s) => s.servingMs)) / median(trivial.start.map((s) => s.servingMs)), 2),
        },
        detail: {
            evaluate_first_ms: Object.fromEntries(stacks.map((s) => [s, evaluateSamples[s][0]])),
            pack_port_ms: round(median(whole.start.map((s) => s.portMs))),
            trivial_pack_port_ms: round(median(trivial.start.map((s) => s.portMs))),
            scaling_ratio_analyze: wholeFigures.scaling_ratio_analyze,
            scaling_ratio_stack: wholeFigures.scaling_ratio_stack,
            plan_peak_rss_source: memory?.source ?? "none",
            plan_process_peak_rss_mb: memory?.planMb ?? NaN,
            pack_process_peak_rss_mb: memory?.packMb ?? NaN,
            plan_tree_peak_rss_mb: memory?.treeMb ?? NaN,
            plan_exit_codes: allPlanRuns.map((r) => r.exitCode),
            violations: Object.fromEntries(
                sizes.map((size) => {
                    const s = lastOf(whole.analysis, size);
                    return [size, { mandatory: s?.mandatory ?? 0, advisory: s?.advisory ?? 0 }];
                }),
            ),
            bench_ms: round(msSince(started)),
        },
        errors,
        samples: {
            evaluate_ms: evaluateSamples,
            pack_start_ms: whole.start.map((s) => round(s.servingMs)),
            trivial_pack_start_ms: trivial.start.map((s) => round(s.servingMs)),
            analysis: whole.analysis.map(({ mandatory: _m, advisory: _a, ...s }) => s),
            trivial_analysis: trivial.analysis.map(({ mandatory: _m, advisory: _a, ...s }) => s),
            plan_wall_ms: Object.fromEntries(Object.entries(planRuns).map(([s, runs]) => [s, runs.map((r) => round(r.wallMs))])),
            plan_peak_rss_kb: allPlanRuns.map((r) => ({ gnu: r.gnuMaxRssKb ?? null, plan: r.planProcessPeakKb, pack: r.packProcessPeakKb, tree: r.treePeakKb })),
        },
    };
    return { ...result, targets: checkTargets(result, targetsFor(sizes, planStacks)) };
}
