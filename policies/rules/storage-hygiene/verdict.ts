// A three-way answer (a bucket covered, a bucket versioned …) and how answers combine, shared by
// the TLS-only and versioning policies.

export type Verdict = "yes" | "no" | "unknown";

/** Coverage over several statements: any "yes" wins, then any "unknown". */
export function anyOf(a: Verdict, b: Verdict): Verdict {
    return a === "yes" || b === "yes" ? "yes" : a === "unknown" || b === "unknown" ? "unknown" : "no";
}
