// Coverage by top-level folder (issue 19). c8 writes istanbul's json-summary (one entry per file,
// absolute paths); c8's own --check-coverage only knows global or per-file numbers, so the gate
// sums files per top-level folder here. Folders, not files: files move (rules/<area>/,
// components/<concern>/) and a folder's number is what the README quotes.

import * as path from "node:path";

/** One istanbul metric: `pct` is recomputed from total/covered, never trusted from the file. */
export interface Metric {
    total: number;
    covered: number;
}

/** An entry of coverage/coverage-summary.json (istanbul json-summary). */
export interface FileSummary {
    lines: Metric;
    branches: Metric;
}

/** coverage/coverage-summary.json: `total` plus one entry per absolute file path. */
export type CoverageSummary = Record<string, FileSummary>;

export interface Threshold {
    /** Minimum % of lines covered. */
    lines: number;
    /** Minimum % of branches covered. */
    branches: number;
}

/**
 * The gate (SA-11 developer testing): at least 80 % lines and branches in every folder of product
 * code. infra/, policies/ and tools/ are the floor; delivery/ and app/src/ are held to the
 * same number because they ship too (the delivery program, the container).
 */
export const COVERAGE_THRESHOLDS: Record<string, Threshold> = {
    infra: { lines: 80, branches: 80 },
    policies: { lines: 80, branches: 80 },
    tools: { lines: 80, branches: 80 },
    delivery: { lines: 80, branches: 80 },
    app: { lines: 80, branches: 80 },
};

export interface FolderCoverage {
    folder: string;
    files: number;
    lines: Metric & { pct: number };
    branches: Metric & { pct: number };
}

export interface CoverageVerdict {
    folders: FolderCoverage[];
    /** One sentence per shortfall; empty when the gate passes. */
    failures: string[];
}

/** istanbul's convention: nothing to cover is 100 % covered. Two decimals, rounded down. */
export function percent(m: Metric): number {
    return m.total === 0 ? 100 : Math.floor((m.covered / m.total) * 10000) / 100;
}

/** The top-level folder of `file` under `root`, or undefined for a file outside it. */
export function topFolder(root: string, file: string): string | undefined {
    const rel = path.relative(root, file);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
        return undefined;
    }
    const parts = rel.split(path.sep);
    return parts.length > 1 ? parts[0] : ".";
}

/** Sums the per-file entries of a summary by top-level folder (the `total` entry is ignored). */
export function folderCoverage(summary: CoverageSummary, root: string): FolderCoverage[] {
    const sums = new Map<string, { files: number; lines: Metric; branches: Metric }>();
    for (const [file, entry] of Object.entries(summary)) {
        const folder = file === "total" ? undefined : topFolder(root, file);
        if (!folder) {
            continue;
        }
        const sum = sums.get(folder) ?? { files: 0, lines: { total: 0, covered: 0 }, branches: { total: 0, covered: 0 } };
        sum.files += 1;
        sum.lines.total += entry.lines.total;
        sum.lines.covered += entry.lines.covered;
        sum.branches.total += entry.branches.total;
        sum.branches.covered += entry.branches.covered;
        sums.set(folder, sum);
    }
    return [...sums.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([folder, s]) => ({
            folder,
            files: s.files,
            lines: { ...s.lines, pct: percent(s.lines) },
            branches: { ...s.branches, pct: percent(s.branches) },
        }));
}

/**
 * Every folder with a threshold must have been measured (a folder that vanished from the report
 * means c8's include list is wrong, not that the code is covered) and meet both numbers.
 */
export function checkCoverage(summary: CoverageSummary, root: string, thresholds: Record<string, Threshold> = COVERAGE_THRESHOLDS): CoverageVerdict {
    const folders = folderCoverage(summary, root);
    const failures: string[] = [];
    for (const [folder, min] of Object.entries(thresholds)) {
        const measured = folders.find((f) => f.folder === folder);
        if (!measured) {
            failures.push(`${folder}/: no file measured (check "include" in .c8rc.json)`);
            continue;
        }
        for (const metric of ["lines", "branches"] as const) {
            if (measured[metric].pct < min[metric]) {
                const { covered, total, pct } = measured[metric];
                failures.push(`${folder}/: ${metric} ${pct} % (${covered}/${total}) is below the threshold of ${min[metric]} %`);
            }
        }
    }
    return { folders, failures };
}

/** The folders as a Markdown table (README, job summary), gated folders marked with their threshold. */
export function coverageTable(verdict: CoverageVerdict, thresholds: Record<string, Threshold> = COVERAGE_THRESHOLDS): string {
    const rows = verdict.folders.map((f) => {
        const min = thresholds[f.folder];
        const gate = min ? `≥ ${min.lines} % / ≥ ${min.branches} %` : "not gated";
        return `| \`${f.folder}/\` | ${f.lines.pct} % (${f.lines.covered}/${f.lines.total}) | ${f.branches.pct} % (${f.branches.covered}/${f.branches.total}) | ${gate} |`;
    });
    return ["| Folder | Lines | Branches | Gate (lines / branches) |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
