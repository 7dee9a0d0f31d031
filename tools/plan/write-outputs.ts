import * as fs from "fs";
import * as path from "path";

import { toMermaid } from "./diagram";
import { toPlanJson } from "./plan-json";
import { toMarkdown } from "./report-md";
import { toSarif } from "./report-sarif";
import type { PlanResult } from "./run-plan";

export interface WrittenFiles {
    plan: string;
    report: string;
    sarif: string;
    diagram: string;
}

/** Writes plan.json, report.md, report.sarif and diagram.mmd into `dir` (created if needed). */
export function writeOutputs(result: PlanResult, dir: string): WrittenFiles {
    fs.mkdirSync(dir, { recursive: true });
    const files: WrittenFiles = {
        plan: path.join(dir, "plan.json"),
        report: path.join(dir, "report.md"),
        sarif: path.join(dir, "report.sarif"),
        diagram: path.join(dir, "diagram.mmd"),
    };
    const { evaluation } = result;
    fs.writeFileSync(files.plan, JSON.stringify(toPlanJson(result), null, 2) + "\n");
    fs.writeFileSync(files.report, toMarkdown(result));
    fs.writeFileSync(files.sarif, JSON.stringify(toSarif(result), null, 2) + "\n");
    fs.writeFileSync(files.diagram, toMermaid(evaluation.resources, `${evaluation.project} / ${evaluation.stack}`));
    return files;
}
