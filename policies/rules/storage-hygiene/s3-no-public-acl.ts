// s3-no-public-acl: a public canned ACL or a grant to AllUsers / AuthenticatedUsers ("authenticated"
// means any AWS account) makes a bucket or object public, whatever the bucket policy says (AC-3, AC-21).

import { ResourceContext, resourcePolicy, S3_BUCKET_ACL, S3_BUCKET_ACL_V2, S3_BUCKET_TYPES } from "../../lib";
import { S3_BUCKET_OBJECT, S3_BUCKET_OBJECT_V2, S3_OBJECT_COPY } from "./resource-types";

const PUBLIC_CANNED_ACLS: ReadonlySet<string> = new Set(["public-read", "public-read-write", "authenticated-read"]);
/** The canned ACLs S3 defines (case-sensitive): a misspelt one is malformed, never "not public". */
const CANNED_ACLS = [
    "private",
    "public-read",
    "public-read-write",
    "aws-exec-read",
    "authenticated-read",
    "bucket-owner-read",
    "bucket-owner-full-control",
    "log-delivery-write",
] as const;
const PUBLIC_GROUPS = new Set(["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"]);

function checkGrants(ctx: ResourceContext<unknown>, grants: readonly unknown[], grantsPath: string, uriPath: string, what: string): void {
    grants.forEach((grant, i) => {
        const uri = ctx.readString(uriPath, { from: grant, at: `${grantsPath}[${i}]`, what: "a grant's grantee" });
        if (uri.ok && uri.value !== undefined && PUBLIC_GROUPS.has(uri.value)) {
            ctx.violation(`${what} grants access to ${uri.value.split("/").pop()}; remove the grant (use BucketOwnerEnforced object ownership).`);
        }
    });
}

// Objects carry their own ACL (`acl`; ObjectCopy also explicit `grants`): a public-read object is
// readable by anyone even in a bucket whose own ACL is private (AC-3). The object itself is judged
// so a bucket without BucketOwnerEnforced or a public access block cannot leak it this way.
const OBJECT_TYPES = [S3_BUCKET_OBJECT, S3_BUCKET_OBJECT_V2, S3_OBJECT_COPY] as const;

export const s3NoPublicAcl = resourcePolicy({
    name: "s3-no-public-acl",
    description:
        "S3 ACLs (on buckets and on objects) must not be public: no public-read, public-read-write or authenticated-read " +
        "canned ACL and no grant to the AllUsers or AuthenticatedUsers groups (\"authenticated\" means any AWS account) (AC-3, AC-21).",
    summary: "S3 bucket and object ACLs are not public: no public canned ACL, no grant to AllUsers or AuthenticatedUsers",
    severity: "critical",
    controls: ["AC-3", "AC-21"],
    remediationSteps:
        "Remove the ACL and grants; set aws.s3.BucketOwnershipControls to BucketOwnerEnforced (ACLs disabled) and grant access " +
        "through the bucket policy to named principals.",
    resourceTypes: [S3_BUCKET_ACL, S3_BUCKET_ACL_V2, ...S3_BUCKET_TYPES, ...OBJECT_TYPES],
    noVerdict: [
        {
            when: "a grant's grantee is a canonical user, an email or an account id (no AllUsers / AuthenticatedUsers group URI)",
            why: "a grant to a named account is not public; public access through the bucket policy is judged by resource-policy-no-public-principal",
        },
    ],
    validate: (ctx) => {
        const isBucket = (S3_BUCKET_TYPES as readonly string[]).includes(ctx.type);
        const isObject = (OBJECT_TYPES as readonly string[]).includes(ctx.type);
        const what = isBucket ? `S3 bucket "${ctx.name}"` : isObject ? `S3 object "${ctx.name}"` : `Bucket ACL "${ctx.name}"`;
        const acl = ctx.readEnum("acl", CANNED_ACLS);
        if (acl.ok && acl.value !== undefined && PUBLIC_CANNED_ACLS.has(acl.value)) {
            ctx.violation(`${what} uses the public canned ACL "${acl.value}"; use "private" or disable ACLs with BucketOwnerEnforced.`);
        }
        if (ctx.type === OBJECT_TYPES[0] || ctx.type === OBJECT_TYPES[1]) {
            return; // BucketObject(v2) have no grants input
        }
        const grantsPath = isBucket || isObject ? "grants" : "accessControlPolicy.grants";
        const grants = ctx.readArray(grantsPath);
        if (grants.ok) {
            checkGrants(ctx, grants.value ?? [], grantsPath, isBucket || isObject ? "uri" : "grantee.uri", what);
        }
    },
});
