// s3-acl-no-group-acp-grants: a grant of WRITE_ACP, READ_ACP or FULL_CONTROL to a group (any of the
// S3 predefined groups: AllUsers, AuthenticatedUsers, LogDelivery) lets every member read or rewrite
// the bucket's ACL — and so hand itself any access (AC-3, AC-6). s3-no-public-acl blocks any grant to
// the public groups; this one blocks the ACL-control permissions to every group, including
// LogDelivery (which needs only WRITE, and no ACL at all under BucketOwnerEnforced).
// Grant shapes: aws.s3.BucketAcl accessControlPolicy.grants[] { grantee: { type, uri }, permission };
// the deprecated inline aws.s3.Bucket grants[] { type, uri, permissions[] } (pulumi-aws v7 schema).

import {
    OBJECT,
    oneOf,
    readTyped,
    ResourceContext,
    resourcePolicy,
    S3_BUCKET_ACL,
    S3_BUCKET_ACL_V2,
    S3_BUCKET_TYPES,
    STRING,
} from "../../lib";

// S3's own value lists (botocore Type and Permission): a grantee type or permission S3 does not
// define is malformed (mandatory, never waived), never "not a group" or "not an ACL permission".
const GRANTEE_TYPES = ["CanonicalUser", "AmazonCustomerByEmail", "Group"] as const;
const PERMISSIONS = ["FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"] as const;
const PERMISSION = oneOf(PERMISSIONS);
const ACP_PERMISSIONS: ReadonlySet<string> = new Set(["WRITE_ACP", "READ_ACP", "FULL_CONTROL"]);
const ACL_TYPES = [S3_BUCKET_ACL, S3_BUCKET_ACL_V2] as const;

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
        const grants = ctx.readArray(path);
        if (!grants.ok) {
            return;
        }
        (grants.value ?? []).forEach((grant, i) => judgeGrant(ctx, label, `${path}[${i}]`, grant, isBucket));
    },
});

function judgeGrant(ctx: ResourceContext<unknown>, label: string, at: string, grant: unknown, isBucket: boolean): void {
    const what = `${at}'s grantee type and permissions`;
    const entry = ctx.check(grant, OBJECT, at, { what });
    if (!entry.ok || entry.value === undefined) {
        return;
    }
    const type = ctx.readEnum(isBucket ? "type" : "grantee.type", GRANTEE_TYPES, { from: grant, at, quiet: true });
    if (!type.ok && !type.unknown) {
        return;
    }
    if (type.ok && type.value !== "Group") {
        return;
    }
    // The inline bucket grant lists its permissions; an ACL grant names one.
    const perms = isBucket ? ctx.readArray("permissions", { from: grant, at, quiet: true }) : ctx.readAs("permission", STRING, { from: grant, at, quiet: true });
    if (!perms.ok) {
        if (perms.unknown) {
            ctx.cannotVerify(what);
        }
        return;
    }
    if (!type.ok) {
        return ctx.cannotVerify(what);
    }
    const list: readonly unknown[] = perms.value === undefined ? [] : typeof perms.value === "string" ? [perms.value] : perms.value;
    list.forEach((raw, j) => {
        const permission = ctx.check(raw, PERMISSION, isBucket ? `${at}.permissions[${j}]` : `${at}.permission`, { what: `${at}'s permissions` });
        if (permission.ok && permission.value !== undefined && ACP_PERMISSIONS.has(permission.value)) {
            // The group's URI only decorates the message: left out when it is not a string.
            const uri = readTyped(grant, isBucket ? "uri" : "grantee.uri", STRING);
            const group = uri.kind === "ok" && uri.value !== undefined ? uri.value.split("/").pop() : "a group";
            ctx.violation(`${label} grants ${permission.value} to ${group} (${at}); remove the grant and disable ACLs with BucketOwnerEnforced.`);
        }
    });
}
