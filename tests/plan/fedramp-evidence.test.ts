// The FedRAMP Moderate evidence every plan writes (controls.md, assessment-results.json, the
// report's FedRAMP section and coloured diagram, SARIF control tags), from the real estate through
// the real pack. The OSCAL document is validated with ajv against the vendored official schema.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

import { AR_SCHEMA_FILE } from "../../tools/compliance/baseline";
import { blocks, matrixEnforcement } from "../../tools/compliance/matrix";
import { policiesForStack } from "../../tools/compliance/repo-inputs";
import { planEvidence } from "../../tools/plan/control-findings";
import { PlanResult, runPlan } from "../../tools/plan/run-plan";
import { writeOutputs, WrittenFiles } from "../../tools/plan/write-outputs";
import { evaluateOnce, packPerSuite, readJson, REAL_PACK, suiteTempDir } from "./helpers";

interface Uuid {
    uuid: string;
}
interface AssessmentResults {
    "assessment-results": {
        uuid: string;
        metadata: { "oscal-version": string };
        "import-ap": { href: string };
        results: {
            observations: (Uuid & { title: string; props: { name: string; value: string }[] })[];
            findings: (Uuid & {
                title: string;
                target: { "target-id": string; status: { state: string } };
                "related-observations": { "observation-uuid": string }[];
                "related-risks"?: { "risk-uuid": string }[];
            })[];
            risks?: (Uuid & { status: string; deadline: string; description: string })[];
            "reviewed-controls": { "control-selections": { "include-controls": { "control-id": string }[] }[] };
            "local-definitions": { components: Uuid[]; "inventory-items"?: Uuid[] };
        }[];
        "back-matter": { resources: Uuid[] };
    };
}

function validator(): ValidateFunction {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    return ajv.compile(JSON.parse(fs.readFileSync(AR_SCHEMA_FILE, "utf8")) as object);
}

