import * as assert from "node:assert/strict";

import { tlsOnlyStatement } from "../../infra/components/shared/secure-bucket";
import * as storage from "../../policies/rules/storage-hygiene";
import {
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    policyDoc,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import { S3_BUCKET, S3_BUCKET_POLICY } from "../../policies/lib";
import { S3_BUCKET_PUBLIC_ACCESS_BLOCK, S3_BUCKET_VERSIONING } from "../../policies/rules/storage-hygiene/resource-types";

const ALL_FLAGS = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const ARN = "arn:aws-us-gov:s3:::app-backups";
/** The TLS-only deny the estate's buckets carry (SC-8): the compliant statement the variants below bend. */
const TLS_DENY = tlsOnlyStatement(ARN);
const bucket = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: S3_BUCKET, name, props: { bucket: name, ...props } });

describe("storage hygiene", () => {
    describe("s3-public-access-block-all-flags", () => {
        const p = storage.s3PublicAccessBlockAllFlags;
        it("flags any flag that is not true (absent means false)", async () => {
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "b", props: { bucket: "b", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true } }), [
                'Public access block "b" does not set blockPublicPolicy, restrictPublicBuckets to true; set all four flags to true.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "acct", props: { ...ALL_FLAGS, ignorePublicAcls: false } }), [
                'Account public access block "acct" does not set ignorePublicAcls to true; set all four flags to true.',
            ]);
        });
        it("passes all four flags", async () => {
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, props: { bucket: "b", ...ALL_FLAGS } }));
        });
        itIsAdvisoryOnly("is advisory when a flag is unknown", p, { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, props: { ...ALL_FLAGS, blockPublicAcls: unknown() } });
        itHonoursWaivers(p, { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "b", props: { blockPublicAcls: false } });
    });

    describe("s3-no-public-acl", () => {
        const p = storage.s3NoPublicAcl;
        it("flags public canned ACLs and grants to AllUsers/AuthenticatedUsers", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:s3/bucketAcl:BucketAcl", name: "acl", props: { bucket: "b", acl: "public-read" } }), [
                'Bucket ACL "acl" uses the public canned ACL "public-read"; use "private" or disable ACLs with BucketOwnerEnforced.',
            ]);
            const grants = await runResourcePolicy(p, {
                type: "aws:s3/bucketAcl:BucketAcl",
                name: "acl",
                props: { accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }, permission: "READ" }], owner: { id: "o" } } },
            });
            assertViolations(grants, ['Bucket ACL "acl" grants access to AuthenticatedUsers; remove the grant (use BucketOwnerEnforced object ownership).']);
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET, name: "site", props: { acl: "public-read-write", grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permissions: ["READ"] }] } }), [
                'S3 bucket "site" uses the public canned ACL "public-read-write"; use "private" or disable ACLs with BucketOwnerEnforced.',
                'S3 bucket "site" grants access to AllUsers; remove the grant (use BucketOwnerEnforced object ownership).',
            ]);
        });
        it("passes private and log-delivery ACLs and buckets without ACLs", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:s3/bucketAcl:BucketAcl", props: { acl: "log-delivery-write" } }));
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET, props: { bucket: "b" } }));
        });
        it("flags public ACLs on objects (BucketObject, BucketObjectv2, ObjectCopy grants) and passes private ones", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:s3/bucketObject:BucketObject", name: "index", props: { bucket: "b", key: "index.html", acl: "public-read" } }), [
                'S3 object "index" uses the public canned ACL "public-read"; use "private" or disable ACLs with BucketOwnerEnforced.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:s3/bucketObjectv2:BucketObjectv2", name: "dump", props: { bucket: "b", key: "d", acl: "authenticated-read" } }), [
                'S3 object "dump" uses the public canned ACL "authenticated-read"; use "private" or disable ACLs with BucketOwnerEnforced.',
            ]);
            const copy = { bucket: "b", key: "k", source: "src/k", grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permissions: ["READ"] }] };
            assertViolations(await runResourcePolicy(p, { type: "aws:s3/objectCopy:ObjectCopy", name: "copy", props: copy }), [
                'S3 object "copy" grants access to AllUsers; remove the grant (use BucketOwnerEnforced object ownership).',
            ]);
            assertClean(await runResourcePolicy(p, { type: "aws:s3/bucketObjectv2:BucketObjectv2", props: { bucket: "b", key: "k", acl: "private" } }));
            assertClean(await runResourcePolicy(p, { type: "aws:s3/bucketObject:BucketObject", props: { bucket: "b", key: "k" } }));
            assertClean(await runResourcePolicy(p, { type: "aws:s3/objectCopy:ObjectCopy", props: { bucket: "b", key: "k", source: "s/k", acl: "bucket-owner-full-control" } }));
            const pending = await runResourcePolicy(p, { type: "aws:s3/bucketObjectv2:BucketObjectv2", props: { bucket: "b", key: "k", acl: unknown() } });
            assertAdvisoryOnly(pending);
        });
        it("is advisory when the ACL or grants are unknown", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: S3_BUCKET, props: { acl: unknown() } }));
            assertAdvisoryOnly(await runResourcePolicy(p, { type: "aws:s3/bucketAcl:BucketAcl", props: { accessControlPolicy: { grants: unknown() } } }));
        });
    });

    describe("s3-bucket-public-access-block-present (stack)", () => {
        const p = storage.s3BucketPublicAccessBlockPresent;
        it("flags a bucket without a public access block", async () => {
            const diags = await runStackPolicy(p, [bucket("a"), bucket("b"), { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "a-pab", props: { bucket: "a", ...ALL_FLAGS } }]);
            assertViolations(diags, ['S3 bucket "b" has no public access block; add an aws.s3.BucketPublicAccessBlock with all four flags true.']);
            assert.equal(diags[0].urn, urnOf(S3_BUCKET, "b"));
        });
        it("passes blocks linked by name or by dependency, and an account-level block", async () => {
            assertClean(
                await runStackPolicy(p, [
                    bucket("a"),
                    { type: S3_BUCKET, name: "generated", props: { bucket: unknown() } },
                    { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "a-pab", props: { bucket: "a" } },
                    { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "g-pab", props: { bucket: unknown() }, propertyDependencies: { bucket: [urnOf(S3_BUCKET, "generated")] } },
                ]),
            );
            assertClean(await runStackPolicy(p, [bucket("a"), { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "acct", props: ALL_FLAGS }]));
        });
        itIsAdvisoryOnly("is advisory when a block's bucket cannot be resolved", p, { stack: [bucket("a"), { type: S3_BUCKET_PUBLIC_ACCESS_BLOCK, name: "x", props: { bucket: unknown() } }] });
        itHonoursWaivers(p, { stack: [bucket("b")], name: "b" });
    });

    describe("s3-bucket-tls-only-policy (stack)", () => {
        const p = storage.s3BucketTlsOnlyPolicy;
        const policy = (b: string, statements: unknown[] | string): TestResource => ({
            type: S3_BUCKET_POLICY,
            name: `${b}-policy`,
            props: { bucket: b, policy: typeof statements === "string" ? statements : policyDoc(...statements) },
        });
        it("flags a bucket without a policy and one whose policy has no TLS deny", async () => {
            const allowOnly = { Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ARN}/*` };
            const weakDeny = { ...TLS_DENY, Action: "s3:GetObject" };
            const diags = await runStackPolicy(p, [bucket("a"), bucket("b"), policy("b", [allowOnly, weakDeny])]);
            assertViolations(diags, [
                'S3 bucket "a" has no bucket policy; add one that denies s3:* when aws:SecureTransport is false.',
                'S3 bucket "b" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.',
            ]);
        });
        it("passes the TLS deny in its usual spellings (boolean or string, Bool or BoolIfExists, {AWS: \"*\"})", async () => {
            // TLS_DENY names app-backups' ARN: the deny must be on the bucket it guards.
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [TLS_DENY])]));
            const variant = { ...TLS_DENY, Principal: { AWS: "*" }, Action: ["*"], Condition: { BoolIfExists: { "aws:SecureTransport": ["false"] } } };
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [variant])]));
            assertClean(await runStackPolicy(p, [bucket("app-backups", { policy: policyDoc(TLS_DENY) })]));
        });
        it("flags a TLS deny that misses the bucket's objects, names another bucket, or is narrowed by another condition", async () => {
            const bucketOnly = { ...TLS_DENY, Resource: ARN };
            const otherBucket = { ...TLS_DENY, Resource: ["arn:aws-us-gov:s3:::assets", "arn:aws-us-gov:s3:::assets/*"] };
            const somePrefix = { ...TLS_DENY, Resource: [ARN, `${ARN}/private/*`] };
            const narrowed = { ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "123456789012" } } };
            const notResource = { ...TLS_DENY, Resource: undefined, NotResource: `${ARN}/public/*` };
            const cover = (what: string) =>
                `S3 bucket "app-backups" has a bucket policy whose TLS-only deny does not cover ${what}; deny s3:* to Principal "*" on the bucket ARN and <bucket ARN>/* when aws:SecureTransport is false, with no other condition.`;
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [bucketOnly])]), [cover("its objects (<bucket ARN>/*)")]);
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [otherBucket])]), [cover("the bucket's ARN or its objects (<bucket ARN>/*)")]);
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [somePrefix])]), [cover("its objects (<bucket ARN>/*)")]);
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [notResource])]), [cover("its objects (<bucket ARN>/*)")]);
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [narrowed])]), [
                'S3 bucket "app-backups" has a bucket policy whose TLS-only deny also requires StringEquals aws:PrincipalAccount, so plain HTTP passes whenever that does not match; deny s3:* to Principal "*" on the bucket ARN and <bucket ARN>/* when aws:SecureTransport is false, with no other condition.',
            ]);
        });
        it("flags a bucket whose policy is also set by a second document without the deny (AWS keeps one)", async () => {
            const allowOnly = { Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::123456789012:root" }, Action: "s3:GetObject", Resource: `${ARN}/*` };
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [TLS_DENY]), { ...policy("app-backups", [allowOnly]), name: "second" }]), [
                'S3 bucket "app-backups" has a bucket policy without a TLS-only deny; deny s3:* to Principal "*" when aws:SecureTransport is false.',
            ]);
        });
        it("passes a deny split over statements, wildcard Resources covering the bucket, and a NotResource naming other buckets", async () => {
            const split = [
                { ...TLS_DENY, Sid: "Bucket", Resource: ARN },
                { ...TLS_DENY, Sid: "Objects", Resource: `${ARN}/*` },
            ];
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", split)]));
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [{ ...TLS_DENY, Resource: "arn:aws-us-gov:s3:::app-*" }])]));
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [{ ...TLS_DENY, Resource: [ARN, `${ARN}/?*`] }])]));
            assertClean(await runStackPolicy(p, [bucket("app-backups"), policy("app-backups", [{ ...TLS_DENY, Resource: undefined, NotResource: "arn:aws-us-gov:s3:::assets/*" }])]));
            // A generated name: Resource "*" still settles it.
            assertClean(await runStackPolicy(p, [{ type: S3_BUCKET, name: "gen", props: { bucket: unknown() } }, { type: S3_BUCKET_POLICY, name: "gen-policy", props: { bucket: unknown(), policy: policyDoc({ ...TLS_DENY, Resource: "*" }) }, propertyDependencies: { bucket: [urnOf(S3_BUCKET, "gen")] } }]));
        });
        it("is advisory when the bucket's name is unknown and the deny names specific ARNs", async () => {
            const diags = await runStackPolicy(p, [
                { type: S3_BUCKET, name: "gen", props: { bucket: unknown() } },
                { type: S3_BUCKET_POLICY, name: "gen-policy", props: { bucket: unknown(), policy: policyDoc(TLS_DENY) }, propertyDependencies: { bucket: [urnOf(S3_BUCKET, "gen")] } },
            ]);
            assertAdvisoryOnly(diags);
        });
        it("is advisory when the policy document or its bucket is unknown", async () => {
            const unknownDoc = await runStackPolicy(p, [bucket("a"), policy("a", unknown())]);
            assertAdvisoryOnly(unknownDoc);
            const unresolved = await runStackPolicy(p, [bucket("a"), { type: S3_BUCKET_POLICY, name: "x", props: { bucket: unknown(), policy: policyDoc(TLS_DENY) } }]);
            assertAdvisoryOnly(unresolved);
        });
        itHonoursWaivers(p, { stack: [bucket("a")], name: "a" });
    });

    describe("s3-backup-bucket-versioning (stack)", () => {
        const p = storage.s3BackupBucketVersioning;
        const versioning = (b: string, status: unknown): TestResource => ({ type: S3_BUCKET_VERSIONING, name: `${b}-v`, props: { bucket: b, versioningConfiguration: { status } } });
        it("flags backup buckets (by name or Purpose tag) without versioning Enabled", async () => {
            const diags = await runStackPolicy(p, [
                bucket("app-backups"),
                bucket("vault", { tags: { Purpose: "Backups" } }),
                versioning("vault", "Suspended"),
                bucket("assets"),
            ]);
            assertViolations(diags, [
                'Backup bucket "app-backups" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
                'Backup bucket "vault" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
            ]);
        });
        it("passes enabled versioning (resource or deprecated inline) and ignores other buckets", async () => {
            assertClean(await runStackPolicy(p, [bucket("app-backups"), versioning("app-backups", "Enabled"), bucket("assets")]));
            assertClean(await runStackPolicy(p, [bucket("app-backups", { versioning: { enabled: true } })]));
        });
        it("is advisory when the status or the link is unknown", async () => {
            assertAdvisoryOnly(await runStackPolicy(p, [bucket("app-backups"), versioning("app-backups", unknown())]));
            assertNoMandatory(await runStackPolicy(p, [bucket("app-backups"), { type: S3_BUCKET_VERSIONING, name: "v", props: { bucket: unknown() } }]));
        });
        it("flags a backup bucket whose versioning is also set Suspended by a second resource (the last applied wins)", async () => {
            assertViolations(await runStackPolicy(p, [bucket("app-backups"), versioning("app-backups", "Enabled"), { ...versioning("app-backups", "Suspended"), name: "second" }]), [
                'Backup bucket "app-backups" has several versioning resources and one does not enable versioning (the last applied wins); keep one aws.s3.BucketVersioning with status "Enabled".',
            ]);
            // An explicit resource decides over the deprecated inline block.
            assertViolations(await runStackPolicy(p, [bucket("app-backups", { versioning: { enabled: true } }), versioning("app-backups", "Suspended")]), [
                'Backup bucket "app-backups" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
            ]);
        });
        it("finds backup buckets by bucketPrefix and by the provider's default Purpose tag", async () => {
            const prefixed: TestResource = { type: S3_BUCKET, name: "archive", props: { bucketPrefix: "govstack-backups-" } };
            const viaProvider: TestResource = { type: S3_BUCKET, name: "vault", props: { bucket: "govstack-vault" }, provider: { props: { defaultTags: JSON.stringify({ tags: { Purpose: "backups" } }) } } };
            assertViolations(await runStackPolicy(p, [prefixed, viaProvider]), [
                'Backup bucket "archive" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
                'Backup bucket "vault" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
            ]);
            // The bucket's own tag overrides the provider's default for the same key.
            assertClean(await runStackPolicy(p, [{ ...viaProvider, props: { bucket: "govstack-vault", tags: { Purpose: "logs" } } }]));
            const enabledByDependency: TestResource = {
                type: S3_BUCKET_VERSIONING,
                name: "archive-v",
                props: { bucket: unknown(), versioningConfiguration: { status: "Enabled" } },
                propertyDependencies: { bucket: [urnOf(S3_BUCKET, "archive")] },
            };
            assertClean(await runStackPolicy(p, [prefixed, enabledByDependency]));
        });
        it("is advisory for an unversioned bucket whose purpose tag or name is unknown", async () => {
            for (const props of [{ bucket: "data", tags: { Purpose: unknown() } }, { bucket: "data", tags: unknown() }, { bucket: unknown() }]) {
                assertAdvisoryOnly(await runStackPolicy(p, [{ type: S3_BUCKET, name: "data", props }]));
            }
            assertClean(await runStackPolicy(p, [{ type: S3_BUCKET, name: "data", props: { bucket: "data", tags: { Purpose: unknown() } } }, versioning("data", "Enabled")]));
        });
        it("uses the configured tag and patterns", async () => {
            const config = { backupTagKey: "DataClass", backupTagValues: ["archive"], backupNamePatterns: [] };
            assertViolations(await runStackPolicy(p, [bucket("cold", { tags: { DataClass: "ARCHIVE" } }), bucket("app-backups")], config), [
                'Backup bucket "cold" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
            ]);
        });
        itHonoursWaivers(p, { stack: [bucket("app-backups")], name: "app-backups" });
    });
});
