import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { evaluateStack } from "../../tools/lib/evaluate";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
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
