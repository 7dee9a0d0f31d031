import * as assert from "node:assert/strict";

import * as storage from "../../policies/rules/storage-hygiene";
import {
    advisory,
    assertClean,
    assertNoMandatory,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import { S3_BUCKET, S3_BUCKET_ACL } from "../../policies/lib";
import {
    S3_BUCKET_LIFECYCLE_CONFIGURATION,
    S3_BUCKET_LOGGING,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
    S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
    S3_BUCKET_OWNERSHIP_CONTROLS,
    S3_BUCKET_VERSIONING,
} from "../../policies/rules/storage-hygiene/resource-types";


const bucket = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: S3_BUCKET, name, props: { bucket: name, ...props } });
const logging = (b: string, target: unknown = "logs"): TestResource => ({ type: S3_BUCKET_LOGGING, name: `${b}-logging`, props: { bucket: b, targetBucket: target, targetPrefix: `s3/${b}/` } });
const versioning = (b: string, status: unknown): TestResource => ({ type: S3_BUCKET_VERSIONING, name: `${b}-v`, props: { bucket: b, versioningConfiguration: { status } } });
const lifecycle = (b: string, ...statuses: unknown[]): TestResource => ({
    type: S3_BUCKET_LIFECYCLE_CONFIGURATION,
    name: `${b}-lc`,
    props: { bucket: b, rules: statuses.map((status, i) => ({ id: `r${i}`, status, expiration: { days: 365 } })) },
});
const ownership = (b: string, objectOwnership: unknown): TestResource => ({ type: S3_BUCKET_OWNERSHIP_CONTROLS, name: `${b}-own`, props: { bucket: b, rule: { objectOwnership } } });

