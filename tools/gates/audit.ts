// The dependency gate (issue 19; RA-5 vulnerability scanning, SI-2 flaw remediation): high and
// critical advisories against production dependencies fail the build unless a dated, approved
// acceptance in security/npm-audit-accepted.json covers them — the same shape as the pack's
// waivers (reason, approvedBy, expires), and like them an acceptance lapses by itself.

import { isCalendarDate } from "../../policies/lib/waivers";

/** Severities npm audit reports, least to most severe. */
export const SEVERITIES = ["info", "low", "moderate", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What fails the gate (`npm audit --audit-level=high`). */
export const BLOCKING: readonly Severity[] = ["high", "critical"];

/** The longest an acceptance may run from the day it is checked (the pack's staging waiver limit). */
export const MAX_ACCEPTANCE_DAYS = 90;

export interface Acceptance {
    /** The advisory: its GHSA id (GHSA-xxxx-xxxx-xxxx), or npm's numeric id where it has none. */
    readonly advisory: string;
    /** The vulnerable package the advisory is reported against (npm audit's `via[].name`). */
    readonly package: string;
    /** Why the risk is acceptable: not reachable, compensating control, the fix's ticket. */
    readonly reason: string;
    /** Who approved it (a code owner of security/) and the ticket. */
    readonly approvedBy: string;
    /** Last day (UTC, inclusive) the acceptance applies, YYYY-MM-DD. */
    readonly expires: string;
}

/** One advisory against one package, as npm audit reports it. */
export interface Finding {
    readonly advisory: string;
    readonly package: string;
    readonly severity: Severity;
    readonly title: string;
    readonly url: string;
    readonly range: string;
}

export interface AuditVerdict {
    /** High/critical with no acceptance in force: these fail the build. */
    readonly blocking: readonly Finding[];
    /** High/critical covered by an acceptance in force. */
    readonly accepted: ReadonlyArray<{ finding: Finding; acceptance: Acceptance }>;
    /** High/critical whose acceptance has lapsed (also in `blocking`). */
    readonly expired: ReadonlyArray<{ finding: Finding; acceptance: Acceptance }>;
    /** Below the threshold: reported, never blocking. */
    readonly belowThreshold: readonly Finding[];
    /** Acceptances that match no current finding: remove them. */
    readonly unused: readonly Acceptance[];
}

/** npm audit could not produce a report (registry unreachable, no lockfile): the gate fails closed. */
export class AuditUnavailableError extends Error {}

const FIELDS = ["advisory", "package", "reason", "approvedBy", "expires"] as const;

/** `today` plus `days`, as YYYY-MM-DD (UTC). */
export function addDays(today: string, days: number): string {
    const [y, m, d] = today.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today in UTC, YYYY-MM-DD (acceptances expire at the end of their UTC day). */
export function utcToday(now = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/**
 * Validates the acceptance file. A malformed entry accepts nothing and is an error (the gate then
 * fails: a typo must not silently re-open or hide a finding), as is one that runs longer than
 * MAX_ACCEPTANCE_DAYS from `today`.
 */
export function parseAcceptances(value: unknown, today: string): { acceptances: Acceptance[]; errors: string[] } {
    const list = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>).accepted : undefined;
    if (!Array.isArray(list)) {
        return { acceptances: [], errors: ['the file must be a JSON object with an "accepted" array'] };
    }
    const acceptances: Acceptance[] = [];
    const errors: string[] = [];
    const latest = addDays(today, MAX_ACCEPTANCE_DAYS);
    list.forEach((raw: unknown, i) => {
        const where = `accepted[${i}]`;
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
            errors.push(`${where}: must be an object with ${FIELDS.join(", ")}`);
            return;
        }
        const entry = raw as Record<string, unknown>;
        const problems: string[] = [];
        for (const field of FIELDS) {
            if (typeof entry[field] !== "string" || (entry[field] as string).trim() === "") {
                problems.push(`"${field}" is required (a non-empty string)`);
            }
        }
        for (const key of Object.keys(entry)) {
            if (!(FIELDS as readonly string[]).includes(key)) {
                problems.push(`unknown field "${key}"`);
            }
        }
        const expires = entry.expires;
        if (typeof expires === "string" && expires !== "") {
            if (!isCalendarDate(expires)) {
                problems.push(`"expires" must be a date YYYY-MM-DD, got "${expires}"`);
            } else if (expires > latest) {
                problems.push(`"expires" ${expires} is more than ${MAX_ACCEPTANCE_DAYS} days away (latest ${latest}): accept for less and review again`);
            }
        }
        if (problems.length > 0) {
            errors.push(`${where}${typeof entry.advisory === "string" ? ` (${entry.advisory})` : ""}: ${problems.join("; ")}`);
            return;
        }
        acceptances.push(entry as unknown as Acceptance);
    });
    return { acceptances, errors };
}

function severity(value: unknown): Severity {
    return (SEVERITIES as readonly unknown[]).includes(value) ? (value as Severity) : "critical"; // unknown: assume the worst
}

/** The advisory id: the GHSA id from the advisory URL, else npm's numeric `source`. */
function advisoryId(via: Record<string, unknown>): string {
    const url = typeof via.url === "string" ? via.url : "";
    const ghsa = /GHSA(-[0-9a-z]{4}){3}/i.exec(url);
    return ghsa ? ghsa[0] : String(via.source ?? url);
}

/**
 * The advisories in an `npm audit --json` report (auditReportVersion 2, npm 7+). Each advisory is
 * taken where npm lists it as an object: under the vulnerable package itself. A string in `via`
 * only says "through that package" (the same advisory again), so it is not counted twice.
 */
export function findingsFromAudit(report: unknown): Finding[] {
    if (report === null || typeof report !== "object") {
        throw new AuditUnavailableError("npm audit printed no JSON report");
    }
    const r = report as Record<string, unknown>;
    if (r.error || (typeof r.statusCode === "number" && r.statusCode >= 400) || (r.message && !r.vulnerabilities)) {
        const error = (r.error ?? {}) as Record<string, unknown>;
        const text = String(error.summary || r.message || JSON.stringify(r)).split("\n")[0];
        throw new AuditUnavailableError(`npm audit failed: ${text}`);
    }
    if (r.auditReportVersion !== 2 || typeof r.vulnerabilities !== "object" || r.vulnerabilities === null) {
        throw new AuditUnavailableError("not an npm audit report (expected auditReportVersion 2 with \"vulnerabilities\"): is npm older than 7?");
    }
    const findings = new Map<string, Finding>();
    for (const [name, vuln] of Object.entries(r.vulnerabilities as Record<string, Record<string, unknown>>)) {
        for (const via of Array.isArray(vuln.via) ? vuln.via : []) {
            if (via === null || typeof via !== "object") {
                continue;
            }
            const v = via as Record<string, unknown>;
            const finding: Finding = {
                advisory: advisoryId(v),
                package: typeof v.name === "string" ? v.name : name,
                severity: severity(v.severity),
                title: String(v.title ?? ""),
                url: String(v.url ?? ""),
                range: String(v.range ?? vuln.range ?? ""),
            };
            findings.set(`${finding.package}\n${finding.advisory}`, finding);
        }
    }
    return [...findings.values()].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.package.localeCompare(b.package));
}

