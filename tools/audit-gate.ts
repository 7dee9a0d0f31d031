// `npm run audit:gate`: `npm audit --json --omit=dev` judged against security/npm-audit-accepted.json.
// Exit 0 pass, 1 a high/critical advisory without an acceptance in force (or a malformed
// acceptance file), 2 npm audit produced no report (fails closed: no report is not a clean report).
//   --report <file>   judge a saved `npm audit --json` report instead of running npm audit
//   --today <date>    judge as of that UTC day (YYYY-MM-DD), for a what-if before an expiry

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

import { AuditUnavailableError, findingsFromAudit, formatAudit, judgeAudit, parseAcceptances, utcToday } from "./gates/audit";
import { PROJECT_ROOT } from "./lib/stack-config";

export const ACCEPTANCES_PATH = path.join(PROJECT_ROOT, "security", "npm-audit-accepted.json");

/** Runs npm audit on the production dependencies; npm exits non-zero when it finds anything. */
function runNpmAudit(): unknown {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["audit", "--json", "--omit=dev"], { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    try {
        return JSON.parse(r.stdout);
    } catch {
        throw new AuditUnavailableError(`npm audit printed no JSON (exit ${r.status}): ${(r.stderr || r.stdout || "").trim().split("\n")[0]}`);
    }
}

export interface GateOptions {
    report?: unknown;
    acceptancesPath?: string;
    today?: string;
    write?: (line: string) => void;
}

export function auditGate(options: GateOptions = {}): number {
    const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
    const today = options.today ?? utcToday();
    const file = options.acceptancesPath ?? ACCEPTANCES_PATH;
    const { acceptances, errors } = parseAcceptances(JSON.parse(fs.readFileSync(file, "utf8")), today);
    for (const e of errors) {
        write(`INVALID ${path.relative(PROJECT_ROOT, file)} ${e}`);
    }
    let findings;
    try {
        findings = findingsFromAudit(options.report ?? runNpmAudit());
    } catch (e) {
        if (e instanceof AuditUnavailableError) {
            write(`audit: ${e.message}`);
            return 2;
        }
        throw e;
    }
    const verdict = judgeAudit(findings, acceptances, today);
    formatAudit(verdict).forEach((l) => write(l));
    write(
        `audit: ${verdict.blocking.length} blocking, ${verdict.accepted.length} accepted, ${verdict.belowThreshold.length} below high, ` +
            `as of ${today} (production dependencies; acceptances: ${path.relative(PROJECT_ROOT, file)})`,
    );
    return verdict.blocking.length > 0 || errors.length > 0 ? 1 : 0;
}

function option(argv: string[], name: string): string | undefined {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
}

if (require.main === module) {
    const argv = process.argv.slice(2);
    const reportFile = option(argv, "--report");
    process.exitCode = auditGate({
        report: reportFile ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : undefined,
        today: option(argv, "--today"),
    });
}
