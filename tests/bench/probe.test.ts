import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { PROBE, probedHandle, STACK_LIST_ONCE_ACTIVE } from "../../tools/bench/evidence";
import { ensurePackBuilt } from "../../tools/bench/measure-pack";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { Diagnostic } from "../../tools/plan/analyzer-client";
import { buildPolicyConfig, packConfigPath, readPackConfig } from "../../tools/plan/pack-config";
import { analyzeEstate, PackHandle, providerIndex } from "../../tools/plan/run-plan";
import { Violation } from "../../tools/plan/types";
import { evaluateOnce, REAL_PACK, tempDir } from "../plan/helpers";

const TOGGLE = "BENCH_PROBE_STACK_LIST_ONCE";

/**
 * Runs in a child node with the probe preloaded: calls @pulumi/policy's own analyzeStack RPC function
 * (exported by server.js) twice with a three-resource request and two stack policies, and prints
 * what each policy was handed.
 */
const SERVER_CHECK = `
const path = require("path");
const server = require("@pulumi/policy/server");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
const urn = (t, n) => "urn:pulumi:prod::govstack::" + t + "::" + n;
const resource = (type, name, props, parent, deps) => {
    const r = new pb.AnalyzerResource();
    r.setType(type);
    r.setName(name);
    r.setUrn(urn(type, name));
    r.setProperties(Struct.fromJavaScript(props));
    r.setOptions(new pb.AnalyzerResourceOptions());
    if (parent) r.setParent(parent);
    r.setDependenciesList(deps || []);
    return r;
};
const bucket = resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
const req = new pb.AnalyzeStackRequest();
req.setResourcesList([
    bucket,
    resource("aws:s3/bucketPolicy:BucketPolicy", "logs-policy", { bucket: "logs" }, bucket.getUrn(), [bucket.getUrn()]),
    resource("aws:ebs/volume:Volume", "data", { size: 10 }),
]);
const seen = [];
const policy = (name) => ({ name, description: name, enforcementLevel: "advisory", validateStack: (args) => { seen.push(args); } });
const analyzeStack = server.makeAnalyzeStackRpcFun("probe-check", "0.0.1", "advisory", [policy("first"), policy("second")]);
const call = () => new Promise((resolve, reject) => analyzeStack({ request: req }, (err) => (err ? reject(err) : resolve())));
call().then(call).then(() => {
    const [a, b, c] = seen;
    process.stdout.write(JSON.stringify({
        calls: seen.length,
        resources: a.resources.length,
        sameListAcrossPolicies: a.resources === b.resources,
        sameArgsAcrossPolicies: a === b,
        sameListAcrossRequests: a.resources === c.resources,
        parentLinked: b.resources[1].parent === b.resources[0],
        dependencyLinked: b.resources[1].dependencies[0] === b.resources[0],
        props: b.resources.map((r) => r.props),
    }));
}, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(2); });
`;

interface ServerCheck {
    calls: number;
    resources: number;
    sameListAcrossPolicies: boolean;
    sameArgsAcrossPolicies: boolean;
    sameListAcrossRequests: boolean;
    parentLinked: boolean;
    dependencyLinked: boolean;
    props: Record<string, unknown>[];
}

