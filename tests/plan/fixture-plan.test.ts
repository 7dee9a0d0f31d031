import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { SettingsError, isSettingsError } from "../../tools/plan/errors";
import { buildPolicyConfig, readPackConfig } from "../../tools/plan/pack-config";
import { fromPlanJson, PlanJson } from "../../tools/plan/plan-json";
import { SECRET_PLACEHOLDER, SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/plan/properties";
import { analyzeEstate, PackHandle, PlanResult, runPlan } from "../../tools/plan/run-plan";
import { writeOutputs, WrittenFiles } from "../../tools/plan/write-outputs";
import { FIXTURE_PACK, FIXTURE_ROOT, packPerSuite, readJson, suiteTempDir } from "./helpers";

interface Sarif {
    version: string;
    runs: {
        tool: { driver: { name: string; rules: { id: string; help: { text: string }; properties: { controls: string[] } }[] } };
        results: {
            ruleId: string;
            level: string;
            locations: {
                physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
                logicalLocations: { fullyQualifiedName: string }[];
            }[];
        }[];
    }[];
}

const urn = (stack: string, qualifiedType: string, name: string): string => `urn:pulumi:${stack}::plan-fixture::${qualifiedType}::${name}`;

describe("offline plan of the fixture program through the fixture pack (analyzer protocol)", function () {
    this.timeout(60000);
    const openFixturePack = packPerSuite(FIXTURE_PACK);
    let pack: PackHandle;
    let compliant: PlanResult;
    let blocked: PlanResult;
    const files: Record<string, WrittenFiles> = {};
    const out = suiteTempDir("plan-fixture");

    before(async () => {
        // One pack process for the whole file, reconfigured per stack as `--all` does.
        const handle = openFixturePack();
        compliant = await runPlan("compliant", { root: FIXTURE_ROOT, packDir: FIXTURE_PACK, pack: handle });
        blocked = await runPlan("blocked", { root: FIXTURE_ROOT, packDir: FIXTURE_PACK, pack: handle });
        pack = await handle;
        files.compliant = writeOutputs(compliant, path.join(out, "compliant"));
        files.blocked = writeOutputs(blocked, path.join(out, "blocked"));
    });

    describe("plan.json", () => {
        it("has exactly the shape other tools read", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            assert.deepStrictEqual(Object.keys(plan), ["project", "stack", "resources", "policyPack", "violations", "summary"]);
            assert.strictEqual(plan.project, "plan-fixture");
            assert.strictEqual(plan.stack, "compliant");
            for (const r of plan.resources) {
                assert.deepStrictEqual(Object.keys(r), ["urn", "type", "name", "parent", "provider", "protect", "dependencies", "inputs"]);
            }
            assert.deepStrictEqual(plan.policyPack, { name: "fixture-guard", version: "0.0.1", policies: 7 });
            for (const v of plan.violations) {
                assert.deepStrictEqual(Object.keys(v), ["policy", "urn", "enforcement", "message", "controls"]);
            }
            assert.deepStrictEqual(plan.summary, { resources: plan.resources.length, mandatory: 0, advisory: 2 });
        });

        it("lists what a real preview registers: the stack, the component, its children and the default aws provider", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const types = plan.resources.map((r) => r.type).sort();
            assert.deepStrictEqual(types, [
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:ec2/securityGroup:SecurityGroup",
                "aws:kms/key:Key",
                "aws:rds/instance:Instance",
                "aws:s3/bucket:Bucket",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "fixture:storage:Storage",
                "pulumi:providers:aws",
                "pulumi:pulumi:Stack",
            ]);
        });

        it("uses the engine's URNs: no stack type prefix at the top, the component's type chained for its children", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const urns = plan.resources.map((r) => r.urn);
            assert.ok(urns.includes(urn("compliant", "aws:kms/key:Key", "logs")), urns.join("\n"));
            const bucket = plan.resources.find((r) => r.type === "aws:s3/bucket:Bucket");
            assert.strictEqual(bucket?.urn, urn("compliant", "fixture:storage:Storage$aws:s3/bucket:Bucket", "data-bucket"));
            assert.strictEqual(bucket?.parent, urn("compliant", "fixture:storage:Storage", "data"));
            assert.strictEqual(bucket?.protect, true);
        });

        it("writes computed values as Pulumi's unknown sentinel", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const app = plan.resources.find((r) => r.name === "app");
            const audit = plan.resources.find((r) => r.name === "audit");
            assert.strictEqual(app?.inputs.kmsKeyId, UNKNOWN);
            assert.strictEqual(app?.inputs.retentionInDays, 7);
            assert.strictEqual(audit?.inputs.retentionInDays, UNKNOWN);
            assert.strictEqual(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        });

        it("writes secrets as [secret] and never their plain text, in any output file", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const db = plan.resources.find((r) => r.type === "aws:rds/instance:Instance");
            assert.strictEqual(db?.inputs.password, SECRET_PLACEHOLDER);
            for (const stack of ["compliant", "blocked"]) {
                for (const file of Object.values(files[stack])) {
                    const text = fs.readFileSync(file, "utf8");
                    assert.ok(!text.includes("plaintext-must-not-leak"), `${file} leaks the secret`);
                    assert.ok(!text.includes("AAABAFakeCipherText"), `${file} leaks the stack file's ciphertext`);
                }
            }
        });

        it("records dependencies: property references, dependsOn a component (expanded to its children)", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const byName = (type: string): PlanJson["resources"][number] => plan.resources.find((r) => r.type === type) as PlanJson["resources"][number];
            const bucket = byName("aws:s3/bucket:Bucket");
            const pab = byName("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            const db = byName("aws:rds/instance:Instance");
            const sg = byName("aws:ec2/securityGroup:SecurityGroup");
            assert.deepStrictEqual(pab.dependencies, [bucket.urn]);
            assert.deepStrictEqual([...db.dependencies].sort(), [bucket.urn, pab.urn, sg.urn].sort());
            assert.deepStrictEqual(plan.resources.find((r) => r.name === "app")?.dependencies, [urn("compliant", "aws:kms/key:Key", "logs")]);
        });

        it("points every aws resource at a default provider built from the stack's aws: settings", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const provider = plan.resources.find((r) => r.type === "pulumi:providers:aws");
            assert.strictEqual(provider?.urn, urn("compliant", "pulumi:providers:aws", "default_7_48_0"));
            assert.deepStrictEqual(provider?.inputs, {
                region: "us-gov-west-1",
                defaultTags: { tags: { project: "plan-fixture", stack: "compliant" } },
                version: "7.48.0",
            });
            for (const r of plan.resources.filter((x) => x.type.startsWith("aws:"))) {
                assert.strictEqual(r.provider, provider?.urn, r.urn);
            }
        });
    });

    describe("what the pack saw", () => {
        it("a compliant estate has no mandatory violation", () => {
            assert.strictEqual(compliant.mandatory, 0);
            assert.deepStrictEqual(
                compliant.violations.map((v) => `${v.enforcement} ${v.policy}`),
                ["remediate bucket-owner-tag", "advisory log-retention", "advisory log-retention"],
            );
        });

        it("runs remediate-level policies first, as the CLI does, and analyzes and writes the fixed inputs", () => {
            const plan = readJson<PlanJson>(files.compliant.plan);
            const bucket = plan.resources.find((r) => r.type === "aws:s3/bucket:Bucket");
            assert.deepStrictEqual(bucket?.inputs.tags, { encrypted: "true", Owner: "platform-team" });
            const fix = plan.violations.find((v) => v.policy === "bucket-owner-tag");
            assert.deepStrictEqual([fix?.enforcement, fix?.urn, fix?.controls], ["remediate", bucket?.urn, ["CM-8"]]);
            // Not remediated where the stack's config leaves the policy advisory: reported, inputs as declared.
            assert.strictEqual(blocked.violations.find((v) => v.policy === "bucket-owner-tag")?.enforcement, "advisory");
            const declared = blocked.evaluation.resources.find((r) => r.type === "aws:s3/bucket:Bucket");
            assert.deepStrictEqual(declared?.inputs.tags, { encrypted: "false" });
        });

        it("sends the provider with each analyze (the region policy judges it) and blocks a non-GovCloud region", () => {
            const region = blocked.violations.filter((v) => v.policy === "region-allowed");
            const awsResources = blocked.evaluation.resources.filter((r) => r.type.startsWith("aws:"));
            assert.strictEqual(region.length, awsResources.length);
            assert.ok(region.every((v) => v.enforcement === "mandatory" && /us-east-1/.test(v.message)));
            assert.deepStrictEqual(region[0].controls, ["SC-7", "CM-6"]);
        });

        it("merges config-schema defaults with the stack's config file before analyzing", () => {
            const encrypted = blocked.violations.filter((v) => v.policy === "bucket-encrypted");
            assert.strictEqual(encrypted.length, 1);
            assert.match(encrypted[0].message, /allowed: aws:kms/); // schema default
            const retention = compliant.violations.find((v) => v.message.includes("retention 7"));
            assert.match(retention?.message ?? "", /retention 7 < 30/); // file overrides the default 365
            assert.ok(!blocked.violations.some((v) => v.policy === "never-fires"), "a disabled policy ran");
        });

        it("sends secrets as secrets with a placeholder value, never the plain text", () => {
            assert.ok(!compliant.violations.some((v) => v.policy === "db-secret-not-plaintext"));
        });

        it("turns an unknown value into an advisory 'can't run during preview', never a mandatory violation", () => {
            const audit = compliant.violations.find((v) => v.urn === urn("compliant", "aws:cloudwatch/logGroup:LogGroup", "audit"));
            assert.strictEqual(audit?.enforcement, "advisory");
            assert.match(audit?.message ?? "", /can't run policy 'log-retention'.*during preview/);
        });

        it("analyzeStack sees dependencies: dropping the access block's dependency on the bucket is caught", async () => {
            const evaluation = {
                ...compliant.evaluation,
                resources: compliant.evaluation.resources.map((r) =>
                    r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" ? { ...r, dependencies: [] } : r,
                ),
            };
            const { violations } = await analyzeEstate(pack, evaluation, compliant.policyConfig);
            const stackLevel = violations.filter((v) => v.policy === "bucket-has-public-access-block");
            assert.strictEqual(stackLevel.length, 1);
            assert.strictEqual(stackLevel[0].urn, urn("compliant", "fixture:storage:Storage$aws:s3/bucket:Bucket", "data-bucket"));
        });

        it("plan.json replays to a pack with the same verdict (secrets go back as secrets, unknowns as the sentinel)", async () => {
            const plan = readJson<PlanJson>(files.blocked.plan);
            const replayed = { ...blocked.evaluation, resources: fromPlanJson(plan) };
            const { violations } = await analyzeEstate(pack, replayed, blocked.policyConfig);
            const key = (v: { policy: string; urn?: string | null; enforcement: string }): string => `${v.enforcement} ${v.policy} ${v.urn}`;
            assert.deepStrictEqual(violations.map(key).sort(), plan.violations.map(key).sort());
            const db = replayed.resources.find((r) => r.type === "aws:rds/instance:Instance");
            assert.deepStrictEqual(db?.inputs.password, { [SIG_KEY]: SECRET_SIG, value: SECRET_PLACEHOLDER });
        });

        it("reports the pack's policies only from GetAnalyzerInfo (names, controls, remediation, severity)", () => {
            const bucket = pack.info.policies.find((p) => p.name === "bucket-encrypted");
            assert.deepStrictEqual(
                { controls: bucket?.controls, severity: bucket?.severity, kind: bucket?.kind, enforcement: bucket?.enforcement },
                { controls: ["SC-28", "SC-13"], severity: "high", kind: "resource", enforcement: "mandatory" },
            );
            assert.strictEqual(pack.info.policies.find((p) => p.name === "bucket-has-public-access-block")?.kind, "stack");
            assert.match(bucket?.remediation ?? "", /BucketServerSideEncryptionConfiguration/);
        });

        it("rejects a pack config naming a policy the pack does not have, naming the key (exit 2)", () => {
            const typo = readPackConfig(path.join(FIXTURE_PACK, "config", "typo.json"));
            assert.throws(
                () => buildPolicyConfig(pack.info, typo, "typo.json"),
                (e: Error) =>
                    e instanceof SettingsError &&
                    isSettingsError(e) &&
                    e.message === 'typo.json: "bucket-encryptd" is not a policy of pack fixture-guard@0.0.1; did you mean "bucket-encrypted"?',
            );
            assert.throws(() => buildPolicyConfig(pack.info, { all: "strict" }), /^SettingsError: policy config: "all" is "strict"; expected one of "advisory", "mandatory", "remediate", "disabled"/);
        });

        it("checks options against the config schema the pack serves, all mistakes at once", () => {
            assert.throws(
                () => buildPolicyConfig(pack.info, { "log-retention": { minimumDays: "30", days: 1 }, "bucket-encrypted": { allowedAlgorithms: "aws:kms" } }, "x.json"),
                (e: Error) =>
                    isSettingsError(e) &&
                    e.message ===
                        "x.json has 3 mistakes:\n" +
                            '  - "bucket-encrypted.allowedAlgorithms" is "aws:kms"; expected a list, each item a string\n' +
                            '  - "log-retention.days" is not an option of policy "log-retention"; its options: minimumDays, waivers (and enforcementLevel)\n' +
                            '  - "log-retention.minimumDays" is "30"; expected a number',
            );
        });

        it("warns (does not fail) about a waiver that names no resource of the stack, or has expired", async () => {
            // The fixture's config keeps an expired waiver on purpose (the report shows it as expired).
            assert.deepStrictEqual(compliant.warnings, [
                'tests/fixtures/pack/config/compliant.json: "log-retention.waivers[1].expires" is "2000-01-31": the waiver has expired and waives nothing ' +
                    "(the policy is enforced again; renew it with a new approval, or remove it)",
            ]);
            const file = path.join(out, "unmatched-waiver.json");
            const waiver = { resource: "gone-*", reason: "decommissioned (CHG-9)", approvedBy: "isso", expires: "2099-01-31" };
            fs.writeFileSync(file, JSON.stringify({ "never-fires": "disabled", "log-retention": { minimumDays: 30, waivers: [waiver] } }));
            const logged: string[] = [];
            const result = await runPlan("compliant", {
                root: FIXTURE_ROOT,
                pack: Promise.resolve(pack),
                packConfig: file,
                evaluation: compliant.evaluation,
                log: (line) => logged.push(line),
            });
            const warning =
                `${file}: "log-retention.waivers[0].resource" is "gone-*", which names no resource of this stack: ` +
                "the waiver waives nothing here (remove it, or fix the name, URN or glob)";
            assert.deepStrictEqual(result.warnings, [warning]);
            assert.ok(logged.includes(`compliant: warning: ${warning}`), logged.join("\n"));
            assert.strictEqual(result.mandatory, 0);
        });
    });

    describe("report.md", () => {
        it("puts the verdict first, then violations with remediation, passing controls, and the inventory by component", () => {
            const md = fs.readFileSync(files.blocked.report, "utf8");
            const lines = md.split("\n").filter((l) => l.trim() !== "");
            assert.match(lines[1], /^\*\*BLOCKED — 8 mandatory violations, 3 advisory/);
            const order = ["## Violations", "## NIST SP 800-53 controls covered by passing policies", "## Inventory by component"].map((h) => md.indexOf(h));
            assert.ok(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1])), `section order ${order}`);
            assert.match(md, /### `bucket-encrypted` — mandatory · high/);
            assert.match(md, /\*\*Remediation:\*\* Add a BucketServerSideEncryptionConfiguration/);
            assert.match(md, /### data \(`fixture:storage:Storage`\) — Data tier, 2 resources/);
        });

        it("counts a control as covered only by passing, enabled policies", () => {
            const passing = fs.readFileSync(files.compliant.report, "utf8");
            const failing = fs.readFileSync(files.blocked.report, "utf8");
            assert.match(passing, /\| SC-28 \| `bucket-encrypted` \|/);
            assert.doesNotMatch(failing, /\| SC-28 \|/);
            assert.doesNotMatch(passing, /\| CM-2 \|/); // never-fires is disabled
            assert.match(passing, /^\*\*PASS — 0 mandatory violations/m);
        });

        it("lists the waivers in the config sent to the pack, what they match and whether they have expired", () => {
            const md = fs.readFileSync(files.compliant.report, "utf8");
            const section = md.slice(md.indexOf("## Waivers in effect"), md.indexOf("## Inventory by component"));
            assert.match(section, /\| `log-retention` \| `audit` \| audit \| active until 2099-12-31 \| isso@agency\.example \| retention set by the SIEM export/);
            assert.match(section, /\| app, audit \| \*\*expired 2000-01-31\*\* \(enforced again\)/);
            assert.match(fs.readFileSync(files.blocked.report, "utf8"), /## Waivers in effect\n\nNone\./);
        });
    });

    describe("report.sarif", () => {
        it("is SARIF 2.1.0 with one rule per policy (help = remediation, properties = controls) and one result per violation", () => {
            const sarif = readJson<Sarif>(files.blocked.sarif);
            assert.strictEqual(sarif.version, "2.1.0");
            const run = sarif.runs[0];
            assert.strictEqual(run.tool.driver.name, "fixture-guard");
            assert.deepStrictEqual(run.tool.driver.rules.map((r) => r.id).sort(), pack.info.policies.map((p) => p.name).sort());
            const rule = run.tool.driver.rules.find((r) => r.id === "bucket-encrypted");
            assert.match(rule?.help.text ?? "", /BucketServerSideEncryptionConfiguration/);
            assert.deepStrictEqual(rule?.properties.controls, ["SC-28", "SC-13"]);
            assert.strictEqual(run.results.length, blocked.violations.length);
            const result = run.results.find((r) => r.ruleId === "bucket-encrypted");
            assert.strictEqual(result?.level, "error");
            const location = result?.locations[0];
            assert.strictEqual(location?.logicalLocations[0].fullyQualifiedName, urn("blocked", "fixture:storage:Storage$aws:s3/bucket:Bucket", "data-bucket"));
            assert.strictEqual(location?.physicalLocation.artifactLocation.uri, "tests/fixtures/plan-project/index.ts");
            const declared = fs.readFileSync(path.join(FIXTURE_ROOT, "index.ts"), "utf8").split("\n")[(location?.physicalLocation.region.startLine ?? 0) - 1];
            assert.match(declared, /new aws\.s3\.Bucket\(/);
            assert.ok(run.results.filter((r) => r.ruleId === "log-retention").every((r) => r.level === "warning"));
        });
    });

    describe("diagram.mmd", () => {
        it("is a Mermaid flowchart with a subgraph per tier and a node per component", () => {
            const mmd = fs.readFileSync(files.compliant.diagram, "utf8");
            assert.match(mmd, /^---\ntitle: plan-fixture \/ compliant\n---\nflowchart LR\n/);
            assert.match(mmd, /subgraph data\["Data tier"\]/);
            assert.match(mmd, /\["Storage<br\/><small>data · 2 resources<\/small>"\]/);
            assert.match(mmd, /subgraph keys\["Keys \(KMS\)"\]/);
        });
    });
});
