import * as path from "path";

import { compareControlIds } from "../compliance/baseline";
import { STATUS_ORDER, STATUS_TITLES } from "../compliance/matrix";
import { multilineTableCell } from "../lib/markdown";
import { PROJECT_ROOT } from "../lib/stack-config";
import { FindingState, PlanEvidence, planEvidence, STATE_ORDER, STATE_TITLES } from "./control-findings";
import { toMermaid } from "./diagram";
import { groupByComponent, isProvider, tierOf, TIER_TITLES } from "./estate-model";
import type { PlanResult } from "./run-plan";
import { PolicyMeta, Violation } from "./types";
import { waiversSection } from "./waivers-report";

export function verdictLine(result: PlanResult): string {
    const { mandatory, advisory, evaluation } = result;
    const what = `${evaluation.project}/${evaluation.stack}: ${evaluation.resources.length} resources, ${result.pack.policies.length} policies`;
    const remediated = result.violations.filter((v) => v.enforcement === "remediate").length;
    const fixed = remediated > 0 ? `, ${remediated} remediated` : "";
    return mandatory > 0
        ? `BLOCKED — ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${advisory} advisory${fixed} (${what})`
        : `PASS — 0 mandatory violations, ${advisory} advisory${fixed} (${what})`;
}

function shortUrn(urn: string | undefined): string {
    if (!urn) {
        return "(stack)";
    }
    const parts = urn.split("::");
    return `${parts[2]?.split("$").pop() ?? ""} ${parts[3] ?? ""}`.trim();
}

function violationsSection(violations: Violation[], policies: Map<string, PolicyMeta>): string[] {
    const lines = ["## Violations", ""];
    if (violations.length === 0) {
        return [...lines, "None: every enabled policy passed.", ""];
    }
    const byPolicy = new Map<string, Violation[]>();
    for (const v of violations) {
        byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v]);
    }
    for (const [name, list] of byPolicy) {
        const meta = policies.get(name);
        const levels = [...new Set(list.map((v) => v.enforcement))].join(", ");
        lines.push(`### \`${name}\` — ${levels}${meta?.severity ? ` · ${meta.severity}` : ""}`, "");
        if (meta?.description) {
            lines.push(meta.description, "");
        }
        if (meta?.controls.length) {
            const fw = meta.framework ? ` (${[meta.framework.name, meta.framework.version].filter(Boolean).join(" ")})` : "";
            lines.push(`Controls: ${meta.controls.join(", ")}${fw}`, "");
        }
        if (meta?.remediation) {
            lines.push(`**Remediation:** ${meta.remediation}`, "");
        }
        lines.push("| Resource | Enforcement | Message |", "|---|---|---|");
        for (const v of list) {
            lines.push(`| \`${multilineTableCell(shortUrn(v.urn))}\` | ${v.enforcement} | ${multilineTableCell(v.message)} |`);
        }
        lines.push("");
    }
    return lines;
}

function controlsSection(result: PlanResult): string[] {
    const failing = new Set(result.violations.map((v) => v.policy));
    const byControl = new Map<string, string[]>();
    for (const p of result.pack.policies) {
        const enforcement = result.policyConfig[p.name]?.enforcement ?? p.enforcement;
        if (enforcement === "disabled" || failing.has(p.name)) {
            continue;
        }
        for (const c of p.controls) {
            byControl.set(c, [...(byControl.get(c) ?? []), p.name]);
        }
    }
    const lines = ["## NIST SP 800-53 controls covered by passing policies", ""];
    if (byControl.size === 0) {
        return [...lines, "No passing policy is tagged with a control.", ""];
    }
    lines.push("| Control | Passing policies |", "|---|---|");
    for (const control of [...byControl.keys()].sort(compareControlIds)) {
        lines.push(`| ${control} | ${byControl.get(control)?.map((n) => `\`${n}\``).join(", ")} |`);
    }
    const disabled = result.pack.policies.filter((p) => result.policyConfig[p.name]?.enforcement === "disabled");
    if (disabled.length > 0) {
        lines.push("", `Disabled for this stack (not counted): ${disabled.map((p) => `\`${p.name}\``).join(", ")}.`);
    }
    return [...lines, ""];
}

/** A short list of control ids: all of them up to `max`, then "and N more". */
function idList(ids: readonly string[], max = 30): string {
    return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}

/** The FedRAMP Moderate summary: the stack's matrix totals and this run's findings per control. */
function fedrampSection(evidence: PlanEvidence): string[] {
    const { matrix } = evidence;
    const totals = STATUS_ORDER.map((s) => `${matrix.totals[s]} ${STATUS_TITLES[s]}`).join(", ");
    const lines = [
        "## FedRAMP Moderate",
        "",
        `Of the ${matrix.rows.length} controls of the FedRAMP rev5 Moderate baseline, in this stack: ${totals}. ` +
            `This run checked the ${evidence.controls.length} controls its evaluated policies cite:`,
        "",
        "| This run | Controls |",
        "|---|---|",
    ];
    for (const state of STATE_ORDER) {
        const ids = evidence.controls.filter((c) => c.state === state).map((c) => c.id);
        const list = state === "passing" ? `${ids.length} controls` : ids.length ? idList(ids) : "none";
        lines.push(`| ${STATE_TITLES[state]} | ${list} |`);
    }
    const gaps = matrix.rows.filter((r) => r.status === "gap").map((r) => r.id);
    lines.push(
        "",
        `Gaps in this stack (no mandatory policy, no component, not inherited or organisational): ${gaps.length ? idList(gaps, 60) : "none"}.`,
        "",
        "Every control with its policies, components, findings and reasons: [controls.md](controls.md); the same findings as OSCAL " +
            "assessment results: [assessment-results.json](assessment-results.json).",
        "",
    );
    return lines;
}

const COLOUR_NAMES: Record<FindingState, string> = { failing: "red", advisory: "amber", waived: "purple", unverified: "grey (dashed)", passing: "green" };

/** The estate diagram, embedded so GitHub renders it in the pull request, coloured by worst finding. */
function diagramSection(result: PlanResult, evidence: PlanEvidence): string[] {
    const { evaluation } = result;
    const mermaid = toMermaid(evaluation.resources, `${evaluation.project} / ${evaluation.stack}`, evidence.byResource);
    const onNodes = new Set(groupByComponent(evaluation.resources).flatMap((g) => g.members.map((m) => m.urn)));
    const elsewhere = evidence.violations.filter((v) => !v.urn || !onNodes.has(v.urn)).length;
    const legend = STATE_ORDER.map((s) => `${COLOUR_NAMES[s]} ${STATE_TITLES[s]}`).join(", ");
    return [
        "## Estate diagram",
        "",
        `Each component is coloured by the worst finding among its resources in this run: ${legend}.` +
            (elsewhere > 0 ? ` ${elsewhere} diagnostic${elsewhere === 1 ? " is" : "s are"} on providers or the stack itself, not on a component.` : ""),
        "",
        "```mermaid",
        mermaid.trimEnd(),
        "```",
        "",
    ];
}