function runWithProbe(cwd: string, script: string, toggle: boolean): { status: number | null; stdout: string; stderr: string } {
    const env = { ...process.env };
    delete env[TOGGLE];
    if (toggle) {
        env[TOGGLE] = "1";
    }
    const r = spawnSync(process.execPath, ["--require", PROBE, "-e", script], { cwd, env, encoding: "utf8", timeout: 30000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function serverCheck(toggle: boolean): { check: ServerCheck; stderr: string } {
    const r = runWithProbe(PROJECT_ROOT, SERVER_CHECK, toggle);
    assert.strictEqual(r.status, 0, r.stderr);
    return { check: JSON.parse(r.stdout) as ServerCheck, stderr: r.stderr };
}

describe(`bench: the ${TOGGLE} probe (analyzeStack's resource list built once per request)`, function () {
    this.timeout(60000);

    it("finds its anchors in the installed @pulumi/policy server.js, compiles it, and shares the list across stack policies", () => {
        const { check, stderr } = serverCheck(true);
        assert.ok(stderr.split("\n").includes(STACK_LIST_ONCE_ACTIVE), `no "${STACK_LIST_ONCE_ACTIVE}" in:\n${stderr}`);
        assert.ok(!stderr.includes("BENCH_PROBE_ERROR"), stderr);
        assert.strictEqual(check.calls, 4);
        assert.strictEqual(check.resources, 3);
        assert.strictEqual(check.sameListAcrossPolicies, true, "both stack policies of one request get the same array");
        assert.strictEqual(check.sameArgsAcrossPolicies, false, "each policy keeps its own args (its own getConfig)");
        assert.strictEqual(check.sameListAcrossRequests, false, "the list is per request, never carried into the next one");
        assert.ok(check.parentLinked && check.dependencyLinked, "parents and dependencies are still linked");
    });

    it("without the toggle the stock server rebuilds the list per policy (so the check above can fail)", () => {
        const stock = serverCheck(false);
        assert.ok(!stock.stderr.includes(STACK_LIST_ONCE_ACTIVE), stock.stderr);
        assert.strictEqual(stock.check.sameListAcrossPolicies, false);
        assert.ok(stock.check.parentLinked && stock.check.dependencyLinked);
        assert.deepStrictEqual(serverCheck(true).check.props, stock.check.props);
    });

    it("fails loudly, before anything loads, when server.js no longer has the shape it rewrites", () => {
        const dir = tempDir("probe-shape");
        try {
            const installed = path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [PROJECT_ROOT] }));
            const fake = path.join(dir, "node_modules", "@pulumi", "policy");
            fs.mkdirSync(fake, { recursive: true });
            fs.copyFileSync(path.join(installed, "package.json"), path.join(fake, "package.json"));
            const source = fs.readFileSync(path.join(installed, "server.js"), "utf8");
            assert.ok(source.includes("const intermediates = [];"));
            // What an upstream refactor could look like: same behaviour, different text.
            fs.writeFileSync(path.join(fake, "server.js"), source.replace("const intermediates = [];", "const intermediates = new Array();"));
            const r = runWithProbe(dir, "require('@pulumi/policy/server.js'); process.stdout.write('loaded')", true);
            assert.notStrictEqual(r.status, 0);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, /^BENCH_PROBE_ERROR BENCH_PROBE_STACK_LIST_ONCE: expected "const intermediates = \[\];" once in makeAnalyzeStackRpcFun of .*server\.js, found 0$/m);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("gives the real pack the same diagnostics (analyze and analyzeStack) as the stock server", async function () {
        this.timeout(120000);
        await ensurePackBuilt(REAL_PACK, () => undefined);
        // Small and non-compliant with prod's settings: several stack policies report on it.
        const evaluation = await evaluateOnce("prod", { entry: "tests/fixtures/noncompliant-estate.ts" });
        const run = async (env: Record<string, string>): Promise<{ violations: Violation[]; stack: Diagnostic[]; stderr: string }> => {
            const handle: PackHandle = await probedHandle(REAL_PACK, env);
            try {
                const file = packConfigPath(handle.packDir, evaluation.stack);
                const config = buildPolicyConfig(handle.info, fs.existsSync(file) ? readPackConfig(file) : {}, file);
                const { violations, resources } = await analyzeEstate(handle, evaluation, config, { inFlight: 8 });
                const stack = await handle.session.analyzeStack(resources, providerIndex(resources));
                return { violations, stack, stderr: handle.process.stderr() };
            } finally {
                await handle.close();
            }
        };
        const stock = await run({});
        const once = await run({ [TOGGLE]: "1" });
        assert.ok(!stock.stderr.includes(STACK_LIST_ONCE_ACTIVE));
        assert.ok(once.stderr.split("\n").includes(STACK_LIST_ONCE_ACTIVE), once.stderr);
        // Several stack policies must have read the shared list for the comparison to mean anything.
        const policies = new Set(stock.stack.map((d) => d.policy));
        assert.ok(policies.size >= 2, `stack diagnostics from ${[...policies].join(", ") || "no policy"}`);
        assert.deepStrictEqual(once.stack, stock.stack);
        assert.deepStrictEqual(once.violations, stock.violations);
    });
});
