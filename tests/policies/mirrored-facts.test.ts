// Facts the pack mirrors from the estate (the pack never imports the program, so each lives twice
// on purpose): the estate's required tags, FIPS TLS policies and GovCloud regions must be what the
// pack's defaults — and each stack's pack config, where it sets them — require or allow. A change
// on one side without the other fails here instead of as a surprise finding in a real preview.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import { FIPS_TLS_POLICIES, GOVCLOUD_REGIONS, REQUIRED_TAGS } from "../../infra/lib/allowed";
import { EDGE_DEFAULTS } from "../../infra/components/edge/args";
import type { GovPolicy } from "../../policies/lib";
import { allPolicies } from "../../policies/rules";

const STACKS = ["staging", "prod"];

function policy(name: string): GovPolicy {
    const p = allPolicies.find((x) => x.name === name);
    assert.ok(p, `the pack has no policy "${name}"`);
    return p;
}

/** The option's value per source: the code default, then each stack's pack config where it sets it. */
function optionValues(policyName: string, option: string): { where: string; value: unknown }[] {
    const spec = policy(policyName).govstack.options[option];
    assert.ok(spec, `policy "${policyName}" has no option "${option}"`);
    const values = [{ where: `the default of ${policyName}.${option}`, value: spec.default as unknown }];
    for (const stack of STACKS) {
        const file = path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`);
        const entry = (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>)[policyName];
        if (entry !== null && typeof entry === "object" && option in entry) {
            values.push({ where: `policies/config/${stack}.json ${policyName}.${option}`, value: (entry as Record<string, unknown>)[option] });
        }
    }
    return values;
}

describe("facts the pack mirrors from the estate", () => {
    it("the estate's required tags are exactly the tags required-tags requires", () => {
        for (const { where, value } of optionValues("required-tags", "requiredTags")) {
            assert.deepEqual([...(value as string[])].sort(), [...REQUIRED_TAGS].sort(), where);
        }
    });

    it("every FIPS TLS policy the estate accepts (and its default) is allowed by alb-listener-tls-policy", () => {
        assert.ok((FIPS_TLS_POLICIES as readonly string[]).includes(EDGE_DEFAULTS.sslPolicy));
        for (const { where, value } of optionValues("alb-listener-tls-policy", "allowedTlsPolicies")) {
            const allowed = new Set(value as string[]);
            assert.deepEqual(FIPS_TLS_POLICIES.filter((p) => !allowed.has(p)), [], where);
        }
    });

    it("every region the estate accepts is allowed by provider-allowed-regions", () => {
        for (const { where, value } of optionValues("provider-allowed-regions", "allowedRegions")) {
            const allowed = new Set(value as string[]);
            assert.deepEqual(GOVCLOUD_REGIONS.filter((r) => !allowed.has(r)), [], where);
        }
    });
});
