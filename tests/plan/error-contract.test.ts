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

import { main } from "../../tools/plan";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { CliRun, FIXTURE_PACK, FIXTURE_ROOT, REAL_PACK, runPlanCli, tempDir } from "./helpers";

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
function fixtureCopy(dir: string): string {
    const root = path.join(dir, "fixture");
    fs.mkdirSync(root);
    for (const f of fs.readdirSync(FIXTURE_ROOT).filter((f) => f.endsWith(".yaml"))) {
        fs.copyFileSync(path.join(FIXTURE_ROOT, f), path.join(root, f));
    }
    return root;
}

describe("the plan's error contract (exit 2: a mistake the user can fix)", function () {
    this.timeout(120000);
    const dir = tempDir("plan-errors");
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    // Run 1: the real program with five settings mistakes, and the real pack with a config holding
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

        it("settings of the wrong type, enum or range, a missing and an unknown key: names the stack file and every key", () => {
            assertUserMistake(
                run,
                `plan: ${stackFile}: 5 invalid settings for stack "staging":`,
                'Invalid setting "govstack:service.cpu": "lots" must be one of 256, 512, 1024, 2048, 4096',
                'Invalid setting "govstack:service.memory": "plenty"',
                'Invalid setting "govstack:edge.wafRateLimit": 50 must be a whole number from 100 to 2000000000',
                'Missing setting "govstack:accountId"',
                'Unknown setting "govstack:frobnicate"',
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
