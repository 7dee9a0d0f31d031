import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

/**
 * One Node version for the project, stated once in .nvmrc and agreeing everywhere it matters:
 * engines.node of the root, the pack and the app, what @pulumi/pulumi itself requires, the app's
 * base image, the README — and `.ci/run`, which brings Node 22 onto a machine whose node is older.
 * (The workflows' setup-node versions are checked in workflows.test.ts.)
 */

const read = (...p: string[]) => fs.readFileSync(path.join(PROJECT_ROOT, ...p), "utf8");
const manifest = (...p: string[]) => JSON.parse(read(...p)) as { engines?: { node?: string } };
const NVMRC = read(".nvmrc");
const NODE = Number(NVMRC.trim());

/** The lowest major a `>=N` / `>=N.x.y` range admits. */
function minimumMajor(range: string | undefined): number {
    const m = /^>=\s*(\d+)(\.\d+){0,2}$/.exec(range ?? "");
    assert.ok(m, `engines.node "${range}" is not of the form >=N`);
    return Number(m[1]);
}

describe("Node version (.nvmrc, engines, app image, .ci/run)", () => {
    it(".nvmrc names one LTS major, 22 or newer", () => {
        assert.match(NVMRC, /^\d+\n$/);
        assert.ok(NODE >= 22 && NODE % 2 === 0, `${NODE}`);
    });

    for (const file of ["package.json", "policies/package.json", "app/package.json"]) {
        it(`${file}: engines.node is >=${NODE}`, () => {
            assert.strictEqual(manifest(...file.split("/")).engines?.node, `>=${NODE}`);
        });
    }

    it("the installed @pulumi/pulumi runs on that Node (its own engines.node)", () => {
        const sdk = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { engines?: { node?: string } };
        assert.ok(minimumMajor(sdk.engines?.node) <= NODE, `@pulumi/pulumi needs ${sdk.engines?.node}`);
    });

    it("the app image runs an LTS line the CI test matrix covers, pinned to an explicit release", () => {
        const majors = [...read("app", "Dockerfile").matchAll(/^FROM node:(\d+)\.\d+\.\d+-alpine\d+\.\d+/gm)].map((m) => Number(m[1]));
        assert.ok(majors.length >= 2, "build and runtime stages");
        assert.strictEqual(new Set(majors).size, 1, "both stages on the same release");
        const matrix = /node: \[([\d, ]+)\]/.exec(read(".github", "workflows", "pull-request.yml"))?.[1].split(",").map(Number) ?? [];
        assert.ok(majors[0] >= NODE && majors[0] % 2 === 0 && matrix.includes(majors[0]), `node:${majors[0]} vs matrix ${matrix.join(", ")}`);
    });

    it("the README says which Node the project needs", () => {
        assert.match(read("README.md"), new RegExp(`Node(\\.js)? ${NODE}\\b`));
    });

    describe(".ci/run on a machine whose node is older", function () {
        this.timeout(30_000);
        // Stubs instead of real installs: `node` answers a version, `npm` logs what it was asked and
        // under which node, and `npm install --prefix <dir> …` drops a node stub into <dir>.
        let dir: string;
        const stub = (file: string, body: string) => {
            fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
        };

        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-ci-run-"));
            fs.mkdirSync(path.join(dir, "bin"));
            stub(path.join(dir, "node-old"), 'echo "v20.11.1"');
            stub(path.join(dir, "node-new"), `echo "v${NODE}.23.3"`);
            stub(
                path.join(dir, "bin", "npm"),
                [
                    'echo "$* | $(node --version)" >> "$STUB_LOG"',
                    '[ "$1" = "--version" ] && echo 11.0.0',
                    'if [ "$1" = install ]; then',
                    '  while [ "$1" != "--prefix" ]; do shift; done',
                    '  mkdir -p "$2/node_modules/.bin" && cp "$STUB_INSTALLS" "$2/node_modules/.bin/node"',
                    "fi",
                    "exit 0",
                ].join("\n"),
            );
        });

        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        function run(machineNode: "node-old" | "node-new", installs: "node-old" | "node-new" = "node-new") {
            fs.copyFileSync(path.join(dir, machineNode), path.join(dir, "bin", "node"));
            const log = path.join(dir, "npm.log");
            fs.rmSync(log, { force: true });
            const res = spawnSync(path.join(PROJECT_ROOT, ".ci", "run"), [], {
                encoding: "utf8",
                env: {
                    HOME: dir,
                    PATH: `${path.join(dir, "bin")}:/usr/bin:/bin`,
                    GOVSTACK_NODE_PREFIX: path.join(dir, "prefix"),
                    STUB_LOG: log,
                    STUB_INSTALLS: path.join(dir, installs),
                },
            });
            const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
            return { status: res.status, stderr: res.stderr, calls };
        }

        it(`installs node@${NODE} into the cache folder, puts it first on PATH, then runs npm ci && npm test on it`, () => {
            const prefix = path.join(dir, "prefix");
            const first = run("node-old");
            assert.strictEqual(first.status, 0, first.stderr);
            assert.deepStrictEqual(first.calls, [
                `install --prefix ${prefix} --no-audit --no-fund --loglevel=error node@${NODE} | v20.11.1`,
                `--version | v${NODE}.23.3`,
                `ci | v${NODE}.23.3`,
                `test | v${NODE}.23.3`,
            ]);
            // npm 11 runs the node package's preinstall (which fetches the binary) only when allowed.
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(prefix, "package.json"), "utf8")).allowScripts, { node: true });

            const second = run("node-old");
            assert.strictEqual(second.status, 0, second.stderr);
            assert.deepStrictEqual(second.calls.slice(1), [`ci | v${NODE}.23.3`, `test | v${NODE}.23.3`], "the cached node is reused");
            assert.ok(!second.calls[0].startsWith("install"));
        });

        it(`leaves a machine that already has Node ${NODE}+ alone`, () => {
            const res = run("node-new");
            assert.strictEqual(res.status, 0, res.stderr);
            assert.deepStrictEqual(res.calls.slice(1), [`ci | v${NODE}.23.3`, `test | v${NODE}.23.3`]);
            assert.ok(!fs.existsSync(path.join(dir, "prefix")));
        });

        it("stops before npm ci when the installed node is still too old", () => {
            const res = run("node-old", "node-old");
            assert.strictEqual(res.status, 1);
            assert.match(res.stderr, new RegExp(`is not Node ${NODE} \\(v20\\.11\\.1\\); delete .* and run again`));
            assert.ok(!res.calls.some((c) => /^(ci|test) /.test(c)), res.calls.join("\n"));
        });

        it("is executable and ends in exactly the README's test command", () => {
            const script = read(".ci", "run");
            assert.strictEqual(script.trim().split("\n").pop(), "npm ci && npm test");
            assert.ok(read("README.md").includes("npm ci && npm test"));
            execFileSync("bash", ["-n", path.join(PROJECT_ROOT, ".ci", "run")]);
            assert.ok((fs.statSync(path.join(PROJECT_ROOT, ".ci", "run")).mode & 0o111) !== 0);
        });
    });
});
