// Generates docs/controls.md: the FedRAMP rev5 Moderate control matrix of every stack
// (`npm run docs:controls`; `--check` exits 1 when the file is stale). It evaluates each stack's
// program under preview mocks to learn which components the stack declares, so it takes a few
// seconds; the output is deterministic (no dates), so the test compares it byte for byte.

import * as path from "path";

import type { ComponentControls } from "../infra/control-implementations";
import { controlTitles, loadBaselineProfile } from "./compliance/baseline";
import { buildMatrix, ControlStatus, loadImplementations, MatrixPolicy, settingValue, shortSetting, StackMatrix, STATUS_ORDER, STATUS_TITLES } from "./compliance/matrix";
import { policiesForStack, stackSettings } from "./compliance/repo-inputs";
import { generatorMain } from "./lib/generated-file";
import { tableCell } from "./lib/markdown";
import { listStacks, PROJECT_ROOT } from "./lib/stack-config";
import type { PlanEvaluation } from "./plan/evaluate";

export const CONTROLS_DOC_PATH = path.join(PROJECT_ROOT, "docs", "controls.md");

/** What docs/controls.md needs to know about one stack. */
export interface DocStack {
    name: string;
    /** Component type tokens the stack's program declares. */
    componentTypes: ReadonlySet<string>;
    policies: readonly MatrixPolicy[];
    settings: Readonly<Record<string, unknown>>;
}

function value(v: unknown): string {
    return v === undefined ? "—" : `\`${tableCell(JSON.stringify(v))}\``;
}

/** The legend shared by docs/controls.md and the plan's controls.md. */
export const STATUS_LEGEND: readonly string[] = [
    "- **enforced** (enforced by policy): a policy of the pack that cites the control is *mandatory* in the stack's pack " +
        "config (`policies/config/<stack>.json`, as the pack serves it), so `pulumi preview`/`up`, the offline plan and Pulumi Cloud " +
        "block a deployable violation of what that policy checks. An advisory policy never makes a control enforced (staging runs " +
        "the prod-only policies as advisory). Enforced covers the part of a control an infrastructure resource can express; the " +
        "procedural part stays the organisation's.",
    "- **implemented** (implemented by the estate): no mandatory policy, but a component the stack declares implements it " +
        "([infra/control-implementations.ts](../infra/control-implementations.ts)), either wherever it is declared or because a named " +
        "setting has the value shown.",
    "- **inherited** (inherited from AWS GovCloud): AWS operates the whole layer the control is about, under AWS GovCloud's " +
        "FedRAMP High P-ATO; the row says what.",
    "- **organisational** (organisational / not automatable): people, documents or processes; the row says whose.",
    "- **gap**: none of the above. Where the gap is known, the row says what is missing " +
        "([tools/compliance/responsibility.ts](../tools/compliance/responsibility.ts) holds these reasons).",
];

function policiesCell(id: string, stacks: readonly DocStack[]): string {
    const names = new Set<string>();
    for (const s of stacks) {
        for (const p of s.policies) {
            if (p.controls.includes(id)) {
                names.add(p.name);
            }
        }
    }
    return [...names]
        .map((name) => {
            const levels = stacks.map((s) => ({ stack: s.name, level: s.policies.find((p) => p.name === name)?.enforcement ?? "absent" }));
            const notMandatory = levels.filter((l) => l.level !== "mandatory");
            return `\`${name}\`${notMandatory.length ? ` (${notMandatory.map((l) => `${l.stack}: ${l.level}`).join(", ")})` : ""}`;
        })
        .join(", ");
}

function componentsCell(id: string, matrices: readonly StackMatrix[]): string {
    const byType = new Map<string, { title: string; where: string[]; conditional: boolean }>();
    for (const m of matrices) {
        for (const c of m.rows.find((r) => r.id === id)?.components ?? []) {
            const entry = byType.get(c.type) ?? { title: c.title, where: [], conditional: false };
            entry.where.push(c.because ? `${m.stack}: ${c.because}` : m.stack);
            entry.conditional ||= c.because !== undefined;
            byType.set(c.type, entry);
        }
    }
    return [...byType.values()]
        .map((e) => (e.where.length === matrices.length && !e.conditional ? e.title : `${e.title} (${e.where.join("; ")})`))
        .join(", ");
}

