import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { evaluateForPlan, EvaluateOptions, PlanEvaluation } from "../../tools/plan/evaluate";
import { openPack, PackHandle } from "../../tools/plan/run-plan";

export const FIXTURE_ROOT = path.join(PROJECT_ROOT, "tests", "fixtures", "plan-project");
export const FIXTURE_PACK = path.join(PROJECT_ROOT, "tests", "fixtures", "pack");
export const REAL_PACK = path.join(PROJECT_ROOT, "policies");

/** A fresh temporary directory for one test file's outputs (never out/). */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `govstack-${prefix}-`));
}

/** tempDir for the enclosing describe: removed after it. */
export function suiteTempDir(prefix: string): string {
    const dir = tempDir(prefix);
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
}

/** write(name, text) writes a file under `dir` (making its folders) and returns the file's path. */
export function fileWriter(dir: string): (name: string, text: string) => string {
    return (name, text) => {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return file;
    };
}

/**
 * One pack process for the enclosing describe: the returned function opens it on first call (from
 * before()) and hands back the same opening after; it is closed after the describe, even when
 * before() failed half-way (a live pack would keep mocha running).
 */
export function packPerSuite(packDir: string): () => Promise<PackHandle> {
    let opening: Promise<PackHandle> | undefined;
    after(async () => {
        await (await opening?.catch(() => undefined))?.close();
    });
    return () => {
        if (!opening) {
            opening = openPack(packDir);
            opening.catch(() => undefined); // an opening that fails is reported by whoever awaits it
        }
        return opening;
    };
}

export function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

const evaluations = new Map<string, Promise<PlanEvaluation>>();

/**
 * Each real stack is evaluated once per test run, shared by every test file (the evaluation is
 * plain data; each file still runs it through its own pack process).
 */
export function evaluateOnce(stack: string, options: EvaluateOptions = {}): Promise<PlanEvaluation> {
    const key = `${stack}\n${options.entry ?? ""}`;
    let e = evaluations.get(key);
    if (!e) {
        e = evaluateForPlan(stack, options);
        evaluations.set(key, e);
    }
    return e;
}

export interface CliRun {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/**
 * Runs `npm run plan -- …` as the user does (same command line, minus npm), in a child process.
 * `env` adds variables (PLAN_DEBUG …); `onStderr` sees stderr as it grows (to send a signal).
 */
export function runPlanCli(
    args: string[],
    options: { env?: Record<string, string>; onStderr?: (text: string, child: ChildProcess) => void } = {},
): Promise<CliRun> {
    return new Promise((resolve) => {
        const env = { ...process.env, ...options.env };
        if (!options.env?.PLAN_DEBUG) {
            delete env.PLAN_DEBUG;
        }
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/plan.ts", ...args], {
            cwd: PROJECT_ROOT,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout?.setEncoding("utf8").on("data", (c: string) => (stdout += c));
        child.stderr?.setEncoding("utf8").on("data", (c: string) => {
            stderr += c;
            options.onStderr?.(stderr, child);
        });
        child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
}
