// The GitHub workflows (.github/workflows/*.yml) as typed data, for the workflow and CI-gate tests:
// the fields those tests read, and one way to load a file.

import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

export interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string | number | boolean>;
    env?: Record<string, string>;
    "continue-on-error"?: boolean;
}

export interface Job {
    name?: string;
    needs?: string[];
    if?: string;
    permissions?: Record<string, string> | string;
    strategy?: { matrix: { include?: Array<Record<string, string>>; stack?: string[]; node?: number[] } };
    steps: Step[];
}

export interface Workflow {
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    concurrency?: { group: string; "cancel-in-progress": boolean };
    jobs: Record<string, Job>;
}

export const WORKFLOW_DIR = path.join(PROJECT_ROOT, ".github", "workflows");

/** A workflow file's text. */
export function workflowText(file: string): string {
    return fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
}

/** A workflow file, parsed. */
export function loadWorkflow(file: string): Workflow {
    return YAML.parse(workflowText(file)) as Workflow;
}

/** A job's permission for `scope` as it lists it (undefined when it lists none, or only a shorthand such as read-all). */
export function permission(job: Job, scope: string): string | undefined {
    return typeof job.permissions === "object" ? job.permissions[scope] : undefined;
}
