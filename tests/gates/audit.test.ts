import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { auditGate, ACCEPTANCES_PATH } from "../../tools/audit-gate";
import { Acceptance, addDays, AuditUnavailableError, findingsFromAudit, formatAudit, judgeAudit, parseAcceptances, utcToday } from "../../tools/gates/audit";

const TODAY = "2026-12-06";

interface Advisory {
    ghsa: string;
    severity: string;
    title?: string;
    pkg?: string;
}

/** An `npm audit --json` report (auditReportVersion 2) built the way npm builds it. */
function report(vulns: Record<string, { advisories?: Advisory[]; through?: string[] }>): object {
    const vulnerabilities: Record<string, object> = {};
    for (const [name, v] of Object.entries(vulns)) {
        const via = [
            ...(v.advisories ?? []).map((a, i) => ({
                source: 1100000 + i,
                name: a.pkg ?? name,
                dependency: a.pkg ?? name,
                title: a.title ?? `${a.severity} bug in ${name}`,
                url: `https://github.com/advisories/${a.ghsa}`,
                severity: a.severity,
                cwe: ["CWE-400"],
                cvss: { score: 7.5, vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" },
                range: "<1.2.3",
            })),
            ...(v.through ?? []),
        ];
        vulnerabilities[name] = { name, severity: "high", isDirect: false, via, effects: [], range: "<1.2.3", nodes: [`node_modules/${name}`], fixAvailable: true };
    }
    return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: {}, dependencies: {} } };
}

function acceptance(extra: Partial<Acceptance> = {}): Acceptance {
    return { advisory: "GHSA-aaaa-bbbb-cccc", package: "left-pad", reason: "not reachable: only used at build time; fix in PLAT-12", approvedBy: "jane.doe (ISSO), SEC-1", expires: "2026-12-31", ...extra };
}

