import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

/** Raised when the pack cannot be started (missing files, crash before it serves). */
export class PackStartError extends Error {
    override name = "PackStartError";
}

export interface PackProcess {
    /** 127.0.0.1:<port> the pack serves the analyzer protocol on. */
    address: string;
    pid: number;
    /** The `run-policy-pack` script the pack was started with (resolved from the pack directory first). */
    runner: string;
    /** Milliseconds from spawn until the pack printed its port. */
    startMs: number;
    /** What the pack wrote to stderr so far (its log; the reason when it dies). */
    stderr(): string;
    /** Stops the pack by its pid and waits for it to exit. Safe to call more than once. */
    stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kill every pack this process started (exit / signal handlers): by pid, never by name. */
export function stopAllPacksSync(): void {
    for (const child of live) {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
            try {
                process.kill(child.pid, "SIGKILL");
            } catch {
                // already gone
            }
        }
    }
    live.clear();
}

process.once("exit", stopAllPacksSync);

/**
 * The CLI's `pulumi-analyzer-policy` resolves `@pulumi/pulumi/cmd/run-policy-pack` from the pack
 * directory, so a pack installed on its own (as Pulumi Cloud installs a published one) runs with its
 * own SDK. A directory that cannot resolve it (a pack inside this repository resolves the root
 * node_modules anyway) falls back to this project's copy.
 */
function runPolicyPackScript(packDir: string): string {
    let sdk: string;
    try {
        sdk = createRequire(path.join(packDir, "package.json")).resolve("@pulumi/pulumi/package.json");
    } catch {
        sdk = require.resolve("@pulumi/pulumi/package.json");
    }
    return path.join(path.dirname(sdk), "cmd", "run-policy-pack", "index.js");
}

/** The pack directory must look like one the CLI accepts. */
export function checkPackDir(packDir: string): void {
    for (const file of ["package.json", "PulumiPolicy.yaml"]) {
        if (!fs.existsSync(path.join(packDir, file))) {
            throw new PackStartError(`${path.join(packDir, file)} is missing: ${packDir} is not a policy pack directory`);
        }
    }
}

export interface StartPackOptions {
    /** Shown in the pack's own log lines; the pack starts with any address (measured). */
    engineAddress?: string;
    /** Give up when the pack has not printed its port within this many ms. */
    timeoutMs?: number;
    /** The pack's environment (default: this process's). */
    env?: NodeJS.ProcessEnv;
}

/**
 * Starts a policy pack exactly as the Pulumi CLI does: `run-policy-pack <engine> <packDir>` with the
 * pack directory as working directory, and reads the gRPC port from the first stdout line.
 */
export function startPack(packDir: string, options: StartPackOptions = {}): Promise<PackProcess> {
    const dir = path.resolve(packDir);
    checkPackDir(dir);
    const started = Date.now();
    const runner = runPolicyPackScript(dir);
    const child = spawn(process.execPath, [runner, options.engineAddress ?? "127.0.0.1:0", dir], {
        cwd: dir,
        env: options.env ?? process.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    // A pack must never keep this process alive: if a caller forgets stop(), the exit handler kills it.
    child.unref();
    for (const stream of [child.stdout, child.stderr]) {
        (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    let err = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
        // Keep the tail only: a chatty pack must not grow our memory.
        err = (err + chunk).slice(-64 * 1024);
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const stop = async (): Promise<void> => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
            try {
                process.kill(child.pid, "SIGTERM");
            } catch {
                // already gone
            }
            const timer = setTimeout(() => {
                if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
                    process.kill(child.pid, "SIGKILL");
                }
            }, 2000);
            await exited;
            clearTimeout(timer);
        }
        live.delete(child);
    };
    return new Promise<PackProcess>((resolve, reject) => {
        let out = "";
        let settled = false;
        const fail = (message: string): void => {
            if (settled) {
                return;
            }
            settled = true;
            clearTimeout(timer);
            void stop().then(() => reject(new PackStartError(`${message}${err ? `\n${err.trim()}` : ""}`)));
        };
        const timer = setTimeout(
            () => fail(`the policy pack in ${dir} did not start within ${options.timeoutMs ?? 60000} ms`),
            options.timeoutMs ?? 60000,
        );
        child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
            if (settled) {
                return; // a policy's console output after the port line
            }
            out += chunk;
            const newline = out.indexOf("\n");
            if (newline < 0) {
                return;
            }
            const port = Number(out.slice(0, newline).trim());
            if (!Number.isInteger(port) || port <= 0) {
                fail(`the policy pack printed "${out.slice(0, newline)}" instead of its port`);
                return;
            }
            settled = true;
            clearTimeout(timer);
            resolve({
                address: `127.0.0.1:${port}`,
                pid: child.pid as number,
                runner,
                startMs: Date.now() - started,
                stderr: () => err,
                stop,
            });
        });
        child.once("error", (e) => fail(`could not start the policy pack: ${e.message}`));
        child.once("exit", (code, signal) => fail(`the policy pack in ${dir} exited (${signal ?? `code ${code}`}) before serving`));
    });
}
