import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { parseSettings } from "../../delivery/settings";
import { DELIVERY_IAM_PATH, iamArn, previewRoleName } from "../../delivery/trust";
import { listStacks, PROJECT_ROOT } from "../../tools/lib/stack-config";
import { committedSettings } from "../delivery/harness";
import { Job, loadWorkflow, Step, WORKFLOW_DIR, workflowText } from "./workflow-files";

/**
 * The GitHub workflows as data: the pack enforced on every pull request with each stack's config,
 * credentials only by OIDC, least privilege per job, actions pinned to commits, and the same npm
 * scripts as .ci/run. Nothing here deploys.
 */

const ALLOWED_REGIONS = ["us-gov-west-1", "us-gov-east-1"];
/** The project's Node major (.nvmrc); tests/workflows/node-version.test.ts ties it to engines.node. */
const PROJECT_NODE = Number(fs.readFileSync(path.join(PROJECT_ROOT, ".nvmrc"), "utf8").trim());
/** The only permission scopes a job of ours may ask for, and the only level for each. */
const ALLOWED_PERMISSIONS: Record<string, string> = {
    contents: "read",
    "security-events": "write",
    "id-token": "write",
    "pull-requests": "write",
    // CodeQL reads its own workflow run (codeql.yml).
    actions: "read",
};

function step(job: Job, action: string): Step {
    const found = job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
    assert.strictEqual(found.length, 1, `one ${action} step`);
    return found[0];
}

function runs(job: Job): string[] {
    return job.steps.flatMap((s) => (s.run ? s.run.split("\n").map((l) => l.trim()).filter(Boolean) : []));
}

