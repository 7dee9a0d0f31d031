import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as YAML from "yaml";

import { parseSettings } from "../../infra/config";
import { allPolicies } from "../../policies/rules";
import { PROJECT_ROOT, readStackConfig } from "../../tools/lib/stack-config";
import { main } from "../../tools/new-stack";
import { planNewStack } from "../../tools/new-stack/create-stack";
import { evaluateForPlan } from "../../tools/plan/evaluate";
import { runPlan } from "../../tools/plan/run-plan";

/**
 * `npm run new-stack`: a new stack from an existing one, written into a copy of the project's
 * stack files (never the repository), whose offline plan passes through the real pack.
 */

const PROD_SCOPED = allPolicies.filter((p) => p.govstack.scope === "prod").map((p) => p.name);

/** A temporary project root with the committed stack files, environments and pack configs. */
function projectCopy(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-new-stack-"));
    fs.mkdirSync(path.join(root, "environments"));
    fs.mkdirSync(path.join(root, "policies", "config"), { recursive: true });
    for (const f of fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi(\.[a-z0-9-]+)?\.yaml$/.test(f))) {
        fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(root, f));
    }
    for (const dir of ["environments", path.join("policies", "config")]) {
        for (const f of fs.readdirSync(path.join(PROJECT_ROOT, dir))) {
            fs.copyFileSync(path.join(PROJECT_ROOT, dir, f), path.join(root, dir, f));
        }
    }
    return root;
}

function run(argv: string[]): { code: number; out: string; err: string } {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
const level = (entry: unknown): unknown => (typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown } | undefined)?.enforcementLevel);

