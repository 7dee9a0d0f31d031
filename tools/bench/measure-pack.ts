import { PolicyConfigEntry } from "../plan/analyzer-client";
import { PlanEvaluation } from "../plan/evaluate";
import { buildPack, packFreshness } from "../plan/pack-build";
import { analyzeEstate, openPack, PackHandle } from "../plan/run-plan";
import { PlannedResource } from "../plan/types";
import { processCpuMs } from "./proc-memory";
import { msSince, repeat } from "./stats";

/** Compiles the pack when its JavaScript is missing or stale, so no start-up sample includes tsc. */
export async function ensurePackBuilt(packDir: string, log: (line: string) => void): Promise<void> {
    const { stale } = packFreshness(packDir);
    if (stale) {
        log(`pack: ${stale}; compiling it before measuring`);
        await buildPack(packDir);
    }
}

export interface StartSample {
    /** Spawn until the pack answered GetAnalyzerInfo (what a CLI waits for before the first analyze). */
    servingMs: number;
    /** Spawn until the pack printed its port. */
    portMs: number;
}

/** Starts the pack as the CLI does `runs` times, each until it serves GetAnalyzerInfo, and stops it. */
export async function measurePackStart(packDir: string, runs: number): Promise<StartSample[]> {
    return repeat(runs, async () => {
        const started = process.hrtime.bigint();
        const handle = await openPack(packDir, { build: "never" });
        const servingMs = msSince(started);
        await handle.close();
        return { servingMs, portMs: handle.process.startMs };
    });
}

export interface AnalysisSample {
    size: number;
    /** All per-resource `analyze` calls, first sent to last answered. */
    analyzeMs: number;
    /** One `analyzeStack` over the whole estate, including building the request on this side. */
    analyzeStackMs: number;
    /** CPU time the pack process spent on the `analyze` calls / on the `analyzeStack` (NaN without /proc). */
    packCpuAnalyzeMs: number;
    packCpuStackMs: number;
    /** CPU time this (client) process spent meanwhile: it shares the machine's cores with the pack. */
    clientCpuAnalyzeMs: number;
    clientCpuStackMs: number;
    mandatory: number;
    advisory: number;
}

/**
 * Sends each estate through a running pack `runs` times, the way the plan does (configure,
 * configureStack, `analyze` per resource with `inFlight` calls outstanding, one `analyzeStack`).
 */
export async function measureAnalysis(
    handle: PackHandle,
    evaluation: PlanEvaluation,
    policyConfig: Record<string, PolicyConfigEntry>,
    estates: ReadonlyMap<number, PlannedResource[]>,
    runs: number,
    inFlight: number,
): Promise<AnalysisSample[]> {
    const samples: AnalysisSample[] = [];
    for (const [size, resources] of estates) {
        samples.push(
            ...(await repeat(runs, async () => {
                const pid = handle.process.pid;
                const cpu0 = processCpuMs(pid) ?? NaN;
                const client0 = process.cpuUsage();
                let cpu1 = NaN;
                let client1: NodeJS.CpuUsage = client0;
                const result = await analyzeEstate(handle, { ...evaluation, resources }, policyConfig, {
                    inFlight,
                    onAnalyzed: () => {
                        cpu1 = processCpuMs(pid) ?? NaN;
                        client1 = process.cpuUsage(client0);
                    },
                });
                const cpu2 = processCpuMs(pid) ?? NaN;
                const client2 = process.cpuUsage(client0);
                const mandatory = result.violations.filter((v) => v.enforcement !== "advisory").length;
                return {
                    size,
                    analyzeMs: result.analyzeMs,
                    analyzeStackMs: result.analyzeStackMs,
                    packCpuAnalyzeMs: cpu1 - cpu0,
                    packCpuStackMs: cpu2 - cpu1,
                    clientCpuAnalyzeMs: (client1.user + client1.system) / 1000,
                    clientCpuStackMs: (client2.user + client2.system - client1.user - client1.system) / 1000,
                    mandatory,
                    advisory: result.violations.length - mandatory,
                };
            })),
        );
    }
    return samples;
}
