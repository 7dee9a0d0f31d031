import * as assert from "assert";
import * as path from "path";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { toSarif } from "../../tools/plan/report-sarif";
import type { PlanResult } from "../../tools/plan/run-plan";
import { PolicyMeta, plannedResource, Violation } from "../../tools/plan/types";

/**
 * report.sarif is what code scanning shows a reviewer (the plan job uploads it per stack), so its
 * locations, levels and fingerprints are behaviour: an alert must point at the line that declared
 * the resource, keep its identity when code moves, and rank by the policy's severity.
 */

const STACK_URN = "urn:pulumi:prod::govstack";
const BUCKET = `${STACK_URN}::aws:s3/bucket:Bucket::logs`;
const QUEUE = `${STACK_URN}::aws:sqs/queue:Queue::jobs`;

function policy(name: string, extra: Partial<PolicyMeta> = {}): PolicyMeta {
    return {
        name,
        displayName: name,
        description: `${name} is required`,
        enforcement: "mandatory",
        severity: "high",
        remediation: `Fix ${name}.`,
        controls: ["SC-28"],
        framework: undefined,
        kind: "resource",
        url: "",
        configSchema: undefined,
        ...extra,
    };
}

function violation(policyName: string, urn: string | undefined, enforcement: Violation["enforcement"] = "mandatory"): Violation {
    return { policy: policyName, urn, enforcement, message: `${policyName} failed`, controls: ["SC-28"] };
}

function plan(violations: Violation[], policies: PolicyMeta[], config: PlanResult["policyConfig"] = {}, root = PROJECT_ROOT): PlanResult {
    return {
        evaluation: {
            project: "govstack",
            stack: "prod",
            config: { project: "govstack", stack: "prod", values: {}, secretKeys: [], environments: [] },
            entry: "infra/index.ts",
            root,
            resources: [
                plannedResource({ urn: BUCKET, type: "aws:s3/bucket:Bucket", name: "logs", source: { file: "infra/components/storage.ts", line: 42 } }),
                plannedResource({ urn: QUEUE, type: "aws:sqs/queue:Queue", name: "jobs" }),
            ],
            evaluateMs: 1,
        },
        pack: { name: "govstack-guard", version: "0.1.0", description: "", policies, initialConfig: {} },
        policyConfig: config,
        packConfigFile: undefined,
        packConfig: {},
        violations,
        mandatory: violations.filter((v) => v.enforcement === "mandatory").length,
        advisory: violations.filter((v) => v.enforcement === "advisory").length,
        timings: {} as PlanResult["timings"],
        warnings: [],
    } as PlanResult;
}

interface SarifResult {
    ruleId: string;
    ruleIndex?: number;
    level: string;
    locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: Array<{ fullyQualifiedName: string; name: string }>;
    }>;
    partialFingerprints: Record<string, string>;
}
interface SarifRule {
    id: string;
    helpUri?: string;
    defaultConfiguration: { level: string; enabled: boolean };
    properties: Record<string, unknown>;
}
function sarif(result: PlanResult): { rules: SarifRule[]; results: SarifResult[] } {
    const log = toSarif(result) as { version: string; runs: Array<{ tool: { driver: { rules: SarifRule[] } }; results: SarifResult[] }> };
    assert.strictEqual(log.version, "2.1.0");
    return { rules: log.runs[0].tool.driver.rules, results: log.runs[0].results };
}

describe("plan: report.sarif for code scanning (tools/plan/report-sarif)", () => {
    const policies = [policy("s3-bucket-sse-kms"), policy("sqs-queue-encrypted", { severity: "", url: "https://example.com/sqs" }), policy("cloudtrail-trail-present", { kind: "stack", severity: "critical" })];

    it("points a resource's alert at the file and line that declared it, and names its URN", () => {
        const [r] = sarif(plan([violation("s3-bucket-sse-kms", BUCKET)], policies)).results;
        assert.deepStrictEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: "infra/components/storage.ts" }, region: { startLine: 42 } });
        assert.deepStrictEqual(r.locations[0].logicalLocations[0], { fullyQualifiedName: BUCKET, name: "logs", kind: "resource" });
        assert.strictEqual(r.ruleIndex, 0);
    });

    it("points a stack-level alert, or one whose resource has no known source, at the stack's settings file", () => {
        const { results } = sarif(plan([violation("cloudtrail-trail-present", undefined), violation("sqs-queue-encrypted", QUEUE)], policies));
        for (const r of results) {
            assert.deepStrictEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: "Pulumi.prod.yaml" }, region: { startLine: 1 } });
        }
        assert.deepStrictEqual(results[0].locations[0].logicalLocations[0], { fullyQualifiedName: "urn:pulumi:prod::govstack", name: "prod", kind: "resource" });
    });

    it("writes paths relative to the repository root even for a project in a subfolder (the fixture projects)", () => {
        const [r] = sarif(plan([violation("s3-bucket-sse-kms", BUCKET)], policies, {}, path.join(PROJECT_ROOT, "tests", "fixtures", "plan-project"))).results;
        assert.strictEqual(r.locations[0].physicalLocation.artifactLocation.uri, "tests/fixtures/plan-project/infra/components/storage.ts");
    });

    it("keeps an alert's fingerprint when the code moves, and tells two resources apart", () => {
        const moved = plan([violation("s3-bucket-sse-kms", BUCKET)], policies);
        moved.evaluation.resources[0].source = { file: "infra/components/storage/bucket.ts", line: 7 };
        const before = sarif(plan([violation("s3-bucket-sse-kms", BUCKET)], policies)).results[0].partialFingerprints;
        assert.deepStrictEqual(sarif(moved).results[0].partialFingerprints, before);
        assert.notDeepStrictEqual(sarif(plan([violation("s3-bucket-sse-kms", QUEUE)], policies)).results[0].partialFingerprints, before);
    });

    it("maps enforcement to SARIF levels: mandatory error, advisory warning; a disabled policy's rule is off", () => {
        const { rules, results } = sarif(
            plan([violation("s3-bucket-sse-kms", BUCKET, "mandatory"), violation("sqs-queue-encrypted", QUEUE, "advisory")], policies, {
                "cloudtrail-trail-present": { enforcement: "disabled", properties: {} },
            } as unknown as PlanResult["policyConfig"]),
        );
        assert.deepStrictEqual(results.map((r) => r.level), ["error", "warning"]);
        assert.deepStrictEqual(rules[2].defaultConfiguration, { level: "none", enabled: false });
    });

    it("ranks rules by the policy's severity (security-severity) and carries its NIST controls and link", () => {
        const { rules } = sarif(plan([], policies));
        assert.strictEqual(rules[0].properties["security-severity"], "8.0");
        assert.strictEqual(rules[2].properties["security-severity"], "9.5");
        assert.ok(!("security-severity" in rules[1].properties), "no severity, no ranking");
        // SC-28 is in the FedRAMP rev5 Moderate baseline: a second tag says so (code scanning filters by tag).
        assert.deepStrictEqual(rules[0].properties.tags, ["security", "compliance", "NIST-800-53:SC-28", "FedRAMP-Moderate:SC-28"]);
        assert.strictEqual(rules[1].helpUri, "https://example.com/sqs");
        assert.ok(!("helpUri" in rules[0]));
    });

    it("reports a violation of a policy the pack did not list without a rule index (code scanning still shows it)", () => {
        const [r] = sarif(plan([violation("not-in-the-pack", BUCKET)], policies)).results;
        assert.strictEqual(r.ruleId, "not-in-the-pack");
        assert.ok(!("ruleIndex" in r));
    });
});
