import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import { CONTROL_TITLES_FILE, ControlTitlesFile, loadBaselineProfile, OSCAL_DIR, toOscalId } from "../../tools/compliance/baseline";

const SUMS = path.join(OSCAL_DIR, "SHA256SUMS");
const PROVENANCE = path.join(OSCAL_DIR, "PROVENANCE.md");

function sha256(file: string): string {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** `sha256sum` format: "<hex>  <file>" per line. */
function recordedSums(): Map<string, string> {
    const sums = new Map<string, string>();
    for (const line of fs.readFileSync(SUMS, "utf8").split("\n").filter((l) => l.trim() !== "")) {
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        assert.ok(m, `malformed SHA256SUMS line: ${line}`);
        sums.set(m[2], m[1]);
    }
    return sums;
}

describe("compliance/oscal: the vendored baseline and schemas", () => {
    it("every file has the sha256 SHA256SUMS records, and nothing unrecorded sits beside them", () => {
        const sums = recordedSums();
        const data = fs.readdirSync(OSCAL_DIR).filter((f) => f.endsWith(".json")).sort();
        assert.deepEqual([...sums.keys()].sort(), data);
        for (const [file, hash] of sums) {
            assert.equal(sha256(path.join(OSCAL_DIR, file)), hash, `${file} changed: record where the new bytes came from in PROVENANCE.md and SHA256SUMS`);
        }
    });

    it("PROVENANCE.md names each file with its sha256", () => {
        const text = fs.readFileSync(PROVENANCE, "utf8");
        for (const [file, hash] of recordedSums()) {
            const start = text.indexOf(`## ${file}`);
            assert.ok(start >= 0, `PROVENANCE.md has no section for ${file}`);
            const end = text.indexOf("\n## ", start + 1);
            const section = text.slice(start, end < 0 ? undefined : end);
            assert.ok(section.includes(hash), `PROVENANCE.md's section for ${file} does not give its sha256 ${hash}`);
        }
    });

    it("the official OSCAL 1.1.2 schemas are the ones vendored", () => {
        const ar = JSON.parse(fs.readFileSync(path.join(OSCAL_DIR, "oscal_assessment-results_schema.json"), "utf8")) as { $id: string };
        const cd = JSON.parse(fs.readFileSync(path.join(OSCAL_DIR, "oscal_component_schema.json"), "utf8")) as { $id: string };
        assert.equal(ar.$id, "http://csrc.nist.gov/ns/oscal/1.1.2/oscal-ar-schema.json");
        assert.equal(cd.$id, "http://csrc.nist.gov/ns/oscal/1.1.2/oscal-component-definition-schema.json");
    });

    it("the derived titles cover exactly the controls the profile selects, and record their source", () => {
        const titles = JSON.parse(fs.readFileSync(CONTROL_TITLES_FILE, "utf8")) as ControlTitlesFile;
        assert.deepEqual(Object.keys(titles.titles), loadBaselineProfile().controls.map(toOscalId));
        assert.equal(titles.source.repository, "GSA/fedramp-automation");
        assert.match(titles.source.commit, /^[0-9a-f]{40}$/);
        assert.ok(fs.readFileSync(PROVENANCE, "utf8").includes(titles.source.sha256), "PROVENANCE.md does not give the source catalog's sha256");
        for (const [id, title] of Object.entries(titles.titles)) {
            assert.ok(title.trim() !== "", id);
        }
    });
});
