// Pack-level tests. Pure checks of the exported list and the config files, then the compiled
// pack started exactly as the Pulumi CLI starts it (run-policy-pack in policies/, gRPC on the port
// it prints) and driven over the analyzer protocol: GetAnalyzerInfo, Configure, ConfigureStack,
// Analyze (with AnalyzerResourceOptions + CustomTimeouts) and AnalyzeStack.

import * as assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as readline from "node:readline";

import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";

import { GovPolicy, remediationLevelErrors, SUBNET, UNKNOWN } from "../../policies/lib";
import { allPolicies } from "../../policies/rules";
import { databasePolicies } from "../../policies/rules/databases";
import { encryptionPolicies } from "../../policies/rules/encryption";
import { packInfoFromMessage } from "../../tools/plan/analyzer-client";
import { buildPolicyConfig, PackConfigFile, readPackConfig, redundantEntries, resolvePolicyConfig } from "../../tools/plan/pack-config";
import { servedPackInfo } from "../../tools/plan/served-info";

// The protocol assertions look at this file's areas only, so other areas' policies (tags,
// governance) can flag the same fixtures without breaking these tests.
const OURS = new Set([...databasePolicies, ...encryptionPolicies].map((p) => p.name));

const ROOT = path.join(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policies");
const PACK_MAIN = path.join(PACK_DIR, "bin", "index.js");

// The proto stubs check message classes, so use the grpc-js/google-protobuf copies @pulumi/pulumi resolves.
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const pb = pulumiRequire("./proto/analyzer_pb") as typeof analyzerPb;
const { AnalyzerClient } = pulumiRequire("./proto/analyzer_grpc_pb") as {
    AnalyzerClient: new (address: string, creds: grpcTypes.ChannelCredentials) => grpcTypes.Client;
};
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(o: Record<string, unknown>): unknown };
};
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

const LEVELS: Record<string, analyzerPb.EnforcementLevel> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const SEVERITIES: Record<string, analyzerPb.PolicySeverity> = { low: 1, medium: 2, high: 3, critical: 4 };

function readConfig(stack: string): PackConfigFile {
    return readPackConfig(path.join(PACK_DIR, "config", `${stack}.json`));
}

/** The prod-scoped policies, from each spec's `scope`: the one list of them. */
const PROD_SCOPED = allPolicies.filter((p) => p.govstack.scope === "prod").map((p) => p.name);

