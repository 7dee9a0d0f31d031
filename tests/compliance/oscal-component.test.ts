import * as assert from "node:assert/strict";
import * as fs from "node:fs";

import Ajv from "ajv";
import addFormats from "ajv-formats";

import { COMPONENT_SCHEMA_FILE } from "../../tools/compliance/baseline";
import { loadImplementations } from "../../tools/compliance/matrix";
import { DocStack, repoDocStacks } from "../../tools/controls-docs";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { toComponentDefinition } from "../../tools/oscal-component";
import { evaluateOnce } from "../plan/helpers";

interface Requirement {
    uuid: string;
    "control-id": string;
    description: string;
    props: { name: string; value: string; class?: string; remarks?: string }[];
}
interface ComponentDefinition {
    "component-definition": {
        uuid: string;
        metadata: { "last-modified": string; "oscal-version": string };
        components: { type: string; "control-implementations": { source: string; "implemented-requirements": Requirement[] }[] }[];
        "back-matter": { resources: { uuid: string; rlinks: { href: string; hashes: { value: string }[] }[] }[] };
    };
}

describe("npm run oscal: the estate as an OSCAL component definition", function () {
    this.timeout(120000);
    let stacks: DocStack[];
    let doc: ComponentDefinition;
    before(async () => {
        stacks = await repoDocStacks((stack) => evaluateOnce(stack));
        doc = toComponentDefinition(stacks, loadImplementations(PROJECT_ROOT), new Date("2025-01-31T12:00:00Z")) as ComponentDefinition;
    });

    it("is valid against the official OSCAL 1.1.2 component-definition schema", () => {
        const ajv = new Ajv({ allErrors: true });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(fs.readFileSync(COMPONENT_SCHEMA_FILE, "utf8")) as object);
        assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
        assert.equal(doc["component-definition"].metadata["oscal-version"], "1.1.2");
        const broken = JSON.parse(JSON.stringify(doc)) as ComponentDefinition;
        broken["component-definition"].components[0]["control-implementations"][0]["implemented-requirements"][0]["control-id"] = "AC 2";
        assert.equal(validate(broken), false, "the validator must reject a control id that is not a token");
    });

    it("implements against the vendored FedRAMP profile, cited with its sha256", () => {
        const cd = doc["component-definition"];
        const impl = cd.components[0]["control-implementations"][0];
        const profile = cd["back-matter"].resources.find((r) => `#${r.uuid}` === impl.source);
        assert.ok(profile, "the control implementation's source is the profile in back-matter");
        assert.equal(profile.rlinks[0].hashes[0].value, "5db32cd3c31c3450c03168edd3db26641324c15971edf52163d2310ccdaa925f");
    });

    it("cites, per control, the policies with their enforcement per stack, the components and the settings", () => {
        const reqs = doc["component-definition"].components[0]["control-implementations"][0]["implemented-requirements"];
        const req = (id: string): Requirement | undefined => reqs.find((r) => r["control-id"] === id);
        const sc28 = req("sc-28");
        assert.ok(sc28);
        assert.ok(sc28.props.some((p) => p.name === "policy" && p.value === "rds-storage-encrypted" && p.remarks === "prod: mandatory; staging: mandatory"));
        assert.ok(sc28.props.some((p) => p.name === "implemented-by" && p.value === "govstack:keys:Keys"));
        assert.match(sc28.description, /Customer-managed KMS keys per purpose/);
        const cp6 = req("cp-6");
        assert.ok(cp6);
        assert.deepEqual(cp6.props.filter((p) => p.name === "status").map((p) => `${p.class}=${p.value}`), ["prod=enforced", "staging=gap"]);
        assert.ok(cp6.props.some((p) => p.name === "setting" && p.value === "govstack:baseline.crossRegionCopy" && p.remarks === "prod: true; staging: false"));
        assert.match(cp6.description, /Implemented by Backups \(`govstack:backups:Backups`; prod, where baseline\.crossRegionCopy = true\)/);
        // Only what the estate covers somewhere: organisational and inherited controls are not implemented requirements.
        assert.equal(req("pe-3"), undefined);
        assert.equal(req("at-2"), undefined);
    });

    it("keeps its ids from one generation to the next, and changes the document uuid only with the content", () => {
        const again = toComponentDefinition(stacks, loadImplementations(PROJECT_ROOT), new Date("2026-01-01T00:00:00Z")) as ComponentDefinition;
        assert.equal(again["component-definition"].uuid, doc["component-definition"].uuid);
        assert.notEqual(again["component-definition"].metadata["last-modified"], doc["component-definition"].metadata["last-modified"]);
        const fewer = toComponentDefinition(stacks.slice(0, 1), loadImplementations(PROJECT_ROOT)) as ComponentDefinition;
        assert.notEqual(fewer["component-definition"].uuid, doc["component-definition"].uuid);
        const ids = (d: ComponentDefinition) => d["component-definition"].components[0]["control-implementations"][0]["implemented-requirements"].map((r) => `${r["control-id"]}=${r.uuid}`);
        assert.deepEqual(ids(again), ids(doc));
    });
});
