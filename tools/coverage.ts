// `npm run coverage` runs c8 over the mocha suite, then this: the per-folder gate over c8's
// coverage/coverage-summary.json. Exit 0 pass, 1 below a threshold, 2 no summary to read.
//   --markdown   print the table as Markdown (the CI job summary, the README)

import * as fs from "node:fs";
import * as path from "node:path";

import { checkCoverage, coverageTable, CoverageSummary } from "./gates/coverage";
import { PROJECT_ROOT } from "./lib/stack-config";

export const SUMMARY_PATH = path.join(PROJECT_ROOT, "coverage", "coverage-summary.json");

export function main(argv: string[], summaryPath = SUMMARY_PATH): number {
    if (!fs.existsSync(summaryPath)) {
        process.stderr.write(`coverage: ${path.relative(PROJECT_ROOT, summaryPath)} not found: run \`npm run coverage\` (c8 writes it)\n`);
        return 2;
    }
    const summary = JSON.parse(fs.readFileSync(summaryPath, "utf8")) as CoverageSummary;
    const verdict = checkCoverage(summary, PROJECT_ROOT);
    const table = coverageTable(verdict);
    process.stdout.write(argv.includes("--markdown") ? `### Coverage by folder\n\n${table}\n` : `\ncoverage by folder\n${table}\n`);
    for (const failure of verdict.failures) {
        process.stderr.write(`coverage: ${failure}\n`);
    }
    return verdict.failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
