// out/<stack>/controls.md: docs/controls.md's matrix for this stack, filled with this run's
// findings — each control passing, failing (with the resources and messages), advisory, waived
// (with the waiver's reason and expiry) or not verifiable at preview.

import * as path from "path";

import { STATUS_ORDER, STATUS_TITLES } from "../compliance/matrix";
import { multilineTableCell } from "../lib/markdown";
import { PROJECT_ROOT } from "../lib/stack-config";
import { ClassifiedViolation, ControlRun, PlanEvidence, STATE_ORDER, STATE_TITLES } from "./control-findings";
import { verdictLine } from "./report-md";
import type { PlanResult } from "./run-plan";

function resourceLabel(v: ClassifiedViolation): string {
    if (v.resourceName) {
        return `\`${v.resourceName}\` (${v.resourceType?.split(":").pop() ?? ""})`;
    }
    return v.urn ? `\`${v.urn.split("::").pop()}\`` : "(stack)";
}

function stateLabel(v: ClassifiedViolation): string {
    if (v.state === "waived" && v.waiver) {
        return `waived until ${v.waiver.expires} (approved by ${v.waiver.approvedBy}: ${v.waiver.reason})`;
    }
    return v.state === "remediated" ? "remediated (fix applied)" : STATE_TITLES[v.state];
}

function findingSection(run: ControlRun, evidence: PlanEvidence, title: string): string[] {
    const row = evidence.matrix.rows.find((r) => r.id === run.id);
    const lines = [`### ${run.id} ${title} — ${STATE_TITLES[run.state]}`, "", `Status in this stack: ${row ? STATUS_TITLES[row.status] : "—"}.`, ""];
    lines.push("| Policy | Enforcement | Resource | Finding | Message |", "|---|---|---|---|---|");
    for (const p of run.policies) {
        if (p.violations.length === 0) {
            lines.push(`| \`${p.name}\` | ${p.enforcement} | | passing | |`);
            continue;
        }
        for (const v of p.violations) {
            lines.push(`| \`${p.name}\` | ${p.enforcement} | ${multilineTableCell(resourceLabel(v))} | ${multilineTableCell(stateLabel(v))} | ${multilineTableCell(v.message)} |`);
        }
    }
    return [...lines, ""];
}

/** The text of out/<stack>/controls.md. */
export function toControlsMarkdown(result: PlanResult, evidence: PlanEvidence): string {
    const { evaluation, pack } = result;
    const { matrix } = evidence;
    const runs = new Map(evidence.controls.map((c) => [c.id, c]));
    const counts = Object.fromEntries(STATE_ORDER.map((s) => [s, evidence.controls.filter((c) => c.state === s).length]));
    const config = result.packConfigFile ? `\`${path.relative(PROJECT_ROOT, result.packConfigFile).split(path.sep).join("/")}\`` : "the pack's defaults";
    const lines = [
        `# FedRAMP rev5 Moderate controls: ${evaluation.project} / ${evaluation.stack}`,
        "",
        `**${verdictLine(result)}**`,
        "",
        `Every control of the FedRAMP rev5 Moderate baseline (${evidence.profile.title}, \`${evidence.profile.version}\`), with its ` +
            `status in this stack and this run's findings from policy pack \`${pack.name}@${pack.version}\` configured by ${config}. ` +
            "The statuses are defined in docs/controls.md; `assessment-results.json` beside this file holds the same findings as OSCAL.",
        "",
        "## Summary",
        "",
        "| Status in this stack | Controls |",
        "|---|---:|",
        ...STATUS_ORDER.map((s) => `| ${STATUS_TITLES[s]} | ${matrix.totals[s]} |`),
        `| **total** | ${matrix.rows.length} |`,
        "",
        `This run: ${evidence.controls.length} controls are cited by a policy the stack evaluates — ` +
            STATE_ORDER.map((s) => `${counts[s]} ${STATE_TITLES[s]}`).join(", ") +
            ". A control takes its worst policy's finding; \"not verifiable at preview\" means a value is unknown until deployment and " +
            "the pack judges it again during `pulumi up`.",
        "",
        "## Findings by control",
        "",
    ];
    const open = evidence.controls.filter((c) => c.state !== "passing");
    open.sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));
    if (open.length === 0) {
        lines.push("None: every control cited by an evaluated policy passed.", "");
    }
    for (const run of open) {
        lines.push(...findingSection(run, evidence, matrix.rows.find((r) => r.id === run.id)?.title ?? ""));
    }
    if (evidence.appliedWaivers.length > 0) {
        lines.push("## Waivers applied", "", "| Policy | Resource pattern | Expires | Approved by | Reason |", "|---|---|---|---|---|");
        for (const w of evidence.appliedWaivers) {
            lines.push(`| \`${w.policy}\` | \`${multilineTableCell(w.resource)}\` | ${w.expires} | ${multilineTableCell(w.approvedBy)} | ${multilineTableCell(w.reason)} |`);
        }
        lines.push("");
    }
    lines.push("## Matrix", "", "| Control | Title | Status | This run | Policies | Components | Why |", "|---|---|---|---|---|---|---|");
    for (const row of matrix.rows) {
        const run = runs.get(row.id);
        const policies = [
            ...(run?.policies ?? []).map((p) => `\`${p.name}\`${p.enforcement === "mandatory" ? "" : ` (${p.enforcement})`}${p.state === "passing" ? "" : ` — ${p.state}`}`),
            ...row.disabled.map((n) => `\`${n}\` (disabled)`),
        ];
        const components = row.components.map((c) => (c.because ? `${c.title} (${c.because})` : c.title));
        lines.push(
            `| ${row.id} | ${multilineTableCell(row.title)} | ${row.status} | ${run ? run.state : "—"} | ${policies.join(", ")} | ${multilineTableCell(components.join(", "))} | ${multilineTableCell(row.why ?? "")} |`,
        );
    }
    lines.push("");
    return lines.join("\n");
}
