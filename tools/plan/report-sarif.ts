import { createHash } from "crypto";
import * as path from "path";

import { FEDRAMP_MODERATE_CONTROLS } from "../../policies/fedramp-moderate";
import { PROJECT_ROOT } from "../lib/stack-config";
import type { PlanResult } from "./run-plan";
import { Enforcement } from "./types";

/** GitHub code scanning ranks alerts by this rule property (CVSS-like 0–10). */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function level(enforcement: Enforcement): "error" | "warning" | "none" {
    return enforcement === "advisory" ? "warning" : enforcement === "disabled" ? "none" : "error";
}

const FEDRAMP_MODERATE: ReadonlySet<string> = new Set(FEDRAMP_MODERATE_CONTROLS);

/**
 * Control tags: `NIST-800-53:<id>` for every control, plus `FedRAMP-Moderate:<id>` for those the
 * FedRAMP rev5 Moderate baseline selects (code scanning filters alerts by tag).
 */
export function controlTags(controls: readonly string[]): string[] {
    return [...controls.map((c) => `NIST-800-53:${c}`), ...controls.filter((c) => FEDRAMP_MODERATE.has(c)).map((c) => `FedRAMP-Moderate:${c}`)];
}

/** A path GitHub can resolve: relative to the repository root, forward slashes. */
function repoPath(root: string, file: string): string {
    return path.relative(PROJECT_ROOT, path.resolve(root, file)).split(path.sep).join("/");
}

/**
 * report.sarif (SARIF 2.1.0): one rule per policy (help = remediation steps, properties = NIST
 * controls and their tags), one result per violation, tagged with its controls too. A result's
 * physical location is where the program declared
 * the resource (or the stack file for stack-level findings); its logical location is the URN.
 */
export function toSarif(result: PlanResult): object {
    const { evaluation, pack } = result;
    const byUrn = new Map(evaluation.resources.map((r) => [r.urn, r]));
    const stackFile = repoPath(evaluation.root, `Pulumi.${evaluation.stack}.yaml`);
    const rules = pack.policies.map((p) => {
        const enforcement = result.policyConfig[p.name]?.enforcement ?? p.enforcement;
        const tags = ["security", "compliance", ...controlTags(p.controls)];
        return {
            id: p.name,
            name: p.name,
            shortDescription: { text: p.description || p.name },
            fullDescription: { text: p.description || p.name },
            help: {
                text: p.remediation || p.description,
                markdown: p.remediation ? `**Remediation:** ${p.remediation}` : p.description,
            },
            ...(p.url ? { helpUri: p.url } : {}),
            defaultConfiguration: { level: level(enforcement), enabled: enforcement !== "disabled" },
            properties: {
                tags,
                controls: p.controls,
                enforcementLevel: enforcement,
                ...(p.severity ? { severity: p.severity, "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
                ...(p.framework ? { framework: p.framework } : {}),
            },
        };
    });
    const ruleIndex = new Map(pack.policies.map((p, i) => [p.name, i]));
    const results = result.violations.map((v) => {
        const resource = v.urn ? byUrn.get(v.urn) : undefined;
        const physical = resource?.source
            ? { artifactLocation: { uri: repoPath(evaluation.root, resource.source.file) }, region: { startLine: resource.source.line } }
            : { artifactLocation: { uri: stackFile }, region: { startLine: 1 } };
        return {
            ruleId: v.policy,
            ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
            level: level(v.enforcement),
            message: { text: v.message },
            locations: [
                {
                    physicalLocation: physical,
                    logicalLocations: [
                        {
                            fullyQualifiedName: v.urn ?? `urn:pulumi:${evaluation.stack}::${evaluation.project}`,
                            name: resource?.name ?? evaluation.stack,
                            kind: "resource",
                        },
                    ],
                },
            ],
            // Stable across runs and line moves: the same policy on the same resource is the same alert.
            partialFingerprints: {
                "pulumiUrnPolicy/v1": createHash("sha256").update(`${v.policy}\n${v.urn ?? ""}`).digest("hex"),
            },
            properties: { enforcementLevel: v.enforcement, controls: v.controls, tags: controlTags(v.controls) },
        };
    });
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: pack.name,
                        version: pack.version,
                        semanticVersion: pack.version,
                        informationUri: "https://www.pulumi.com/docs/iac/packages-and-automation/crossguard/",
                        rules,
                    },
                },
                automationDetails: { id: `offline-plan/${evaluation.stack}/` },
                results,
            },
        ],
    };
}
