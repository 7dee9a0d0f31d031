import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as pulumi from "@pulumi/pulumi";

import { runOrExplain } from "../../infra/lib/run-or-explain";
import { isSettingsError, SettingsError } from "../../tools/plan/errors";
import { toMermaid } from "../../tools/plan/diagram";
import { evaluateForPlan } from "../../tools/plan/evaluate";
import { packFreshness } from "../../tools/plan/pack-build";
import { launchPack } from "../../tools/plan/pack-launch";
import { readStackConfig, StackConfigError } from "../../tools/lib/stack-config";
import { RepoFileError } from "../../delivery/repo-files";
import { OUTPUT_VALUE_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, toPackValue, toPlanValue, UNKNOWN } from "../../tools/plan/properties";
import { durationSeconds, providerUrn } from "../../tools/plan/recorder";
import { PlannedResource, plannedResource } from "../../tools/plan/types";
import { FIXTURE_ROOT, suiteTempDir } from "./helpers";

function resource(type: string, name: string, parent: string | undefined, dependencies: string[] = []): PlannedResource {
    const custom = !type.startsWith("app:");
    return plannedResource({ urn: `urn:pulumi:s::p::${type}::${name}`, type, name, custom, parent, dependencies });
}

describe("offline plan building blocks", () => {
    describe("property forms", () => {
        const secret = { [SIG_KEY]: SECRET_SIG, value: "hunter2" };
        const customRef = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:a", id: UNKNOWN };
        const componentRef = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:component" };
        const input = { password: secret, nested: [{ s: secret }], key: customRef, group: componentRef, out: { [SIG_KEY]: OUTPUT_VALUE_SIG } };

        it("plan.json form: secrets as [secret], resource references as id (unknown) or component URN", () => {
            assert.deepStrictEqual(toPlanValue(input), {
                password: "[secret]",
                nested: [{ s: "[secret]" }],
                key: UNKNOWN,
                group: "urn:component",
                out: UNKNOWN,
            });
        });

        it("pack form: secrets stay marked secret but carry the placeholder, never the value", () => {
            const packed = toPackValue(input) as Record<string, unknown>;
            assert.deepStrictEqual(packed.password, { [SIG_KEY]: SECRET_SIG, value: "[secret]" });
            assert.ok(!JSON.stringify(packed).includes("hunter2"));
        });
    });

    it("reads Go durations into the seconds the analyzer's CustomTimeouts carry", () => {
        assert.strictEqual(durationSeconds("5m"), 300);
        assert.strictEqual(durationSeconds("1h30m"), 5400);
        assert.strictEqual(durationSeconds("1.5h"), 5400);
        assert.strictEqual(durationSeconds(""), 0);
        assert.strictEqual(durationSeconds("soon"), 0);
    });

    it("takes the URN out of a provider reference", () => {
        assert.strictEqual(providerUrn(`urn:pulumi:s::p::pulumi:providers:aws::east::${UNKNOWN}`), "urn:pulumi:s::p::pulumi:providers:aws::east");
        assert.strictEqual(providerUrn(""), undefined);
    });

    it("treats a SettingsError (ours, or a program's by name, also as the RunError it becomes) as a settings error (exit 2), nothing else", () => {
        class ProgramSettingsError extends Error {
            override name = "SettingsError";
        }
        assert.ok(isSettingsError(new ProgramSettingsError("x")));
        assert.ok(isSettingsError(new SettingsError("x")));
        assert.throws(
            () =>
                runOrExplain(() => {
                    throw new SettingsError('Invalid setting "aws:region": "us-east-1" must be one of …');
                }),
            (e: Error) => pulumi.RunError.isInstance(e) && isSettingsError(e) && e.message.startsWith('Invalid setting "aws:region"'),
        );
        assert.ok(!isSettingsError(new TypeError("x")));
        assert.ok(!isSettingsError(new pulumi.RunError("a program stopped for another reason")));
    });

    it("has one vocabulary: a malformed stack file or repository file is a SettingsError, explained without a trace", () => {
        assert.ok(isSettingsError(new StackConfigError("Pulumi.x.yaml does not exist")));
        assert.throws(
            () =>
                runOrExplain(() => {
                    throw new RepoFileError("policies/config/prod.json is not valid JSON");
                }),
            (e: Error) => pulumi.RunError.isInstance(e) && isSettingsError(e) && e.message === "policies/config/prod.json is not valid JSON",
        );
        // Anything else is our bug: it passes through with its stack trace.
        assert.throws(
            () =>
                runOrExplain(() => {
                    throw new TypeError("boom");
                }),
            (e: Error) => e instanceof TypeError && !pulumi.RunError.isInstance(e),
        );
    });

    it("a Pulumi Config error in the program is a settings error", async () => {
        const config = readStackConfig("compliant", FIXTURE_ROOT);
        config.values["plan-fixture:encrypted"] = "maybe";
        await assert.rejects(evaluateForPlan("compliant", { root: FIXTURE_ROOT, config }), (e: Error) => isSettingsError(e) && /encrypted/.test(e.message));
    });

    describe("pack freshness", () => {
        const dir = suiteTempDir("pack-fresh");

        it("says the compiled pack is missing, stale, or current, and --no-build refuses a stale one (exit 2)", async () => {
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", version: "0.0.1", main: "bin/index.js" }));
            fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
            fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}");
            fs.mkdirSync(path.join(dir, "rules"));
            fs.writeFileSync(path.join(dir, "rules", "a.ts"), "export {};\n");
            assert.match(packFreshness(dir).stale ?? "", /bin\/index\.js does not exist/);
            fs.mkdirSync(path.join(dir, "bin"));
            fs.writeFileSync(path.join(dir, "bin", "index.js"), "");
            const old = new Date(Date.now() - 60000);
            fs.utimesSync(path.join(dir, "bin", "index.js"), old, old);
            assert.match(packFreshness(dir).stale ?? "", /rules\/a\.ts is newer than .*bin\/index\.js/);
            await assert.rejects(launchPack(dir, { build: "never" }), (e: Error) => isSettingsError(e) && /not built.*npm run build/.test(e.message));
            const later = new Date(Date.now() + 1000);
            fs.utimesSync(path.join(dir, "bin", "index.js"), later, later);
            assert.strictEqual(packFreshness(dir).stale, undefined);
        });

        it("ignores folders the pack's tsconfig does not compile (policies/coverage/ is data for docs and tests)", () => {
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ include: ["*.ts", "rules/**/*.ts"] }));
            fs.mkdirSync(path.join(dir, "coverage"), { recursive: true });
            fs.writeFileSync(path.join(dir, "coverage", "rows.ts"), "export {};\n");
            const old = new Date(Date.now() - 60000);
            fs.utimesSync(path.join(dir, "bin", "index.js"), old, old);
            fs.utimesSync(path.join(dir, "rules", "a.ts"), old, old);
            assert.strictEqual(packFreshness(dir).stale, undefined);
            fs.utimesSync(path.join(dir, "rules", "a.ts"), new Date(), new Date());
            assert.match(packFreshness(dir).stale ?? "", /rules\/a\.ts is newer/);
        });
    });

    describe("diagram", () => {
        it("draws internet → edge → service → data from dependencies, with keys beside", () => {
            const stack = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
            const edge = resource("app:edge:Edge", "edge", stack);
            const service = resource("app:service:Service", "service", stack);
            const data = resource("app:data:Data", "data", stack);
            const keys = resource("app:keys:Keys", "keys", stack);
            const key = resource("aws:kms/key:Key", "k", keys.urn);
            const alb = resource("aws:lb/loadBalancer:LoadBalancer", "alb", edge.urn);
            const blue = resource("aws:lb/targetGroup:TargetGroup", "blue", edge.urn);
            const green = resource("aws:lb/targetGroup:TargetGroup", "green", edge.urn);
            const sg = resource("aws:ec2/securityGroup:SecurityGroup", "svc", service.urn);
            const svc = resource("aws:ecs/service:Service", "svc", service.urn, [blue.urn, green.urn, sg.urn]);
            const db = resource("aws:rds/instance:Instance", "db", data.urn, [key.urn]);
            const dbRule = resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-svc", data.urn, [sg.urn]);
            const mmd = toMermaid([resource("pulumi:pulumi:Stack", "p-s", undefined), edge, service, data, keys, key, alb, blue, green, sg, svc, db, dbRule], "p / s");
            const id = (title: string): string => new RegExp(`(c\\d+)\\["${title}<br/>`).exec(mmd)?.[1] ?? "missing";
            assert.match(mmd, new RegExp(`internet --> ${id("Edge")}\\n`));
            assert.match(mmd, new RegExp(`${id("Edge")} --> ${id("Service")}\\n`));
            assert.match(mmd, new RegExp(`${id("Service")} --> ${id("Data")}\\n`));
            assert.match(mmd, new RegExp(`${id("Keys")} -. "encrypts" .-> ${id("Data")}`));
            assert.doesNotMatch(mmd, /by tier/);
            for (const tier of ["edge", "service", "data", "keys"]) {
                assert.match(mmd, new RegExp(`subgraph ${tier}\\[`));
            }
        });

        it("derives service → data from security-group chaining when no resource references the other", () => {
            const stack = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
            const network = resource("app:network:Network", "network", stack);
            const service = resource("app:service:Service", "service", stack);
            const data = resource("app:data:Data", "data", stack);
            const svcSg = resource("aws:ec2/securityGroup:SecurityGroup", "svc", network.urn);
            const dbSg = resource("aws:ec2/securityGroup:SecurityGroup", "db", network.urn);
            const rule = resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-svc", network.urn, [svcSg.urn, dbSg.urn]);
            rule.propertyDependencies = { securityGroupId: [dbSg.urn], referencedSecurityGroupId: [svcSg.urn] };
            const svc = resource("aws:ecs/service:Service", "svc", service.urn, [svcSg.urn]);
            const db = resource("aws:rds/instance:Instance", "db", data.urn, [dbSg.urn]);
            const mmd = toMermaid([network, service, data, svcSg, dbSg, rule, svc, db], "p / s");
            const id = (title: string): string => new RegExp(`(c\\d+)\\["${title}<br/>`).exec(mmd)?.[1] ?? "missing";
            assert.match(mmd, new RegExp(`${id("Service")} --> ${id("Data")}\\n`));
            assert.doesNotMatch(mmd, new RegExp(`${id("Data")} --> ${id("Service")}`));
            assert.doesNotMatch(mmd, /by tier/);
        });
    });
});
