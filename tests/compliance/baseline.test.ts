import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { CONTROL_CATALOGUE, ControlId, inFedrampModerate } from "../../policies/controls";
import { FEDRAMP_MODERATE_CONTROLS, FEDRAMP_MODERATE_PROFILE } from "../../policies/fedramp-moderate";
import { allPolicies } from "../../policies/rules";
import { compareControlIds, controlTitles, fromOscalId, loadBaselineProfile, toOscalId } from "../../tools/compliance/baseline";
import { BASELINE_MODULE_FILE, renderBaselineModule } from "../../tools/compliance/baseline-module";

describe("the FedRAMP rev5 Moderate baseline as data", () => {
    const profile = loadBaselineProfile();

    it("lists the profile's 323 controls, enhancements written as SP 800-53 does (AC-2(4))", () => {
        assert.equal(profile.title, "FedRAMP Rev 5 Moderate Baseline");
        assert.equal(profile.controls.length, 323);
        for (const id of ["AC-1", "AC-2", "AC-2(4)", "AU-9(4)", "SC-7(5)", "SC-28(1)", "SR-12"]) {
            assert.ok(profile.controls.includes(id), id);
        }
        // Selected by the High baseline, not by Moderate.
        for (const id of ["AC-2(11)", "AU-10", "SC-28(2)", "CM-14"]) {
            assert.ok(!profile.controls.includes(id), id);
        }
        assert.deepEqual([...profile.controls].sort(compareControlIds), profile.controls, "the profile lists controls in catalog order");
    });

    it("converts between OSCAL ids and SP 800-53 ids both ways", () => {
        assert.equal(fromOscalId("ac-2.4"), "AC-2(4)");
        assert.equal(fromOscalId("sc-7"), "SC-7");
        assert.equal(toOscalId("SC-28(1)"), "sc-28.1");
        for (const id of profile.controls) {
            assert.equal(fromOscalId(toOscalId(id)), id);
        }
        assert.throws(() => fromOscalId("ac-2_smt"), /not an OSCAL SP 800-53 control id/);
        assert.throws(() => toOscalId("AC-2 (4)"), /not an SP 800-53 control id/);
    });

    it("refuses profile selections it cannot resolve without the catalog", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-profile-"));
        try {
            const file = path.join(dir, "p.json");
            const doc = (imports: unknown): string => JSON.stringify({ profile: { metadata: { title: "t" }, imports } });
            fs.writeFileSync(file, doc([{ href: "#x", "include-all": {} }]));
            assert.throws(() => loadBaselineProfile(file), /"include-all" in an import is not supported/);
            fs.writeFileSync(file, doc([{ href: "#x", "include-controls": [{ matching: [{ pattern: "ac-*" }] }] }]));
            assert.throws(() => loadBaselineProfile(file), /"matching" control selections are not supported/);
            fs.writeFileSync(file, doc([{ href: "#x", "include-controls": [{ "with-ids": ["ac-1", "ac-1"] }] }]));
            assert.throws(() => loadBaselineProfile(file), /more than once/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("policies/fedramp-moderate.ts (what the pack ships) is current with the vendored profile", () => {
        if (fs.readFileSync(BASELINE_MODULE_FILE, "utf8") !== renderBaselineModule(profile)) {
            assert.fail("policies/fedramp-moderate.ts is stale: run `npm run compliance:baseline` and commit the result");
        }
        assert.deepEqual([...FEDRAMP_MODERATE_CONTROLS], profile.controls);
        assert.equal(FEDRAMP_MODERATE_PROFILE.sha256, profile.sha256);
    });

    it("every control a policy cites is in the baseline", () => {
        const outside: string[] = [];
        for (const p of allPolicies) {
            for (const c of p.govstack.controls) {
                if (!profile.controls.includes(c)) {
                    outside.push(`${p.name} cites ${c}`);
                }
            }
        }
        assert.deepEqual(outside, [], "a policy names a control the FedRAMP rev5 Moderate baseline does not select");
    });

    it("controls.ts's FedRAMP flag comes from the baseline, and its titles are the catalog's", () => {
        const titles = controlTitles();
        for (const [id, info] of Object.entries(CONTROL_CATALOGUE) as [ControlId, { title: string; fedrampModerate: boolean }][]) {
            assert.equal(info.fedrampModerate, profile.controls.includes(id), id);
            assert.equal(inFedrampModerate(id), info.fedrampModerate, id);
            if (info.fedrampModerate) {
                assert.equal(info.title, titles.get(id), `${id}'s title in policies/controls.ts`);
            }
        }
        assert.equal(CONTROL_CATALOGUE["CM-14"].fedrampModerate, false);
    });

    it("titles every baseline control, an enhancement with its parent's title first", () => {
        const titles = controlTitles();
        assert.equal(titles.size, 323);
        assert.equal(titles.get("AC-2(4)"), "Account Management | Automated Audit Actions");
        assert.equal(titles.get("SC-28"), "Protection of Information at Rest");
    });
});
