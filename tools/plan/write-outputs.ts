import * as fs from "fs";
import * as path from "path";

import { planEvidence } from "./control-findings";
import { toControlsMarkdown } from "./controls-matrix";
import { toMermaid } from "./diagram";
import { toAssessmentResults } from "./oscal-assessment";
import { toPlanJson } from "./plan-json";
import { toMarkdown } from "./report-md";
import { toSarif } from "./report-sarif";
import type { PlanResult } from "./run-plan";

export interface WrittenFiles {
    plan: string;
    report: string;
    sarif: string;
    diagram: string;
    controls: string;
    assessment: string;
}

/**
 * Writes plan.json, report.md, report.sarif, diagram.mmd, and the FedRAMP Moderate evidence
 * (controls.md, assessment-results.json) into `dir` (created if needed).
 */
export function writeOutputs(result: PlanResult, dir: string): WrittenFiles {
    fs.mkdirSync(dir, { recursive: true });
    const files: WrittenFiles = {
        plan: path.join(dir, "plan.json"),
        report: path.join(dir, "report.md"),
        sarif: path.join(dir, "report.sarif"),
        diagram: path.join(dir, "diagram.mmd"),
        controls: path.join(dir, "controls.md"),
        assessment: path.join(dir, "assessment-results.json"),
    };
    const { evaluation } = result;
    const evidence = planEvidence(result);
    fs.writeFileSync(files.plan, JSON.stringify(toPlanJson(result), null, 2) + "\n");
    fs.writeFileSync(files.report, toMarkdown(result, evidence));
    fs.writeFileSync(files.sarif, JSON.stringify(toSarif(result), null, 2) + "\n");
    fs.writeFileSync(files.diagram, toMermaid(evaluation.resources, `${evaluation.project} / ${evaluation.stack}`, evidence.byResource));
    fs.writeFileSync(files.controls, toControlsMarkdown(result, evidence));
    const end = result.finishedAt ?? new Date();
    const times = { start: result.startedAt ?? new Date(end.getTime() - result.timings.totalMs), end };
    fs.writeFileSync(files.assessment, JSON.stringify(toAssessmentResults(result, evidence, times), null, 2) + "\n");
    return files;
}
