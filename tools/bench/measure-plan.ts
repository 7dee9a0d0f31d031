import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../lib/stack-config";
import { parseGnuTimeMaxRss, sampleTreeMemory } from "./proc-memory";

const GNU_TIME = "/usr/bin/time";

export interface PlanRunOptions {
    stack: string;
    /** Extra arguments after the stack (e.g. --root/--pack for a fixture project). */
    extraArgs?: string[];
    /** Directory npm runs in (the repository). */
    cwd?: string;
    /** Use GNU time -v for the exact peak RSS when it exists (default true). */
    gnuTime?: boolean;
}

export interface PlanRun {
    wallMs: number;
    exitCode: number;
    /** GNU time's "Maximum resident set size": the largest single process of the whole tree (kB). */
    gnuMaxRssKb: number | undefined;
    /** Peak RSS (VmHWM) of the node process running tools/plan.ts, not npm's wrapper (kB). */
    planProcessPeakKb: number;
    /** Peak RSS of the policy pack process the plan started (kB). */
    packProcessPeakKb: number;
    /** Largest sum of RSS over the tree at one moment (plan + pack + npm alive together) (kB). */
    treePeakKb: number;
}

/**
 * Runs `npm run plan -- <stack> --out <temp dir>` exactly as a user would (npm, ts-node, the real
 * pack), from spawn to exit, sampling the memory of the process tree meanwhile. Output goes to a
 * temporary directory so the benchmark never overwrites out/<stack>/. Exit 0 (pass) and 1 (blocked)
 * are both complete runs; anything else is an error.
 */
export async function runPlanOnce(options: PlanRunOptions): Promise<PlanRun> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-bench-plan-"));
    const npmArgs = ["run", "plan", "--", options.stack, "--out", out, ...(options.extraArgs ?? [])];
    const useTime = (options.gnuTime ?? true) && fs.existsSync(GNU_TIME);
    const [command, args] = useTime ? [GNU_TIME, ["-v", "npm", ...npmArgs]] : ["npm", npmArgs];
    try {
        const started = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: options.cwd ?? PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
        const sampler = child.pid !== undefined ? sampleTreeMemory(child.pid) : undefined;
        let stderr = "";
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout = (stdout + c).slice(-16 * 1024)));
        child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-16 * 1024)));
        const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
        const exitCode = await new Promise<number>((resolve, reject) => {
            child.once("error", reject);
            child.once("exit", (code) => resolve(code ?? -1));
        });
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        await closed; // the rest of its output (GNU time prints its report last)
        const memory = sampler?.stop();
        if (exitCode !== 0 && exitCode !== 1) {
            throw new Error(`npm run plan -- ${options.stack} exited ${exitCode}:\n${(stderr || stdout).trim()}`);
        }
        const peakOf = (pattern: RegExp): number =>
            Math.max(0, ...(memory?.processes ?? []).filter((p) => pattern.test(p.command)).map((p) => p.peakKb));
        return {
            wallMs,
            exitCode,
            gnuMaxRssKb: useTime ? parseGnuTimeMaxRss(stderr) : undefined,
            planProcessPeakKb: peakOf(/tools[\\/]plan\.ts/),
            packProcessPeakKb: peakOf(/run-policy-pack/),
            treePeakKb: memory?.treePeakKb ?? 0,
        };
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}
