import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../lib/stack-config";
import { AnalyzerSession } from "../plan/analyzer-client";
import { evaluateForPlan, PlanEvaluation } from "../plan/evaluate";
import { buildPolicyConfig, packConfigPath, readPackConfig } from "../plan/pack-config";
import { PackProcess, startPack } from "../plan/pack-process";
import { analyzeEstate, PackHandle } from "../plan/run-plan";
import { TRIVIAL_PACK } from "./run-bench";
import { median, msSince, repeat, round } from "./stats";
import { syntheticEstate } from "./synthetic-estate";

const PROBE = path.join(__dirname, "fixtures", "module-probe.js");

export interface ProbeReport {
    uptimeMs: number;
    modules: number;
    awsModules: number;
    tsNode: boolean;
    typescript: boolean;
}

/**
 * Starts a pack as the CLI does, with the module probe preloaded (through NODE_OPTIONS, which the
 * spawned node inherits: the plan's own launcher is used unchanged) and `env` set for the probe.
 */
async function startProbed(packDir: string, env: Record<string, string>, timeoutMs = 60000): Promise<PackProcess> {
    const saved: Record<string, string | undefined> = {};
    const vars = { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${PROBE}`.trim() };
    for (const [k, v] of Object.entries(vars)) {
        saved[k] = process.env[k];
        process.env[k] = v;
    }
    try {
        return startPack(packDir, { timeoutMs }); // spawns synchronously, before the first await
    } finally {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) {
                delete process.env[k];
            } else {
                process.env[k] = v;
            }
        }
    }
}

function probeReport(child: PackProcess): ProbeReport | undefined {
    const line = child.stderr().split("\n").find((l) => l.startsWith("BENCH_PROBE "));
    return line ? (JSON.parse(line.slice("BENCH_PROBE ".length)) as ProbeReport) : undefined;
}

/** Spawn → GetAnalyzerInfo answered, with the probe; returns the time and what the pack had loaded. */
async function probedStart(packDir: string, env: Record<string, string>, timeoutMs?: number): Promise<{ servingMs: number; probe?: ProbeReport }> {
    const started = process.hrtime.bigint();
    const child = await startProbed(packDir, env, timeoutMs);
    try {
        const session = await AnalyzerSession.connect(child.address);
        await session.info();
        const servingMs = msSince(started);
        session.close();
        return { servingMs, probe: probeReport(child) };
    } finally {
        await child.stop();
    }
}

async function probedHandle(packDir: string, env: Record<string, string>): Promise<PackHandle> {
    const child = await startProbed(packDir, env);
    const session = await AnalyzerSession.connect(child.address);
    const info = await session.info();
    return { process: child, session, info, packDir, buildMs: 0, close: async () => (session.close(), await child.stop()) };
}

/** Median wall time of `node -e "require('<module>')"` timed inside the child (import cost alone). */
async function importMs(module: string, runs: number): Promise<number> {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(module)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
    const samples = await repeat(runs, () =>
        new Promise<number>((resolve, reject) => {
            const child = spawn(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] });
            let out = "";
            child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
            child.once("error", reject);
            child.once("close", (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`require(${module}) exited ${code}`))));
        }),
    );
    return round(median(samples));
}

/**
 * The pack started from its TypeScript sources (what the CLI does for a pack without a build: ts-node
 * with type checking), in a temporary pack directory whose package.json `main` is policies/index.ts.
 */
async function typescriptStart(packDir: string): Promise<number | string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-bench-tspack-"));
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as Record<string, unknown>;
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...manifest, main: path.join(packDir, "index.ts") }));
        fs.copyFileSync(path.join(packDir, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
        const r = await probedStart(dir, {}, 180000);
        return round(r.servingMs);
    } catch (e) {
        return `failed: ${(e as Error).message.split("\n")[0]}`;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function analyzePerS(handle: PackHandle, base: PlanEvaluation, size: number, inFlight: number, runs: number): Promise<number> {
    const file = packConfigPath(handle.packDir, base.stack);
    const config = buildPolicyConfig(handle.info, fs.existsSync(file) ? readPackConfig(file) : {}, file);
    const resources = syntheticEstate(base.resources, size);
    const samples = await repeat(runs, async () => (await analyzeEstate(handle, { ...base, resources }, config, { inFlight })).analyzeMs);
    return round(size / (Math.max(median(samples), 1) / 1000));
}

export interface EvidenceOptions {
    runs: number;
    packDir?: string;
    baseStack?: string;
    /** Estate size for the in-flight sweep and the type-dispatch comparison (default 2,000). */
    size?: number;
    log?: (line: string) => void;
}

/** The measurements behind each "what made it fast" claim in docs/performance.md. */
export async function gatherEvidence(options: EvidenceOptions): Promise<Record<string, unknown>> {
    const log = options.log ?? (() => undefined);
    const packDir = path.resolve(options.packDir ?? path.join(PROJECT_ROOT, "policies"));
    const size = options.size ?? 2000;
    const runs = options.runs;
    const evidence: Record<string, unknown> = { size, runs };

    log("evidence: what each pack loads before it serves");
    const modules = async (dir: string, env: Record<string, string> = {}) => {
        const samples = await repeat(runs, () => probedStart(dir, env));
        return { serving_ms: round(median(samples.map((s) => s.servingMs))), ...samples[samples.length - 1].probe };
    };
    evidence.pack_modules = await modules(packDir);
    evidence.trivial_pack_modules = await modules(TRIVIAL_PACK);
    log("evidence: the same pack with @pulumi/aws imported first (what a run-time import would cost)");
    evidence.pack_with_aws_import = await modules(packDir, { BENCH_PROBE_PRELOAD: "@pulumi/aws" });
    evidence.require_ms = {
        "@pulumi/aws": await importMs("@pulumi/aws", runs),
        "@pulumi/policy": await importMs("@pulumi/policy", runs),
        "@pulumi/pulumi": await importMs("@pulumi/pulumi", runs),
        "ts-node": await importMs("ts-node", runs),
    };
    log("evidence: the pack started from TypeScript through ts-node (one run: it is slow)");
    evidence.pack_start_typescript_ms = await typescriptStart(packDir);

    const stack = options.baseStack ?? "prod";
    const base = await evaluateForPlan(stack);
    const sweep: Record<string, Record<string, number>> = {};
    for (const [label, dir] of [["whole", packDir], ["trivial", TRIVIAL_PACK]] as const) {
        const handle = await probedHandle(dir, {});
        try {
            sweep[label] = {};
            for (const inFlight of [1, 8, 32, 128]) {
                log(`evidence: ${label} pack, ${size} resources, ${inFlight} in flight`);
                sweep[label][inFlight] = await analyzePerS(handle, base, size, inFlight, runs);
            }
        } finally {
            await handle.close();
        }
    }
    evidence.in_flight_sweep_analyze_per_s = sweep;

    log("evidence: the whole pack with @pulumi/policy's type fast path switched off");
    const noDispatch = await probedHandle(packDir, { BENCH_PROBE_NO_TYPE_DISPATCH: "1" });
    try {
        evidence.type_dispatch = {
            with_analyze_per_s: sweep.whole[32],
            without_analyze_per_s: await analyzePerS(noDispatch, base, size, 32, runs),
        };
    } finally {
        await noDispatch.close();
    }
    return evidence;
}
