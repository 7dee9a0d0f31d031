// s3-public-access-block-all-flags: each public access block flag defaults to false, and only all
// four together stop a later ACL or policy from making data public (AC-3, AC-21, SC-7).

import { resourcePolicy } from "../../lib";
import { judgeFlags } from "./public-access-block";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET_PUBLIC_ACCESS_BLOCK } from "./resource-types";

export const s3PublicAccessBlockAllFlags = resourcePolicy({
    name: "s3-public-access-block-all-flags",
    description:
        "S3 public access blocks (bucket and account level) must set all four flags: blocking public ACLs and policies, " +
        "ignoring existing public ACLs and restricting public buckets, so no later ACL or policy can make data public (AC-3, AC-21).",
    summary: "S3 public access blocks (bucket and account level) set all four flags to true",
    severity: "critical",
    controls: ["AC-3", "AC-21", "SC-7"],
    remediationSteps: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    resourceTypes: [S3_BUCKET_PUBLIC_ACCESS_BLOCK, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
    noVerdict: [],
    validate: (ctx) => {
        const verdict = judgeFlags(ctx.props);
        if (verdict.kind === "malformed") {
            verdict.malformed.forEach((m) => ctx.settle(m));
            return;
        }
        const what = ctx.type === S3_ACCOUNT_PUBLIC_ACCESS_BLOCK ? `Account public access block "${ctx.name}"` : `Public access block "${ctx.name}"`;
        if (verdict.kind === "off") {
            ctx.violation(`${what} does not set ${verdict.flags.join(", ")} to true; set all four flags to true.`);
        } else if (verdict.kind === "unknown") {
            ctx.cannotVerify(verdict.flags.join(", "));
        }
    },
});
