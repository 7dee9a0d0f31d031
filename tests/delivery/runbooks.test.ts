import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { operationContext } from "../../delivery/stack-delivery";
import { parseSettings } from "../../delivery/settings";
import { previewRoleName } from "../../delivery/trust";
import { nist80053StandardArn } from "../../infra/components/detection";
import { FIPS_TLS_POLICIES } from "../../infra/lib/allowed";
import { listStacks, PROJECT_ROOT } from "../../tools/lib/stack-config";
import { committedSettings } from "./harness";

/**
 * The runbooks name real commands: every `npm run <script>` exists in package.json, every stack
 * they address has a stack file (or is the documented DR stack), every repository file they point
 * to exists, and the pack is always run with the stack's own config.
 */

const DOCS = path.join(PROJECT_ROOT, "docs");
const RUNBOOKS = [
    "first-deploy.md",
    "deploy.md",
    "bluegreen-cutover-rollback.md",
    "database-restore-dr.md",
    "secret-rotation.md",
    "policy-waivers.md",
    "dr-drill.md",
    "database-major-upgrade.md",
];
/** Stacks a runbook may name that are created during a procedure rather than committed. */
const PROCEDURE_STACKS = ["prod-east"];

const read = (file: string) => fs.readFileSync(path.join(DOCS, file), "utf8");
const all = () => ["delivery.md", ...RUNBOOKS.map((r) => path.join("runbooks", r))].map((f) => [f, read(f)] as const);

describe("runbooks (docs/runbooks) and docs/delivery.md", () => {
    it("has every runbook the delivery work promises, linked from the index", () => {
        const index = read(path.join("runbooks", "README.md"));
        for (const runbook of RUNBOOKS) {
            assert.ok(fs.existsSync(path.join(DOCS, "runbooks", runbook)), runbook);
            assert.ok(index.includes(`(${runbook})`), `README links ${runbook}`);
        }
    });

    it("names only npm scripts that package.json defines", () => {
        const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts);
        for (const [file, text] of all()) {
            for (const m of text.matchAll(/npm run ([a-z:-]+)/g)) {
                assert.ok(scripts.includes(m[1]), `${file}: npm run ${m[1]}`);
            }
        }
    });

    it("addresses only stacks that exist, fully qualified as govstack/govstack/<stack>", () => {
        const stacks = [...listStacks(), ...PROCEDURE_STACKS];
        for (const [file, text] of all()) {
            for (const m of text.matchAll(/--stack ([\w/<>-]+)/g)) {
                const ref = m[1];
                if (ref === "govstack/govcloud" || ref === "govstack/govstack/<stack>") {
                    continue; // the delivery program's own stack; a placeholder in prose
                }
                const stack = /^govstack\/govstack\/([a-z0-9-]+)$/.exec(ref)?.[1];
                assert.ok(stack && stacks.includes(stack), `${file}: --stack ${ref}`);
            }
        }
    });

    it("runs the pack with the matching stack's config every time", () => {
        for (const [file, text] of all()) {
            const flat = text.replace(/\\\n\s*/g, " ");
            for (const m of flat.matchAll(/--stack govstack\/govstack\/([a-z-]+)[^\n]*?--policy-pack policies --policy-pack-config policies\/config\/([a-z-]+)\.json/g)) {
                assert.strictEqual(m[2], m[1], `${file}: ${m[0]}`);
            }
        }
    });

    it("points only to repository files that exist", () => {
        const paths = [
            "policies/config/staging.json",
            "policies/config/prod.json",
            "infra/components/observability/alarms.ts",
            "infra/components/data/data.ts",
            "delivery/Pulumi.govcloud.yaml",
            ".github/CODEOWNERS",
            ".github/workflows/pull-request.yml",
            ".ci/run",
            "infra/lib/allowed.ts",
            "infra/components/data.ts",
            "infra/components/detection.ts",
            "infra/components/service-iam.ts",
            "infra/components/bluegreen-service.ts",
            "delivery/stack-delivery.ts",
        ];
        const text = all().map(([, t]) => t).join("\n");
        for (const p of paths) {
            if (text.includes(p)) {
                assert.ok(fs.existsSync(path.join(PROJECT_ROOT, p)), p);
            }
        }
        for (const m of text.matchAll(/\]\(((?:\.\.\/)?[a-z-]+\.md)(?:#[a-z-]+)?\)/g)) {
            const target = m[1].startsWith("../") ? path.join(DOCS, m[1].slice(3)) : null;
            if (target) {
                assert.ok(fs.existsSync(target), m[1]);
            }
        }
    });

    it("keeps the rollback within five minutes and names the deployment alarms by their real names", () => {
        const text = read(path.join("runbooks", "bluegreen-cutover-rollback.md"));
        assert.match(text, /stop-service-deployment --service-deployment-arn "\$DEP" --stop-type ROLLBACK/);
        const alarms = fs.readFileSync(path.join(PROJECT_ROOT, "infra", "components", "observability", "alarms.ts"), "utf8");
        for (const suffix of ["alb-5xx", "target-5xx-rate", "latency-p95"]) {
            assert.ok(alarms.includes(`-${suffix}\``), `alarms.ts still names ${suffix}`);
            assert.ok(text.includes(`govstack-prod-${suffix}`), suffix);
        }
    });

    describe("first-deploy.md: one command and one expected answer per item, agreeing with the code", () => {
        const text = read(path.join("runbooks", "first-deploy.md"));
        const items = text.split(/^### /m).slice(1);
        const settings = parseSettings(committedSettings());
        const staging = settings.targets.find((t) => t.name === "staging")!;

        it("numbers its items 1..n, each with a shell command and the answer to expect", () => {
            assert.deepStrictEqual(
                items.map((i) => Number(/^(\d+)\./.exec(i)?.[1])),
                items.map((_, n) => n + 1),
            );
            for (const item of items) {
                const title = item.split("\n")[0];
                assert.match(item, /```sh\n.*\S.*\n[\s\S]*?```/, `${title}: a command`);
                assert.match(item, /Expected/, `${title}: the expected answer`);
            }
        });

        it("is linked from the README, the runbook index and the first-time procedure", () => {
            assert.ok(fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8").includes("(docs/runbooks/first-deploy.md)"));
            assert.ok(read(path.join("runbooks", "deploy.md")).includes("(first-deploy.md)"));
        });

        it("probes every FIPS TLS policy the settings accept", () => {
            for (const policy of FIPS_TLS_POLICIES) {
                assert.ok(items[0].includes(policy), policy);
            }
        });

        it("expects the Security Hub standard ARN the Detection component subscribes to", () => {
            const arn = nist80053StandardArn({ partition: "aws-us-gov", region: "us-gov-west-1", accountId: staging.accountId });
            assert.ok(text.includes(`'${arn}'`), arn);
        });

        it("expects ESC's session on staging's preview role, as environments/staging.yaml logs in", () => {
            const env = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "environments", "staging.yaml"), "utf8"));
            const sessionName = env.values.aws.login["fn::open::aws-login"].oidc.sessionName as string;
            const arn = `arn:${settings.partition}:sts::${staging.accountId}:assumed-role/${previewRoleName("staging")}/${sessionName}`;
            assert.ok(text.includes(arn), arn);
        });

        it("expects the Deployments session name delivery/ configures", () => {
            const sessionName = operationContext(settings, staging, "arn:role", "<stack>").oidc.aws.sessionName;
            assert.ok(text.includes(`sessionName: ${sessionName}`), sessionName);
            assert.ok(text.includes(`"roleSessionName":"${sessionName.replace("<stack>", "staging").replace("${deployment.version}", "<n>")}"`));
        });
    });
});
