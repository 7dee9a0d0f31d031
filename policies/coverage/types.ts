// The coverage table's row shape, declared once as a schema: one requirement of an anchor pack (a
// rule of cdk-nag's NIST 800-53 rev5 pack, a Pulumi compliance policy, an AWSGuard policy or a KICS
// query) and what govstack does about it. The rows are data (<source>.json beside this file), read
// and checked against this schema by ./index.ts; the types below are inferred from it. A row's
// `covered` list is the one place "policy P blocks rule R" is written: the policies do not repeat it,
// and docs/coverage.md's by-policy table is derived from the rows (`coveredRowsByPolicy`).
// tests/policies/coverage.test.ts checks the names, and tools/coverage-docs.ts renders
// docs/coverage.md. The pack never loads this folder.

import { z } from "zod";

/** The four packs teams compare govstack-guard with, in docs/coverage.md's order. */
export const ANCHOR_SOURCE_NAMES = ["cdk-nag", "pulumi-compliance", "awsguard", "kics"] as const;
export type AnchorSource = (typeof ANCHOR_SOURCE_NAMES)[number];

/** A one-line, non-empty text. */
const line = z.string().refine((t) => t.trim() !== "" && !t.includes("\n"), "must be one non-empty line");

const OUTCOMES = ["covered", "gap", "outOfScope"] as const;

const anchorRowSchema = z
    .strictObject({
        /**
         * The rule id exactly as the source names it, unique across sources: cdk-nag's reported id
         * (`NIST.800.53.R5-EC2IMDSv2Enabled`), the Pulumi or AWSGuard policy name, the KICS query UUID.
         */
        id: line,
        /** KICS only: the query's name (its id is a UUID). */
        name: line.optional(),
        /** The Pulumi type token the requirement concerns (its main one when the source checks several). */
        type: z.string().regex(/^(aws:[\w*]|pulumi:providers:)/, "must be a Pulumi type token"),
        /** What the source checks, in its own words (one line). */
        requirement: line,
        /** The govstack policies that block it: at least one, each once (the test checks they exist). */
        covered: z
            .array(z.string())
            .min(1, "names no policy (use gap or outOfScope)")
            .refine((names) => new Set(names).size === names.length, "names a policy twice")
            .optional(),
        /** With `covered`: what those policies do not block. */
        partial: line.optional(),
        /** In scope but not blocked yet, and who closes it (an issue item) or "no policy yet: …". */
        gap: line.optional(),
        /** Why govstack does not block it (one line). */
        outOfScope: line.optional(),
    })
    .superRefine((row, ctx) => {
        const given = OUTCOMES.filter((o) => row[o] !== undefined);
        if (given.length !== 1) {
            ctx.addIssue({ code: "custom", message: `needs exactly one of ${OUTCOMES.join(", ")}; has ${given.length === 0 ? "none" : given.join(" and ")}` });
        }
        if (row.partial !== undefined && row.covered === undefined) {
            ctx.addIssue({ code: "custom", path: ["partial"], message: "only goes with covered" });
        }
    });

/** Exactly one outcome per row (the schema refuses any other): covered (+ partial), gap or outOfScope. */
export type AnchorRow = Readonly<z.infer<typeof anchorRowSchema>>;

export const anchorSourceSchema = z.strictObject({
    source: z.enum(ANCHOR_SOURCE_NAMES),
    /** Heading in docs/coverage.md. */
    title: line,
    /** Where the ids were read, and at which commit. */
    origin: line,
    /** How the rows were read (method, caveats); not rendered. */
    notes: line,
    rows: z.array(anchorRowSchema),
});

export type SourceInfo = Readonly<Omit<z.infer<typeof anchorSourceSchema>, "rows">> & { readonly rows: readonly AnchorRow[] };

export type Outcome = "covered" | "partial" | "gap" | "outOfScope";

export function outcomeOf(row: AnchorRow): Outcome {
    if (row.covered !== undefined) {
        return row.partial !== undefined ? "partial" : "covered";
    }
    return row.gap !== undefined ? "gap" : "outOfScope";
}
