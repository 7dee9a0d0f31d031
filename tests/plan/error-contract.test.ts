// The plan's error contract (README, `npm run plan -- --help`): 0 pass, 1 blocked by a mandatory
// violation, 2 a mistake the user can fix — one short message naming the file, the key and what is
// allowed, no stack trace (PLAN_DEBUG=1 shows it) — 3 an internal error. Each class of mistake is
// pinned on the real CLI; a run costs seconds, so two runs carry them all (the plan reports the
// settings and the pack config mistakes of one invocation together), and the debug switch is checked
// in process through the CLI's own `main`.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { parseSettings } from "../../infra/config";
import { main } from "../../tools/plan";
import { parseYamlFile, PROJECT_ROOT, readStackConfig, StackConfig } from "../../tools/lib/stack-config";
import { isSettingsError } from "../../tools/plan/errors";
import { inSettingsFile } from "../../tools/plan/evaluate";
import { configProblemsMessage, PackConfigFile, readPackConfig, resolvePolicyConfig } from "../../tools/plan/pack-config";
import { servedPackInfo } from "../../tools/plan/served-info";
import { plannedResource } from "../../tools/plan/types";
import { waiverWarnings } from "../../tools/plan/waivers-report";
import { CliRun, fileWriter, FIXTURE_PACK, FIXTURE_ROOT, REAL_PACK, runPlanCli, suiteTempDir } from "./helpers";

