import * as fs from "fs";
import * as path from "path";

import { evaluateStack } from "../lib/evaluate";
import { PreviewMocks } from "../lib/preview-mocks";
import { displayPath, parseYamlFile, PROJECT_ROOT, readStackConfig, StackConfig, StackConfigError } from "../lib/stack-config";
import { attachDefaultProviders } from "./default-providers";
import { isSettingsError, SettingsError } from "./errors";
import { ResourceRecorder } from "./recorder";
import { PlannedResource } from "./types";
import { engineUrns } from "./urns";

export interface EvaluateOptions {
    /** Directory holding Pulumi.yaml and Pulumi.<stack>.yaml (default: the repository root). */
    root?: string;
    /** The program's entry file (default: Pulumi.yaml `main`, else index.ts). */
    entry?: string;
    /** Mocks to evaluate under (default: `new PreviewMocks()`, which refuses lookups). */
    mocks?: () => PreviewMocks;
    /** Settings to use instead of reading the stack file (tests feed modified settings this way). */
    config?: StackConfig;
}

export interface PlanEvaluation {
    project: string;
    stack: string;
    config: StackConfig;
    /** Program entry, relative to the root (for reports). */
    entry: string;
    root: string;
    /** Everything a real preview would register, in registration order, default providers first. */
    resources: PlannedResource[];
    evaluateMs: number;
}

/** The program entry Pulumi would run: `main` from Pulumi.yaml, relative to the project. */
export function programEntry(root: string): string {
    const file = path.join(root, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new StackConfigError(`${file} does not exist`);
    }
    const project = parseYamlFile(file) as { main?: unknown } | null;
    const main = typeof project?.main === "string" ? project.main : "index.ts";
    const entry = path.resolve(root, main);
    const candidates = [entry, `${entry}.ts`, path.join(entry, "index.ts")];
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) {
        throw new StackConfigError(`Pulumi.yaml main "${main}" does not exist (looked for ${candidates.join(", ")})`);
    }
    return found;
}

/**
 * Forget the program's modules so the next stack evaluates from scratch (module-level state such as
 * settings read at import time must not leak from one stack into the next).
 */
function forgetModules(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const key of Object.keys(require.cache)) {
        if (key.startsWith(prefix) && !key.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[key];
        }
    }
}

type ProgramModule = Record<string, unknown> | (() => unknown) | Promise<unknown> | undefined;

/** Runs a Pulumi Node.js program module the way the language host does. */
async function runProgram(entry: string): Promise<Record<string, unknown> | undefined> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    let main = require(entry) as ProgramModule;
    if (main instanceof Promise) {
        main = (await main) as ProgramModule;
    }
    if (main && typeof main === "object" && "default" in main && typeof main.default === "function") {
        main = main.default as () => unknown;
    }
    if (typeof main === "function") {
        return (await main()) as Record<string, unknown> | undefined;
    }
    return main as Record<string, unknown> | undefined;
}

/**
 * Evaluates a stack's program in preview mode under mocks and returns every resource a real
 * `pulumi preview` would send to the pack, with the request-level facts the analyzer protocol carries
 * (parent, dependencies, property dependencies, provider, protect, custom timeouts).
 */
export async function evaluateForPlan(stack: string, options: EvaluateOptions = {}): Promise<PlanEvaluation> {
    const root = path.resolve(options.root ?? PROJECT_ROOT);
    const config = options.config ?? readStackConfig(stack, root);
    const entry = options.entry ? path.resolve(root, options.entry) : programEntry(root);
    const started = Date.now();
    forgetModules(path.dirname(entry));
    const recorder = new ResourceRecorder(root);
    const mocks = options.mocks ? options.mocks() : new PreviewMocks();
    try {
        await recorder.record(() => evaluateStack(stack, () => runProgram(entry), mocks, config));
    } catch (e) {
        throw inSettingsFile(e, config, root);
    }
    const resources = recorder.resources;
    engineUrns(resources, stack, config.project);
    const providers = attachDefaultProviders(resources, config);
    return {
        project: config.project,
        stack,
        config,
        entry: path.relative(root, entry).split(path.sep).join("/"),
        root,
        resources: [...providers, ...resources],
        evaluateMs: Date.now() - started,
    };
}

/**
 * A settings mistake the program reported (infra's SettingsError, a Pulumi Config error) names the
 * key but not the file the user has to edit: prefix the file that set the first key it names (the
 * stack file, or the ESC environment whose pulumiConfig set it), else the stack file, where a
 * missing key belongs. Anything else passes through unchanged.
 */
export function inSettingsFile(err: unknown, config: StackConfig, root: string): unknown {
    if (!isSettingsError(err) || err instanceof SettingsError) {
        return err;
    }
    const stackFile = `Pulumi.${config.stack}.yaml`;
    const fileOf = (text: string): string => {
        const keys = [...text.matchAll(/["'`]([\w.-]+:[\w.-]+)[^"'`]*["'`]/g)].map((m) => m[1].split(".")[0]);
        const source = keys.map((k) => config.sources?.[k]).find((s) => s !== undefined) ?? stackFile;
        return displayPath(path.join(root, source));
    };
    // A list of problems (infra/lib/settings-error.ts: a heading, then `  - <problem>` lines) that
    // come from several files: each line names its own file.
    const [heading, ...lines] = err.message.split("\n");
    const items = lines.filter((l) => l.startsWith("  - "));
    const files = new Set(items.map((l) => fileOf(l)));
    if (items.length === lines.length && files.size > 1) {
        const listed = items.map((l) => `  - ${fileOf(l)}: ${l.slice(4)}`);
        return new SettingsError([heading, ...listed].join("\n"), { cause: err });
    }
    return new SettingsError(`${fileOf(err.message)}: ${err.message}`, { cause: err });
}
