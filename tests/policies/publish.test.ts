// The pack as Pulumi Cloud gets it. `pulumi policy publish` (and the delivery program's PolicyPack
// resource) runs `npm pack --loglevel=error` in policies/ and reads the tarball's file name from
// stdout (pulumi/pulumi sdk/nodejs/npm/npm.go `Pack`), so anything else on stdout breaks publishing.
// A stack that enforces the pack then downloads the tarball, extracts its `package/` folder and
// installs the production dependencies there (pkg/backend/httpstate/policypack.go
// `installRequiredPolicy`), and the CLI starts it with the run-policy-pack of that folder's own
// @pulumi/pulumi. Both halves run here for real: no --ignore-scripts, no ts-node, nothing from the
// repository root on the server side.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { allPolicies } from "../../policies/rules";
import { AnalyzerSession } from "../../tools/plan/analyzer-client";
import { buildPolicyConfig, packConfigPath, readPackConfig } from "../../tools/plan/pack-config";
import { PackProcess, startPack } from "../../tools/plan/pack-process";
import { JsonObject } from "../../tools/plan/properties";
import { PackInfo, PlannedResource, plannedResource } from "../../tools/plan/types";

const ROOT = path.join(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
    name: string;
    version: string;
    main: string;
    scripts?: Record<string, string>;
};
/** `npm pack`'s file name: `<name>-<version>.tgz`, a scope `@s/n` becoming `s-n`. */
const TARBALL = `${MANIFEST.name.replace(/^@/, "").replace("/", "-")}-${MANIFEST.version}.tgz`;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * The environment of a user's shell, not of `npm test`: npm exports npm_config_* (local_prefix is
 * this repository) to scripts, and a nested npm must not inherit them. No NODE_OPTIONS (a
 * --require of ts-node would reach the pack) and no NODE_PATH either.
 */
function shellEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "NODE_OPTIONS" && k !== "NODE_PATH" && k !== "INIT_CWD"),
    );
}

/** Every TypeScript source of the pack, as the compiled path the tarball must carry (`bin/<path>.js`). */
/** Top-level folders the pack's tsconfig compiles ("rules/**" + "/*.ts" → rules); policies/coverage/ is data for docs and tests. */
const COMPILED_DIRS = new Set(
    (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "tsconfig.json"), "utf8")) as { include: string[] }).include.filter((i) => i.includes("/")).map((i) => i.split("/")[0]),
);

function compiledSources(dir = PACK_DIR, rel = ""): string[] {
    return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
        const child = path.posix.join(rel, e.name);
        if (e.isDirectory()) {
            return rel === "" && !COMPILED_DIRS.has(child) ? [] : compiledSources(dir, child);
        }
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [`bin/${child.replace(/\.ts$/, ".js")}`] : [];
    });
}

function resource(type: string, name: string, inputs: JsonObject, provider?: string): PlannedResource {
    return plannedResource({ urn: `urn:pulumi:staging::govstack::${type}::${name}`, type, name, provider, inputs, outputs: inputs });
}