describe("storage hygiene: bucket configuration (issue 17 item 7)", () => {
    describe("s3-bucket-access-logging (stack)", () => {
        const p = storage.s3BucketAccessLogging;
        it("blocks a bucket without server access logging", async () => {
            assertViolations(await runStackPolicy(p, [bucket("logs"), bucket("data"), logging("data"), bucket("audit")]), [
                'S3 bucket "audit" has no server access logging; add an aws.s3.BucketLogging with bucket "audit" and targetBucket set to the access-log bucket.',
            ]);
        });
        it("exempts the access-log bucket (the stack's logging target) and passes logged buckets, by name or property dependency", async () => {
            assertClean(await runStackPolicy(p, [bucket("logs"), bucket("data"), logging("data")]));
            const data = bucket("data");
            const viaDeps: TestResource = {
                type: S3_BUCKET_LOGGING,
                name: "l",
                props: { bucket: unknown(), targetBucket: "logs" },
                propertyDependencies: { bucket: [urnOf(S3_BUCKET, "data")] },
            };
            assertClean(await runStackPolicy(p, [bucket("logs"), data, viaDeps]));
            assertClean(await runStackPolicy(p, [bucket("logs"), bucket("data", { logging: { targetBucket: "logs" } }), logging("x")]));
        });
        it("reads an empty targetBucket as logging nowhere (a violation), not as an unresolved target (advisory)", async () => {
            // It used to count as a reference that might name this very bucket: only "cannot verify".
            assertViolations(await runStackPolicy(p, [bucket("data"), logging("data", "")]), [
                'S3 bucket "data" has no server access logging; add an aws.s3.BucketLogging with bucket "data" and targetBucket set to the access-log bucket.',
            ]);
            assertViolations(await runStackPolicy(p, [bucket("data", { logging: { targetBucket: "" } }), bucket("v2", { loggings: [{ targetBucket: "" }] })]), [
                'S3 bucket "data" has no server access logging; add an aws.s3.BucketLogging with bucket "data" and targetBucket set to the access-log bucket.',
                'S3 bucket "v2" has no server access logging; add an aws.s3.BucketLogging with bucket "v2" and targetBucket set to the access-log bucket.',
            ]);
            // One empty target does not unsettle the other buckets' verdicts either.
            assertViolations(await runStackPolicy(p, [bucket("logs"), bucket("data"), logging("data"), bucket("other"), logging("other", "")]), [
                'S3 bucket "other" has no server access logging; add an aws.s3.BucketLogging with bucket "other" and targetBucket set to the access-log bucket.',
            ]);
        });
        it("recognises the target of any inline block as the access-log bucket (Bucket logging, every BucketV2 loggings element)", async () => {
            const v2 = (name: string, props: Record<string, unknown>): TestResource => ({ type: "aws:s3/bucketV2:BucketV2", name, props: { bucket: name, ...props } });
            assertClean(await runStackPolicy(p, [bucket("logs"), v2("data", { loggings: [{ targetBucket: "old-logs" }, { targetBucket: "logs" }] }), bucket("old-logs", { logging: { targetBucket: "logs" } })]));
            // A computed inline target is tied by the block's property dependencies.
            assertClean(
                await runStackPolicy(p, [bucket("logs"), { ...v2("data", { loggings: [{ targetBucket: unknown() }] }), propertyDependencies: { loggings: [urnOf(S3_BUCKET, "logs")] } }]),
            );
        });
        it("exempts a configured access-log bucket pattern", async () => {
            assertClean(await runStackPolicy(p, [bucket("org-access-logs")], { accessLogBucketPatterns: ["*access-logs"] }));
        });
        it("is advisory when a tie is unresolved at preview", async () => {
            const diags = await runStackPolicy(p, [bucket("logs"), bucket("data"), { type: S3_BUCKET_LOGGING, name: "l", props: { bucket: unknown(), targetBucket: "logs" } }]);
            assertNoMandatory(diags);
            assert.ok(advisory(diags).length > 0);
        });
        itHonoursWaivers(p, { stack: [bucket("audit")], name: "audit" });
    });

    describe("s3-bucket-versioning-enabled (stack)", () => {
        const p = storage.s3BucketVersioningEnabled;
        it("blocks a bucket without versioning Enabled, or Suspended by a second resource", async () => {
            assertViolations(await runStackPolicy(p, [bucket("a"), bucket("b"), versioning("b", "Suspended"), bucket("c"), versioning("c", "Enabled"), { ...versioning("c", "Suspended"), name: "c2" }]), [
                'S3 bucket "a" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
                'S3 bucket "b" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
                'S3 bucket "c" does not have versioning Enabled; add an aws.s3.BucketVersioning with status "Enabled".',
            ]);
        });
        it("blocks a status AWS does not define", async () => {
            const diags = await runStackPolicy(p, [bucket("a"), versioning("a", "enabled")]);
            assert.ok(diags.some((d) => d.message === `Cannot evaluate S3 bucket versioning "a-v": versioningConfiguration.status is "enabled", expected one of "Enabled", "Suspended", "Disabled"${SUFFIX}`), JSON.stringify(diags));
        });
        it("passes Enabled versioning (resource or deprecated inline block)", async () => {
            assertClean(await runStackPolicy(p, [bucket("a"), versioning("a", "Enabled"), bucket("b", { versioning: { enabled: true } })]));
        });
        itIsAdvisoryOnly("is advisory when the status is unknown at preview", p, { stack: [bucket("a"), versioning("a", unknown())] });
        itHonoursWaivers(p, { stack: [bucket("a")], name: "a" });
    });

    describe("s3-bucket-lifecycle-configured (stack)", () => {
        const p = storage.s3BucketLifecycleConfigured;
        it("blocks a bucket with no lifecycle configuration or only Disabled rules", async () => {
            assertViolations(await runStackPolicy(p, [bucket("a"), bucket("b"), lifecycle("b", "Disabled")]), [
                'S3 bucket "a" has no lifecycle configuration with an Enabled rule; add an aws.s3.BucketLifecycleConfiguration with a rule of status "Enabled".',
                'S3 bucket "b" has no lifecycle configuration with an Enabled rule; add an aws.s3.BucketLifecycleConfiguration with a rule of status "Enabled".',
            ]);
        });
        it("blocks rules of the wrong shape", async () => {
            const diags = await runStackPolicy(p, [bucket("a"), { type: S3_BUCKET_LIFECYCLE_CONFIGURATION, name: "lc", props: { bucket: "a", rules: { status: "Enabled" } } }]);
            assert.ok(diags.some((d) => d.message === `Cannot evaluate S3 bucket lifecycle configuration "lc": rules is an object {"status":"Enabled"}, expected an array${SUFFIX}`), JSON.stringify(diags));
        });
        it("passes an Enabled rule (resource or deprecated inline lifecycleRules)", async () => {
            assertClean(await runStackPolicy(p, [bucket("a"), lifecycle("a", "Disabled", "Enabled"), bucket("b", { lifecycleRules: [{ enabled: true }] })]));
        });
        it("is advisory when the rules are unknown at preview", async () => {
            assertNoMandatory(await runStackPolicy(p, [bucket("a"), lifecycle("a", unknown())]));
            assertNoMandatory(await runStackPolicy(p, [bucket("a"), { type: S3_BUCKET_LIFECYCLE_CONFIGURATION, name: "lc", props: { bucket: unknown(), rules: [] } }]));
        });
        itHonoursWaivers(p, { stack: [bucket("a")], name: "a" });
    });

    describe("s3-bucket-owner-enforced (stack)", () => {
        const p = storage.s3BucketOwnerEnforced;
        it("blocks a bucket without BucketOwnerEnforced", async () => {
            assertViolations(await runStackPolicy(p, [bucket("a"), bucket("b"), ownership("b", "ObjectWriter")]), [
                'S3 bucket "a" does not enforce bucket-owner object ownership; add an aws.s3.BucketOwnershipControls with objectOwnership "BucketOwnerEnforced".',
                'S3 bucket "b" does not enforce bucket-owner object ownership; add an aws.s3.BucketOwnershipControls with objectOwnership "BucketOwnerEnforced".',
            ]);
            const diags = await runStackPolicy(p, [bucket("a"), ownership("a", "Enforced")]);
            assert.ok(diags.some((d) => d.message.startsWith('Cannot evaluate S3 bucket ownership controls "a-own": rule.objectOwnership is "Enforced"')), JSON.stringify(diags));
        });
        it("passes BucketOwnerEnforced", async () => {
            assertClean(await runStackPolicy(p, [bucket("a"), ownership("a", "BucketOwnerEnforced")]));
        });
        it("is advisory when unknown at preview", async () => {
            assertNoMandatory(await runStackPolicy(p, [bucket("a"), ownership("a", unknown())]));
        });
        itHonoursWaivers(p, { stack: [bucket("a")], name: "a" });
    });

    describe("s3-acl-no-group-acp-grants", () => {
        const p = storage.s3AclNoGroupAcpGrants;
        const group = "http://acs.amazonaws.com/groups/s3/LogDelivery";
        const aclWith = (permission: unknown, type: unknown = "Group") => ({ accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type, uri: group }, permission }] } });
        it("blocks WRITE_ACP, READ_ACP or FULL_CONTROL to a group", async () => {
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET_ACL, name: "acl", props: aclWith("FULL_CONTROL") }), [
                'Bucket ACL "acl" grants FULL_CONTROL to LogDelivery (accessControlPolicy.grants[0]); remove the grant and disable ACLs with BucketOwnerEnforced.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET, name: "b", props: { grants: [{ type: "Group", uri: group, permissions: ["WRITE", "READ_ACP"] }] } }), [
                'S3 bucket "b" grants READ_ACP to LogDelivery (grants[0]); remove the grant and disable ACLs with BucketOwnerEnforced.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: S3_BUCKET, name: "b", props: { grants: [{ type: "Group", uri: group, permissions: "READ_ACP" }] } }), [
                `Cannot evaluate S3 bucket "b": grants[0].permissions is "READ_ACP", expected an array${SUFFIX}`,
            ]);
        });
        it("passes other permissions to a group and ACL permissions to the owner", async () => {
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET_ACL, props: aclWith("WRITE") }));
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET_ACL, props: aclWith("FULL_CONTROL", "CanonicalUser") }));
            assertClean(await runResourcePolicy(p, { type: S3_BUCKET, props: { bucket: "b" } }));
        });
        it("is advisory when a grant is unknown at preview", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: S3_BUCKET_ACL, props: aclWith(unknown()) }));
            assertNoMandatory(await runResourcePolicy(p, { type: S3_BUCKET, props: { grants: unknown() } }));
        });
        itHonoursWaivers(p, { type: S3_BUCKET_ACL, name: "acl", props: aclWith("WRITE_ACP") });
    });

    describe("s3-audit-bucket-object-lock", () => {
        const p = storage.s3AuditBucketObjectLock;
        const missing = (name: string) =>
            `Audit-log S3 bucket "${name}" does not have Object Lock enabled; set objectLockEnabled: true (a new bucket) or add an aws.s3.BucketObjectLockConfiguration for it, with versioning Enabled.`;
        it("blocks an audit-log bucket (by name or Purpose tag) without Object Lock", async () => {
            assertViolations(await runStackPolicy(p, [{ type: S3_BUCKET, name: "trail", props: { bucket: "govstack-prod-audit-123" } }]), [missing("trail")]);
            assertViolations(await runStackPolicy(p, [{ type: S3_BUCKET, name: "x", props: { bucket: "x", tags: { Purpose: "Audit" }, objectLockEnabled: false } }]), [missing("x")]);
            // A lock configuration of another bucket does not count.
            assertViolations(
                await runStackPolicy(p, [
                    { type: S3_BUCKET, name: "trail", props: { bucket: "govstack-prod-audit-123" } },
                    { type: S3_BUCKET, name: "other", props: { bucket: "other" } },
                    { type: S3_BUCKET_OBJECT_LOCK_CONFIGURATION, name: "other", props: { bucket: "other" } },
                ]),
                [missing("trail")],
            );
            assertViolations(await runStackPolicy(p, [{ type: S3_BUCKET, name: "trail", props: { bucket: "audit", objectLockEnabled: "yes" } }]), [
                `Cannot evaluate S3 bucket "trail": objectLockEnabled is "yes", expected a boolean${SUFFIX}`,
            ]);
        });
        it("passes Object Lock on audit buckets (the flag, the inline block, a lock configuration by name or dependency) and ignores other buckets", async () => {
            assertClean(await runStackPolicy(p, [{ type: S3_BUCKET, name: "a", props: { bucket: "govstack-prod-audit-123", objectLockEnabled: true } }]));
            assertClean(await runStackPolicy(p, [{ type: S3_BUCKET, name: "a", props: { bucket: "govstack-prod-audit-123", objectLockConfiguration: { objectLockEnabled: "Enabled" } } }]));
            assertClean(
                await runStackPolicy(p, [
                    { type: S3_BUCKET, name: "a", props: { bucket: "govstack-prod-audit-123" } },
                    { type: S3_BUCKET_OBJECT_LOCK_CONFIGURATION, name: "a", props: { bucket: "govstack-prod-audit-123", rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } } },
                ]),
            );
            assertClean(
                await runStackPolicy(p, [
                    { type: "aws:s3/bucketV2:BucketV2", name: "a", urn: urnOf("aws:s3/bucketV2:BucketV2", "a"), props: { bucketPrefix: "audit-" } },
                    { type: S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2, name: "a", props: { bucket: unknown(), objectLockEnabled: "Enabled" }, propertyDependencies: { bucket: [urnOf("aws:s3/bucketV2:BucketV2", "a")] } },
                ]),
            );
            assertClean(await runStackPolicy(p, [{ type: S3_BUCKET, name: "b", props: { bucket: "govstack-prod-backups-123", tags: { Purpose: "backups" } } }]));
        });
        it("is advisory when the flag, the tie or the bucket's purpose is unknown at preview", async () => {
            assertNoMandatory(await runStackPolicy(p, [{ type: S3_BUCKET, name: "a", props: { bucket: "audit", objectLockEnabled: unknown() } }]));
            assertNoMandatory(await runStackPolicy(p, [{ type: S3_BUCKET, name: "a", props: { bucket: unknown(), tags: {} } }]));
            assertNoMandatory(await runStackPolicy(p, [{ type: S3_BUCKET, name: "a", props: { bucket: "audit" } }, { type: S3_BUCKET_OBJECT_LOCK_CONFIGURATION, name: "l", props: { bucket: unknown() } }]));
        });
        itHonoursWaivers(p, { name: "trail", stack: [{ type: S3_BUCKET, name: "trail", props: { bucket: "audit" } }] });
    });
});
