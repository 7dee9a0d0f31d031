import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { boundaryServices } from "../../delivery/permissions";
import { buildDelivery } from "../../delivery/program";
import { RepoFileError } from "../../delivery/repo-files";
import { parseSettings } from "../../delivery/settings";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { committedSettings, DeliveryRun, fixtureRoot, packConfigFixture, runDelivery, settingsWith } from "./harness";

interface Statement {
    Sid: string;
    Effect: string;
    Principal?: Record<string, string>;
    Action?: string | string[];
    NotAction?: string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}
interface OperationContext {
    preRunCommands: string[];
    environmentVariables: Record<string, string>;
    oidc: { aws: { roleARN: string; duration: string; sessionName: string } };
}
interface ApprovalRuleInputs {
    environmentIdentifier: unknown;
    approvalRuleConfig: { allowSelfApproval: boolean; eligibleApprovers: unknown };
}
interface Doc {
    Statement: Statement[];
}

const ORG = "govstack";
const PULUMI_SUB = "api.pulumi.com/oidc:sub";
const GITHUB_SUB = "token.actions.githubusercontent.com:sub";
const ACCOUNTS: Record<string, string> = { staging: "204718392650", prod: "318920475611" };

function deploymentSubject(stack: string, op: string): string {
    return `pulumi:deploy:org:${ORG}:project:govstack:stack:${stack}:operation:${op}:scope:write`;
}

function actions(s: Statement): string[] {
    return s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];
}