describe("npm audit gate (tools/gates/audit, tools/audit-gate)", () => {
    describe("reading npm audit's report", () => {
        it("takes each advisory where npm lists it (under the vulnerable package) with its GHSA id, severity and range", () => {
            const findings = findingsFromAudit(report({ "left-pad": { advisories: [{ ghsa: "GHSA-aaaa-bbbb-cccc", severity: "critical", title: "ReDoS" }] } }));
            assert.deepStrictEqual(findings, [
                { advisory: "GHSA-aaaa-bbbb-cccc", package: "left-pad", severity: "critical", title: "ReDoS", url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", range: "<1.2.3" },
            ]);
        });

        it("does not count an advisory twice for the packages it reaches through (string `via`)", () => {
            const findings = findingsFromAudit(
                report({
                    "left-pad": { advisories: [{ ghsa: "GHSA-aaaa-bbbb-cccc", severity: "high" }] },
                    "uses-left-pad": { through: ["left-pad"] },
                }),
            );
            assert.deepStrictEqual(findings.map((f) => `${f.package} ${f.advisory}`), ["left-pad GHSA-aaaa-bbbb-cccc"]);
        });

        it("treats an unknown severity as critical (an unreadable report must not pass)", () => {
            const [finding] = findingsFromAudit(report({ x: { advisories: [{ ghsa: "GHSA-aaaa-bbbb-cccc", severity: "severe" }] } }));
            assert.strictEqual(finding.severity, "critical");
        });

        it("fails closed when npm audit could not produce a report (registry error, old npm, no JSON)", () => {
            // npm 11's shape when the advisory endpoint refuses: the message at the top, an empty error.summary.
            const npm11Error = {
                message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
                statusCode: 405,
                body: "",
                error: { summary: "", detail: "" },
            };
            assert.throws(() => findingsFromAudit(npm11Error), (e: Error) => e instanceof AuditUnavailableError && /405 Method Not Allowed/.test(e.message));
            assert.throws(() => findingsFromAudit({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } }), /requires an existing lockfile/);
            assert.throws(() => findingsFromAudit({ advisories: {} }), /auditReportVersion 2/);
            assert.throws(() => findingsFromAudit(null), AuditUnavailableError);
        });

        it("reads a clean report as no findings", () => {
            assert.deepStrictEqual(findingsFromAudit(report({})), []);
        });
    });

    describe("judging", () => {
        const findings = () =>
            findingsFromAudit(
                report({
                    "left-pad": { advisories: [{ ghsa: "GHSA-aaaa-bbbb-cccc", severity: "high" }] },
                    "is-odd": { advisories: [{ ghsa: "GHSA-dddd-eeee-ffff", severity: "moderate" }] },
                }),
            );

        it("blocks high and critical without an acceptance; moderate and below are reported, never blocking", () => {
            const verdict = judgeAudit(findings(), [], TODAY);
            assert.deepStrictEqual(verdict.blocking.map((f) => f.package), ["left-pad"]);
            assert.deepStrictEqual(verdict.belowThreshold.map((f) => f.package), ["is-odd"]);
        });

        it("an acceptance in force (through its expiry day, UTC) turns a blocking finding into an accepted one", () => {
            for (const today of [TODAY, "2026-12-31"]) {
                const verdict = judgeAudit(findings(), [acceptance()], today);
                assert.deepStrictEqual(verdict.blocking, [], today);
                assert.strictEqual(verdict.accepted[0].acceptance.approvedBy, "jane.doe (ISSO), SEC-1");
            }
        });

        it("an expired acceptance blocks again and says so", () => {
            const verdict = judgeAudit(findings(), [acceptance()], "2027-01-01");
            assert.deepStrictEqual(verdict.blocking.map((f) => f.package), ["left-pad"]);
            assert.strictEqual(verdict.expired.length, 1);
            assert.match(formatAudit(verdict)[0], /^BLOCKED HIGH left-pad <1\.2\.3: GHSA-aaaa-bbbb-cccc .* \(acceptance expired 2026-12-31, approved by jane\.doe \(ISSO\), SEC-1\)$/);
        });

        it("accepts only the named advisory on the named package", () => {
            assert.strictEqual(judgeAudit(findings(), [acceptance({ package: "right-pad" })], TODAY).blocking.length, 1);
            assert.strictEqual(judgeAudit(findings(), [acceptance({ advisory: "GHSA-zzzz-zzzz-zzzz" })], TODAY).blocking.length, 1);
            assert.strictEqual(judgeAudit(findings(), [acceptance({ advisory: "ghsa-AAAA-bbbb-cccc" })], TODAY).blocking.length, 0, "GHSA ids are case-insensitive");
        });

        it("lists acceptances that match nothing any more, so they get removed", () => {
            const stale = acceptance({ advisory: "GHSA-zzzz-zzzz-zzzz" });
            const verdict = judgeAudit(findings(), [acceptance(), stale], TODAY);
            assert.deepStrictEqual(verdict.unused, [stale]);
            assert.ok(formatAudit(verdict).some((l) => l.startsWith("unused acceptance GHSA-zzzz-zzzz-zzzz for left-pad")));
        });
    });

    describe("the acceptance file", () => {
        it("requires every field as a non-empty string, a real date and nothing else", () => {
            const { acceptances, errors } = parseAcceptances(
                {
                    accepted: [
                        acceptance(),
                        { ...acceptance(), reason: "" },
                        { ...acceptance(), expires: "2026-02-30" },
                        { ...acceptance(), severity: "high" },
                        "GHSA-aaaa-bbbb-cccc",
                    ],
                },
                TODAY,
            );
            assert.strictEqual(acceptances.length, 1);
            assert.deepStrictEqual(errors, [
                'accepted[1] (GHSA-aaaa-bbbb-cccc): "reason" is required (a non-empty string)',
                'accepted[2] (GHSA-aaaa-bbbb-cccc): "expires" must be a date YYYY-MM-DD, got "2026-02-30"',
                'accepted[3] (GHSA-aaaa-bbbb-cccc): unknown field "severity"',
                "accepted[4]: must be an object with advisory, package, reason, approvedBy, expires",
            ]);
        });

        it("refuses an acceptance longer than 90 days: risk is re-reviewed, not parked", () => {
            assert.strictEqual(addDays(TODAY, 90), "2027-03-06");
            assert.deepStrictEqual(parseAcceptances({ accepted: [acceptance({ expires: "2027-03-06" })] }, TODAY).errors, []);
            assert.match(parseAcceptances({ accepted: [acceptance({ expires: "2027-03-07" })] }, TODAY).errors[0], /more than 90 days away \(latest 2027-03-06\)/);
        });

        it("must be an object with an accepted array", () => {
            assert.deepStrictEqual(parseAcceptances([], TODAY).errors, ['the file must be a JSON object with an "accepted" array']);
        });

        it("the committed file is valid and accepts nothing that has expired", () => {
            const { acceptances, errors } = parseAcceptances(JSON.parse(fs.readFileSync(ACCEPTANCES_PATH, "utf8")), utcToday());
            assert.deepStrictEqual(errors, []);
            for (const a of acceptances) {
                assert.ok(a.expires >= utcToday(), `${a.advisory} expired ${a.expires}: remove it or renew it with a new approval`);
            }
        });
    });

    describe("npm run audit:gate", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-audit-"));
        const file = path.join(dir, "accepted.json");
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        function gate(rep: unknown, accepted: unknown[]): { code: number; lines: string[] } {
            fs.writeFileSync(file, JSON.stringify({ accepted }));
            const lines: string[] = [];
            const code = auditGate({ report: rep, acceptancesPath: file, today: TODAY, write: (l) => lines.push(l) });
            return { code, lines };
        }

        const critical = report({ "left-pad": { advisories: [{ ghsa: "GHSA-aaaa-bbbb-cccc", severity: "critical" }] } });

        it("exits 0 on a clean report", () => {
            const r = gate(report({}), []);
            assert.strictEqual(r.code, 0);
            assert.match(r.lines[r.lines.length - 1], /^audit: 0 blocking, 0 accepted, 0 below high, as of 2026-12-06/);
        });

        it("exits 1 on a critical advisory, 0 once it is accepted", () => {
            assert.strictEqual(gate(critical, []).code, 1);
            assert.strictEqual(gate(critical, [acceptance()]).code, 0);
        });

        it("exits 1 on a malformed acceptance file even when nothing is found", () => {
            const r = gate(report({}), [{ advisory: "GHSA-aaaa-bbbb-cccc" }]);
            assert.strictEqual(r.code, 1);
            assert.ok(r.lines[0].startsWith("INVALID "), r.lines[0]);
        });

        it("exits 2 when npm audit produced no report", () => {
            const r = gate({ message: "request to registry failed, reason: getaddrinfo ENOTFOUND", statusCode: 599 }, []);
            assert.strictEqual(r.code, 2);
            assert.match(r.lines[0], /^audit: npm audit failed: request to registry failed/);
        });
    });
});