describe("tools/new-stack", function () {
    this.timeout(120000);
    const roots: string[] = [];
    const root = () => {
        const r = projectCopy();
        roots.push(r);
        return r;
    };
    after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

    describe("dev from staging", () => {
        let dir: string;
        let result: ReturnType<typeof run>;
        before(() => {
            dir = root();
            result = run(["dev", "--from", "staging", "--account", "123456789012", "--root", dir]);
        });

        it("writes the stack file, its ESC environment and its pack config, and says what is left to do", () => {
            assert.equal(result.code, 0, result.err);
            for (const f of ["Pulumi.dev.yaml", "environments/dev.yaml", "policies/config/dev.json"]) {
                assert.ok(fs.existsSync(path.join(dir, f)), f);
                assert.match(result.out, new RegExp(`wrote ${f.replace(/\./g, "\\.")}`));
            }
            assert.match(result.out, /Left to do:\n1\. Replace the values marked REVIEW in Pulumi\.dev\.yaml:/);
            assert.match(result.out, /govstack:edge\.certificateArn: an example certificate id/);
            assert.match(result.out, /delivery\/Pulumi\.govcloud\.yaml/);
            assert.match(result.out, /npm run plan -- dev/);
        });

        it("gives the stack its own account, names, environment and VPC range, and marks the examples", () => {
            const values = readStackConfig("dev", dir).values;
            assert.deepEqual(values["aws:allowedAccountIds"], ["123456789012"]);
            assert.equal(values["govstack:accountId"], "123456789012");
            assert.equal(values["govstack:namePrefix"], "govstack-dev");
            assert.equal((values["aws:defaultTags"] as { tags: Record<string, string> }).tags.Environment, "dev");
            assert.equal(values["govstack:production"], undefined, "non-production by its name already");
            const edge = values["govstack:edge"] as Record<string, string>;
            assert.equal(edge.domainName, "dev.govstack.example.com");
            assert.match(edge.certificateArn, /^arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate\//);
            const cidrs = ["staging", "prod"].map((s) => (readStackConfig(s).values["govstack:network"] as { cidr: string }).cidr);
            assert.ok(!cidrs.includes((values["govstack:network"] as { cidr: string }).cidr), "a VPC range no other stack uses");
            const text = fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
            assert.doesNotMatch(text, /204718392650/, "the source account appears nowhere");
            for (const key of ["domainName", "certificateArn", "allowedCidrs", "operatorCidrs", "alertEmails", "Owner"]) {
                assert.match(text, new RegExp(`${key}: .* # REVIEW: `), key);
            }
            assert.match(text, /^environment:\n {2}- govstack\/dev$/m);
            assert.match(text, /^# Stack "dev": /m);
        });

        it("logs in to the dev account's preview role, as the delivery program will name it", () => {
            const env = YAML.parse(fs.readFileSync(path.join(dir, "environments", "dev.yaml"), "utf8"));
            const oidc = env.values.aws.login["fn::open::aws-login"].oidc;
            assert.equal(oidc.roleArn, "arn:aws-us-gov:iam::123456789012:role/govstack-delivery/govstack-dev-preview");
            assert.equal(oidc.sessionName, "govstack-dev-esc");
            assert.deepEqual(oidc.subjectAttributes, ["currentEnvironment.name"]);
        });

        it("runs every prod-scoped policy as advisory, derived from the policies' scope, the rest as staging does", () => {
            const config = readJson(path.join(dir, "policies", "config", "dev.json"));
            assert.ok(PROD_SCOPED.length > 0);
            for (const name of PROD_SCOPED) {
                assert.equal(level(config[name]), "advisory", name);
            }
            const staging = readJson(path.join(PROJECT_ROOT, "policies", "config", "staging.json"));
            for (const [name, entry] of Object.entries(staging).filter(([n]) => !PROD_SCOPED.includes(n))) {
                assert.deepEqual(config[name], entry, name);
            }
        });

        it("plans with 0 mandatory violations through the real pack (the stack's own pack config)", async () => {
            const evaluation = await evaluateForPlan("dev", { root: dir, entry: path.join(PROJECT_ROOT, "infra", "index.ts") });
            const plan = await runPlan("dev", { evaluation, packConfig: path.join(dir, "policies", "config", "dev.json") });
            assert.deepEqual(plan.violations.filter((v) => v.enforcement === "mandatory").map((v) => `${v.policy}: ${v.message}`), []);
            assert.ok(plan.violations.some((v) => PROD_SCOPED.includes(v.policy)), "prod-scoped findings are reported, as advisories");
        });
    });

    describe("other sources and tiers (files in memory)", () => {
        const plan = (name: string, from: string, prod: boolean, dir = root()) =>
            planNewStack({ name, from, accountId: "210987654321", prod, root: dir, policies: allPolicies });
        const file = (stack: ReturnType<typeof plan>, f: string) => stack.files.find((x) => x.path === f)?.text ?? "";

        it("a non-production stack from prod: advisory prod-scoped policies, the promoted digest marked", () => {
            const stack = plan("qa", "prod", false);
            const config = JSON.parse(file(stack, path.join("policies", "config", "qa.json"))) as Record<string, unknown>;
            for (const name of PROD_SCOPED) {
                assert.equal(level(config[name]), "advisory", name);
            }
            const text = file(stack, "Pulumi.qa.yaml");
            assert.match(text, /imageDigest: sha256:[a-f0-9]{64} # REVIEW: an example digest/);
            assert.doesNotMatch(text, /318920475611/);
            assert.equal(parseSettings("qa", (YAML.parse(text) as { config: Record<string, unknown> }).config).isProd, false);
        });

        it("a production stack of another name: govstack:production, every policy at its code default", () => {
            const stack = plan("east", "prod", true);
            const text = file(stack, "Pulumi.east.yaml");
            assert.match(text, /^ {2}govstack:production: true$/m);
            const settings = parseSettings("east", (YAML.parse(text) as { config: Record<string, unknown> }).config);
            assert.equal(settings.isProd, true);
            const config = JSON.parse(file(stack, path.join("policies", "config", "east.json"))) as Record<string, unknown>;
            for (const name of PROD_SCOPED) {
                assert.notEqual(level(config[name]), "advisory", name);
            }
        });

        it("copies no waiver: a waiver names the source's resources and its approval", () => {
            const dir = root();
            const staging = path.join(dir, "policies", "config", "staging.json");
            const waived = { resource: "govstack-stg-*", reason: "test", approvedBy: "isso@agency.gov", expires: "2099-12-31" };
            fs.writeFileSync(staging, JSON.stringify({ ...readJson(staging), "rds-multi-az": { enforcementLevel: "advisory", waivers: [waived] } }));
            const stack = plan("dev", "staging", false, dir);
            assert.doesNotMatch(file(stack, path.join("policies", "config", "dev.json")), /waivers/);
            assert.ok(stack.notes.some((n) => /1 waiver\(s\) of staging not copied/.test(n)));
        });
    });

    describe("user mistakes exit 2 with a clear message, writing nothing", () => {
        const cases: Array<[string, string[], RegExp]> = [
            ["a bad stack name", ["Dev", "--from", "staging", "--account", "123456789012"], /Invalid stack name "Dev": use 2-32 lowercase letters/],
            ["an unknown --from", ["dev", "--from", "qa", "--account", "123456789012"], /Unknown --from stack "qa": there is no Pulumi\.qa\.yaml; stacks: prod, staging/],
            ["a bad account id", ["dev", "--from", "staging", "--account", "1234"], /Invalid --account "1234": an AWS account id is 12 digits/],
            ["no --from", ["dev", "--account", "123456789012"], /--from <stack> is required/],
            ["no stack name", ["--from", "staging", "--account", "123456789012"], /Which stack\? Give the new stack's name/],
            ["an unknown option", ["dev", "--from", "staging", "--account", "123456789012", "--region", "x"], /Unknown option --region/],
            [
                "a name prefix too long",
                ["integration", "--from", "staging", "--account", "123456789012"],
                /The name prefix "govstack-integration" is not 3-16 .*give a shorter one with --prefix/,
            ],
            [
                "a production stack from non-production settings",
                ["west", "--from", "staging", "--account", "123456789012", "--prod"],
                /The new stack's settings would not be valid \(a production stack needs production settings: copy one, e\.g\. --from prod\):\n {2}- Invalid setting [\s\S]*\n {2}- Invalid setting "govstack:database\.multiAz": false must be true in prod/,
            ],
        ];
        for (const [what, argv, message] of cases) {
            it(what, () => {
                const dir = root();
                const before = fs.readdirSync(dir).sort();
                const result = run([...argv, "--root", dir]);
                assert.equal(result.code, 2);
                assert.match(result.err, message);
                assert.match(result.err, /usage: npm run new-stack -- <name> --from <stack> --account <id> \[--prod\]/);
                assert.deepEqual(fs.readdirSync(dir).sort(), before);
            });
        }

        it("existing files without --force, and overwrites them with it", () => {
            const dir = root();
            assert.equal(run(["dev", "--from", "staging", "--account", "123456789012", "--root", dir]).code, 0);
            const again = run(["dev", "--from", "staging", "--account", "210987654321", "--root", dir]);
            assert.equal(again.code, 2);
            assert.match(again.err, /Pulumi\.dev\.yaml, environments\/dev\.yaml, policies\/config\/dev\.json already exist; pass --force to overwrite/);
            assert.equal(run(["dev", "--from", "staging", "--account", "210987654321", "--root", dir, "--force"]).code, 0);
            assert.equal(readStackConfig("dev", dir).values["govstack:accountId"], "210987654321");
        });
    });
});

describe("docs/adopting.md", () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "adopting.md"), "utf8");

    it("walks from clone to the first pulumi up in order, and the README links it", () => {
        const headings = [...text.matchAll(/^## (\d)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);
        assert.deepEqual(headings, [
            "1. Clone and check, offline (no account, no Pulumi CLI)",
            "2. Your stacks: one GovCloud account each",
            "3. Pulumi Cloud organisation",
            "4. OIDC to GovCloud, and the delivery program",
            "5. First deploy",
        ]);
        assert.ok(fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8").includes("(docs/adopting.md)"));
    });

    it("names only npm scripts package.json defines, and new-stack as the tool runs it", () => {
        const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: object }).scripts);
        for (const m of text.matchAll(/npm run ([a-z:-]+)/g)) {
            assert.ok(scripts.includes(m[1]), `npm run ${m[1]}`);
        }
        for (const m of text.matchAll(/npm run new-stack -- (.+)$/gm)) {
            const argv = m[1].replace(/<id>/, "123456789012").trim().split(/\s+/);
            const dir = projectCopy();
            try {
                assert.equal(run([...argv, "--root", dir]).code, 0, m[0]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        }
    });
});
