// The coverage table: every requirement of the four anchor packs, with govstack's answer. One data
// file per source (<source>.json, rows as the sources publish them), read and checked against the
// schema in ./types.ts; docs/coverage.md is generated from this list (`npm run docs:coverage`).

import * as fs from "node:fs";
import * as path from "node:path";

import { ANCHOR_SOURCE_NAMES, AnchorRow, anchorSourceSchema, AnchorSource, SourceInfo } from "./types";

export * from "./types";

/** The data file of a source, e.g. policies/coverage/kics.json. */
export function anchorSourceFile(source: AnchorSource): string {
    return path.join(__dirname, `${source}.json`);
}

/**
 * A source's rows from its data file, checked against the schema. Throws an error naming the file,
 * the row (index and id) and the field for every mistake.
 */
export function loadAnchorSource(file: string): SourceInfo {
    const rel = path.relative(path.join(__dirname, "..", ".."), file);
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`Cannot read the coverage table ${rel}: ${(e as Error).message}`);
    }
    const parsed = anchorSourceSchema.safeParse(json);
    if (!parsed.success) {
        const rows = (json as { rows?: Array<{ id?: unknown }> } | null)?.rows;
        const where = (p: readonly PropertyKey[]) =>
            p
                .map((k, i) => (typeof k === "number" ? `[${k}]${i === 1 && typeof rows?.[k]?.id === "string" ? ` (id ${rows[k].id})` : ""}` : `${i ? "." : ""}${String(k)}`))
                .join("") || "(top level)";
        throw new Error(`Invalid coverage table ${rel}:\n${parsed.error.issues.map((i) => `  ${where(i.path)}: ${i.message}`).join("\n")}`);
    }
    return parsed.data;
}

/** The sources in docs/coverage.md's order. */
export const ANCHOR_SOURCES: readonly SourceInfo[] = ANCHOR_SOURCE_NAMES.map((name) => {
    const source = loadAnchorSource(anchorSourceFile(name));
    if (source.source !== name) {
        throw new Error(`Invalid coverage table policies/coverage/${name}.json: source is "${source.source}", expected "${name}"`);
    }
    return source;
});

/** Every row of every source, by id (ids are unique across sources; the coverage test checks it). */
export function anchorRowsById(sources: readonly SourceInfo[] = ANCHOR_SOURCES): Map<string, AnchorRow & { readonly source: SourceInfo }> {
    const byId = new Map<string, AnchorRow & { readonly source: SourceInfo }>();
    for (const source of sources) {
        for (const row of source.rows) {
            byId.set(row.id, { ...row, source });
        }
    }
    return byId;
}

/**
 * Policy name → the ids of the rows it covers, fully or partly, in the sources' order (docs/coverage.md's
 * by-policy table). Derived from the rows' `covered` lists, the only place that mapping is written.
 */
export function coveredRowsByPolicy(sources: readonly SourceInfo[] = ANCHOR_SOURCES): Map<string, string[]> {
    const byPolicy = new Map<string, string[]>();
    for (const row of sources.flatMap((s) => s.rows)) {
        for (const name of row.covered ?? []) {
            byPolicy.set(name, [...(byPolicy.get(name) ?? []), row.id]);
        }
    }
    return byPolicy;
}