/** Applies the acceptances in force on `today` (UTC, inclusive) to the findings. */
export function judgeAudit(findings: readonly Finding[], acceptances: readonly Acceptance[], today: string): AuditVerdict {
    const blocking: Finding[] = [];
    const accepted: Array<{ finding: Finding; acceptance: Acceptance }> = [];
    const expired: Array<{ finding: Finding; acceptance: Acceptance }> = [];
    const belowThreshold: Finding[] = [];
    const used = new Set<Acceptance>();
    for (const finding of findings) {
        if (!BLOCKING.includes(finding.severity)) {
            belowThreshold.push(finding);
            continue;
        }
        const matches = acceptances.filter((a) => a.advisory.toLowerCase() === finding.advisory.toLowerCase() && a.package === finding.package);
        matches.forEach((a) => used.add(a));
        const inForce = matches.find((a) => today <= a.expires);
        if (inForce) {
            accepted.push({ finding, acceptance: inForce });
        } else {
            blocking.push(finding);
            if (matches.length > 0) {
                expired.push({ finding, acceptance: matches[0] });
            }
        }
    }
    return { blocking, accepted, expired, belowThreshold, unused: acceptances.filter((a) => !used.has(a)) };
}

/** The verdict as the lines the CLI prints (blocking first, each with what to do). */
export function formatAudit(verdict: AuditVerdict): string[] {
    const line = (f: Finding) => `${f.severity.toUpperCase()} ${f.package} ${f.range}: ${f.advisory} ${f.title} ${f.url}`.replace(/\s+/g, " ").trim();
    const expiredFor = new Map(verdict.expired.map((e) => [e.finding, e.acceptance]));
    const out: string[] = [];
    for (const f of verdict.blocking) {
        const lapsed = expiredFor.get(f);
        out.push(`BLOCKED ${line(f)}${lapsed ? ` (acceptance expired ${lapsed.expires}, approved by ${lapsed.approvedBy})` : ""}`);
    }
    for (const { finding, acceptance } of verdict.accepted) {
        out.push(`accepted until ${acceptance.expires} (approved by ${acceptance.approvedBy}: ${acceptance.reason}) ${line(finding)}`);
    }
    for (const f of verdict.belowThreshold) {
        out.push(`below threshold ${line(f)}`);
    }
    for (const a of verdict.unused) {
        out.push(`unused acceptance ${a.advisory} for ${a.package} (expires ${a.expires}): no such finding any more, remove it`);
    }
    return out;
}
