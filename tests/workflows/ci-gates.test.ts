import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { MAX_ACCEPTANCE_DAYS, addDays, utcToday } from "../../tools/gates/audit";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { Job, loadWorkflow, permission, Step } from "./workflow-files";

/**
 * The CI gates of issue 19 as data (the workflows cannot run here): coverage, npm audit, SBOM,
 * Trivy image and config scans with SARIF, CodeQL, gitleaks, and the update bots. Each gate must
 * fail its job on a finding, run where it is promised (pull request, main, weekly) and read its
 * dated acceptances from security/.
 */

const pr = loadWorkflow("pull-request.yml");
const main = loadWorkflow("main.yml");
const weekly = loadWorkflow("scheduled-scans.yml");
const codeql = loadWorkflow("codeql.yml");

const action = (s: Step) => s.uses?.split("@")[0];
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run.replace(/\s+/g, " ").trim()] : []));
const trivy = (job: Job) => job.steps.filter((s) => action(s) === "aquasecurity/trivy-action");
/** The Trivy steps that fail the job: exit-code 1. */
const gates = (job: Job) => trivy(job).filter((s) => s.with?.["exit-code"] === "1");

describe("CI gates (issue 19)", () => {
    it("no gate step is allowed to fail quietly (continue-on-error)", () => {
        for (const wf of [pr, main, weekly, codeql]) {
            for (const [name, job] of Object.entries(wf.jobs)) {
                for (const s of job.steps) {
                    assert.ok(!s["continue-on-error"], `${name}: ${s.name ?? s.uses ?? s.run}`);
                }
            }
        }
    });

    describe("coverage", () => {
        it("a pull-request job runs npm run coverage (c8 + the per-folder gate), its table to the job summary", () => {
            const job = pr.jobs.coverage;
            assert.deepStrictEqual(runs(job).slice(0, 2), ["npm ci", "npm run coverage"]);
            assert.ok(job.steps.some((s) => s.run?.includes("tools/coverage.ts --markdown") && s.run.includes("$GITHUB_STEP_SUMMARY")));
        });
    });

    describe("dependencies: npm audit and SBOM", () => {
        it("pull requests and the weekly run fail on high/critical production advisories (npm run audit:gate)", () => {
            assert.ok(runs(pr.jobs.dependencies).includes("npm run audit:gate"));
            assert.ok(runs(weekly.jobs.dependencies).includes("npm run audit:gate"));
            const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
            assert.match(scripts["audit:gate"], /tools\/audit-gate\.ts$/);
        });

        it("pull requests keep the SBOMs as an artifact; main keeps the pack tarball with its SBOM", () => {
            const keep = pr.jobs.dependencies.steps.find((s) => action(s) === "actions/upload-artifact");
            assert.strictEqual(keep?.with?.path, "out/sbom/");
            const release = main.jobs["release-artifacts"];
            assert.deepStrictEqual(runs(release).slice(0, 2), ["npm ci", "npm run sbom"]);
            assert.ok(runs(release).some((r) => r.includes("npm pack --workspace policies --pack-destination out/pack")));
            const artifact = release.steps.find((s) => action(s) === "actions/upload-artifact");
            const paths = String(artifact?.with?.path).trim().split("\n").map((p) => p.trim());
            assert.deepStrictEqual(paths, ["out/pack/*.tgz", "out/sbom/govstack-guard.cdx.json", "out/sbom/govstack.cdx.json"]);
            assert.strictEqual(artifact?.with?.["if-no-files-found"], "error");
        });
    });

    describe("container image: Trivy", () => {
        const imageJobs: Array<[string, Job]> = [
            ["pull-request.yml image", pr.jobs.image],
            ["main.yml image", main.jobs.image],
            ["scheduled-scans.yml image", weekly.jobs.image],
        ];

        for (const [where, job] of imageJobs) {
            it(`${where}: builds app/ and fails on a fixable HIGH/CRITICAL vulnerability not accepted in security/trivyignore.yaml`, () => {
                assert.ok(runs(job).includes("docker build --pull --tag govstack-app:ci app"));
                const gate = gates(job).find((s) => s.with?.["scan-type"] === "image");
                assert.ok(gate, "an image gate");
                assert.strictEqual(gate.with?.["image-ref"], "govstack-app:ci");
                assert.strictEqual(gate.with?.severity, "HIGH,CRITICAL");
                assert.strictEqual(gate.with?.["ignore-unfixed"], true);
                assert.strictEqual(gate.with?.trivyignores, "security/trivyignore.yaml");
            });

            it(`${where}: uploads every image finding as SARIF to code scanning, even when the gate fails`, () => {
                const sarif = trivy(job).find((s) => s.with?.format === "sarif" && s.with?.["scan-type"] === "image");
                assert.strictEqual(sarif?.with?.["exit-code"], "0", "the evidence step never fails the job");
                const upload = job.steps.find((s) => action(s) === "github/codeql-action/upload-sarif" && s.with?.sarif_file === sarif?.with?.output);
                assert.strictEqual(upload?.with?.category, "trivy-image", "one category everywhere: alerts open and close on one timeline");
                assert.match(upload?.if ?? "", /!cancelled\(\)/);
                assert.strictEqual(permission(job, "security-events"), "write");
                // Evidence first: the gates run after every upload.
                const index = (s: Step | undefined) => job.steps.indexOf(s as Step);
                for (const gate of gates(job)) {
                    assert.ok(index(upload) < index(gate), `${gate.name} after the SARIF upload`);
                }
            });
        }

        for (const [where, job] of imageJobs.slice(0, 2)) {
            it(`${where}: scans the Dockerfile (Trivy config) with a gate and SARIF, and keeps the image's CycloneDX SBOM`, () => {
                const gate = gates(job).find((s) => s.with?.["scan-type"] === "config");
                assert.strictEqual(gate?.with?.["scan-ref"], "app");
                assert.strictEqual(gate?.with?.severity, "HIGH,CRITICAL");
                assert.match(gate?.if ?? "", /!cancelled\(\)/, "runs even when the image gate failed");
                const upload = job.steps.find((s) => action(s) === "github/codeql-action/upload-sarif" && s.with?.category === "trivy-config");
                assert.strictEqual(upload?.with?.sarif_file, "trivy-config.sarif");
                const sbom = trivy(job).find((s) => s.with?.format === "cyclonedx");
                assert.strictEqual(sbom?.with?.output, "govstack-app.cdx.json");
                const keep = job.steps.find((s) => action(s) === "actions/upload-artifact");
                assert.match(String(keep?.with?.path), /govstack-app\.cdx\.json/);
            });
        }

        it("every Trivy step runs one pinned Trivy release", () => {
            const steps = imageJobs.flatMap(([, job]) => trivy(job));
            assert.deepStrictEqual([...new Set(steps.map((s) => s.uses))].length, 1, "one action SHA");
            assert.deepStrictEqual([...new Set(steps.map((s) => s.with?.version))], ["v0.70.0"]);
        });

        it("is a pull-request check, so a finding blocks the merge before staging builds the image", () => {
            assert.strictEqual(pr.jobs.image.name, "image scan (Trivy)");
        });
    });

    describe("SAST: CodeQL", () => {
        it("runs on pull requests to main, after each merge and weekly", () => {
            assert.deepStrictEqual(codeql.on.pull_request, { branches: ["main"] });
            assert.deepStrictEqual(codeql.on.push, { branches: ["main"] });
            const cron = (codeql.on.schedule as Array<{ cron: string }>)[0].cron;
            assert.match(cron, /^\d+ \d+ \* \* [0-6]$/, "weekly");
        });

        it("analyses javascript-typescript (security-extended) without a build, init before analyze at one SHA", () => {
            const steps = codeql.jobs.analyze.steps;
            const init = steps.find((s) => action(s) === "github/codeql-action/init");
            const analyze = steps.find((s) => action(s) === "github/codeql-action/analyze");
            assert.strictEqual(init?.with?.languages, "javascript-typescript");
            assert.strictEqual(init?.with?.["build-mode"], "none");
            assert.strictEqual(init?.with?.queries, "security-extended");
            assert.ok(steps.indexOf(init as Step) < steps.indexOf(analyze as Step));
            assert.strictEqual(init?.uses?.split("@")[1], analyze?.uses?.split("@")[1]);
            assert.strictEqual(permission(codeql.jobs.analyze, "security-events"), "write");
        });
    });

    describe("secrets: gitleaks", () => {
        const install = (job: Job) => runs(job).find((r) => r.startsWith("go install github.com/zricethezav/gitleaks/v8@"));
        const scan = (job: Job) => runs(job).find((r) => r.includes("/bin/gitleaks\" git"));

        it("pull requests: scans exactly the pull request's commits and fails on a finding", () => {
            const job = pr.jobs.secrets;
            assert.strictEqual(job.steps.find((s) => action(s) === "actions/checkout")?.with?.["fetch-depth"], 0);
            const cmd = scan(job) ?? "";
            assert.match(cmd, /--log-opts="--no-merges \$\{BASE_SHA\}\.\.\$\{HEAD_SHA\}"/);
            const step = job.steps.find((s) => s.run?.includes("/bin/gitleaks"));
            assert.strictEqual(step?.env?.BASE_SHA, "${{ github.event.pull_request.base.sha }}", "through env, never interpolated into the script");
            assert.strictEqual(step?.env?.HEAD_SHA, "${{ github.event.pull_request.head.sha }}");
        });

        it("weekly: scans all history of every ref", () => {
            const job = weekly.jobs["secrets-history"];
            assert.strictEqual(job.steps.find((s) => action(s) === "actions/checkout")?.with?.["fetch-depth"], 0);
            assert.match(scan(job) ?? "", /--log-opts="--all"/);
            assert.deepStrictEqual(weekly.on.schedule, [{ cron: "41 5 * * 1" }]);
        });

        for (const [where, job] of [["pull request", pr.jobs.secrets], ["weekly", weekly.jobs["secrets-history"]]] as const) {
            it(`${where}: one pinned gitleaks release, the project's config and ignore file, secrets redacted, exit 1 on a hit`, () => {
                assert.strictEqual(install(job), "go install github.com/zricethezav/gitleaks/v8@v8.30.1");
                const cmd = scan(job) ?? "";
                for (const flag of ["--config security/gitleaks.toml", "--gitleaks-ignore-path security/.gitleaksignore", "--redact", "--exit-code 1"]) {
                    assert.ok(cmd.includes(flag), `${flag} in ${cmd}`);
                }
            });
        }

        it("the config extends gitleaks' default rules and allowlists only exact values, each with a reason", () => {
            const toml = fs.readFileSync(path.join(PROJECT_ROOT, "security", "gitleaks.toml"), "utf8");
            assert.match(toml, /\[extend\]\nuseDefault = true/);
            assert.doesNotMatch(toml, /^\s*(paths|commits|stopwords)\s*=/m, "no path, commit or stopword allowlists");
            const lists = toml.split("[[allowlists]]").slice(1);
            assert.ok(lists.length > 0);
            for (const list of lists) {
                assert.match(list, /description = "[^"]{20,}"/);
                const regexes = [...list.matchAll(/'''(.*?)'''/g)].map((m) => m[1]);
                assert.ok(regexes.length > 0);
                for (const r of regexes) {
                    assert.match(r, /^\^[A-Za-z0-9]+\$$/, `exact value only: ${r}`);
                }
            }
        });
    });

    describe("dated acceptances (security/)", () => {
        it("every accepted Trivy finding has a statement and expires within 90 days", () => {
            const ignores = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "security", "trivyignore.yaml"), "utf8")) as Record<string, unknown>;
            const latest = addDays(utcToday(), MAX_ACCEPTANCE_DAYS);
            for (const kind of ["vulnerabilities", "misconfigurations", "secrets", "licenses"]) {
                for (const entry of (ignores[kind] as Array<Record<string, unknown>> | undefined) ?? []) {
                    assert.match(String(entry.id ?? ""), /\S/, `${kind}: id`);
                    assert.ok(String(entry.statement ?? "").length >= 20, `${kind} ${entry.id}: statement (why, who approved, ticket)`);
                    const expires = String(entry.expired_at ?? "");
                    assert.match(expires, /^\d{4}-\d{2}-\d{2}$/, `${kind} ${entry.id}: expired_at`);
                    assert.ok(expires <= latest, `${kind} ${entry.id}: expired_at ${expires} is more than ${MAX_ACCEPTANCE_DAYS} days away`);
                }
            }
        });

        it("security/ is owned by security in CODEOWNERS (accepting a finding needs their review)", () => {
            const owners = fs.readFileSync(path.join(PROJECT_ROOT, ".github", "CODEOWNERS"), "utf8");
            assert.match(owners, /^\/security\/\s+.*@govstack\/security/m);
        });
    });

    describe("docs/ci-gates.md", () => {
        const doc = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "ci-gates.md"), "utf8");

        it("maps the gates to the controls an assessor asks for", () => {
            for (const control of ["RA-5", "SA-11", "SI-2", "CM-8", "SR-4"]) {
                assert.ok(doc.includes(control), control);
            }
        });

        it("names only npm scripts, security/ files and required checks that exist", () => {
            const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts);
            for (const m of doc.matchAll(/npm run ([a-z:-]+)/g)) {
                assert.ok(scripts.includes(m[1]), `npm run ${m[1]}`);
            }
            for (const m of doc.matchAll(/`(security\/[\w./-]+)`/g)) {
                assert.ok(fs.existsSync(path.join(PROJECT_ROOT, m[1])), m[1]);
            }
            const checks = doc.slice(doc.indexOf("## Branch protection"), doc.indexOf("## Coverage"));
            const jobNames = [pr, codeql].flatMap((wf) => Object.values(wf.jobs).map((j) => j.name));
            for (const m of checks.matchAll(/`([^`]+)`/g)) {
                if (!m[1].includes(" (") || /^(plan|preview|test) /.test(m[1])) {
                    continue; // not a check name, or one of the existing checks (workflows.test.ts; test (node N) is a matrix leg)
                }
                assert.ok(jobNames.includes(m[1]), `required check "${m[1]}" is a job name`);
            }
        });
    });

    describe("update bots (Dependabot)", () => {
        const updates = (YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".github", "dependabot.yml"), "utf8")) as {
            updates: Array<{ "package-ecosystem": string; directory: string; schedule: { interval: string } }>;
        }).updates;

        it("keeps every lockfile and the app's Docker base images current, weekly", () => {
            assert.deepStrictEqual(updates.map((u) => `${u["package-ecosystem"]} ${u.directory}`).sort(), [
                "docker /app",
                "github-actions /",
                "npm /",
                "npm /app",
                "npm /security/sbom",
            ]);
            for (const u of updates) {
                assert.strictEqual(u.schedule.interval, "weekly");
            }
            for (const dir of ["", "app", "security/sbom"]) {
                assert.ok(fs.existsSync(path.join(PROJECT_ROOT, dir, "package-lock.json")), `${dir || "/"} has a lockfile to update`);
            }
        });

        it("the app's base images are tags Dependabot can bump (explicit releases, no latest)", () => {
            const froms = fs.readFileSync(path.join(PROJECT_ROOT, "app", "Dockerfile"), "utf8").split("\n").filter((l) => /^FROM /.test(l));
            assert.ok(froms.length >= 1);
            for (const from of froms) {
                assert.match(from, /^FROM node:\d+\.\d+\.\d+-alpine\d+\.\d+(@sha256:[0-9a-f]{64})? AS \w+$/);
            }
        });
    });
});
