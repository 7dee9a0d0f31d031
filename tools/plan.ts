import * as fs from "fs";
import * as path from "path";

import { parseCommandLine, UsageError } from "./lib/cli-args";
import { listStacks, PROJECT_ROOT } from "./lib/stack-config";
import { isSettingsError, SettingsError } from "./plan/errors";
import { launchPack } from "./plan/pack-launch";
import { stopAllPacksSync } from "./plan/pack-process";
import type { PackHandle, PlanResult, RunPlanOptions } from "./plan/run-plan";

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

exit codes:
  0  pass: no mandatory violation
  1  blocked: a mandatory policy failed (the CLI would stop the update)
  2  a mistake you can fix: arguments; Pulumi.<stack>.yaml or its ESC environment (YAML syntax,
     a setting's type, enum or range, a missing or unknown key, a key no provider defines); the
     pack config (JSON syntax, a repeated key, an unknown policy or option, a value its config
     schema refuses, a malformed waiver). One short message names the file, the key and what is
     allowed; no stack trace (PLAN_DEBUG=1 prints it). With several stacks, the others are
     still planned and reported, and the run exits 2
  3  internal error: the program or the pack failed (PLAN_DEBUG=1 prints the stack trace)
A waiver that names no resource of the stack, or has expired, is a warning on stderr, not an error.`;

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

/** The flags the plan takes, for node:util parseArgs (USAGE above says what each does). */
const OPTIONS = {
    help: { type: "boolean", short: "h" },
    all: { type: "boolean" },
    out: { type: "string" },
    pack: { type: "string" },
    "policy-config": { type: "string" },
    root: { type: "string" },
    "no-build": { type: "boolean" },
} as const;

/** A directory named on the command line; one that does not exist is a mistake the user can fix (exit 2). */
function existingDir(flag: string, value: string, what: string): string {
    const dir = path.resolve(value);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new UsageError(`${flag} ${value}: no such directory; ${flag} names ${what}`);
    }
    return dir;
}

/** `--out <dir>`: created when missing, but a file of that name is a mistake (found before planning, not after). */
function outDir(value: string): string {
    if (fs.existsSync(value) && !fs.statSync(value).isDirectory()) {
        throw new UsageError(`--out ${value}: is a file; --out names a directory (the plan writes <dir>/<stack>/)`);
    }
    return value;
}

/** `--pack <dir>`: a directory holding a policy pack (its PulumiPolicy.yaml and package.json). */
function packDir(value: string): string {
    const dir = existingDir("--pack", value, "a policy pack directory");
    const missing = ["PulumiPolicy.yaml", "package.json"].filter((f) => !fs.existsSync(path.join(dir, f)));
    if (missing.length > 0) {
        throw new UsageError(`--pack ${value}: not a policy pack (no ${missing.join(" or ")}); --pack names a directory holding PulumiPolicy.yaml and package.json`);
    }
    return dir;
}

/** The options in one line, for a usage mistake (the full text is `--help`). */
const OPTIONS_LINE = "options: --all, --out <dir>, --pack <dir>, --policy-config <file>, --root <dir>, --no-build, --help";

/** @throws UsageError for a command line the plan cannot run with (printed with the options line, exit 2). */
function parseArgs(argv: string[]): Args | "help" {
    const { values, positionals: stacks } = parseCommandLine(argv, OPTIONS, /* stack names */ true);
    if (values.help) {
        return "help";
    }
    const root = values.root === undefined ? PROJECT_ROOT : existingDir("--root", values.root, "the project directory holding Pulumi.yaml");
    if (values.all && stacks.length > 0) {
        throw new UsageError("Give either stack names or --all, not both");
    }
    if (!values.all && stacks.length === 0) {
        throw new UsageError(`Which stack? Give a stack name (${listStacks(root).join(", ") || "none found"}) or --all`);
    }
    const known = listStacks(root);
    for (const s of stacks) {
        if (!known.includes(s)) {
            throw new SettingsError(`Unknown stack "${s}": there is no Pulumi.${s}.yaml; stacks: ${known.join(", ") || "none"}`);
        }
    }
    return {
        stacks: values.all ? "all" : stacks,
        out: outDir(values.out ?? "out"),
        pack: values.pack ? packDir(values.pack) : path.join(PROJECT_ROOT, "policies"),
        policyConfig: values["policy-config"],
        root,
        build: values["no-build"] ? "never" : "auto",
    };
}

/** A path as the user would type it: relative when below the working directory. */
function display(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") ? rel : file;
}

/** PLAN_DEBUG=1: the stack trace, and the one of the error it wraps. */
function debugTrace(err: Error, io: CliIo): void {
    let e: unknown = err;
    for (let depth = 0; e instanceof Error && depth < 4; depth++, e = e.cause) {
        io.err(e.stack ?? String(e));
    }
}

/** Prints `text` for a failure, and with PLAN_DEBUG=1 the trace of `err` (never otherwise). */
function explain(text: string, err: Error, io: CliIo): void {
    io.err(text);
    if (process.env.PLAN_DEBUG) {
        debugTrace(err, io);
    }
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
            throw new SettingsError(`No Pulumi.<stack>.yaml in ${args.root}`);
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
        let mistaken = false;
        // A mistake in a file the stacks share (a --policy-config) is the same for each: said once.
        const said = new Set<string>();
        const packStarted = packPromise.then(
            () => true,
            () => false,
        );
        for (const stack of stacks) {
            const options: RunPlanOptions = { root: args.root, packDir: args.pack, pack: packPromise, log, packConfig: args.policyConfig };
            let result: PlanResult;
            try {
                result = await runPlan(stack, options);
            } catch (err) {
                // A mistake in one stack's files (settings, pack config) is reported and the other
                // stacks are still planned, so one run lists every stack's mistakes; the run then
                // exits 2 (no verdict for that stack). A pack that did not start concerns every stack.
                if (stacks.length > 1 && isSettingsError(err) && (await packStarted)) {
                    if (!said.has(err.message)) {
                        said.add(err.message);
                        explain(`plan: ${err.message}`, err, io);
                    }
                    mistaken = true;
                    continue;
                }
                throw err;
            }
            handle = await packPromise;
            const dir = path.resolve(args.out, stack);
            log(`${stack}: writing ${display(dir)}/{plan.json,report.md,report.sarif,diagram.mmd,controls.md,assessment-results.json}`);
            writeOutputs(result, dir);
            blocked ||= result.mandatory > 0;
            io.out(`${verdictLine(result)} → ${display(path.join(dir, "report.md"))}`);
        }
        return mistaken ? 2 : blocked ? 1 : 0;
    } catch (err) {
        if (err instanceof UsageError) {
            // One short paragraph, like every other mistake; `--help` prints the whole usage.
            explain(`plan: ${err.message}\n${OPTIONS_LINE} (\`npm run plan -- --help\` says what each does)`, err, io);
            return 2;
        }
        if (isSettingsError(err)) {
            explain(`plan: ${err.message}`, err, io);
            return 2;
        }
        // An unexpected failure: name it, but a stack trace only when asked for (PLAN_DEBUG=1).
        const e = err instanceof Error ? err : new Error(String(err));
        explain(`plan failed: ${e.message}`, e, io);
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