describe("GitHub workflows (.github/workflows)", () => {
    const files = fs.readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

    it("has the pull-request and main workflows, and the scanners' (tests/workflows/ci-gates.test.ts)", () => {
        assert.deepStrictEqual(files, ["codeql.yml", "main.yml", "pull-request.yml", "scheduled-scans.yml"]);
    });

    describe("pull-request.yml", () => {
        const wf = loadWorkflow("pull-request.yml");
        const preview = wf.jobs.preview;

        it("runs on pull requests to main, one run per ref at a time", () => {
            assert.deepStrictEqual(wf.on, { pull_request: { branches: ["main"] } });
            assert.match(wf.concurrency?.group ?? "", /\$\{\{ github\.ref \}\}/);
            assert.strictEqual(wf.concurrency?.["cancel-in-progress"], true);
        });

        it("has the jobs test, plan and preview, preview after the other two (then the CI gates: ci-gates.test.ts)", () => {
            assert.deepStrictEqual(Object.keys(wf.jobs).slice(0, 3), ["test", "plan", "preview"]);
            assert.deepStrictEqual(preview.needs, ["test", "plan"]);
        });

        it("test job: npm ci, lint and npm test - the scripts .ci/run and package.json define", () => {
            assert.deepStrictEqual(runs(wf.jobs.test), ["npm ci", "npm run lint", "npm test"]);
            const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
            for (const script of ["test", "lint", "plan"]) {
                assert.ok(scripts[script], `package.json has the ${script} script`);
            }
            assert.match(fs.readFileSync(path.join(PROJECT_ROOT, ".ci", "run"), "utf8"), /npm ci && npm test/);
        });

        it("plan job: the offline plan of every stack, SARIF per stack to code scanning, report.md to the summary", () => {
            const plan = wf.jobs.plan;
            assert.ok(runs(plan).includes("npm run plan -- --all"));
            const uploads = plan.steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
            assert.deepStrictEqual(
                uploads.map((s) => s.with?.sarif_file).sort(),
                listStacks().map((stack) => `out/${stack}/report.sarif`).sort(),
            );
            assert.strictEqual(new Set(uploads.map((s) => s.with?.category)).size, uploads.length, "one category per stack");
            for (const upload of uploads) {
                assert.match(upload.if ?? "", /!cancelled\(\)/, "uploaded even when the plan blocks");
            }
            assert.ok(plan.steps.some((s) => s.run?.includes("report.md") && s.run.includes("$GITHUB_STEP_SUMMARY")));
            // The FedRAMP evidence: the component definition is written before out/ is kept.
            const oscal = plan.steps.findIndex((s) => s.run === "npm run oscal");
            const keep = plan.steps.findIndex((s) => s.uses?.startsWith("actions/upload-artifact@"));
            assert.ok(oscal >= 0 && keep > oscal, "npm run oscal runs before the reports are uploaded");
        });

        it("preview job: one leg per stack file", () => {
            const legs = preview.strategy?.matrix.include?.map((leg) => leg.stack).sort();
            assert.deepStrictEqual(legs, listStacks());
        });

        it("preview job: pulumi preview with policyPacks: policies and the stack's own pack config, commented on the PR", () => {
            const pulumi = step(preview, "pulumi/actions");
            assert.strictEqual(pulumi.with?.command, "preview");
            assert.strictEqual(pulumi.with?.policyPacks, "policies");
            assert.strictEqual(pulumi.with?.policyPackConfigs, "policies/config/${{ matrix.stack }}.json");
            assert.strictEqual(pulumi.with?.["comment-on-pr"], true);
            assert.strictEqual(pulumi.with?.["stack-name"], "govstack/govstack/${{ matrix.stack }}");
            assert.ok(!("continue-on-error" in pulumi), "a mandatory violation must fail the check");
        });

        it("preview job: Pulumi Cloud by OIDC (auth-actions) and GovCloud by OIDC to each stack's read-only preview role", () => {
            const auth = step(preview, "pulumi/auth-actions");
            assert.strictEqual(auth.with?.organization, parseSettings(committedSettings()).organization);
            assert.strictEqual(auth.with?.["requested-token-type"], "urn:pulumi:token-type:access_token:organization");
            const aws = step(preview, "aws-actions/configure-aws-credentials");
            assert.strictEqual(aws.with?.["role-to-assume"], "${{ matrix.role }}");
            assert.ok(ALLOWED_REGIONS.includes(String(aws.with?.["aws-region"])));
            const settings = parseSettings(committedSettings());
            for (const leg of preview.strategy?.matrix.include ?? []) {
                const target = settings.targets.find((t) => t.name === leg.stack);
                assert.ok(target, `delivery settings list ${leg.stack}`);
                assert.strictEqual(leg.role, iamArn(settings, target.accountId, `role${DELIVERY_IAM_PATH}${previewRoleName(leg.stack)}`));
                assert.match(leg.role, /^arn:aws-us-gov:iam::\d{12}:role\//);
            }
            // Credentials must exist before the preview runs.
            const order = preview.steps.map((s) => s.uses?.split("@")[0]);
            assert.ok(order.indexOf("pulumi/auth-actions") < order.indexOf("pulumi/actions"));
            assert.ok(order.indexOf("aws-actions/configure-aws-credentials") < order.indexOf("pulumi/actions"));
        });

        it("preview job: never runs for forks, which get no OIDC token", () => {
            assert.match(preview.if ?? "", /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
        });

        it("asks for id-token: write only in the preview job", () => {
            assert.strictEqual(JSON.stringify(wf.permissions), "{}", "no default permissions");
            for (const [name, job] of Object.entries(wf.jobs)) {
                const perms = job.permissions as Record<string, string>;
                assert.strictEqual(perms["id-token"] === "write", name === "preview", `${name}: id-token`);
            }
        });
    });

    describe("main.yml", () => {
        const wf = loadWorkflow("main.yml");

        it("runs the same checks after a merge and deploys nothing (Pulumi Deployments does)", () => {
            assert.deepStrictEqual(wf.on, { push: { branches: ["main"] } });
            assert.ok(runs(wf.jobs.test).includes("npm test"));
            assert.ok(runs(wf.jobs.plan).includes("npm run plan -- --all"));
            const text = workflowText("main.yml");
            assert.doesNotMatch(text, /pulumi\/actions@|pulumi up|id-token/);
        });
    });

    describe("every workflow", () => {
        for (const file of files) {
            const wf = loadWorkflow(file);

            it(`${file}: gives each job only the permissions it names, at the lowest level`, () => {
                assert.strictEqual(JSON.stringify(wf.permissions), "{}");
                for (const [name, job] of Object.entries(wf.jobs)) {
                    assert.ok(job.permissions && typeof job.permissions === "object", `${name}: explicit permissions`);
                    for (const [scope, level] of Object.entries(job.permissions)) {
                        assert.strictEqual(ALLOWED_PERMISSIONS[scope], level, `${name}: ${scope}: ${level}`);
                    }
                    assert.strictEqual(job.permissions.contents, "read", `${name}: contents read`);
                }
            });

            it(`${file}: pins every action to a full commit SHA with the release in a comment`, () => {
                const uses = workflowText(file)
                    .split("\n")
                    .filter((l) => /^\s*(-\s+)?uses:/.test(l));
                assert.ok(uses.length > 0);
                for (const line of uses) {
                    assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line.trim());
                }
            });

            it(`${file}: holds no long-lived credential (AWS keys, Pulumi token) and checks out without persisting the token`, () => {
                const text = workflowText(file);
                assert.doesNotMatch(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/i);
                assert.doesNotMatch(text, /PULUMI_ACCESS_TOKEN|secrets\.[A-Z_]*(KEY|TOKEN|PASSWORD)/);
                for (const job of Object.values(wf.jobs)) {
                    for (const s of job.steps.filter((x) => x.uses?.startsWith("actions/checkout@"))) {
                        assert.strictEqual(s.with?.["persist-credentials"], false);
                    }
                }
            });

            it(`${file}: every job that runs npm is on the project's Node (.nvmrc, engines.node); test jobs also on the next LTS`, () => {
                // Jobs that use Node; the scanner jobs (image, secrets, CodeQL) set up no Node.
                for (const [name, job] of Object.entries(wf.jobs).filter(([, j]) => j.steps.some((s) => s.run?.includes("npm ")))) {
                    const node = job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
                    const legs = job.strategy?.matrix.node;
                    if (legs) {
                        assert.strictEqual(node?.with?.["node-version"], "${{ matrix.node }}", name);
                        assert.strictEqual(legs[0], PROJECT_NODE, `${name}: first leg is the project's Node`);
                        for (const leg of legs) {
                            assert.ok(leg >= PROJECT_NODE && leg % 2 === 0, `${name}: ${leg} is an LTS line >= ${PROJECT_NODE}`);
                        }
                    } else {
                        assert.strictEqual(node?.with?.["node-version"], PROJECT_NODE, name);
                    }
                }
                if (wf.jobs.test) {
                    assert.deepStrictEqual(wf.jobs.test.strategy?.matrix.node, [22, 24], "test: Node 22 and 24");
                }
            });
        }
    });

    it("Dependabot keeps the pinned actions and the npm lockfile current", () => {
        const dependabot = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".github", "dependabot.yml"), "utf8"));
        const ecosystems = (dependabot.updates as Array<{ "package-ecosystem": string; directory: string }>).filter((u) => u.directory === "/").map((u) => u["package-ecosystem"]).sort();
        assert.deepStrictEqual(ecosystems, ["github-actions", "npm"]);
    });
});
