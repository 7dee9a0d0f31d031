import * as assert from "node:assert/strict";
import * as fs from "node:fs";

import { CONTROL_IMPLEMENTATIONS } from "../../infra/control-implementations";
import { allPolicies } from "../../policies/rules";
import { controlTitles, loadBaselineProfile } from "../../tools/compliance/baseline";
import { blocks, buildMatrix, loadImplementations, matrixEnforcement } from "../../tools/compliance/matrix";
import { policiesForStack } from "../../tools/compliance/repo-inputs";
import { RESPONSIBILITY } from "../../tools/compliance/responsibility";
import { CONTROLS_DOC_PATH, DocStack, renderControlsDoc, repoDocStacks } from "../../tools/controls-docs";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { evaluateOnce } from "../plan/helpers";

describe("docs/controls.md: the FedRAMP Moderate control matrix", function () {
    this.timeout(120000);
    let stacks: DocStack[];
    let text: string;
    before(async () => {
        stacks = await repoDocStacks((stack) => evaluateOnce(stack));
        text = renderControlsDoc(stacks, loadImplementations(PROJECT_ROOT));
    });

    it("is current", () => {
        assert.ok(fs.existsSync(CONTROLS_DOC_PATH), "docs/controls.md is missing: run `npm run docs:controls` and commit it");
        if (fs.readFileSync(CONTROLS_DOC_PATH, "utf8") !== text) {
            assert.fail("docs/controls.md is stale: run `npm run docs:controls` and commit the result");
        }
    });

    it("has one row per baseline control and totals that add up", () => {
        const profile = loadBaselineProfile();
        for (const id of profile.controls) {
            assert.equal(text.split("\n").filter((l) => l.startsWith(`| ${id} | `)).length, 1, id);
        }
        const total = /^\| \*\*total\*\* \| (.+) \|$/m.exec(text);
        assert.ok(total);
        assert.deepEqual(total[1].split(" | ").map(Number), stacks.map(() => profile.controls.length));
    });

    it("calls a control enforced only where a policy citing it is mandatory in that stack's pack config", () => {
        const profile = loadBaselineProfile();
        for (const s of stacks) {
            const m = buildMatrix({ stack: s.name, baseline: profile.controls, titles: controlTitles(), policies: s.policies, componentTypes: s.componentTypes, implementations: CONTROL_IMPLEMENTATIONS, settings: s.settings });
            for (const row of m.rows.filter((r) => r.status === "enforced")) {
                assert.ok(
                    s.policies.some((p) => p.controls.includes(row.id) && blocks(p.enforcement)),
                    `${s.name}: ${row.id} is "enforced" but no policy citing it is mandatory there`,
                );
            }
            for (const row of m.rows.filter((r) => r.status === "inherited" || r.status === "organisational")) {
                assert.ok(row.why && row.why.trim().length > 20, `${s.name}: ${row.id} is ${row.status} without a reason`);
            }
        }
        // Staging runs the prod-only policies as advisory: what only they check is not enforced there.
        const staging = stacks.find((s) => s.name === "staging");
        assert.ok(staging);
        assert.equal(staging.policies.find((p) => p.name === "rds-multi-az")?.enforcement, "advisory");
        assert.match(text, /^\| CP-7 \| Alternate Processing Site \| enforced \| gap \| `rds-multi-az` \(staging: advisory\), /m);
    });

    it("serves each policy's enforcement from policies/config/<stack>.json (prod-only policies advisory in staging)", () => {
        for (const p of allPolicies.filter((x) => x.govstack.scope === "prod")) {
            assert.equal(policiesForStack("staging").find((x) => x.name === p.name)?.enforcement, "advisory", p.name);
            assert.equal(policiesForStack("prod").find((x) => x.name === p.name)?.enforcement, "mandatory", p.name);
        }
    });

    it("a detection policy that names another stack as the owner of the account's services enforces nothing in this stack", () => {
        // Each example stack owns its own account's services, so both enforce the policy …
        assert.equal(policiesForStack("staging").find((x) => x.name === "config-recorder-enabled")?.enforcement, "mandatory");
        assert.equal(policiesForStack("prod").find((x) => x.name === "config-recorder-enabled")?.enforcement, "mandatory");
        // … and a stack whose pack config names another owner enforces nothing (the matrix counts it advisory).
        assert.deepEqual(
            [matrixEnforcement("staging", "mandatory", { accountServicesOwner: "prod" }), matrixEnforcement("prod", "mandatory", { accountServicesOwner: "govstack/prod" }), matrixEnforcement("prod", "mandatory", { accountServicesOwner: "" })],
            ["advisory", "mandatory", "mandatory"],
        );
        assert.match(text, /^\| CA-7 \| Continuous Monitoring \| enforced \| enforced \| /m);
    });

    it("shows a component's conditional controls only in the stack whose setting switches them on", () => {
        assert.match(text, /^\| CP-6\(1\) \| Alternate Storage Site \\\| Separation from Primary Site \| implemented \| gap \|  \| Backups \(prod: baseline\.crossRegionCopy = true\) \|/m);
    });
});

