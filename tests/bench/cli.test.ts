import * as assert from "assert";
import { spawnSync } from "child_process";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

// `npm run bench`'s command line as a user meets it: help on stdout with exit 0, a bad option named
// on stderr with the usage and exit 2 — before the SDK or any pack is loaded (so it is instant).
function bench(...args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/bench.ts", ...args], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        timeout: 60000,
    });
}

describe("npm run bench: command line", function () {
    this.timeout(60000);

    it("--help prints the usage and exits 0", () => {
        const r = bench("--help");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /^usage: npm run bench \[-- options\]/);
        assert.match(r.stdout, /--check\s+exit 1 when a target fails/);
    });

    // Every message of parseArgs is unit-tested (units.test.ts); here, what the process does with one.
    it("names a bad value or an unknown option, prints the usage, exits 2", () => {
        for (const [args, message] of [
            [["--runs", "0"], 'bench: Invalid --runs "0": use a positive whole number'],
            [["--fast"], "bench: Unknown option --fast"],
        ] as const) {
            const r = bench(...args);
            assert.strictEqual(r.status, 2, args.join(" "));
            assert.ok(r.stderr.startsWith(`${message}\n\nusage: npm run bench`), r.stderr);
            assert.strictEqual(r.stdout, "");
        }
    });
});