describe("policy pack: published (pulumi policy publish) and installed as Pulumi Cloud installs it", function () {
    this.timeout(180_000);
    let work: string;
    let stdout: string;

    before(function () {
        assert.ok(fs.existsSync(path.join(PACK_DIR, MANIFEST.main)), "policies/bin is missing: run `npm run build` first (npm test does)");
        work = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-publish-"));
        // Exactly the CLI's command (plus a destination, so the repository stays clean); scripts run.
        stdout = execFileSync(NPM, ["pack", "--loglevel=error", "--pack-destination", work], {
            cwd: PACK_DIR,
            env: shellEnv(),
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        });
    });

    after(() => {
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("npm pack prints exactly one line, the tarball's name, and the file exists", () => {
        assert.deepEqual(stdout.split("\n"), [TARBALL, ""], `npm pack stdout was:\n${stdout}`);
        assert.ok(fs.statSync(path.join(work, TARBALL)).size > 0);
    });

    it("the pack has no lifecycle script that npm pack would run (its output goes to stdout); the root `prepare` builds it", () => {
        const packScripts = ["prepack", "prepare", "postpack"].filter((s) => MANIFEST.scripts?.[s] !== undefined);
        assert.deepEqual(packScripts, []);
        const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
        assert.equal(root.scripts.prepare, "npm run build");
        assert.match(root.scripts.build, /tsc -p policies\/tsconfig\.json/);
    });

    it("the tarball is complete: package.json, PulumiPolicy.yaml, the stack configs and every source compiled to bin/ — and no TypeScript source", () => {
        const listed = execFileSync("tar", ["-tzf", path.join(work, TARBALL)], { encoding: "utf8" })
            .split("\n")
            .filter(Boolean)
            .map((f) => f.replace(/^package\//, ""));
        const expected = ["package.json", "PulumiPolicy.yaml", MANIFEST.main, "config/staging.json", "config/prod.json", ...compiledSources()];
        assert.deepEqual(expected.filter((f) => !listed.includes(f)), [], "missing from the tarball");
        assert.deepEqual(listed.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), [], "TypeScript sources in the tarball");
    });

    describe("installed on its own: extracted, production dependencies only, served over the analyzer protocol", () => {
        let packDir: string;
        let installMs: number;
        let pack: PackProcess | undefined;
        let session: AnalyzerSession | undefined;
        let info: PackInfo;

        before(async () => {
            execFileSync("tar", ["-xzf", path.join(work, TARBALL), "-C", work]);
            packDir = path.join(work, "package");
            const started = Date.now();
            // What the CLI's nodejs host runs for a plugin: a production install in the extracted
            // folder. --prefer-offline: the npm cache usually has everything (npm ci just ran).
            execFileSync(NPM, ["install", "--omit=dev", "--loglevel=error", "--no-audit", "--no-fund", "--prefer-offline"], {
                cwd: packDir,
                env: shellEnv(),
                encoding: "utf8",
                stdio: ["ignore", "pipe", "pipe"],
            });
            installMs = Date.now() - started;
            pack = await startPack(packDir, { env: shellEnv(), timeoutMs: 30_000 });
            session = await AnalyzerSession.connect(pack.address);
            info = await session.info();
        });

        after(async () => {
            session?.close();
            await pack?.stop();
        });

        it(`installs without dev dependencies (no TypeScript, no ts-node) in well under a minute`, () => {
            for (const dev of ["typescript", "ts-node", "mocha", "@pulumi/aws"]) {
                assert.ok(!fs.existsSync(path.join(packDir, "node_modules", dev)), `${dev} was installed`);
            }
            assert.ok(fs.existsSync(path.join(packDir, "node_modules", "@pulumi", "policy", "package.json")));
            assert.ok(installMs < 90_000, `npm install took ${installMs} ms`);
        });

        it("runs on its own @pulumi/pulumi, outside the repository", () => {
            assert.ok(pack?.runner.startsWith(path.join(packDir, "node_modules") + path.sep), pack?.runner);
            assert.ok(path.relative(ROOT, packDir).startsWith(".."), `${packDir} is inside the repository`);
        });

        it("GetAnalyzerInfo lists every policy of the pack", () => {
            assert.equal(info.name, MANIFEST.name);
            assert.equal(info.version, MANIFEST.version);
            assert.deepEqual(
                info.policies.map((p) => p.name),
                allPolicies.map((p) => p.name),
            );
        });

        it("Analyze blocks a public, unencrypted database with a mandatory diagnostic (staging config from the tarball)", async () => {
            const file = packConfigPath(packDir, "staging");
            await session!.configure(buildPolicyConfig(info, readPackConfig(file), file));
            await session!.configureStack({ stack: "staging", project: "govstack", organization: "govstack", dryRun: true });
            const provider = resource("pulumi:providers:aws", "default", { region: "us-gov-west-1" });
            const db = resource("aws:rds/instance:Instance", "app-db", { engine: "postgres", publiclyAccessible: true, storageEncrypted: false }, provider.urn);
            const diags = await session!.analyze(db, provider);
            const publicDb = diags.find((d) => d.policy === "rds-not-publicly-accessible");
            assert.equal(publicDb?.enforcement, "mandatory", JSON.stringify(diags, null, 2));
            assert.equal(publicDb?.urn, db.urn);
            assert.match(publicDb?.message ?? "", /DB instance "app-db" has publiclyAccessible = true/);
        });
    });
});
