import * as path from "path";

import { listStacks, PROJECT_ROOT } from "./lib/stack-config";
import { isSettingsError, PlanSettingsError } from "./plan/errors";
import { launchPack } from "./plan/pack-launch";
import { stopAllPacksSync } from "./plan/pack-process";
import type { PackHandle, RunPlanOptions } from "./plan/run-plan";

const USAGE = `usage: npm run plan -- <stack> | --all [options]

Evaluates the stack's program in preview mode (no cloud account, no Pulumi CLI), runs every
resource through the policy pack over the analyzer protocol, and writes out/<stack>/plan.json,
report.md, report.sarif, diagram.mmd, controls.md and assessment-results.json.

options:
  --all                  plan every stack that has a Pulumi.<stack>.yaml
  --out <dir>            output root (default: out); files go to <dir>/<stack>/
  --pack <dir>           policy pack directory (default: policies)
  --policy-config <file> pack config (default: <pack>/config/<stack>.json)
  --root <dir>           project directory holding Pulumi.yaml (default: the repository)
  --no-build             fail instead of compiling a missing or stale pack

exit codes: 0 no mandatory violation, 1 blocked by a mandatory policy, 2 usage or settings error,
            3 the program or the pack failed`;

export interface CliIo {
    out: (line: string) => void;
    err: (line: string) => void;
}

interface Args {
    stacks: string[] | "all";
    out: string;
    pack: string;
    policyConfig?: string;
    root: string;
    build: "auto" | "never";
}

function parseArgs(argv: string[]): Args | "help" {
    const args: Args = { stacks: [], out: "out", pack: "", root: PROJECT_ROOT, build: "auto" };
    const stacks: string[] = [];
    let all = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = (): string => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) {
                throw new PlanSettingsError(`${a} needs a value\n\n${USAGE}`);
            }
            return v;
        };
        switch (a) {
            case "-h":
            case "--help":
                return "help";
            case "--all":
                all = true;
                break;
            case "--out":
                args.out = value();
                break;
            case "--pack":
                args.pack = value();
                break;
            case "--policy-config":
                args.policyConfig = value();
                break;
            case "--root":
                args.root = path.resolve(value());
                break;
            case "--no-build":
                args.build = "never";
                break;
            default:
                if (a.startsWith("-")) {
                    throw new PlanSettingsError(`Unknown option ${a}\n\n${USAGE}`);
                }
                stacks.push(a);
        }
    }
    if (all && stacks.length > 0) {
        throw new PlanSettingsError(`Give either stack names or --all, not both\n\n${USAGE}`);
    }
    if (!all && stacks.length === 0) {
        throw new PlanSettingsError(`Which stack? Give a stack name (${listStacks(args.root).join(", ") || "none found"}) or --all\n\n${USAGE}`);
    }
    const known = listStacks(args.root);
    for (const s of stacks) {
        if (!known.includes(s)) {
            throw new PlanSettingsError(`Unknown stack "${s}": there is no Pulumi.${s}.yaml; stacks: ${known.join(", ") || "none"}`);
        }
    }
    args.stacks = all ? "all" : stacks;
    args.pack = path.resolve(args.pack || path.join(PROJECT_ROOT, "policies"));
    return args;
}

/** A path as the user would type it: relative when below the working directory. */
function display(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") ? rel : file;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
    let handle: PackHandle | undefined;
    let packPromise: Promise<PackHandle> | undefined;
    try {
        const args = parseArgs(argv);
        if (args === "help") {
            io.out(USAGE);
            return 0;
        }
        const stacks = args.stacks === "all" ? listStacks(args.root) : args.stacks;
        if (stacks.length === 0) {
            throw new PlanSettingsError(`No Pulumi.<stack>.yaml in ${args.root}`);
        }
        const log = (line: string): void => io.err(`plan ${line}`);
        // Spawn the pack before loading the Pulumi SDK and the program: it boots in parallel. One pack
        // process serves all stacks (configure is per stack).
        const launched = launchPack(args.pack, { build: args.build, log });
        launched.catch(() => undefined);
        const { openPack, runPlan } = await import("./plan/run-plan");
        const { writeOutputs } = await import("./plan/write-outputs");
        const { verdictLine } = await import("./plan/report-md");
        packPromise = openPack(args.pack, { log, launched });
        packPromise.catch(() => undefined);
        let blocked = false;
        for (const stack of stacks) {
            const options: RunPlanOptions = { root: args.root, packDir: args.pack, pack: packPromise, log, packConfig: args.policyConfig };
            const result = await runPlan(stack, options);
            handle = await packPromise;
            const dir = path.resolve(args.out, stack);
            log(`${stack}: writing ${display(dir)}/{plan.json,report.md,report.sarif,diagram.mmd,controls.md,assessment-results.json}`);
            writeOutputs(result, dir);
            blocked ||= result.mandatory > 0;
            io.out(`${verdictLine(result)} → ${display(path.join(dir, "report.md"))}`);
        }
        return blocked ? 1 : 0;
    } catch (err) {
        if (isSettingsError(err)) {
            io.err(`plan: ${err.message}`);
            return 2;
        }
        const e = err as Error;
        // An unexpected failure: name it, but a stack trace only when asked for (PLAN_DEBUG=1).
        io.err(`plan failed: ${e?.message ?? String(err)}`);
        if (process.env.PLAN_DEBUG && e?.stack) {
            io.err(e.stack);
        }
        return 3;
    } finally {
        const h = handle ?? (packPromise ? await packPromise.catch(() => undefined) : undefined);
        await h?.close();
    }
}

if (require.main === module) {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
        process.once(signal, () => {
            // Ctrl-C: stop the pack we started (by pid) before leaving.
            stopAllPacksSync();
            process.stderr.write(`plan: interrupted (${signal})\n`);
            process.exit(code);
        });
    }
    void main(process.argv.slice(2), {
        out: (line) => process.stdout.write(line + "\n"),
        err: (line) => process.stderr.write(line + "\n"),
    }).then((code) => process.stdout.write("", () => process.exit(code)));
}