function componentSection(type: string, entry: ComponentControls, stacks: readonly DocStack[]): string[] {
    const declaredIn = stacks.filter((s) => s.componentTypes.has(type)).map((s) => s.name);
    const lines = [
        `### ${entry.title} (\`${type}\`)`,
        "",
        entry.how,
        "",
        `- **Declared in:** ${declaredIn.join(", ") || "no stack"}`,
        `- **Implements:** ${entry.controls.join(", ")}`,
    ];
    for (const w of entry.when ?? []) {
        const values = stacks.map((s) => `${s.name}: ${value(settingValue(s.settings, w.setting))}`).join(", ");
        lines.push(`- **Implements where \`${shortSetting(w.setting)}\` = ${value(w.equals)}:** ${w.controls.join(", ")} (${values})`);
    }
    lines.push("");
    const settings = Object.entries(entry.settings ?? {});
    if (settings.length > 0) {
        lines.push(`| Setting | Supports | ${stacks.map((s) => s.name).join(" | ")} |`, `|---|---|${stacks.map(() => "---|").join("")}`);
        for (const [key, controls] of settings) {
            lines.push(`| \`${shortSetting(key)}\` | ${controls.join(", ")} | ${stacks.map((s) => value(settingValue(s.settings, key))).join(" | ")} |`);
        }
        lines.push("");
    }
    return lines;
}

/** The full text of docs/controls.md. */
export function renderControlsDoc(stacks: readonly DocStack[], implementations: Readonly<Record<string, ComponentControls>>): string {
    const profile = loadBaselineProfile();
    const titles = controlTitles();
    const matrices = stacks.map((s) =>
        buildMatrix({
            stack: s.name,
            baseline: profile.controls,
            titles,
            policies: s.policies,
            componentTypes: s.componentTypes,
            implementations,
            settings: s.settings,
        }),
    );
    const lines: string[] = [
        "# FedRAMP rev5 Moderate: control matrix",
        "",
        "<!-- Generated by `npm run docs:controls` from the baseline profile, the pack, the stacks' pack configs and " +
            "infra/control-implementations.ts. Do not edit by hand. -->",
        "",
        `For each of the ${profile.controls.length} controls and enhancements the FedRAMP rev5 Moderate baseline selects ` +
            `(GSA's OSCAL profile "${profile.title}", version \`${profile.version}\`, last modified ${profile.lastModified.slice(0, 10)}; ` +
            "vendored with its provenance in [compliance/oscal/](../compliance/oscal/PROVENANCE.md)): the pack's policies that check it, " +
            "the estate's components that implement it, and its status in each stack. Every plan " +
            "(`npm run plan -- <stack>`) writes the same matrix filled with that run's findings to `out/<stack>/controls.md`, and " +
            "an OSCAL assessment-results document to `out/<stack>/assessment-results.json`; `npm run oscal` writes the estate's OSCAL " +
            "component definition. See [offline-plan.md](offline-plan.md#fedramp-moderate-evidence).",
        "",
        "Statuses, strongest first (a control takes the first that applies):",
        "",
        ...STATUS_LEGEND,
        "",
        "## Totals",
        "",
        `| Status | ${stacks.map((s) => s.name).join(" | ")} |`,
        `|---|${stacks.map(() => "---:|").join("")}`,
        ...STATUS_ORDER.map((st: ControlStatus) => `| ${STATUS_TITLES[st]} | ${matrices.map((m) => m.totals[st]).join(" | ")} |`),
        `| **total** | ${matrices.map((m) => m.rows.length).join(" | ")} |`,
        "",
        "## Matrix",
        "",
        `| Control | Title | ${stacks.map((s) => s.name).join(" | ")} | Policies | Components | Why |`,
        `|---|---|${stacks.map(() => "---|").join("")}---|---|---|`,
    ];
    profile.controls.forEach((id, i) => {
        const statuses = matrices.map((m) => m.rows[i].status).join(" | ");
        const why = matrices.map((m) => m.rows[i].why).find((w) => w !== undefined) ?? "";
        lines.push(`| ${id} | ${tableCell(titles.get(id) ?? "")} | ${statuses} | ${policiesCell(id, stacks)} | ${tableCell(componentsCell(id, matrices))} | ${tableCell(why)} |`);
    });
    lines.push("", "## Components", "", "From [infra/control-implementations.ts](../infra/control-implementations.ts), with each stack's settings.", "");
    for (const [type, entry] of Object.entries(implementations)) {
        lines.push(...componentSection(type, entry, stacks));
    }
    return lines.join("\n");
}

/**
 * Each stack of the repository as docs/controls.md sees it. Evaluates every stack's program (tests
 * pass their cached evaluations instead).
 */
export async function repoDocStacks(evaluate?: (stack: string) => Promise<Pick<PlanEvaluation, "resources">>): Promise<DocStack[]> {
    const run = evaluate ?? (await import("./plan/evaluate")).evaluateForPlan;
    const stacks: DocStack[] = [];
    for (const name of listStacks(PROJECT_ROOT)) {
        const evaluation = await run(name);
        stacks.push({
            name,
            componentTypes: new Set(evaluation.resources.filter((r) => !r.custom).map((r) => r.type)),
            policies: policiesForStack(name),
            settings: stackSettings(name),
        });
    }
    return stacks;
}

if (require.main === module) {
    generatorMain("docs:controls", CONTROLS_DOC_PATH, async () => renderControlsDoc(await repoDocStacks(), loadImplementations(PROJECT_ROOT)));
}
