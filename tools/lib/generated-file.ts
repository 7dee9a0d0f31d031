// One way for every generator (docs:policies, docs:coverage, docs:controls, compliance:baseline) to
// take its command line and write its output or, with --check, say whether the committed file is
// current: CI and the docs tests rely on the same exit codes and wording everywhere.

import * as fs from "fs";
import * as path from "path";

import { parseCommandLine, UsageError } from "./cli-args";

/**
 * Writes `text` to `file`, or with `check` compares it with what is on disk. Returns the exit code:
 * 0 written or current, 1 stale (the message names the npm script that regenerates it).
 */
export function writeOrCheckGenerated(file: string, text: string, script: string, check: boolean): number {
    const rel = path.relative(process.cwd(), file);
    if (check) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (current !== text) {
            console.error(`${rel} is stale; run \`npm run ${script}\` and commit the result.`);
            return 1;
        }
        console.log(`${rel} is current.`);
        return 0;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`Wrote ${rel} (${text.split("\n").length} lines).`);
    return 0;
}

/**
 * A generator's whole run for `argv` (`[--check]`): renders `file`'s text, then writes or checks it.
 * Returns the exit code: 0 and 1 as writeOrCheckGenerated, 2 a command line it does not take
 * (printed with the usage), 3 the render failed ("<script> failed: <message>").
 */
export async function runGenerator(argv: readonly string[], script: string, file: string, render: () => string | Promise<string>): Promise<number> {
    let check: boolean;
    try {
        check = parseCommandLine(argv, { check: { type: "boolean" } }).values.check ?? false;
    } catch (err) {
        if (err instanceof UsageError) {
            console.error(`${script}: ${err.message}\n\nusage: npm run ${script} [-- --check]`);
            return 2;
        }
        throw err;
    }
    let text: string;
    try {
        text = await render();
    } catch (err) {
        console.error(`${script} failed: ${err instanceof Error ? err.message : String(err)}`);
        return 3;
    }
    return writeOrCheckGenerated(file, text, script, check);
}

/**
 * The entry point of a generator run as a script: runGenerator on the process's arguments, then
 * exit with its code (explicitly: an evaluated Pulumi program may leave handles open).
 */
export function generatorMain(script: string, file: string, render: () => string | Promise<string>): void {
    void runGenerator(process.argv.slice(2), script, file, render).then((code) => process.exit(code));
}
