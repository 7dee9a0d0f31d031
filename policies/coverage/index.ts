// The coverage table: every requirement of the four anchor packs, with govstack's answer. One file
// per source; docs/coverage.md is generated from this list (`npm run docs:coverage`).

import { AWSGUARD } from "./awsguard";
import { CDK_NAG } from "./cdk-nag";
import { KICS } from "./kics";
import { PULUMI_COMPLIANCE } from "./pulumi-compliance";
import type { AnchorRow, SourceInfo } from "./types";

export * from "./types";

/** The sources in docs/coverage.md's order. */
export const ANCHOR_SOURCES: readonly SourceInfo[] = [CDK_NAG, PULUMI_COMPLIANCE, AWSGUARD, KICS];

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
