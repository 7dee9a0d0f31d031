// s3-acl-no-group-acp-grants: a grant of WRITE_ACP, READ_ACP or FULL_CONTROL to a group (any of the
// S3 predefined groups: AllUsers, AuthenticatedUsers, LogDelivery) lets every member read or rewrite
// the bucket's ACL — and so hand itself any access (AC-3, AC-6). s3-no-public-acl blocks any grant to
// the public groups; this one blocks the ACL-control permissions to every group, including
// LogDelivery (which needs only WRITE, and no ACL at all under BucketOwnerEnforced).
// Grant shapes: aws.s3.BucketAcl accessControlPolicy.grants[] { grantee: { type, uri }, permission };
// the deprecated inline aws.s3.Bucket grants[] { type, uri, permissions[] } (pulumi-aws v7 schema).

import { cannotEvaluateMessage, isUnknown, ResourceContext, resourcePolicy, S3_BUCKET_TYPES } from "../../lib";

const ACP_PERMISSIONS = new Set(["WRITE_ACP", "READ_ACP", "FULL_CONTROL"]);
const ACL_TYPES = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"] as const;

export const s3AclNoGroupAcpGrants = resourcePolicy({
    name: "s3-acl-no-group-acp-grants",
    description:
        "No S3 bucket ACL grant may give WRITE_ACP, READ_ACP or FULL_CONTROL to a group (grantee type Group): every member " +
        "could read or rewrite the ACL and grant itself any access (AC-3, AC-6).",
    summary: "S3 bucket ACLs grant no group WRITE_ACP, READ_ACP or FULL_CONTROL",
    severity: "high",
    controls: ["AC-3", "AC-6"],
    remediationSteps:
        'Remove the grant; set aws.s3.BucketOwnershipControls `objectOwnership: "BucketOwnerEnforced"` (ACLs disabled) and ' +
        "grant what is needed through the bucket policy.",
    resourceTypes: [...ACL_TYPES, ...S3_BUCKET_TYPES],
    noVerdict: [],
    validate: (ctx) => {
        const isBucket = (S3_BUCKET_TYPES as readonly string[]).includes(ctx.type);
        const label = isBucket ? `S3 bucket "${ctx.name}"` : `Bucket ACL "${ctx.name}"`;
        const path = isBucket ? "grants" : "accessControlPolicy.grants";
        const grants = ctx.read(path);
        if (!grants.known) {
            return ctx.cannotVerify(path);
        }
        if (grants.value === undefined || grants.value === null) {
            return;
        }
        if (!Array.isArray(grants.value)) {
            return ctx.violation(cannotEvaluateMessage(label, path, grants.value, "a list of grants"));
        }
        grants.value.forEach((grant, i) => judgeGrant(ctx, label, `${path}[${i}]`, grant, isBucket));
    },
});

function judgeGrant(ctx: ResourceContext<unknown>, label: string, at: string, grant: unknown, isBucket: boolean): void {
    const typePath = isBucket ? "type" : "grantee.type";
    const type = ctx.read(typePath, grant);
    const perms = isBucket ? ctx.read("permissions", grant) : ctx.read("permission", grant);
    if (!type.known || !perms.known) {
        return ctx.cannotVerify(`${at}'s grantee type and permissions`);
    }
    if (type.value !== "Group") {
        return;
    }
    const list: unknown[] = isBucket ? (Array.isArray(perms.value) ? perms.value : [perms.value]) : [perms.value];
    if (isBucket && !Array.isArray(perms.value)) {
        return ctx.violation(cannotEvaluateMessage(label, `${at}.permissions`, perms.value, "a list of permissions"));
    }
    for (const p of list) {
        if (isUnknown(p)) {
            ctx.cannotVerify(`${at}'s permissions`);
        } else if (typeof p !== "string") {
            ctx.violation(cannotEvaluateMessage(label, `${at}.permission`, p, "a permission string"));
        } else if (ACP_PERMISSIONS.has(p)) {
            const uri = ctx.read(isBucket ? "uri" : "grantee.uri", grant);
            const group = uri.known && typeof uri.value === "string" ? uri.value.split("/").pop() : "a group";
            ctx.violation(`${label} grants ${p} to ${group} (${at}); remove the grant and disable ACLs with BucketOwnerEnforced.`);
        }
    }
}
