// Meta-test: every policy of the pack is shown both ways somewhere in the suite — blocking a
// violating resource (assertViolations with at least one message) AND passing a compliant one
// (assertClean). The test helpers record both per policy; this file checks the ledger after every
// test has run. It judges only a run that loaded every policy test file (a single-file run skips).

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import { allPolicies } from "../../policies/rules";
import { proofs } from "./helpers";

function policyTestFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? policyTestFiles(full) : e.name.endsWith(".test.ts") ? [full] : [];
    });
}

/** The policies lacking a proof, as "name: no …" lines (empty when all are proven both ways). */
export function unproven(policyNames: readonly string[], ledger: typeof proofs): string[] {
    return policyNames.flatMap((name) => {
        const p = ledger.get(name);
        const missing = [!p?.violation && "no mandatory violation asserted", !p?.cleanPass && "no clean pass asserted"].filter(Boolean);
        return missing.length > 0 ? [`${name}: ${missing.join(", ")}`] : [];
    });
}

describe("every policy is proven both ways", () => {
    it("the ledger finds a policy without a proof", () => {
        const ledger = new Map([["a", { violation: true, cleanPass: true }], ["b", { violation: true, cleanPass: false }]]);
        assert.deepEqual(unproven(["a", "b", "c"], ledger), ["b: no clean pass asserted", "c: no mandatory violation asserted, no clean pass asserted"]);
    });
});

// A root-level hook: it runs after every test of every file, not after this file's describe.
after(function () {
    const files = policyTestFiles(__dirname);
    const loaded = files.filter((f) => require.cache[f] !== undefined);
    if (loaded.length < files.length) {
        return; // a partial run: the other files' proofs are not in the ledger
    }
    const missing = unproven(
        allPolicies.map((p) => p.name),
        proofs,
    );
    assert.deepEqual(missing, [], `policies not shown both ways (use assertViolations and assertClean in their tests):\n${missing.join("\n")}`);
});
