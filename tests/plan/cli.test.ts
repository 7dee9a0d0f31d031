import * as assert from "assert";
import { ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { CliRun, FIXTURE_PACK, FIXTURE_ROOT, runPlanCli, suiteTempDir } from "./helpers";

/** Runs `npm run plan -- …` as the user does (same command line, minus npm). */
function plan(args: string[], onStderr?: (text: string, child: ChildProcess) => void): Promise<CliRun> {
    return runPlanCli(args, { onStderr });
}

/** Running, as opposed to gone or a zombie waiting for a reaper (a container's pid 1 may never reap). */
function alive(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return !/^\d+ \(.*\) [ZX] /.test(stat);
    } catch {
        return false;
    }
}

const fixture = ["--root", FIXTURE_ROOT, "--pack", FIXTURE_PACK];

describe("npm run plan (the CLI)", function () {
    this.timeout(60000);
    const out = suiteTempDir("plan-cli");

    it("--all plans every stack with one pack, writes six files each, and exits 1 when a stack is blocked", async () => {
        const run = await plan(["--all", ...fixture, "--out", out]);
        assert.strictEqual(run.code, 1, run.stderr);
        const verdicts = run.stdout.trim().split("\n");
        assert.strictEqual(verdicts.length, 2);
        assert.match(verdicts[0], /^BLOCKED — 8 mandatory violations, 3 advisory \(plan-fixture\/blocked: 10 resources, 7 policies\)/);
        assert.match(verdicts[1], /^PASS — 0 mandatory violations, 2 advisory, 1 remediated \(plan-fixture\/compliant/);
        for (const stack of ["blocked", "compliant"]) {
            assert.deepStrictEqual(fs.readdirSync(path.join(out, stack)).sort(), ["assessment-results.json", "controls.md", "diagram.mmd", "plan.json", "report.md", "report.sarif"]);
        }
        assert.strictEqual(run.stderr.match(/ready in \d+ ms/g)?.length, 1, "one pack process for all stacks");
        assert.match(run.stderr, /plan compliant: 10 resources evaluated in \d+ ms/);
    });

    it("exits 0 when no mandatory policy fails", async () => {
        const run = await plan(["compliant", ...fixture, "--out", out]);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /^PASS/);
    });

    it("exits 2 with a clear message and no stack trace for an unknown stack or option", async () => {
        const run = await plan(["nosuch", ...fixture]);
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /Unknown stack "nosuch": there is no Pulumi\.nosuch\.yaml; stacks: blocked, compliant/);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
        const bad = await plan(["compliant", "--frobnicate"]);
        assert.strictEqual(bad.code, 2);
        assert.match(bad.stderr, /Unknown option --frobnicate/);
    });

    it("stops the pack it started (by pid) on Ctrl-C", async () => {
        let packPid = 0;
        let sent = false;
        const run = await plan(["compliant", ...fixture, "--out", out], (text, child) => {
            const m = /ready in \d+ ms \(pid (\d+)\)/.exec(text);
            if (m && !sent) {
                sent = true;
                packPid = Number(m[1]);
                child.kill("SIGINT");
            }
        });
        assert.ok(packPid > 0, run.stderr);
        // Either it was interrupted (130) or it had already finished when the signal arrived.
        assert.ok(run.code === 130 || run.code === 0, `exit ${run.code}`);
        assert.strictEqual(alive(packPid), false, `pack ${packPid} still running`);
    });
});