describe("tools/compliance/matrix: status of a control in one stack", () => {
    const base = {
        stack: "s",
        baseline: ["SC-28", "CP-9", "CP-6", "PE-3", "AT-2", "SC-21", "AU-5"],
        titles: new Map<string, string>(),
        componentTypes: new Set(["t:keys:Keys", "t:b:Backups"]),
        implementations: {
            "t:keys:Keys": { title: "Keys", how: "keys", controls: ["SC-28"] as const },
            "t:b:Backups": { title: "Backups", how: "backups", controls: ["CP-9"] as const, when: [{ setting: "p:baseline.copy", equals: true, controls: ["CP-6"] as const }] },
            "t:gone:Gone": { title: "Gone", how: "not declared", controls: ["AU-5"] as const },
        },
        settings: { "p:baseline": { copy: false } },
        responsibility: {
            "PE-3": { status: "inherited", why: "data centres" },
            "AT-2": { status: "organisational", why: "training" },
            "SC-21": { status: "gap", why: "no DNSSEC validation" },
        } as const,
    };
    const status = (m: ReturnType<typeof buildMatrix>, id: string) => m.rows.find((r) => r.id === id)?.status;

    it("enforced needs a blocking policy; advisory or disabled ones leave the component's or the list's status", () => {
        const m = buildMatrix({
            ...base,
            policies: [
                { name: "a", controls: ["SC-28"], enforcement: "advisory" },
                { name: "b", controls: ["CP-9"], enforcement: "mandatory" },
                { name: "c", controls: ["PE-3"], enforcement: "disabled" },
            ],
        });
        assert.equal(status(m, "SC-28"), "implemented");
        assert.deepEqual(m.rows.find((r) => r.id === "SC-28")?.advisory, ["a"]);
        assert.equal(status(m, "CP-9"), "enforced");
        assert.equal(status(m, "PE-3"), "inherited");
        assert.equal(status(m, "AT-2"), "organisational");
        assert.equal(status(m, "SC-21"), "gap");
        assert.equal(m.rows.find((r) => r.id === "SC-21")?.why, "no DNSSEC validation");
        assert.equal(status(m, "AU-5"), "gap", "a component the stack does not declare implements nothing");
        assert.equal(status(m, "CP-6"), "gap", "the setting is off");
        assert.deepEqual(m.totals, { enforced: 1, implemented: 1, inherited: 1, organisational: 1, gap: 3 });
    });

    it("a remediate-level policy blocks too; a conditional control counts where its setting matches", () => {
        const m = buildMatrix({ ...base, settings: { "p:baseline": { copy: true } }, policies: [{ name: "r", controls: ["SC-28"], enforcement: "remediate" }] });
        assert.equal(status(m, "SC-28"), "enforced");
        assert.equal(status(m, "CP-6"), "implemented");
        assert.equal(m.rows.find((r) => r.id === "CP-6")?.components[0].because, "baseline.copy = true");
    });
});

describe("tools/compliance/responsibility: inherited, organisational and known gaps", () => {
    const baseline = new Set(loadBaselineProfile().controls);
    const always = new Set<string>([
        ...allPolicies.flatMap((p) => p.govstack.controls as readonly string[]),
        ...Object.values(CONTROL_IMPLEMENTATIONS).flatMap((e) => e.controls),
    ]);
    const conditional = new Set<string>(Object.values(CONTROL_IMPLEMENTATIONS).flatMap((e) => (e.when ?? []).flatMap((w) => w.controls)));

    it("names only baseline controls, each with a reason", () => {
        for (const [id, entry] of Object.entries(RESPONSIBILITY)) {
            assert.ok(baseline.has(id), `${id} is not in the baseline`);
            assert.ok(entry.why.trim().length > 20, `${id} needs a reason`);
        }
    });

    it("never explains away a control a policy or a component covers", () => {
        // A known gap may explain a control a component implements only where a setting is on.
        const both = Object.entries(RESPONSIBILITY)
            .filter(([id, e]) => always.has(id) || (e.status !== "gap" && conditional.has(id)))
            .map(([id]) => id);
        assert.deepEqual(both, [], "these controls are covered in the repository and listed in responsibility.ts: remove the entry");
    });
});
