import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../lib/stack-config";
import { AnalyzerSession } from "../plan/analyzer-client";
import { evaluateForPlan, PlanEvaluation } from "../plan/evaluate";
import { buildPolicyConfig, packConfigPath, readPackConfig } from "../plan/pack-config";
import { PackProcess, startPack } from "../plan/pack-process";
import { PackHandle } from "../plan/run-plan";
import { PlannedResource } from "../plan/types";
import { ensurePackBuilt, measureAnalysis } from "./measure-pack";
import { TRIVIAL_PACK } from "./run-bench";
import { median, msSince, repeat, round } from "./stats";
import { syntheticEstate } from "./synthetic-estate";

export const PROBE = path.join(__dirname, "fixtures", "module-probe.js");

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

/** What the probe writes to stderr once it has loaded @pulumi/policy's server from the transformed source. */
export const STACK_LIST_ONCE_ACTIVE = "BENCH_PROBE_STACK_LIST_ONCE active";

/**
 * Waits (briefly: stderr and the port line travel on different pipes) for the probe's word that the
 * transformed server is the one loaded; a variant that silently ran the stock server would be a lie.
 */
async function expectActive(child: PackProcess, line: string): Promise<void> {
    for (let waited = 0; !child.stderr().split("\n").includes(line); waited += 50) {
        if (waited >= 2000) {
            throw new Error(`the pack (pid ${child.pid}) started without "${line}" on stderr: the probe's toggle did not take effect\n${child.stderr().trim()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

/** A pack started with the probe (`env` toggles set), connected and its info read; close() stops it. */
export async function probedHandle(packDir: string, env: Record<string, string>): Promise<PackHandle> {
    const child = await startProbed(packDir, env);
    try {
        if (env.BENCH_PROBE_STACK_LIST_ONCE === "1") {
            await expectActive(child, STACK_LIST_ONCE_ACTIVE);
        }
        const session = await AnalyzerSession.connect(child.address);
        const info = await session.info();
        return { process: child, session, info, packDir, buildMs: 0, close: async () => (session.close(), await child.stop()) };
    } catch (e) {
        await child.stop();
        throw e;
    }
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

interface VariantFigures {
    analyze_per_s: number;
    analyze_stack_ms: number;
    pack_cpu_ms_per_analyze: number;
    pack_cpu_ms_analyze_stack: number;
}

/** One pack process (probe `env` set) measured over one estate size, after a warm-up pass. */
async function variant(
    packDir: string,
    env: Record<string, string>,
    base: PlanEvaluation,
    size: number,
    inFlight: number,
    runs: number,
    shape: (r: PlannedResource) => PlannedResource = (r) => r,
): Promise<VariantFigures> {
    const handle = await probedHandle(packDir, env);
    try {
        const file = packConfigPath(handle.packDir, base.stack);
        const config = buildPolicyConfig(handle.info, fs.existsSync(file) ? readPackConfig(file) : {}, file);
        const estate = new Map([[size, syntheticEstate(base.resources, size).map(shape)]]);
        await measureAnalysis(handle, base, config, estate, 1, inFlight); // warm-up
        const samples = await measureAnalysis(handle, base, config, estate, runs, inFlight);
        return {
            analyze_per_s: round(size / (Math.max(median(samples.map((s) => s.analyzeMs)), 1) / 1000)),
            analyze_stack_ms: round(median(samples.map((s) => s.analyzeStackMs))),
            pack_cpu_ms_per_analyze: round(median(samples.map((s) => s.packCpuAnalyzeMs)) / size, 3),
            pack_cpu_ms_analyze_stack: round(median(samples.map((s) => s.packCpuStackMs))),
        };
    } finally {
        await handle.close();
    }
}

export interface EvidenceOptions {
    runs: number;
    packDir?: string;
    baseStack?: string;
    /** Estate size for the server-variant comparison (default 10,000) and the in-flight sweep (default 1,000). */
    size?: number;
    sweepSize?: number;
    log?: (line: string) => void;
}

/** The measurements behind each "what made it fast" claim in docs/performance.md. */
export async function gatherEvidence(options: EvidenceOptions): Promise<Record<string, unknown>> {
    const log = options.log ?? (() => undefined);
    const packDir = path.resolve(options.packDir ?? path.join(PROJECT_ROOT, "policies"));
    const size = options.size ?? 10000;
    const sweepSize = options.sweepSize ?? 1000;
    const runs = options.runs;
    const evidence: Record<string, unknown> = { size, sweep_size: sweepSize, runs };

    await ensurePackBuilt(packDir, log);
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
    const sweep: Record<string, Record<string, number>> = { whole: {}, trivial: {} };
    for (const inFlight of [1, 8, 32, 128]) {
        log(`evidence: ${sweepSize} resources with ${inFlight} analyze calls in flight (whole and trivial pack)`);
        sweep.whole[inFlight] = (await variant(packDir, {}, base, sweepSize, inFlight, runs)).analyze_per_s;
        sweep.trivial[inFlight] = (await variant(TRIVIAL_PACK, {}, base, sweepSize, inFlight, runs)).analyze_per_s;
    }
    evidence.in_flight_sweep_analyze_per_s = sweep;

    // The server's per-policy costs, switched on and off from outside the pack (module-probe.js).
    const variants: Record<string, Record<string, string>> = {
        as_built: {},
        no_type_fast_path: { BENCH_PROBE_NO_TYPE_DISPATCH: "1" },
        deserialize_once: { BENCH_PROBE_MEMO_DESERIALIZE: "1" },
        deserialize_once_no_type_fast_path: { BENCH_PROBE_MEMO_DESERIALIZE: "1", BENCH_PROBE_NO_TYPE_DISPATCH: "1" },
        // The fix we would propose to @pulumi/policy: analyzeStack's resource list built once per request,
        // not once per stack policy (the pack's stack policies all pay for the whole list today).
        stack_list_once: { BENCH_PROBE_STACK_LIST_ONCE: "1" },
    };
    const server: Record<string, VariantFigures> = {};
    for (const [name, env] of Object.entries(variants)) {
        log(`evidence: whole pack ${name}, ${size} resources`);
        server[name] = await variant(packDir, env, base, size, 32, runs);
    }
    server.trivial_pack = await variant(TRIVIAL_PACK, {}, base, size, 32, runs);
    // Calibration against the facts issue 8 starts from (~0.6 s for 10,000 *small* resources): the same
    // count with no properties and no provider, so the estate's size on the wire is the only change.
    log(`evidence: trivial pack, ${size} empty resources`);
    server.trivial_pack_empty_resources = await variant(TRIVIAL_PACK, {}, base, size, 32, runs, (r) => ({ ...r, inputs: {}, outputs: {}, provider: undefined }));
    evidence.server_variants = server;
    return evidence;
}
