// One way for every generator (docs:policies, docs:coverage, docs:controls, compliance:baseline) to
// write its output or, with --check, say whether the committed file is current: CI and the docs tests
// rely on the same exit codes and wording everywhere.

import * as fs from "fs";
import * as path from "path";

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
