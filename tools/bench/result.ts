import { TargetResult } from "./targets";

/** Per estate size (keys are the sizes, e.g. "1000"). */
export interface SizeFigures {
    analyze_per_s: Record<string, number>;
    analyze_stack_ms: Record<string, number>;
    /** (analyze + analyzeStack) at the largest size over the same at the smallest. */
    scaling_ratio: number;
    scaling_ratio_analyze: number;
    scaling_ratio_stack: number;
    /** CPU time per figure, which load from other processes does not inflate (NaN without /proc). */
    cpu: {
        /** The pack process's CPU ms per `analyze` call. */
        pack_ms_per_analyze: Record<string, number>;
        /** The pack process's CPU ms for the one `analyzeStack`. */
        pack_ms_analyze_stack: Record<string, number>;
        /** This process's (the client's) CPU ms per `analyze` call: it shares the cores with the pack. */
        client_ms_per_analyze: Record<string, number>;
        /** This process's CPU ms for the `analyzeStack` (building and sending the request, reading the answer). */
        client_ms_analyze_stack: Record<string, number>;
    };
}

/** out/bench.json. Every figure is the median of `settings.runs` samples; raw samples are kept. */
export interface BenchResult {
    schema: 1;
    date: string;
    cores: number;
    machine: { cpu: string; node: string; platform: string; memory_mb: number; loadavg_start: number[]; loadavg_end: number[] };
    settings: {
        runs: number;
        sizes: number[];
        in_flight: number;
        stacks: string[];
        base_stack: string;
        pack: string;
        trivial_pack: string;
        plan_stacks: string[];
        plan_args: string[];
    };
    evaluate_ms: Record<string, number>;
    resources: Record<string, number>;
    pack_start_ms: number;
    analyze_per_s: Record<string, number>;
    analyze_stack_ms: Record<string, number>;
    scaling_ratio: number;
    cpu: SizeFigures["cpu"];
    plan_wall_ms: Record<string, number>;
    plan_peak_rss_mb: number;
    /** The same measurements with the one-policy plain-JS pack: the stock server's ceiling here. */
    trivial: { pack_start_ms: number } & SizeFigures;
    /** Whole pack over trivial pack at the largest size (analyze_per_s: 1.0 = the pack costs nothing). */
    pack_vs_trivial: { analyze_per_s: number; analyze_stack_ms: number; pack_start_ms: number };
    detail: {
        /** The first evaluation of each stack in the process (includes loading the SDK and the program). */
        evaluate_first_ms: Record<string, number>;
        pack_port_ms: number;
        trivial_pack_port_ms: number;
        scaling_ratio_analyze: number;
        scaling_ratio_stack: number;
        plan_peak_rss_source: "gnu-time" | "proc" | "none";
        plan_process_peak_rss_mb: number;
        pack_process_peak_rss_mb: number;
        plan_tree_peak_rss_mb: number;
        plan_exit_codes: number[];
        violations: Record<string, { mandatory: number; advisory: number }>;
        bench_ms: number;
    };
    /** What went wrong in a stage that could not be measured (its figures are then NaN → null in JSON). */
    errors: string[];
    samples: Record<string, unknown>;
    targets: TargetResult[];
    /** Extra measurements behind the claims in docs/performance.md (`--evidence`). */
    evidence?: Record<string, unknown>;
}