describe("delivery program (govstack-delivery, preview mode)", () => {
    let run: DeliveryRun;
    const roots: string[] = [];

    const only = (type: string, name: string) => {
        const found = run.mocks.ofType(type).filter((r) => r.name === name);
        assert.strictEqual(found.length, 1, `expected exactly one ${type} named ${name}`);
        return found[0].inputs;
    };
    const role = (name: string) => only("aws:iam/role:Role", name);
    const trust = (name: string) => JSON.parse(role(name).assumeRolePolicy as string) as Doc;
    const inlinePolicy = (name: string) => JSON.parse(only("aws:iam/policy:Policy", name).policy as string) as Doc;
    const settingsOf = (stack: string) => only("pulumiservice:index:DeploymentSettings", `${stack}-deployment-settings`);

    before(async () => {
        const root = fixtureRoot(["staging", "prod"]);
        roots.push(root);
        run = await runDelivery(committedSettings(), root);
    });

    after(() => {
        for (const root of roots) {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    describe("deployment settings per stack", () => {
        it("deploys staging on every merge to main and previews its pull requests", () => {
            const vcs = settingsOf("staging").vcs as Record<string, unknown>;
            assert.deepStrictEqual(
                { provider: vcs.provider, repository: vcs.repository, deployCommits: vcs.deployCommits, previewPullRequests: vcs.previewPullRequests },
                { provider: "github", repository: "govstack/govstack", deployCommits: true, previewPullRequests: true },
            );
            assert.deepStrictEqual(settingsOf("staging").sourceContext, { git: { branch: "refs/heads/main" } });
        });

        it("never deploys prod on commit: prod only follows staging", () => {
            const vcs = settingsOf("prod").vcs as Record<string, unknown>;
            assert.strictEqual(vcs.deployCommits, false);
            assert.strictEqual(vcs.previewPullRequests, true);
        });

        it("filters deployments to the paths that change the estate", () => {
            for (const stack of ["staging", "prod"]) {
                const paths = (settingsOf(stack).vcs as Record<string, unknown>).paths as string[];
                assert.ok(paths.includes("infra/**") && paths.includes("policies/**") && paths.includes("package-lock.json"), stack);
                assert.ok(!paths.some((p) => p.startsWith("docs")), `${stack}: docs changes must not deploy`);
            }
        });

        it("runs npm ci before every operation and assumes the stack's own GovCloud deploy role by OIDC", () => {
            for (const stack of ["staging", "prod"]) {
                const ctx = settingsOf(stack).operationContext as OperationContext;
                assert.deepStrictEqual(ctx.preRunCommands, ["npm ci"]);
                assert.strictEqual(ctx.oidc.aws.roleARN, `arn:aws-us-gov:iam::${ACCOUNTS[stack]}:role/govstack-delivery/govstack-${stack}-deploy`);
                assert.strictEqual(ctx.oidc.aws.duration, "1h");
                assert.strictEqual(ctx.environmentVariables.AWS_REGION, "us-gov-west-1");
                assert.ok(!("AWS_ACCESS_KEY_ID" in ctx.environmentVariables), "no static key in the deployment");
            }
        });

        it("publishes each stack's ESC environment verbatim from environments/", async () => {
            for (const stack of ["staging", "prod"]) {
                const env = only("pulumiservice:index:Environment", `${stack}-environment`);
                assert.deepStrictEqual([env.organization, env.project, env.name], [ORG, "govstack", stack]);
                const text = await (env.yaml as { text: Promise<string> }).text;
                assert.strictEqual(text, fs.readFileSync(path.join(PROJECT_ROOT, "environments", `${stack}.yaml`), "utf8"));
            }
        });

        it("requires an approval from the release managers for changes to prod's environment only", () => {
            const rules = run.mocks.ofType("pulumiservice:index:ApprovalRule");
            assert.deepStrictEqual(rules.map((r) => r.name), ["prod-environment-approval"]);
            const rule = rules[0].inputs as unknown as ApprovalRuleInputs;
            assert.deepStrictEqual(rule.environmentIdentifier, { organization: ORG, project: "govstack", name: "prod" });
            assert.strictEqual(rule.approvalRuleConfig.allowSelfApproval, false);
            assert.deepStrictEqual(rule.approvalRuleConfig.eligibleApprovers, [{ teamName: "govstack-release-managers" }]);
        });

        it("promotes to prod only when an update of staging succeeded", () => {
            const hooks = run.mocks.ofType("pulumiservice:index:Webhook");
            assert.strictEqual(hooks.length, 1);
            const hook = hooks[0].inputs;
            assert.deepStrictEqual(
                [hook.stackName, hook.format, hook.payloadUrl, hook.filters, hook.active],
                ["staging", "pulumi_deployments", "govstack/prod", ["update_succeeded"], true],
            );
        });
    });

    describe("drift and review-stack schedules", () => {
        it("detects drift on both stacks and remediates it automatically only in staging", () => {
            const staging = only("pulumiservice:index:DriftSchedule", "staging-drift");
            const prod = only("pulumiservice:index:DriftSchedule", "prod-drift");
            assert.deepStrictEqual([staging.autoRemediate, staging.scheduleCron], [true, "0 */6 * * *"]);
            assert.deepStrictEqual([prod.autoRemediate, prod.scheduleCron], [false, "0 * * * *"]);
        });

        it("declares no review stack and no TTL schedule when none is listed", () => {
            assert.strictEqual(run.mocks.ofType("pulumiservice:index:TtlSchedule").length, 0);
        });

        it("gives a listed review stack a TTL schedule that destroys and deletes it, and the staging role only", async () => {
            const raw = settingsWith((s) => {
                s.reviewStacks.stacks = [{ name: "pr-42", branch: "feature/waf-rules", expires: "2026-12-01T00:00:00Z", owner: "alice" }];
            });
            const root = fixtureRoot(["staging", "prod"]);
            roots.push(root);
            const review = await runDelivery(raw, root);
            const ttl = review.mocks.ofType("pulumiservice:index:TtlSchedule");
            assert.strictEqual(ttl.length, 1);
            assert.deepStrictEqual(
                [ttl[0].inputs.stack, ttl[0].inputs.timestamp, ttl[0].inputs.deleteAfterDestroy],
                ["pr-42", "2026-12-01T00:00:00Z", true],
            );
            const stack = review.mocks.ofType("pulumiservice:index:Stack");
            assert.deepStrictEqual(stack.map((r) => [r.inputs.projectName, r.inputs.stackName]), [["govstack", "pr-42"]]);
            const deployment = review.mocks.ofType("pulumiservice:index:DeploymentSettings").find((r) => r.inputs.stack === "pr-42");
            assert.ok(deployment, "review stack has deployment settings");
            assert.deepStrictEqual(deployment.inputs.sourceContext, { git: { branch: "refs/heads/feature/waf-rules" } });
            const stagingSubs = JSON.parse(review.mocks.ofType("aws:iam/role:Role").find((r) => r.name === "staging-deploy")!.inputs.assumeRolePolicy as string)
                .Statement[0].Condition.StringEquals[PULUMI_SUB] as string[];
            const prodSubs = JSON.parse(review.mocks.ofType("aws:iam/role:Role").find((r) => r.name === "prod-deploy")!.inputs.assumeRolePolicy as string)
                .Statement[0].Condition.StringEquals[PULUMI_SUB] as string[];
            assert.ok(stagingSubs.includes(deploymentSubject("pr-42", "destroy")));
            assert.ok(!prodSubs.some((s) => s.includes("pr-42")), "a review stack never reaches prod's account");
        });
    });

    describe("policy pack and policy groups", () => {
        it("publishes govstack-guard from policies/ with the version of policies/package.json", () => {
            const pack = run.mocks.ofType("pulumiservice:index:PolicyPack");
            assert.strictEqual(pack.length, 1);
            const version = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), "utf8")).version;
            assert.strictEqual(pack[0].inputs.name, "govstack-guard");
            assert.strictEqual(pack[0].inputs.versionTag, version);
            assert.ok(String(pack[0].inputs.sourcePath).endsWith("policies"));
        });

        it("attaches the pack to each stack, preventatively, with that stack's own config file", () => {
            for (const stack of ["staging", "prod"]) {
                const group = only("pulumiservice:index:PolicyGroup", `${stack}-policy-group`);
                assert.strictEqual(group.mode, "preventative");
                assert.deepStrictEqual(group.stacks, [{ name: stack, routingProject: "govstack" }]);
                const packs = group.policyPacks as Array<Record<string, unknown>>;
                assert.strictEqual(packs.length, 1);
                assert.strictEqual(packs[0].name, "govstack-guard");
                assert.deepStrictEqual(packs[0].config, packConfigFixture(stack));
            }
        });

        it("fails with a clear message, before declaring anything, when a stack's pack config is missing", () => {
            const root = fixtureRoot(["staging", "prod"], { withoutConfigFor: "prod" });
            roots.push(root);
            assert.throws(
                () => buildDelivery(parseSettings(committedSettings()), root),
                (err: Error) =>
                    err instanceof RepoFileError &&
                    err.message.startsWith('policies/config/prod.json does not exist: the PolicyGroup of stack "prod" attaches govstack-guard'),
            );
        });
    });

    describe("GovCloud trust", () => {
        it("lets only Pulumi Deployments of exactly this stack assume the deploy role; prod: no destroy, no drift remediation", () => {
            for (const stack of ["staging", "prod"]) {
                const doc = trust(`${stack}-deploy`);
                assert.strictEqual(doc.Statement.length, 1);
                const st = doc.Statement[0];
                assert.strictEqual(st.Action, "sts:AssumeRoleWithWebIdentity");
                assert.deepStrictEqual(st.Principal, { Federated: `arn:aws-us-gov:iam::${ACCOUNTS[stack]}:oidc-provider/api.pulumi.com/oidc` });
                assert.deepStrictEqual(Object.keys(st.Condition ?? {}), ["StringEquals"], "exact match only, no StringLike");
                assert.strictEqual(st.Condition!.StringEquals["api.pulumi.com/oidc:aud"], ORG);
                const ops =
                    stack === "prod"
                        ? ["preview", "update", "refresh", "detect-drift"]
                        : ["preview", "update", "refresh", "detect-drift", "remediate-drift", "destroy"];
                assert.deepStrictEqual(st.Condition!.StringEquals[PULUMI_SUB], ops.map((op) => deploymentSubject(stack, op)));
            }
        });

        it("lets only the stack's ESC environment and this repository's pull requests assume the read-only preview role", () => {
            for (const stack of ["staging", "prod"]) {
                const [esc, gh] = trust(`${stack}-preview`).Statement;
                assert.deepStrictEqual(esc.Condition, {
                    StringEquals: {
                        "api.pulumi.com/oidc:aud": `aws:${ORG}`,
                        [PULUMI_SUB]: `pulumi:environments:pulumi.organization.login:${ORG}:currentEnvironment.name:govstack/${stack}`,
                    },
                });
                assert.deepStrictEqual(gh.Principal, {
                    Federated: `arn:aws-us-gov:iam::${ACCOUNTS[stack]}:oidc-provider/token.actions.githubusercontent.com`,
                });
                assert.deepStrictEqual(gh.Condition, {
                    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", [GITHUB_SUB]: "repo:govstack/govstack:pull_request" },
                });
            }
        });

        it("registers both OIDC issuers with their exact audiences", () => {
            for (const stack of ["staging", "prod"]) {
                const pulumiIdp = only("aws:iam/openIdConnectProvider:OpenIdConnectProvider", `${stack}-pulumi-oidc`);
                assert.deepStrictEqual([pulumiIdp.url, pulumiIdp.clientIdLists], ["https://api.pulumi.com/oidc", [ORG, `aws:${ORG}`]]);
                const githubIdp = only("aws:iam/openIdConnectProvider:OpenIdConnectProvider", `${stack}-github-oidc`);
                assert.deepStrictEqual([githubIdp.url, githubIdp.clientIdLists], ["https://token.actions.githubusercontent.com", ["sts.amazonaws.com"]]);
            }
        });

        it("pins each account's provider to its account id, GovCloud region and FIPS endpoints", () => {
            for (const stack of ["staging", "prod"]) {
                const provider = only("pulumi:providers:aws", `${stack}-aws`);
                assert.strictEqual(provider.region, "us-gov-west-1");
                assert.strictEqual(provider.useFipsEndpoint, "true");
                assert.strictEqual(provider.allowedAccountIds, JSON.stringify([ACCOUNTS[stack]]));
            }
        });

        it("has no wildcard in any trust subject, principal or audience", () => {
            for (const r of run.mocks.ofType("aws:iam/role:Role")) {
                const doc = JSON.parse(r.inputs.assumeRolePolicy as string) as Doc;
                for (const st of doc.Statement) {
                    assert.ok(!JSON.stringify(st.Principal).includes("*"), `${r.name}: principal`);
                    assert.ok(!JSON.stringify(st.Condition).includes("*"), `${r.name}: condition`);
                }
            }
        });

        it("grants no *, no *:* and no service-wide IAM, KMS or STS in any role policy", () => {
            const forbidden = new Set(["*", "*:*", "iam:*", "kms:*", "sts:*", "organizations:*"]);
            for (const r of run.mocks.ofType("aws:iam/policy:Policy").filter((p) => p.name.endsWith("-permissions"))) {
                for (const st of (JSON.parse(r.inputs.policy as string) as Doc).Statement) {
                    assert.strictEqual(st.Effect, "Allow");
                    for (const a of actions(st)) {
                        assert.ok(!forbidden.has(a), `${r.name}/${st.Sid} grants ${a}`);
                    }
                    assert.strictEqual(st.NotAction, undefined, `${r.name}/${st.Sid}: NotAction in an Allow`);
                }
            }
        });

        it("confines regional grants to the stack's two GovCloud regions and IAM to the estate's own names", () => {
            const doc = inlinePolicy("prod-deploy-permissions");
            const regional = doc.Statement.filter((s) => s.Resource === "*" && s.Sid !== "Identity");
            assert.ok(regional.length >= 2);
            for (const st of regional) {
                assert.deepStrictEqual(st.Condition?.StringEquals["aws:RequestedRegion"], ["us-gov-west-1", "us-gov-east-1"], st.Sid);
            }
            const iam = doc.Statement.filter((s) => actions(s).some((a) => a.startsWith("iam:") && a !== "iam:CreateServiceLinkedRole"));
            for (const st of iam) {
                assert.ok(
                    [st.Resource].flat().every((r) => r === "arn:aws-us-gov:iam::318920475611:role/govstack-prod-*" || r === "arn:aws-us-gov:iam::318920475611:policy/govstack-prod-*"),
                    `${st.Sid}: ${JSON.stringify(st.Resource)}`,
                );
            }
        });

        it("keeps the preview role read-only: no create, put, delete or secret read", () => {
            const doc = inlinePolicy("staging-preview-permissions");
            const all = doc.Statement.flatMap(actions);
            assert.deepStrictEqual(all.sort(), ["ec2:DescribeAvailabilityZones", "ec2:DescribeRegions", "sts:GetCallerIdentity"]);
        });
    });

    describe("permissions boundary", () => {
        const boundaryArn = (stack: string) => `arn:aws-us-gov:iam::${ACCOUNTS[stack]}:policy/govstack-delivery/govstack-${stack}-boundary`;

        it("puts the stack's boundary on both delivery roles", () => {
            for (const stack of ["staging", "prod"]) {
                assert.strictEqual(role(`${stack}-deploy`).permissionsBoundary, boundaryArn(stack));
                assert.strictEqual(role(`${stack}-preview`).permissionsBoundary, boundaryArn(stack));
                assert.strictEqual(role(`${stack}-deploy`).maxSessionDuration, 3600);
            }
        });

        it("lets the deploy role create roles only when they carry the same boundary", () => {
            const st = inlinePolicy("prod-deploy-permissions").Statement.find((s) => actions(s).includes("iam:CreateRole"));
            assert.ok(st);
            assert.deepStrictEqual(st.Condition, { StringEquals: { "iam:PermissionsBoundary": boundaryArn("prod") } });
        });

        it("leaves room under the ceiling for every AWS service the estate's own policies name", () => {
            // Every role the deploy role creates carries this boundary: an action of a service
            // outside the ceiling would be silently denied at run time (e.g. rds-db:connect).
            const sources: string[] = [];
            const walk = (dir: string) => {
                for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                    const p = path.join(dir, entry.name);
                    if (entry.isDirectory()) {
                        walk(p);
                    } else if (entry.name.endsWith(".ts")) {
                        sources.push(fs.readFileSync(p, "utf8"));
                    }
                }
            };
            walk(path.join(PROJECT_ROOT, "infra"));
            const used = new Set<string>();
            for (const m of sources.join("\n").matchAll(/"([a-z0-9-]+):([A-Za-z][A-Za-z*]*)"/g)) {
                // Condition-key and config namespaces, not services.
                if (!["aws", "govstack", "pulumi"].includes(m[1])) {
                    used.add(m[1]);
                }
            }
            assert.ok(used.has("rds-db") && used.has("kms"), `scan found ${[...used].join(", ")}`);
            const ceiling = new Set(boundaryServices());
            assert.deepStrictEqual([...used].filter((svc) => !ceiling.has(svc)), []);
            const doc = JSON.parse(only("aws:iam/policy:Policy", "prod-boundary").policy as string) as Doc;
            assert.deepStrictEqual(doc.Statement[0].Action, boundaryServices().map((svc) => `${svc}:*`));
        });

        it("denies long-lived credentials, boundary tampering, audit-trail tampering and other regions", () => {
            const boundary = only("aws:iam/policy:Policy", "prod-boundary");
            assert.deepStrictEqual([boundary.name, boundary.path], ["govstack-prod-boundary", "/govstack-delivery/"]);
            const doc = JSON.parse(boundary.policy as string) as Doc;
            const denied = doc.Statement.filter((s) => s.Effect === "Deny").flatMap(actions);
            for (const a of ["iam:CreateAccessKey", "iam:CreateUser", "iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion", "cloudtrail:StopLogging"]) {
                assert.ok(denied.includes(a), a);
            }
            const region = doc.Statement.find((s) => s.Sid === "DenyOutsideStackRegions");
            assert.deepStrictEqual(region?.Condition, { StringNotEquals: { "aws:RequestedRegion": ["us-gov-west-1", "us-gov-east-1"] } });
        });
    });

    describe("partition", () => {
        it("builds every ARN in the aws-us-gov partition and never writes a commercial one", () => {
            const text = JSON.stringify(run.mocks.resources.map((r) => r.inputs));
            assert.ok(!text.includes("arn:aws:"), "a literal commercial-partition ARN");
            const arns = text.match(/arn:[a-z-]+:/g) ?? [];
            assert.ok(arns.length > 10);
            assert.deepStrictEqual([...new Set(arns)], ["arn:aws-us-gov:"]);
        });

        it("rejects any other partition in settings", () => {
            assert.throws(
                () => parseSettings(settingsWith((s) => (s.partition = "aws"))),
                /^SettingsError: Invalid setting "settings.partition": "aws" must be aws-us-gov \(govstack deploys only to GovCloud\)$/,
            );
        });
    });

    it("runs under the preview mocks without any lookup", () => {
        assert.ok(run.mocks instanceof PreviewMocks);
        assert.ok(run.mocks.resources.length > 25);
    });
});