const TRACE = /\n\s+at .+[:(]\d+/;

/** Exit 2, nothing on stdout (no verdict), no stack trace, and every fragment in stderr. */
function assertUserMistake(run: CliRun, ...fragments: (string | RegExp)[]): void {
    assert.strictEqual(run.code, 2, `exit ${run.code}\n${run.stderr}`);
    assert.strictEqual(run.stdout, "", "no verdict is printed for a mistake");
    assert.doesNotMatch(run.stderr, TRACE, "a user mistake prints no stack trace");
    for (const f of fragments) {
        if (typeof f === "string") {
            assert.ok(run.stderr.includes(f), `stderr lacks ${JSON.stringify(f)}:\n${run.stderr}`);
        } else {
            assert.match(run.stderr, f);
        }
    }
}

/** A copy of the fixture project (stack files only: every mistake here stops before the program runs). */
function fixtureCopy(dir: string, name = "fixture"): string {
    const root = path.join(dir, name);
    fs.mkdirSync(root);
    for (const f of fs.readdirSync(FIXTURE_ROOT).filter((f) => f.endsWith(".yaml"))) {
        fs.copyFileSync(path.join(FIXTURE_ROOT, f), path.join(root, f));
    }
    return root;
}

describe("the plan's error contract (exit 2: a mistake the user can fix)", function () {
    this.timeout(120000);
    const dir = suiteTempDir("plan-errors");

    // Run 1: the real program with seven settings mistakes, and the real pack with a config holding
    // seven mistakes. Both files are reported in one message, each mistake with its key.
    describe("settings and pack config mistakes (one run of the real program and the real pack)", () => {
        let run: CliRun;
        let stackFile: string;
        let packConfig: string;
        before(async () => {
            const root = path.join(dir, "settings");
            fs.mkdirSync(root);
            fs.cpSync(path.join(PROJECT_ROOT, "environments"), path.join(root, "environments"), { recursive: true });
            const project = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));
            fs.writeFileSync(path.join(root, "Pulumi.yaml"), YAML.stringify({ ...project, main: path.join(PROJECT_ROOT, "infra", "index.ts") }));
            const stack = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8"));
            stack.config["govstack:service"].cpu = "lots"; // enum
            stack.config["govstack:service"].memory = "plenty"; // type
            stack.config["govstack:edge"].wafRateLimit = 50; // range (from 100)
            delete stack.config["govstack:accountId"]; // missing
            stack.config["govstack:frobnicate"] = true; // unknown
            stack.config["govstack:cache"] = "oops"; // a word where a mapping belongs
            stack.config["aws:regoin"] = "us-gov-west-1"; // a key the AWS provider does not define
            stackFile = path.join(root, "Pulumi.staging.yaml");
            fs.writeFileSync(stackFile, YAML.stringify(stack));
            packConfig = path.join(dir, "pack-config.json");
            fs.writeFileSync(
                packConfig,
                JSON.stringify({
                    "rds-storage-encrypted": { requireCmk: "yes" }, // type
                    "rds-backup-retention": { enforcementLevel: "sometimes", minBackupRetentionDays: 0 }, // level, range
                    "required-tags": { requiredTag: ["Owner"] }, // unknown option
                    "rds-multi-azz": "advisory", // unknown policy
                    "rds-not-publicly-accessible": {
                        waivers: [
                            { resource: "legacy-db", reason: "migration (CHG-1)", approvedBy: "isso", expires: "2026-02-30" }, // no such day
                            { resource: "legacy-db", approvedBy: "isso", expires: "2026-12-31" }, // no reason
                        ],
                    },
                }),
            );
            run = await runPlanCli(["staging", "--root", root, "--pack", REAL_PACK, "--policy-config", packConfig, "--out", path.join(dir, "out")]);
        });

        it("exits 2 with no verdict and no stack trace, and analyzes nothing", () => {
            assertUserMistake(run);
            assert.doesNotMatch(run.stderr, /analyzing/);
        });

        it("settings of the wrong type (a word where a mapping belongs too), enum or range, a missing key, unknown govstack and provider keys: names the stack file and every key", () => {
            assertUserMistake(
                run,
                `plan: ${stackFile}: 7 invalid settings for stack "staging":`,
                'Invalid setting "govstack:service.cpu": "lots" must be one of 256, 512, 1024, 2048, 4096',
                'Invalid setting "govstack:service.memory": "plenty"',
                'Invalid setting "govstack:edge.wafRateLimit": 50 must be a whole number from 100 to 2000000000',
                'Missing setting "govstack:accountId"',
                'Unknown setting "govstack:frobnicate"',
                'Invalid setting "govstack:cache": "oops" must be a mapping',
                'Unknown setting "aws:regoin" (did you mean "aws:region"?): the aws provider has no such configuration key',
            );
        });

        it("pack config checked against the schemas the pack serves (as the CLI does): types, ranges, levels, unknown options and policies", () => {
            assertUserMistake(
                run,
                `${packConfig} has 7 mistakes:`,
                '"rds-multi-azz" is not a policy of pack govstack-guard@0.1.0; did you mean "rds-multi-az"?',
                '"rds-storage-encrypted.requireCmk" is "yes"; expected true or false',
                '"rds-backup-retention.enforcementLevel" is "sometimes"; expected one of "advisory", "mandatory", "remediate", "disabled"',
                '"rds-backup-retention.minBackupRetentionDays" is 0; expected an integer from 1 to 35',
                '"required-tags.requiredTag" is not an option of policy "required-tags"; did you mean "requiredTags"?',
            );
        });

        it("waivers checked against the waiver schema: a date that does not exist, a missing reason", () => {
            assertUserMistake(
                run,
                '"rds-not-publicly-accessible.waivers[0].expires" is "2026-02-30"; expected a date that exists, as YYYY-MM-DD',
                '"rds-not-publicly-accessible.waivers[1].reason" is missing; expected a string that is not blank',
            );
        });
    });

    // Run 2: syntax errors in both kinds of file, each named with its line and column.
    it("YAML syntax in a stack file and JSON syntax in the pack config: file, line and column of each", async () => {
        const root = fixtureCopy(dir);
        const file = path.join(root, "Pulumi.compliant.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("  aws:region: us-gov-west-1", "  aws:region: [us-gov-west-1"));
        const json = path.join(dir, "broken.json");
        fs.writeFileSync(json, '{\n  "log-retention": { "minimumDays": 30 }\n  "never-fires": "disabled"\n}\n');
        const run = await runPlanCli(["compliant", "--root", root, "--pack", FIXTURE_PACK, "--policy-config", json, "--out", path.join(dir, "out")]);
        assertUserMistake(
            run,
            `plan: ${file}:3:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
            `${json}:3:3: invalid JSON: expected ',' or '}' after a value, found '"'`,
        );
    });

    // Run 3: with several stacks, one stack's mistake does not hide the others' verdicts.
    it("--all reports a stack's mistake, still plans the other stacks, and exits 2", async () => {
        const root = fixtureCopy(dir, "all");
        fs.writeFileSync(path.join(root, "Pulumi.yaml"), fs.readFileSync(path.join(FIXTURE_ROOT, "Pulumi.yaml"), "utf8").replace("main: index.ts", `main: ${path.join(FIXTURE_ROOT, "index.ts")}`));
        const broken = path.join(root, "Pulumi.blocked.yaml");
        fs.writeFileSync(broken, fs.readFileSync(broken, "utf8").replace("  aws:region: us-east-1", "  aws:region: [us-east-1"));
        const out = path.join(dir, "out-all");
        const run = await runPlanCli(["--all", "--root", root, "--pack", FIXTURE_PACK, "--out", out]);
        assert.strictEqual(run.code, 2, `exit ${run.code}\n${run.stderr}`);
        assert.doesNotMatch(run.stderr, TRACE);
        assert.ok(run.stderr.includes(`plan: ${broken}:3:3: invalid YAML:`), run.stderr);
        assert.match(run.stdout, /^PASS — 0 mandatory violations, \d+ advisory.*\(plan-fixture\/compliant: /);
        assert.strictEqual(run.stdout.trim().split("\n").length, 1, "a verdict for the stack without a mistake only");
        assert.ok(fs.existsSync(path.join(out, "compliant", "plan.json")));
        assert.ok(!fs.existsSync(path.join(out, "blocked")), "nothing is written for the stack with the mistake");
    });

    it("--all says a mistake in a file every stack shares (--policy-config) once", async () => {
        const json = path.join(dir, "shared-bad.json");
        fs.writeFileSync(json, JSON.stringify({ "never-fires": "sometimes" }));
        const err: string[] = [];
        const stdout: string[] = [];
        const code = await main(["--all", "--root", FIXTURE_ROOT, "--pack", FIXTURE_PACK, "--policy-config", json, "--out", path.join(dir, "out-shared")], {
            out: (l) => stdout.push(l),
            err: (l) => err.push(l),
        });
        assert.strictEqual(code, 2);
        assert.deepStrictEqual(stdout, [], "no stack gets a verdict");
        const said = err.filter((l) => l.startsWith("plan: ") && l.includes(json));
        assert.strictEqual(said.length, 1, err.join("\n"));
        assert.strictEqual(said[0], `plan: ${json}: "never-fires" is "sometimes"; expected one of "advisory", "mandatory", "remediate", "disabled", or an object of options`);
    });

    it("PLAN_DEBUG=1 shows the stack trace of a user mistake (in process, through the CLI's main)", async () => {
        const run = async (): Promise<{ code: number; err: string }> => {
            const err: string[] = [];
            const code = await main(["nosuch", "--root", FIXTURE_ROOT, "--pack", FIXTURE_PACK], { out: () => undefined, err: (l) => err.push(l) });
            return { code, err: err.join("\n") };
        };
        const previous = process.env.PLAN_DEBUG;
        try {
            delete process.env.PLAN_DEBUG;
            const quiet = await run();
            process.env.PLAN_DEBUG = "1";
            const debug = await run();
            assert.deepStrictEqual([quiet.code, debug.code], [2, 2]);
            assert.doesNotMatch(quiet.err, TRACE);
            assert.match(debug.err, /^plan: Unknown stack "nosuch"/);
            assert.match(debug.err, TRACE, "PLAN_DEBUG=1 prints the stack trace");
        } finally {
            if (previous === undefined) {
                delete process.env.PLAN_DEBUG;
            } else {
                process.env.PLAN_DEBUG = previous;
            }
        }
    });
});

// The same classes in process, one test per class, through the functions the CLI's exit 2 is made of
// (main maps a UsageError or a settings error — isSettingsError — to exit 2 and prints its message
// alone). Each message must be one short paragraph naming the file, the key and what is allowed.

/** The message of the settings error `fn` throws: exit 2 material, one paragraph, no stack frame. */
function mistakeOf(fn: () => unknown): string {
    try {
        fn();
    } catch (e) {
        assert.ok(isSettingsError(e), `not a settings error (exit 2): ${String(e)}`);
        assert.doesNotMatch(e.message, TRACE);
        assert.doesNotMatch(e.message, /\n\s*\n/, "one paragraph");
        return e.message;
    }
    return assert.fail("the mistake was accepted");
}

/** The stack's real settings with one edit, as the plan reads them (the files each key came from too). */
function stackWith(stack: "staging" | "prod", edit: (values: Record<string, unknown>) => void): StackConfig {
    const config = structuredClone(readStackConfig(stack));
    edit(config.values);
    for (const key of Object.keys(config.values)) {
        config.sources![key] ??= `Pulumi.${stack}.yaml`;
    }
    return config;
}

/**
 * What the plan prints for a settings mistake in `config`: the program's SettingsError as the plan
 * receives it (infra/index.ts hands it on as a pulumi.RunError that keeps the name), prefixed with
 * the file that set the key.
 */
function planSettingsMessage(stack: string, config: StackConfig): string {
    return mistakeOf(() => {
        try {
            parseSettings(stack, config.values);
        } catch (e) {
            const asRunError = Object.assign(new Error((e as Error).message), { name: (e as Error).name });
            throw inSettingsFile(asRunError, config, PROJECT_ROOT);
        }
    });
}

function settingsMistake(stack: "staging" | "prod", edit: (values: Record<string, unknown>) => void): string {
    return planSettingsMessage(stack, stackWith(stack, edit));
}

const group = (values: Record<string, unknown>, key: string): Record<string, unknown> => values[key] as Record<string, unknown>;

describe("the plan's error contract, class by class (in process)", () => {
    const dir = suiteTempDir("plan-error-classes");
    const write = fileWriter(dir);

    describe("settings in Pulumi.<stack>.yaml (or the ESC environment that set them)", () => {
        const cases: { name: string; stack?: "prod"; edit: (v: Record<string, unknown>) => void; message: string }[] = [
            {
                name: "wrong type",
                edit: (v) => (group(v, "govstack:edge").wafRateLimit = "lots"),
                message: 'Pulumi.staging.yaml: Invalid setting "govstack:edge.wafRateLimit": "lots" must be a whole number from 100 to 2000000000',
            },
            {
                name: "wrong type: a word where a mapping belongs",
                edit: (v) => (v["govstack:edge"] = "oops"),
                message: 'Pulumi.staging.yaml: Invalid setting "govstack:edge": "oops" must be a mapping (see docs/settings.md)',
            },
            {
                name: "enum",
                edit: (v) => (group(v, "govstack:network").natGateways = "Sometimes"),
                message: 'Pulumi.staging.yaml: Invalid setting "govstack:network.natGateways": "Sometimes" must be one of OnePerAz, Single',
            },
            {
                name: "range",
                stack: "prod",
                edit: (v) => (group(v, "govstack:database").backupRetentionDays = 90),
                message: 'Pulumi.prod.yaml: Invalid setting "govstack:database.backupRetentionDays": 90 must be a whole number from 1 to 35',
            },
            {
                name: "a missing required key",
                edit: (v) => delete group(v, "govstack:database").instanceClass,
                message: 'Pulumi.staging.yaml: Missing setting "govstack:database.instanceClass": must be an RDS instance class such as db.m6g.large',
            },
            {
                name: "an unknown nested key",
                edit: (v) => (group(v, "govstack:database").frobnicate = 1),
                message: 'Pulumi.staging.yaml: Unknown setting "govstack:database.frobnicate"; see docs/settings.md for the keys allowed',
            },
            {
                name: "a typo'd top-level key (and the key it leaves missing)",
                edit: (v) => {
                    v["govstack:databse"] = v["govstack:database"];
                    delete v["govstack:database"];
                },
                message:
                    'Pulumi.staging.yaml: 2 invalid settings for stack "staging":\n' +
                    '  - Unknown setting "govstack:databse" (did you mean "govstack:database"?)\n' +
                    '  - Missing setting "govstack:database": must be a mapping (see docs/settings.md)',
            },
            {
                name: "a key the AWS provider does not define (the CLI's provider check fails the preview on it)",
                edit: (v) => (v["aws:useFipsEndpoints"] = true),
                message:
                    'Pulumi.staging.yaml: Unknown setting "aws:useFipsEndpoints" (did you mean "aws:useFipsEndpoint"?): ' +
                    "the aws provider has no such configuration key (@pulumi/aws/config lists its 35 keys)",
            },
            {
                name: "a key in a namespace nothing reads",
                stack: "prod",
                edit: (v) => (v["govstak:production"] = true),
                message:
                    'Pulumi.prod.yaml: Unknown setting "govstak:production" (did you mean "govstack:production"?): ' +
                    'nothing in this program reads namespace "govstak" (namespaces read: govstack, aws, docker, pulumi)',
            },
        ];
        for (const c of cases) {
            it(c.name, () => {
                // Files are named as the user types them: relative to the working directory (the repository).
                assert.strictEqual(settingsMistake(c.stack ?? "staging", c.edit), c.message);
            });
        }

        it("problems from the stack file and an ESC environment: each line names its own file", () => {
            const config = stackWith("staging", (v) => {
                v["govstack:namePrefx"] = "x";
                group(v, "govstack:network").natGateways = "Sometimes";
            });
            config.sources!["govstack:namePrefx"] = path.join("environments", "staging.yaml");
            const message = planSettingsMessage("staging", config);
            const [heading, ...lines] = message.split("\n");
            assert.strictEqual(heading, '2 invalid settings for stack "staging":');
            assert.deepStrictEqual(
                lines,
                [
                    `  - ${path.join("environments", "staging.yaml")}: Unknown setting "govstack:namePrefx" (did you mean "govstack:namePrefix"?)`,
                    '  - Pulumi.staging.yaml: Invalid setting "govstack:network.natGateways": "Sometimes" must be one of OnePerAz, Single',
                ],
            );
        });
    });

    describe("YAML syntax and shape of the stack file: file, line and column", () => {
        const real = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.staging.yaml"), "utf8");
        /** Pulumi.staging.yaml with one edit, in a project of its own; the message readStackConfig refuses it with. */
        const stackFileMistake = (name: string, edit: (text: string) => string): string => {
            const root = path.join(dir, name);
            write(path.join(name, "Pulumi.yaml"), "name: govstack\nruntime: nodejs\n");
            fs.cpSync(path.join(PROJECT_ROOT, "environments"), path.join(root, "environments"), { recursive: true });
            const edited = edit(real);
            assert.notStrictEqual(edited, real, "the edit applies");
            write(path.join(name, "Pulumi.staging.yaml"), edited);
            return mistakeOf(() => readStackConfig("staging", root)).replace(root + path.sep, "");
        };
        const cases: { name: string; edit: (text: string) => string; message: string }[] = [
            {
                name: "bad indentation",
                edit: (t) => t.replace("    natGateways: Single", "      natGateways: Single"),
                message: "Pulumi.staging.yaml:23:1: invalid YAML: All mapping items must start at the same column",
            },
            {
                name: "a tab",
                edit: (t) => t.replace("    natGateways: Single", "\tnatGateways: Single"),
                message: "Pulumi.staging.yaml:23:1: invalid YAML: Tabs are not allowed as indentation",
            },
            {
                name: "an unclosed quote",
                edit: (t) => t.replace('engineVersion: "16"', 'engineVersion: "16'),
                message: 'Pulumi.staging.yaml:37:23: invalid YAML: Missing closing "quote',
            },
            {
                name: "a duplicate key",
                edit: (t) => t.replace("    natGateways: Single", "    natGateways: Single\n    natGateways: OnePerAz"),
                message: "Pulumi.staging.yaml:24:5: invalid YAML: Map keys must be unique",
            },
            {
                name: "an unknown key of the stack file (a typo'd config:)",
                edit: (t) => t.replace("\nconfig:\n", "\nconfg:\n"),
                message: 'Pulumi.staging.yaml: unknown key "confg" (did you mean "config"?); a stack file holds config, environment, secretsprovider, encryptedkey, encryptionsalt',
            },
            {
                name: "environment: that is not a list of names",
                edit: (t) => t.replace("environment:\n  - govstack/staging", "environment: govstack/staging"),
                message:
                    'Pulumi.staging.yaml: "environment" is "govstack/staging"; expected a list of ESC environment names such as [govstack/staging] ' +
                    "(the offline plan reads each from environments/<name>.yaml)",
            },
        ];
        for (const c of cases) {
            it(c.name, () => assert.strictEqual(stackFileMistake(c.name.replace(/\W+/g, "-"), c.edit), c.message));
        }

        it("a YAML error is one line, even where the parser quotes the file", () => {
            const file = write("quoted.yaml", "a: 1\nb: [1, 2\nc: 3\n");
            assert.match(mistakeOf(() => parseYamlFile(file)), /quoted\.yaml:\d+:\d+: invalid YAML: [^\n]+$/);
        });
    });

    describe("the pack config, against the schemas the pack serves", () => {
        const info = servedPackInfo();
        const problemsOf = (file: PackConfigFile): string => {
            const { problems } = resolvePolicyConfig(info, file);
            assert.ok(problems.length > 0, "the mistake was accepted");
            return configProblemsMessage("policies/config/staging.json", problems);
        };
        const waiver = { resource: "data-postgres", reason: "migration (CHG-1)", approvedBy: "isso@agency.example.com", expires: "2026-12-31" };

        it("JSON syntax: file, line and column; a repeated key too (JSON keeps only the last); a directory", () => {
            const comma = write("comma.json", '{\n  "ecs-container-image-pinned": { "requireDigest": true },\n}\n');
            assert.strictEqual(mistakeOf(() => readPackConfig(comma, "staging.json")), "staging.json:3:1: invalid JSON: a trailing comma before }");
            const twice = write("twice.json", '{\n  "rds-multi-az": "advisory",\n  "rds-multi-az": "mandatory"\n}\n');
            assert.strictEqual(
                mistakeOf(() => readPackConfig(twice, "staging.json")),
                'staging.json:3:3: duplicate key "rds-multi-az" (first on line 2): JSON keeps only the last value; keep one',
            );
            assert.strictEqual(
                mistakeOf(() => readPackConfig(dir, "policies/config")),
                "policies/config is not a file; a pack config is a JSON file such as policies/config/<stack>.json",
            );
        });

        it("option type, range, unknown option, unknown policy, enforcement level", () => {
            assert.strictEqual(
                problemsOf({ "ecs-container-image-pinned": { requireDigest: "yes" } }),
                'policies/config/staging.json: "ecs-container-image-pinned.requireDigest" is "yes"; expected true or false',
            );
            assert.strictEqual(
                problemsOf({ "elasticache-snapshot-retention": { minSnapshotRetentionDays: 99 } }),
                'policies/config/staging.json: "elasticache-snapshot-retention.minSnapshotRetentionDays" is 99; expected an integer from 1 to 35',
            );
            assert.strictEqual(
                problemsOf({ "ecs-container-image-pinned": { requireDigests: true } }),
                'policies/config/staging.json: "ecs-container-image-pinned.requireDigests" is not an option of policy "ecs-container-image-pinned"; did you mean "requireDigest"?',
            );
            assert.strictEqual(
                problemsOf({ "rds-multiaz": "advisory" }),
                'policies/config/staging.json: "rds-multiaz" is not a policy of pack govstack-guard@0.1.0; did you mean "rds-multi-az"?',
            );
            assert.strictEqual(
                problemsOf({ "rds-multi-az": "warn" }),
                'policies/config/staging.json: "rds-multi-az" is "warn"; expected one of "advisory", "mandatory", "remediate", "disabled", or an object of options',
            );
        });

        it("waivers: a date that does not exist, each of reason/approvedBy/expires missing, a policy that does not exist", () => {
            const { reason: _r, ...noReason } = waiver;
            const { approvedBy: _a, ...noApprover } = waiver;
            const { expires: _e, ...noExpiry } = waiver;
            assert.strictEqual(
                problemsOf({
                    "rds-storage-encrypted": { waivers: [{ ...waiver, expires: "2026-02-30" }, noReason, noApprover, noExpiry] },
                    "rds-storage-encryptd": { waivers: [waiver] },
                }),
                [
                    "policies/config/staging.json has 5 mistakes:",
                    '  - "rds-storage-encryptd" is not a policy of pack govstack-guard@0.1.0; did you mean "rds-storage-encrypted"?',
                    '  - "rds-storage-encrypted.waivers[0].expires" is "2026-02-30"; expected a date that exists, as YYYY-MM-DD',
                    '  - "rds-storage-encrypted.waivers[1].reason" is missing; expected a string that is not blank',
                    '  - "rds-storage-encrypted.waivers[2].approvedBy" is missing; expected a string that is not blank',
                    '  - "rds-storage-encrypted.waivers[3].expires" is missing; expected a date that exists, as YYYY-MM-DD',
                ].join("\n"),
            );
        });

        it("a waiver naming no resource of the stack, or one that has expired: a warning, not a mistake", () => {
            const file = { "rds-storage-encrypted": { waivers: [{ ...waiver, resource: "no-such-db" }, { ...waiver, expires: "2026-01-31" }, waiver] } };
            const { config, problems } = resolvePolicyConfig(info, file);
            assert.deepStrictEqual(problems, []);
            const db = plannedResource({ urn: "urn:pulumi:staging::govstack::aws:rds/instance:Instance::data-postgres", type: "aws:rds/instance:Instance", name: "data-postgres" });
            assert.deepStrictEqual(waiverWarnings(config, [db], "2026-06-01"), [
                '"rds-storage-encrypted.waivers[0].resource" is "no-such-db", which names no resource of this stack: the waiver waives nothing here (remove it, or fix the name, URN or glob)',
                '"rds-storage-encrypted.waivers[1].expires" is "2026-01-31": the waiver has expired and waives nothing (the policy is enforced again; renew it with a new approval, or remove it)',
            ]);
        });
    });

    describe("the command line (main, in process: each stops before the pack is started)", () => {
        const cli = async (argv: string[], debug = false): Promise<{ code: number; err: string }> => {
            const err: string[] = [];
            const previous = process.env.PLAN_DEBUG;
            try {
                if (debug) {
                    process.env.PLAN_DEBUG = "1";
                } else {
                    delete process.env.PLAN_DEBUG;
                }
                const code = await main(argv, { out: () => undefined, err: (l) => err.push(l) });
                return { code, err: err.join("\n") };
            } finally {
                if (previous === undefined) {
                    delete process.env.PLAN_DEBUG;
                } else {
                    process.env.PLAN_DEBUG = previous;
                }
            }
        };
        const options = "options: --all, --out <dir>, --pack <dir>, --policy-config <file>, --root <dir>, --no-build, --help (`npm run plan -- --help` says what each does)";
        const cases: { argv: string[]; message: string }[] = [
            { argv: ["stagin", "--root", FIXTURE_ROOT], message: 'plan: Unknown stack "stagin": there is no Pulumi.stagin.yaml; stacks: blocked, compliant' },
            { argv: ["compliant", "--frobnicate"], message: `plan: Unknown option --frobnicate\n${options}` },
            { argv: ["compliant", "--out"], message: `plan: --out needs a value\n${options}` },
            { argv: ["staging", "--out", "package.json"], message: `plan: --out package.json: is a file; --out names a directory (the plan writes <dir>/<stack>/)\n${options}` },
            { argv: ["compliant", "--root", "/nonexistent"], message: `plan: --root /nonexistent: no such directory; --root names the project directory holding Pulumi.yaml\n${options}` },
            {
                argv: ["compliant", "--root", FIXTURE_ROOT, "--pack", FIXTURE_ROOT],
                message: `plan: --pack ${FIXTURE_ROOT}: not a policy pack (no PulumiPolicy.yaml or package.json); --pack names a directory holding PulumiPolicy.yaml and package.json\n${options}`,
            },
        ];
        for (const c of cases) {
            it(`${c.argv.join(" ")}: exit 2, one short paragraph; PLAN_DEBUG=1 adds the trace`, async () => {
                const quiet = await cli(c.argv);
                assert.deepStrictEqual(quiet, { code: 2, err: c.message });
                const debug = await cli(c.argv, true);
                assert.strictEqual(debug.code, 2);
                assert.ok(debug.err.startsWith(c.message), debug.err);
                assert.match(debug.err, TRACE);
            });
        }

        // One run (it starts the fixture pack); PLAN_DEBUG's trace is the same code path as for exit 2 above.
        it("a program that fails (a bug, not a setting): exit 3, one line naming the failure, no trace", async () => {
            const root = path.join(dir, "buggy");
            write("buggy/Pulumi.yaml", "name: buggy\nruntime: nodejs\nmain: index.ts\n");
            write("buggy/Pulumi.dev.yaml", "config: {}\n");
            write("buggy/index.ts", 'const settings: { region?: { name: string } } = {};\nexport const region = settings.region!.name;\n');
            const argv = ["dev", "--root", root, "--pack", FIXTURE_PACK, "--out", path.join(dir, "out")];
            const quiet = await cli(argv);
            assert.strictEqual(quiet.code, 3, quiet.err);
            assert.match(quiet.err, /^plan failed: Cannot read properties of undefined \(reading 'name'\)$/m);
            assert.doesNotMatch(quiet.err, TRACE);
        });

        it("--help states the contract: each exit code, and what a mistake's message holds", async () => {
            const out: string[] = [];
            assert.strictEqual(await main(["--help"], { out: (l) => out.push(l), err: () => undefined }), 0);
            const help = out.join("\n");
            for (const line of [/^ {2}0 {2}pass: no mandatory violation$/m, /^ {2}1 {2}blocked: a mandatory policy failed/m, /^ {2}2 {2}a mistake you can fix: /m, /^ {2}3 {2}internal error: /m]) {
                assert.match(help, line);
            }
            const prose = help.replace(/\s+/g, " ");
            assert.match(prose, /One short message names the file, the key and what is allowed; no stack trace \(PLAN_DEBUG=1 prints it\)/);
            assert.match(prose, /A waiver that names no resource of the stack, or has expired, is a warning on stderr, not an error/);
        });
    });
});
