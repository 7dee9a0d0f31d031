import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as pulumi from "@pulumi/pulumi";

import { PlanJson } from "../../tools/plan/plan-json";
import { UNKNOWN } from "../../tools/plan/properties";
import { readStackConfig } from "../../tools/lib/stack-config";
import { isSettingsError } from "../../tools/plan/errors";
import { evaluateForPlan } from "../../tools/plan/evaluate";
import { analyzeEstate, PackHandle, PlanResult, runPlan } from "../../tools/plan/run-plan";
import { PlannedResource } from "../../tools/plan/types";
import { writeOutputs } from "../../tools/plan/write-outputs";
import { evaluateOnce, packPerSuite, readJson, REAL_PACK, suiteTempDir } from "./helpers";
import { ECS_SERVICE } from "../../policies/lib/resource-types";

const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";

describe("offline plan of the real estate through the real pack", function () {
    this.timeout(120000);
    const openRealPack = packPerSuite(REAL_PACK);
    let pack: PackHandle;
    const plans: Record<string, PlanResult> = {};
    const out = suiteTempDir("plan-real");

    before(async () => {
        const handle = openRealPack();
        for (const stack of ["staging", "prod"]) {
            plans[stack] = await runPlan(stack, { pack: handle, evaluation: await evaluateOnce(stack) });
        }
        pack = await handle;
    });

    for (const stack of ["staging", "prod"]) {
        describe(stack, () => {
            it("plans with 0 mandatory violations", () => {
                const mandatory = plans[stack].violations.filter((v) => v.enforcement !== "advisory");
                assert.deepStrictEqual(mandatory.map((v) => `${v.policy}: ${v.message}`), []);
            });

            it("inventories the blue-green pair of target groups wired to the ECS service", () => {
                const file = writeOutputs(plans[stack], path.join(out, stack)).plan;
                const plan = readJson<PlanJson>(file);
                const groups = plan.resources.filter((r) => r.type === TARGET_GROUP);
                assert.strictEqual(groups.length, 2, groups.map((g) => g.name).join(", "));
                const services = plans[stack].evaluation.resources.filter((r) => r.type === ECS_SERVICE);
                assert.strictEqual(services.length, 1);
                const [service] = services;
                // Both target groups feed the service's load balancer config: one as the production
                // target group, the other as the alternate one the green tasks register into.
                assert.deepStrictEqual(
                    [...(service.propertyDependencies.loadBalancers ?? [])].filter((u) => groups.some((g) => g.urn === u)).sort(),
                    groups.map((g) => g.urn).sort(),
                );
                const lb = (service.inputs.loadBalancers as { advancedConfiguration?: object; targetGroupArn?: unknown }[])[0];
                assert.ok(lb.advancedConfiguration && "alternateTargetGroupArn" in lb.advancedConfiguration);
                assert.strictEqual((service.inputs.deploymentConfiguration as { strategy?: string }).strategy, "BLUE_GREEN");
                // The diagram shows the request path, derived from dependencies and SG chaining.
                const mmd = fs.readFileSync(path.join(out, stack, "diagram.mmd"), "utf8");
                const id = (title: string): string => new RegExp(`(c\\d+)\\["${title}<br/>`).exec(mmd)?.[1] ?? `missing ${title}`;
                for (const arrow of [`internet --> ${id("Edge")}`, `${id("Edge")} --> ${id("BlueGreenService")}`, `${id("BlueGreenService")} --> ${id("Data")}`]) {
                    assert.ok(mmd.includes(`${arrow}\n`), `${arrow} not in\n${mmd}`);
                }
                const md = fs.readFileSync(path.join(out, stack, "report.md"), "utf8");
                assert.strictEqual(md.match(/\| `aws:lb\/targetGroup:TargetGroup` \|/g)?.length, 2);
            });
        });
    }

    it("blocks the non-compliant fixture estate with the expected policies", async () => {
        const evaluation = await evaluateOnce("prod", { entry: "tests/fixtures/noncompliant-estate.ts" });
        const result = await runPlan("prod", { pack: Promise.resolve(pack), evaluation });
        const blocked = new Map<string, Set<string>>();
        for (const v of result.violations.filter((x) => x.enforcement === "mandatory")) {
            const name = v.urn?.split("::").pop() ?? "(stack)";
            blocked.set(name, (blocked.get(name) ?? new Set()).add(v.policy));
        }
        const expect = (name: string, policies: string[]): void => {
            const got = [...(blocked.get(name) ?? [])];
            for (const p of policies) {
                assert.ok(got.includes(p), `${name}: expected ${p}, got ${got.join(", ") || "nothing"}`);
            }
        };
        expect("public-db", ["rds-not-publicly-accessible"]);
        expect("plain-volume", ["ebs-volume-encrypted"]);
        expect("plain-bucket", ["s3-bucket-encryption-configured"]);
        expect("root-task", ["ecs-container-non-root", "ecs-container-not-privileged", "ecs-container-image-pinned"]);
        expect("world-db", ["security-group-database-ports-not-public"]);
        assert.ok(result.mandatory > 0);
    });

    it("prod under the CodeDeploy controller plans clean, its listeners forwarding to blue before the service exists", async () => {
        const config = readStackConfig("prod");
        config.values["govstack:service"] = { ...(config.values["govstack:service"] as object), deploymentController: "codedeploy" };
        const evaluation = await evaluateForPlan("prod", { config });
        const result = await runPlan("prod", { pack: Promise.resolve(pack), evaluation });
        assert.deepStrictEqual(result.violations.filter((v) => v.enforcement !== "advisory").map((v) => `${v.policy}: ${v.message}`), []);
        const of = (type: string) => evaluation.resources.filter((r) => r.type === type);
        const blue = of(TARGET_GROUP).find((g) => g.name.endsWith("-blue"));
        const https = of("aws:lb/listener:Listener").filter((l) => l.inputs.protocol === "HTTPS");
        assert.ok(blue);
        assert.strictEqual(https.length, 2);
        for (const listener of https) {
            assert.strictEqual((listener.inputs.defaultActions as { type: string }[])[0].type, "forward");
            assert.deepStrictEqual(listener.propertyDependencies.defaultActions, [blue.urn], `${listener.name} forwards to blue`);
            assert.deepStrictEqual(listener.ignoreChanges, ["defaultActions"]);
        }
        const [service] = of(ECS_SERVICE);
        assert.deepStrictEqual(service.inputs.deploymentController, { type: "CODE_DEPLOY" });
        for (const listener of https) {
            assert.ok(service.dependencies.includes(listener.urn), `the ECS service waits for ${listener.name}`);
        }
        assert.strictEqual(of("aws:lb/listenerRule:ListenerRule").length, 0);
        assert.strictEqual(of("aws:codedeploy/deploymentGroup:DeploymentGroup").length, 1);
    });

    it("an invalid setting stops the program with a RunError (one line under the Pulumi CLI); the plan names the file and maps it to exit 2", async () => {
        const config = readStackConfig("staging");
        config.values["aws:region"] = "us-east-1";
        await assert.rejects(
            evaluateForPlan("staging", { config }),
            (e: Error) =>
                isSettingsError(e) &&
                e.message === 'Pulumi.staging.yaml: Invalid setting "aws:region": "us-east-1" must be one of us-gov-west-1, us-gov-east-1' &&
                pulumi.RunError.isInstance(e.cause) &&
                (e.cause as Error).message === 'Invalid setting "aws:region": "us-east-1" must be one of us-gov-west-1, us-gov-east-1',
        );
    });

    it("a preview where every input is unknown yields no mandatory violation and no crash", async () => {
        // The extreme first deploy: nothing is known until resources exist. A pack that treats an
        // unknown as a violation, or throws on one, fails here.
        const prod = plans.prod.evaluation;
        const unknownAll = (r: PlannedResource): PlannedResource => {
            if (r.type.startsWith("pulumi:")) {
                return r;
            }
            const blank = Object.fromEntries(Object.keys(r.inputs).map((k) => [k, UNKNOWN]));
            return { ...r, inputs: blank, outputs: { ...Object.fromEntries(Object.keys(r.outputs).map((k) => [k, UNKNOWN])) } };
        };
        const evaluation = { ...prod, resources: prod.resources.map(unknownAll) };
        const { violations } = await analyzeEstate(pack, evaluation, plans.prod.policyConfig);
        assert.deepStrictEqual(violations.filter((v) => v.enforcement !== "advisory").map((v) => `${v.policy}: ${v.message}`), []);
        assert.ok(violations.length > 0, "expected advisory 'cannot verify' diagnostics");
    });
});
