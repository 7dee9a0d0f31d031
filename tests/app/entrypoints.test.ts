import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

/**
 * The container's two entry points as the image runs them (CMD main.js, HEALTHCHECK healthcheck.js):
 * real processes, so what ECS relies on is tested — the health probe's exit code, a refused
 * privileged port, and a SIGTERM that drains and exits 0 inside the stop timeout.
 */

const MAIN = path.join("app", "src", "main.ts");
const HEALTHCHECK = path.join("app", "src", "healthcheck.ts");

function node(script: string, env: Record<string, string>): ChildProcess {
    return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", script], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** A port nothing listens on right now (the OS hands out a free one, which is then released). */
async function freePort(): Promise<number> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
}

/** A stand-in that answers /health with `status`. */
async function stub(status: number): Promise<{ port: number; close: () => Promise<unknown> }> {
    const server = http.createServer((_req, res) => res.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The health probe's exit code against whatever listens on `port`. */
async function healthcheckExit(port: number): Promise<number | null> {
    return (await exited(node(HEALTHCHECK, { PORT: String(port) }))).code;
}

/** The health probe's exit code against a stand-in that answers /health with `status`. */
async function healthcheckExitAgainst(status: number): Promise<number | null> {
    const s = await stub(status);
    try {
        return await healthcheckExit(s.port);
    } finally {
        await s.close();
    }
}

describe("app: container entry points (main.ts, healthcheck.ts)", function () {
    this.timeout(60000);

    describe("healthcheck (Dockerfile HEALTHCHECK)", () => {
        it("exits 0 when /health answers 200", async () => {
            assert.strictEqual(await healthcheckExitAgainst(200), 0);
        });

        it("exits 1 when /health answers anything else", async () => {
            assert.strictEqual(await healthcheckExitAgainst(503), 1);
        });

        it("exits 1 when nothing listens", async () => {
            assert.strictEqual(await healthcheckExit(await freePort()), 1);
        });
    });

    describe("main", () => {
        it("refuses a privileged port (the task runs as uid 1001 without capabilities)", async () => {
            const r = await exited(node(MAIN, { PORT: "80" }));
            assert.notStrictEqual(r.code, 0);
            assert.match(r.stderr, /Invalid PORT "80": use an unprivileged port between 1024 and 65535/);
        });

        it("serves on PORT, passes its own health check, and on SIGTERM logs the shutdown and exits 0", async () => {
            const port = await freePort();
            const child = node(MAIN, { PORT: String(port), SERVICE_VERSION: "9.9.9", SHUTDOWN_GRACE_MS: "1000" });
            const done = exited(child);
            let out = "";
            child.stdout?.on("data", (c: string) => (out += c));
            for (let waited = 0; !out.includes('"event":"listening"'); waited += 100) {
                assert.ok(waited < 30000, `main did not start listening: ${out}`);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            assert.deepStrictEqual(JSON.parse(out.trim().split("\n")[0]), { level: "info", event: "listening", port });
            assert.strictEqual(await healthcheckExit(port), 0);
            child.kill("SIGTERM");
            const r = await done;
            assert.strictEqual(r.code, 0, r.stderr);
            assert.ok(
                r.stdout.split("\n").some((l) => l === JSON.stringify({ level: "info", event: "shutdown", signal: "SIGTERM" })),
                r.stdout,
            );
        });
    });
});
