// S3 public access blocks (bucket and account level) and the one judgement of their four flags,
// shared by s3-public-access-block-all-flags and s3-bucket-public-access-block-present (an
// account-level block only stands in for a bucket's own when all four flags are on).

import { BOOLEAN, Malformed, readTyped } from "../../lib";

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export type FlagsVerdict =
    | { kind: "ok" }
    | { kind: "unknown"; flags: string[] }
    | { kind: "off"; flags: string[] }
    /** A flag that is not a boolean (nor "true"/"false"): the caller reports each as "Cannot evaluate". */
    | { kind: "malformed"; malformed: Malformed[] };

/** All four public access block flags must be true (each defaults to false). */
export function judgeFlags(props: unknown): FlagsVerdict {
    const off: string[] = [];
    const unknown: string[] = [];
    const malformed: Malformed[] = [];
    for (const flag of PAB_FLAGS) {
        const v = readTyped(props, flag, BOOLEAN);
        if (v.kind === "malformed") {
            malformed.push(v);
        } else if (v.kind === "unknown") {
            unknown.push(flag);
        } else if (v.value !== true) {
            off.push(flag);
        }
    }
    if (malformed.length > 0) {
        return { kind: "malformed", malformed };
    }
    return off.length > 0 ? { kind: "off", flags: off } : unknown.length > 0 ? { kind: "unknown", flags: unknown } : { kind: "ok" };
}