describe("policy pack", () => {
    describe("exported list and config files", () => {
        it("every policy honours the contract", () => {
            assert.ok(allPolicies.length > 0);
            for (const p of allPolicies) {
                assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
                assert.deepEqual(p.tags, [...p.govstack.controls], p.name);
                assert.deepEqual(p.framework, {
                    name: "NIST SP 800-53",
                    version: "rev5",
                    reference: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
                    specification: p.govstack.controls.join(", "),
                });
                assert.ok(p.configSchema?.properties.waivers, `${p.name} has waivers in its config schema`);
                assert.ok(p.description.length > 20 && p.remediationSteps.length > 10, p.name);
                assert.ok(["low", "medium", "high", "critical"].includes(p.severity), p.name);
                if (p.govstack.kind === "resource") {
                    // Issue 8: no per-type skip by the server for analyze (each skip adds a
                    // PolicyNotApplicable entry to every response); the builder's Set check dispatches.
                    assert.equal((p as { validateResource?: { __pulumiType?: string } }).validateResource?.__pulumiType, undefined, p.name);
                }
            }
            assert.equal(new Set(allPolicies.map((p) => p.name)).size, allPolicies.length, "names are unique");
        });

        for (const stack of ["staging", "prod"]) {
            it(`policies/config/${stack}.json is valid for the pack: the schemas it serves, and remediate only where a policy can remediate`, () => {
                const config = readConfig(stack);
                assert.deepEqual(resolvePolicyConfig(servedPackInfo(), config).problems, []);
                assert.deepEqual(remediationLevelErrors(config, allPolicies), []);
                // JSON.parse keeps the last of duplicate keys silently; a duplicate hides an edit.
                const text = fs.readFileSync(path.join(PACK_DIR, "config", `${stack}.json`), "utf8");
                const keys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
                assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], "duplicate policy entries");
            });

            it(`policies/config/${stack}.json holds only what differs from the code defaults (no stale copy of a default)`, () => {
                assert.deepEqual(redundantEntries(servedPackInfo(), readConfig(stack)), [], "remove these entries: they repeat the code's defaults");
            });
        }

        it("staging.json sets exactly the prod-scoped policies (`scope: \"prod\"`) to advisory; prod.json sets no level at all", () => {
            assert.ok(PROD_SCOPED.length > 0);
            const levelOf = (entry: unknown) => (typeof entry === "string" ? entry : (entry as { enforcementLevel?: string }).enforcementLevel);
            const levels = (stack: string) =>
                Object.entries(readConfig(stack))
                    .filter(([, entry]) => levelOf(entry) !== undefined)
                    .map(([name, entry]) => `${name}=${levelOf(entry)}`)
                    .sort();
            assert.deepEqual(levels("staging"), PROD_SCOPED.map((name) => `${name}=advisory`).sort());
            assert.deepEqual(levels("prod"), []);
            // Every prod-scoped policy fails closed: mandatory wherever a stack's config leaves it alone.
            for (const name of PROD_SCOPED) {
                assert.equal(buildPolicyConfig(servedPackInfo(), readConfig("prod"))[name].enforcement, "mandatory", name);
            }
        });

        it("redundantEntries finds a level or option value that repeats the default, an empty entry, and keeps real differences", () => {
            const config = {
                "rds-storage-encrypted": { enforcementLevel: "mandatory", requireCmk: true },
                "rds-multi-az": "mandatory",
                "rds-final-snapshot": {},
                "rds-backup-retention": { minBackupRetentionDays: 35 },
                "rds-deletion-protection": "advisory",
            };
            assert.deepEqual(redundantEntries(servedPackInfo(), config), [
                "rds-storage-encrypted.enforcementLevel",
                "rds-storage-encrypted.requireCmk",
                "rds-multi-az",
                "rds-final-snapshot",
            ]);
            // Under "all": advisory, a policy set back to its default level is a real difference.
            assert.deepEqual(redundantEntries(servedPackInfo(), { all: "advisory", "rds-multi-az": "mandatory" }), []);
        });

        it("the compiled pack never loads @pulumi/aws at run time (start-up budget, issue 8)", () => {
            assert.ok(fs.existsSync(PACK_MAIN), "policies/bin is missing: run `npm run build` first (npm test does)");
            const script =
                "require(process.argv[1]); const m = Object.keys(require.cache).filter((k) => k.includes('/@pulumi/aws/')); " +
                "console.log(JSON.stringify(m.slice(0, 3)))";
            const out = execFileSync(process.execPath, ["-e", script, path.join(PACK_DIR, "bin", "rules", "index.js")], { cwd: PACK_DIR, encoding: "utf8" });
            assert.deepEqual(JSON.parse(out), [], "a rule imports @pulumi/aws at run time; use type tokens and `import type`");
        });

        it("a config is checked against the schemas the pack serves: bad policy names, levels, options, waivers", () => {
            const { problems } = resolvePolicyConfig(servedPackInfo(), {
                "rds-storage-encrpted": { enforcementLevel: "mandatory" },
                "rds-storage-encrypted": { enforcementLevel: "strict", requireCmk: "yes", requireCMK: true },
                "rds-backup-retention": { minBackupRetentionDays: 0 },
                "rds-not-publicly-accessible": {
                    waivers: [
                        { resource: "legacy-db", reason: "migration", approvedBy: "isso", expires: "2026-02-30" },
                        { resource: "legacy-db", reason: " ", expires: "2026-12-31", ticket: "SEC-1" },
                    ],
                },
                all: "sometimes",
            });
            assert.deepEqual(problems, [
                '"rds-storage-encrpted" is not a policy of pack govstack-guard@0.1.0; did you mean "rds-storage-encrypted"?',
                '"all" is "sometimes"; expected one of "advisory", "mandatory", "remediate", "disabled" (it sets every policy\'s level)',
                '"rds-not-publicly-accessible.waivers[0].expires" is "2026-02-30"; expected a date that exists, as YYYY-MM-DD',
                '"rds-not-publicly-accessible.waivers[1].approvedBy" is missing; expected a string that is not blank',
                '"rds-not-publicly-accessible.waivers[1].reason" is " "; expected a string that is not blank',
                '"rds-not-publicly-accessible.waivers[1]" has unknown key "ticket"; allowed: approvedBy, expires, reason, resource',
                '"rds-storage-encrypted.enforcementLevel" is "strict"; expected one of "advisory", "mandatory", "remediate", "disabled"',
                '"rds-storage-encrypted.requireCMK" is not an option of policy "rds-storage-encrypted"; did you mean "requireCmk"?',
                '"rds-storage-encrypted.requireCmk" is "yes"; expected true or false',
                '"rds-backup-retention.minBackupRetentionDays" is 0; expected an integer from 1 to 35',
            ]);
        });

        it("remediationLevelErrors: \"remediate\" only for a policy that has a remediation", () => {
            const remediable = allPolicies.find((p) => "remediateResource" in p && p.remediateResource);
            assert.ok(remediable, "some policy has a remediation");
            assert.deepEqual(remediationLevelErrors({ [remediable.name]: "remediate", "rds-multi-az": { enforcementLevel: "remediate" } }, allPolicies), [
                '"rds-multi-az" is set to "remediate" but has no remediation; use "mandatory" or "advisory"',
            ]);
        });
    });

    describe("served over the analyzer protocol (as the CLI runs it)", function () {
        this.timeout(30_000);
        let child: ChildProcess | undefined;
        let client: grpcTypes.Client & Record<string, (req: unknown, cb: (err: Error | null, res: never) => void) => void>;
        let servedInfo: ReturnType<typeof packInfoFromMessage>;
        const stopChild = () => {
            if (child && child.exitCode === null && child.pid !== undefined) {
                child.kill("SIGTERM");
            }
        };

        const call = <T>(method: string, req: unknown): Promise<T> =>
            new Promise((resolve, reject) => client[method](req, (err, res) => (err ? reject(err) : resolve(res as T))));

        before(async () => {
            assert.ok(fs.existsSync(PACK_MAIN), `policies/bin/index.js is missing: run \`npm run build\` first (npm test does) — ${PACK_MAIN}`);
            const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js");
            child = spawn(process.execPath, [runner, "127.0.0.1:1", PACK_DIR], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
            process.once("exit", stopChild);
            let stderr = "";
            child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
            const port = await new Promise<number>((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`pack did not print its port within 20 s; stderr: ${stderr}`)), 20_000);
                readline.createInterface({ input: child!.stdout! }).once("line", (line) => {
                    clearTimeout(timer);
                    resolve(Number(line.trim()));
                });
                child!.once("exit", (code) => {
                    clearTimeout(timer);
                    reject(new Error(`pack exited with ${code} before printing its port; stderr: ${stderr}`));
                });
            });
            assert.ok(port > 0, `bad port ${port}`);
            client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as typeof client;

            // Configure exactly as the CLI: from what the pack serves, every policy, level + schema
            // defaults under the stack's file (the plan's one resolution path).
            servedInfo = packInfoFromMessage(await call<analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new Empty()));
            const config = readPackConfig(path.join(PACK_DIR, "config", "staging.json"));
            config["rds-not-publicly-accessible"] = {
                waivers: [{ resource: "legacy-*", reason: "migration", approvedBy: "isso@example.gov", expires: "2999-12-31" }],
            };
            const req = new pb.ConfigureAnalyzerRequest();
            for (const [name, entry] of Object.entries(buildPolicyConfig(servedInfo, config))) {
                const pc = new pb.PolicyConfig();
                pc.setEnforcementlevel(LEVELS[entry.enforcement]);
                pc.setProperties(Struct.fromJavaScript(entry.properties) as never);
                req.getPolicyconfigMap().set(name, pc);
            }
            await call("configure", req);
            const stackReq = new pb.AnalyzerStackConfigureRequest();
            stackReq.setStack("staging");
            stackReq.setProject("govstack");
            stackReq.setOrganization("organization");
            stackReq.setDryRun(true);
            await call("configureStack", stackReq);
        });

        after(() => {
            client?.close();
            stopChild();
            process.removeListener("exit", stopChild);
        });

        function options(): analyzerPb.AnalyzerResourceOptions {
            const opts = new pb.AnalyzerResourceOptions();
            const timeouts = new pb.AnalyzerResourceOptions.CustomTimeouts();
            timeouts.setCreate(0);
            timeouts.setUpdate(0);
            timeouts.setDelete(0);
            opts.setCustomtimeouts(timeouts);
            return opts;
        }
        function provider(): analyzerPb.AnalyzerProviderResource {
            const p = new pb.AnalyzerProviderResource();
            p.setType("pulumi:providers:aws");
            p.setName("default");
            p.setUrn("urn:pulumi:staging::govstack::pulumi:providers:aws::default");
            p.setProperties(Struct.fromJavaScript({ region: "us-gov-west-1" }) as never);
            return p;
        }
        const urn = (type: string, name: string) => `urn:pulumi:staging::govstack::${type}::${name}`;

        async function analyze(type: string, name: string, props: Record<string, unknown>) {
            const req = new pb.AnalyzeRequest();
            req.setType(type);
            req.setName(name);
            req.setUrn(urn(type, name));
            req.setProperties(Struct.fromJavaScript(props) as never);
            req.setOptions(options());
            req.setProvider(provider());
            const res = await call<analyzerPb.AnalyzeResponse>("analyze", req);
            return res
                .getDiagnosticsList()
                .map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }))
                .filter((d) => OURS.has(d.policy));
        }

        it("GetAnalyzerInfo serves every exported policy with its level, controls and remediation", async () => {
            const info = await call<analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
            assert.equal(info.getName(), "govstack-guard");
            assert.equal(info.getVersion(), "0.1.0");
            const served = new Map(info.getPoliciesList().map((p) => [p.getName(), p]));
            assert.deepEqual([...served.keys()], allPolicies.map((p) => p.name));
            for (const p of allPolicies as GovPolicy[]) {
                const s = served.get(p.name)!;
                assert.equal(s.getEnforcementlevel(), LEVELS[p.enforcementLevel], p.name);
                assert.deepEqual(s.getTagsList(), p.govstack.controls, p.name);
                assert.equal(s.getRemediationSteps(), p.remediationSteps, p.name);
                assert.equal(s.getDescription(), p.description, p.name);
                assert.equal(s.getSeverity(), SEVERITIES[p.severity], p.name);
                assert.equal(s.getFramework()?.getSpecification(), p.govstack.controls.join(", "), p.name);
                assert.equal(s.getPolicyType(), p.govstack.kind === "stack" ? 2 : 1, p.name);
                assert.ok(s.getConfigschema()?.getProperties()?.toJavaScript().waivers, p.name);
            }
            // What the tests resolve config from without a running pack (tools/plan/served-info.ts) is what it serves.
            assert.deepEqual(packInfoFromMessage(info), servedPackInfo());
            assert.deepEqual(servedInfo, servedPackInfo());
        });

        it("Analyze blocks a public, unencrypted database with mandatory diagnostics", async () => {
            const diags = await analyze("aws:rds/instance:Instance", "app-db", { engine: "postgres", publiclyAccessible: true, storageEncrypted: false });
            const byPolicy = Object.fromEntries(diags.map((d) => [d.policy, d]));
            assert.deepEqual(Object.keys(byPolicy).sort(), ["rds-not-publicly-accessible", "rds-storage-encrypted"]);
            assert.equal(byPolicy["rds-not-publicly-accessible"].level, LEVELS.mandatory);
            assert.ok(byPolicy["rds-not-publicly-accessible"].message.endsWith('\nDB instance "app-db" has publiclyAccessible = true; set it to false.'));
            assert.equal(byPolicy["rds-not-publicly-accessible"].urn, urn("aws:rds/instance:Instance", "app-db"));
        });

        it("Analyze passes a compliant resource and never blocks on unknowns", async () => {
            assert.deepEqual(await analyze("aws:rds/instance:Instance", "ok-db", { publiclyAccessible: false, storageEncrypted: true, kmsKeyId: UNKNOWN }), []);
            const unknownDiags = await analyze("aws:rds/instance:Instance", "pending-db", { publiclyAccessible: UNKNOWN, storageEncrypted: UNKNOWN });
            assert.ok(unknownDiags.length > 0);
            assert.ok(unknownDiags.every((d) => d.level === LEVELS.advisory && d.message.startsWith("Cannot verify")), JSON.stringify(unknownDiags));
            assert.deepEqual(await analyze("aws:s3/bucketPolicy:BucketPolicy", "unrelated", { policy: "{}" }), []);
        });

        it("Analyze applies configured waivers as advisory diagnostics", async () => {
            const diags = await analyze("aws:rds/instance:Instance", "legacy-db", { publiclyAccessible: true, storageEncrypted: true, kmsKeyId: "k" });
            assert.deepEqual(diags.map((d) => [d.policy, d.level]), [["rds-not-publicly-accessible", LEVELS.advisory]]);
            assert.match(diags[0].message, /^Waived until 2999-12-31 \(approved by isso@example.gov: migration\): DB instance "legacy-db"/);
        });

        it("AnalyzeStack judges cross-resource rules through property dependencies", async () => {
            const resource = (type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) => {
                const r = new pb.AnalyzerResource();
                r.setType(type);
                r.setName(name);
                r.setUrn(urn(type, name));
                r.setProperties(Struct.fromJavaScript(props) as never);
                r.setOptions(options());
                r.setProvider(provider());
                r.setDependenciesList(Object.values(propertyDependencies).flat());
                for (const [k, urns] of Object.entries(propertyDependencies)) {
                    const deps = new pb.AnalyzerPropertyDependencies();
                    deps.setUrnsList(urns);
                    r.getPropertydependenciesMap().set(k, deps);
                }
                return r;
            };
            const req = new pb.AnalyzeStackRequest();
            req.setResourcesList([
                resource(SUBNET, "public-a", { vpcId: UNKNOWN, mapPublicIpOnLaunch: true }),
                resource("aws:rds/subnetGroup:SubnetGroup", "db", { subnetIds: [UNKNOWN] }, { subnetIds: [urn(SUBNET, "public-a")] }),
                resource("aws:s3/bucket:Bucket", "data", { bucket: "gov-data" }),
            ]);
            const res = await call<analyzerPb.AnalyzeResponse>("analyzeStack", req);
            const diags = res
                .getDiagnosticsList()
                .filter((d) => OURS.has(d.getPolicyname()))
                .map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getUrn()]);
            assert.deepEqual(diags, [
                ["db-subnet-group-private", LEVELS.mandatory, urn("aws:rds/subnetGroup:SubnetGroup", "db")],
                ["s3-bucket-encryption-configured", LEVELS.mandatory, urn("aws:s3/bucket:Bucket", "data")],
            ]);
        });
    });
});
