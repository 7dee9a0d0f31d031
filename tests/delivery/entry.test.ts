import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { evaluateStack } from "../../tools/lib/evaluate";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { PROJECT_ROOT, readStackConfig } from "../../tools/lib/stack-config";
import { DELIVERY, runUnderLanguageHost } from "../infra/language-host/run-program";
import { committedSettings } from "./harness";

/**
 * The entry point as `pulumi up` in delivery/ runs it: settings from Pulumi config
 * (`govstack-delivery:settings`), the real repository files (environments/, policies/config/,
 * policies/package.json).
 */
describe("delivery entry point (delivery/index.ts) against the real repository", () => {
    it("declares delivery for both stacks with the committed pack configs", async () => {
        const mocks = new PreviewMocks();
        const { outputs } = await evaluateStack(
            "govcloud",
            async () => ({ ...(await import("../../delivery/index")) }),
            mocks,
            {
                project: "govstack-delivery",
                stack: "govcloud",
                values: { "govstack-delivery:settings": committedSettings() },
                secretKeys: [],
                environments: [],
            },
        );
        assert.deepStrictEqual(Object.keys(outputs ?? {}).sort(), ["deployRoles", "policyPack", "previewRoles"]);
        for (const stack of ["staging", "prod"]) {
            const group = mocks.ofType("pulumiservice:index:PolicyGroup").find((r) => r.name === `${stack}-policy-group`);
            assert.ok(group, stack);
            const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "config", `${stack}.json`), "utf8"));
            assert.deepStrictEqual((group.inputs.policyPacks as Array<{ config: unknown }>)[0].config, config);
        }
    });
});

/**
 * The same entry point as the Pulumi CLI runs it (@pulumi/pulumi cmd/run from delivery/, its stack
 * file's config, ts-node with delivery/tsconfig.json, type-checking), against the stub engine of
 * tests/infra/language-host: it compiles, registers its resources and exits 0.
 */
describe("delivery entry point under the CLI's language host (preview)", function () {
    this.timeout(120_000);

    it("compiles as the CLI compiles it, registers the stack and the delivery resources, logs no error and exits 0", async () => {
        const run = await runUnderLanguageHost(readStackConfig("govcloud", DELIVERY.projectDir), { program: DELIVERY });
        const shown = JSON.stringify({ code: run.code, logs: run.logs, stderr: run.stderr.slice(0, 2000) }, null, 1);
        assert.strictEqual(run.code, 0, shown);
        assert.deepStrictEqual(run.logs.filter((l) => l.severity === "ERROR" || l.severity === "WARNING"), [], shown);
        assert.deepStrictEqual(run.unimplemented, []);
        assert.strictEqual(run.registrations[0]?.urn, "urn:pulumi:govcloud::govstack-delivery::pulumi:pulumi:Stack::govstack-delivery-govcloud");
        const types = new Set(run.registrations.map((r) => r.urn.split("::")[2]));
        for (const type of ["pulumiservice:index:PolicyGroup", "pulumiservice:index:DeploymentSettings", "aws:iam/role:Role"]) {
            assert.ok([...types].some((t) => t.endsWith(type)), `${type} not registered: ${[...types].join(", ")}`);
        }
    });
});
