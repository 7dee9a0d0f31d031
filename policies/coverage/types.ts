// The coverage table's row shape: one requirement of an anchor pack (a rule of cdk-nag's NIST
// 800-53 rev5 pack, a Pulumi compliance policy, an AWSGuard policy or a KICS query) and what
// govstack does about it. Policies name the rows they cover in their spec's `anchors`; the test in
// tests/policies/coverage.test.ts keeps both sides in step, and tools/coverage-docs.ts renders
// docs/coverage.md. This folder is data for the docs and tests: the pack never loads it.

/** The four packs teams compare govstack-guard with. */
export type AnchorSource = "cdk-nag" | "pulumi-compliance" | "awsguard" | "kics";

interface RowBase {
    /**
     * The rule id exactly as the source names it, unique across sources: cdk-nag's reported id
     * (`NIST.800.53.R5-EC2IMDSv2Enabled`), the Pulumi or AWSGuard policy name, the KICS query UUID.
     */
    readonly id: string;
    /** KICS only: the query's name (its id is a UUID). */
    readonly name?: string;
    /** The Pulumi type token the requirement concerns (its main one when the source checks several). */
    readonly type: string;
    /** What the source checks, in its own words (one line). */
    readonly requirement: string;
}

/**
 * Exactly one outcome per row:
 * - `covered`: the govstack policies that block it (each must name this row's id in `anchors`);
 *   with `partial`, what they do not block.
 * - `gap`: in scope but not blocked yet, and who closes it (an issue item) or "no policy yet: …".
 * - `outOfScope`: why govstack does not block it (one line).
 */
export type AnchorRow = RowBase &
    (
        | { readonly covered: readonly string[]; readonly partial?: string; readonly gap?: never; readonly outOfScope?: never }
        | { readonly gap: string; readonly covered?: never; readonly partial?: never; readonly outOfScope?: never }
        | { readonly outOfScope: string; readonly covered?: never; readonly partial?: never; readonly gap?: never }
    );

export interface SourceInfo {
    readonly source: AnchorSource;
    /** Heading in docs/coverage.md. */
    readonly title: string;
    /** Where the ids were read, and at which commit. */
    readonly origin: string;
    readonly rows: readonly AnchorRow[];
}

export type Outcome = "covered" | "partial" | "gap" | "outOfScope";

export function outcomeOf(row: AnchorRow): Outcome {
    if (row.covered !== undefined) {
        return row.partial !== undefined ? "partial" : "covered";
    }
    return row.gap !== undefined ? "gap" : "outOfScope";
}