function schemaErrors(validate: ValidateFunction, doc: unknown): string[] {
    return validate(doc) ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message}`);
}

describe("FedRAMP Moderate evidence from the offline plan", function () {
    this.timeout(120000);
    const openRealPack = packPerSuite(REAL_PACK);
    const plans: Record<string, PlanResult> = {};
    const files: Record<string, WrittenFiles> = {};
    const out = suiteTempDir("plan-fedramp");
    let validate: ValidateFunction;

    before(async () => {
        const handle = openRealPack();
        validate = validator();
        for (const stack of ["staging", "prod"]) {
            plans[stack] = await runPlan(stack, { pack: handle, evaluation: await evaluateOnce(stack) });
            files[stack] = writeOutputs(plans[stack], path.join(out, stack));
        }
        // Staging with the log-retention policy made mandatory and two waivers: an active one for the
        // flow logs, an expired one for the WAF logs (which must fail again).
        const config = JSON.parse(fs.readFileSync(path.join(REAL_PACK, "config", "staging.json"), "utf8")) as Record<string, unknown>;
        config["cloudwatch-log-retention"] = {
            enforcementLevel: "mandatory",
            waivers: [
                { resource: "network-flow-logs", reason: "Flow logs are exported to the SIEM, which keeps them 400 days", approvedBy: "CISO (SEC-123)", expires: "2099-12-31" },
                { resource: "govstack-stg-waf-logs", reason: "Temporary", approvedBy: "CISO (SEC-99)", expires: "2000-01-01" },
            ],
        };
        const configFile = path.join(out, "staging-waived.json");
        fs.writeFileSync(configFile, JSON.stringify(config));
        plans.waived = await runPlan("staging", { pack: handle, evaluation: await evaluateOnce("staging"), packConfig: configFile });
        files.waived = writeOutputs(plans.waived, path.join(out, "waived"));
    });

    for (const stack of ["staging", "prod", "waived"]) {
        it(`${stack}: assessment-results.json is valid against the official OSCAL 1.1.2 schema`, () => {
            const doc = readJson<AssessmentResults>(files[stack].assessment);
            assert.deepStrictEqual(schemaErrors(validate, doc), []);
            assert.strictEqual(doc["assessment-results"].metadata["oscal-version"], "1.1.2");
        });
    }

    it("the schema check is real: a document missing a finding's uuid is rejected", () => {
        const doc = readJson<AssessmentResults>(files.prod.assessment);
        delete (doc["assessment-results"].results[0].findings[0] as Partial<Uuid>).uuid;
        assert.ok(schemaErrors(validate, doc).some((e) => e.includes("uuid")));
    });

    it("has one result per run, an observation per evaluated policy and a finding per control those policies cite", () => {
        for (const stack of ["staging", "prod"]) {
            const result = plans[stack];
            const evidence = planEvidence(result);
            const ar = readJson<AssessmentResults>(files[stack].assessment)["assessment-results"];
            assert.strictEqual(ar.results.length, 1);
            const [r] = ar.results;
            const evaluated = result.pack.policies.filter((p) => result.policyConfig[p.name].enforcement !== "disabled");
            assert.deepStrictEqual(r.observations.map((o) => o.title), evaluated.map((p) => `Policy ${p.name}`));
            const cited = [...new Set(evaluated.flatMap((p) => p.controls))];
            assert.strictEqual(r.findings.length, cited.length);
            assert.deepStrictEqual(
                r["reviewed-controls"]["control-selections"][0]["include-controls"].map((c) => c["control-id"]),
                evidence.controls.map((c) => c.id.toLowerCase().replace("(", ".").replace(")", "")),
            );
            const sc28 = r.findings.find((f) => f.title === "SC-28 Protection of Information at Rest");
            assert.ok(sc28);
            assert.strictEqual(sc28.target["target-id"], "sc-28_obj");
            // Every uuid is unique and every reference resolves.
            const uuids = [ar.uuid, ...r.observations, ...r.findings, ...(r.risks ?? []), ...r["local-definitions"].components, ...(r["local-definitions"]["inventory-items"] ?? []), ...ar["back-matter"].resources].map((x) => (typeof x === "string" ? x : x.uuid));
            assert.strictEqual(new Set(uuids).size, uuids.length);
            const observations = new Set(r.observations.map((o) => o.uuid));
            for (const f of r.findings) {
                for (const o of f["related-observations"]) {
                    assert.ok(observations.has(o["observation-uuid"]), f.title);
                }
            }
            assert.ok(ar["back-matter"].resources.some((x) => `#${x.uuid}` === ar["import-ap"].href));
        }
    });

    it("a control is satisfied only when every policy citing it reported nothing", () => {
        const finding = (stack: string, id: string) =>
            readJson<AssessmentResults>(files[stack].assessment)["assessment-results"].results[0].findings.find((f) => f.title.startsWith(`${id} `));
        // prod: no diagnostic at all, so every checked control is satisfied.
        assert.strictEqual(plans.prod.violations.length, 0, plans.prod.violations.map((v) => v.message).join("\n"));
        assert.ok(readJson<AssessmentResults>(files.prod.assessment)["assessment-results"].results[0].findings.every((f) => f.target.status.state === "satisfied"));
        // staging: the task definition's containerDefinitions are unknown at preview (the image is built
        // during the update), so the container policies cannot judge them and SC-39 is not shown satisfied.
        assert.strictEqual(finding("staging", "SC-39")?.target.status.state, "not-satisfied");
        assert.strictEqual(finding("staging", "SC-12")?.target.status.state, "satisfied");
        assert.match(fs.readFileSync(files.staging.controls, "utf8"), /^### SC-39 Process Isolation — not verifiable at preview$/m);
    });

    it("records an applied waiver as a deviation-approved risk with its deadline, and an expired one as failing", () => {
        const ar = readJson<AssessmentResults>(files.waived.assessment)["assessment-results"];
        const [r] = ar.results;
        assert.strictEqual(r.risks?.length, 1);
        const [risk] = r.risks ?? [];
        assert.strictEqual(risk.status, "deviation-approved");
        assert.strictEqual(risk.deadline, "2099-12-31T23:59:59Z");
        assert.match(risk.description, /CISO \(SEC-123\): Flow logs are exported to the SIEM/);
        const au11 = r.findings.find((f) => f.title.startsWith("AU-11 "));
        assert.strictEqual(au11?.target.status.state, "not-satisfied");
        assert.deepStrictEqual(au11?.["related-risks"]?.map((x) => x["risk-uuid"]), [risk.uuid]);
        const observation = r.observations.find((o) => o.title === "Policy cloudwatch-log-retention");
        assert.strictEqual(observation?.props.find((p) => p.name === "outcome")?.value, "failing");

        const md = fs.readFileSync(files.waived.controls, "utf8");
        assert.match(md, /^### AU-11 Audit Record Retention — failing \(mandatory violation\)$/m);
        assert.match(md, /\| `network-flow-logs` \(LogGroup\) \| waived until 2099-12-31 \(approved by CISO \(SEC-123\): Flow logs are exported to the SIEM, which keeps them 400 days\) \|/);
        assert.match(md, /\| `govstack-stg-waf-logs` \(LogGroup\) \| failing \(mandatory violation\) \| .*keeps events for 90 day/);
        assert.match(md, /## Waivers applied\n\n[^#]*\| `cloudwatch-log-retention` \| `network-flow-logs` \| 2099-12-31 \| CISO \(SEC-123\) \|/);
    });

    it("controls.md has every baseline control once, with this run's state where a policy checked it", () => {
        const md = fs.readFileSync(files.staging.controls, "utf8");
        const rows = md.split("\n").filter((l) => /^\| [A-Z]{2}-\d+(\(\d+\))? \| /.test(l));
        assert.strictEqual(rows.length, 323);
        assert.ok(rows.some((l) => l.startsWith("| CP-7 | Alternate Processing Site | gap | advisory | `rds-multi-az` (advisory) — advisory, ")));
        assert.ok(rows.some((l) => l.startsWith("| PE-3 | Physical Access Control | inherited | — |")));
        assert.ok(rows.some((l) => l.startsWith("| SC-12 | Cryptographic Key Establishment and Management | enforced | passing |")));
    });

    it("is honest: enforced only where a policy citing the control is mandatory as the pack was configured, the same as docs/controls.md", () => {
        for (const stack of ["staging", "prod"]) {
            const result = plans[stack];
            const { matrix } = planEvidence(result);
            for (const row of matrix.rows.filter((r) => r.status === "enforced")) {
                assert.ok(
                    result.pack.policies.some((p) => p.controls.includes(row.id) && blocks(result.policyConfig[p.name].enforcement)),
                    `${stack}: ${row.id}`,
                );
            }
            // What the docs generator computes from the pack config equals what the pack was served (a detection
            // policy that names another stack as the owner of the account's services counts as advisory in both).
            for (const p of policiesForStack(stack)) {
                const served = result.policyConfig[p.name];
                assert.strictEqual(matrixEnforcement(stack, served.enforcement, served.properties), p.enforcement, `${stack}: ${p.name}`);
            }
        }
        const staging = planEvidence(plans.staging).matrix.rows.find((r) => r.id === "CP-7");
        assert.strictEqual(staging?.status, "gap");
        assert.deepStrictEqual(staging?.enforcing, []);
    });

    it("report.md summarises FedRAMP Moderate and embeds the diagram coloured by worst finding", () => {
        const md = fs.readFileSync(files.waived.report, "utf8");
        assert.match(md, /^## FedRAMP Moderate\n\nOf the 323 controls of the FedRAMP rev5 Moderate baseline, in this stack: \d+ enforced by policy/m);
        assert.match(md, /^\| failing \(mandatory violation\) \| .*AU-11.* \|$/m);
        assert.match(md, /\[controls\.md\]\(controls\.md\)/);
        const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? "";
        assert.match(mermaid, /^flowchart LR$/m);
        const node = (title: string): string => new RegExp(`(c\\d+)\\["${title}<br/>`).exec(mermaid)?.[1] ?? `missing ${title}`;
        const classOf = (id: string): string | undefined => [...mermaid.matchAll(/^ {4}class ([c\d,]+) (\w+)$/gm)].find((m) => m[1].split(",").includes(id))?.[2];
        assert.strictEqual(classOf(node("Data")), "failing", "the database log groups fail");
        assert.strictEqual(classOf(node("Keys")), "passing");
        assert.match(mermaid, /^ {4}classDef failing fill:#f8d7da/m);
        // The diagram file is the same diagram.
        assert.ok(md.includes(fs.readFileSync(files.waived.diagram, "utf8").trimEnd()));
    });

    it("SARIF results carry their controls as tags", () => {
        const sarif = readJson<{ runs: { results: { ruleId: string; properties: { tags: string[] } }[] }[] }>(files.waived.sarif);
        const result = sarif.runs[0].results.find((r) => r.ruleId === "cloudwatch-log-retention");
        assert.deepStrictEqual(result?.properties.tags, ["NIST-800-53:AU-11", "NIST-800-53:SI-12", "FedRAMP-Moderate:AU-11", "FedRAMP-Moderate:SI-12"]);
    });
});