function configSection(result: PlanResult): string[] {
    const entries = Object.entries(result.packConfig);
    const source = result.packConfigFile ? `\`${path.relative(PROJECT_ROOT, result.packConfigFile)}\`` : "none (pack defaults)";
    const lines = [
        "## Policy configuration in effect",
        "",
        `Config file: ${source}. It holds only what differs from the pack's defaults; every policy not listed runs at its default level and options.`,
        "",
    ];
    if (entries.length === 0) {
        return lines;
    }
    lines.push("| Policy | Enforcement | Settings (incl. waivers) |", "|---|---|---|");
    for (const [name, value] of entries) {
        const sent = result.policyConfig[name];
        const settings = typeof value === "string" ? "" : JSON.stringify(Object.fromEntries(Object.entries(value).filter(([k]) => k !== "enforcementLevel")));
        lines.push(`| \`${name}\` | ${sent?.enforcement ?? (typeof value === "string" ? value : "")} | ${multilineTableCell(settings === "{}" ? "" : settings)} |`);
    }
    return [...lines, ""];
}

function inventorySection(result: PlanResult): string[] {
    const lines = ["## Inventory by component", ""];
    const groups = groupByComponent(result.evaluation.resources).filter((g) => g.members.length > 0);
    groups.sort((a, b) => (a.component ? 1 : 0) - (b.component ? 1 : 0) || (a.component?.name ?? "").localeCompare(b.component?.name ?? ""));
    for (const g of groups) {
        const title = g.component ? `${g.component.name} (\`${g.component.type}\`)` : "Top level (declared outside any component)";
        const tier = g.component ? ` — ${TIER_TITLES[g.tier]}` : "";
        lines.push(`### ${title}${tier}, ${g.members.length} resources`, "");
        lines.push("| Type | Name | Tier | Protected |", "|---|---|---|---|");
        for (const m of g.members) {
            lines.push(`| \`${m.type}\` | ${multilineTableCell(m.name)} | ${tierOf(m.type)} | ${m.protect ? "yes" : ""} |`);
        }
        lines.push("");
    }
    const providers = result.evaluation.resources.filter(isProvider);
    if (providers.length > 0) {
        lines.push("### Providers", "");
        for (const p of providers) {
            const region = typeof p.inputs.region === "string" ? ` — region ${p.inputs.region}` : "";
            lines.push(`- \`${p.urn.split("::").slice(2).join("::")}\`${region}`);
        }
        lines.push("");
    }
    return lines;
}

/**
 * report.md: verdict first, then violations by policy with remediation, the FedRAMP Moderate
 * summary, the estate diagram coloured by finding, controls, config, waivers, inventory.
 */
export function toMarkdown(result: PlanResult, evidence: PlanEvidence = planEvidence(result)): string {
    const { evaluation, pack } = result;
    const policies = new Map(pack.policies.map((p) => [p.name, p]));
    const lines = [
        `# Offline plan: ${evaluation.project} / ${evaluation.stack}`,
        "",
        `**${verdictLine(result)}**`,
        "",
        `Program \`${evaluation.entry}\` evaluated in preview mode with \`Pulumi.${evaluation.stack}.yaml\`` +
            `${evaluation.config.environments.length ? ` and ESC environment(s) ${evaluation.config.environments.map((e) => `\`${e}\``).join(", ")}` : ""};` +
            ` judged by policy pack \`${pack.name}@${pack.version}\` over the analyzer protocol (per-resource \`analyze\` and \`analyzeStack\`).` +
            " Values unknown until deployment are not judged here; the pack judges them again during `pulumi up`.",
        "",
        ...violationsSection(result.violations, policies),
        ...fedrampSection(evidence),
        ...diagramSection(result, evidence),
        ...controlsSection(result),
        ...configSection(result),
        ...waiversSection(result),
        ...inventorySection(result),
    ];
    return lines.join("\n");
}
