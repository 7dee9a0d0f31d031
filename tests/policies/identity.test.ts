import * as assert from "node:assert/strict";

import * as identity from "../../policies/rules/identity";
import { isPublicPrincipal, policyStatements, S3_BUCKET_POLICY } from "../../policies/lib";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    mandatory,
    policyDoc,
    runResourcePolicy,
    unknown,
} from "./helpers";
import { IAM_POLICY, IAM_ROLE } from "../../policies/rules/identity/resource-types";

const ROLE_ARN = "arn:aws-us-gov:iam::123456789012:role/app-task";

describe("identity", () => {
    describe("policy document parsing", () => {
        it("accepts a single statement object, an array, and structured documents", () => {
            assert.deepEqual(policyStatements(JSON.stringify({ Statement: { Effect: "Allow" } })), { kind: "ok", statements: [{ Effect: "Allow" }] });
            assert.deepEqual(policyStatements({ Statement: [{ Effect: "Deny" }] }), { kind: "ok", statements: [{ Effect: "Deny" }] });
            assert.deepEqual(policyStatements(unknown()), { kind: "unknown" });
            assert.deepEqual(policyStatements("nope"), { kind: "invalid" });
        });
        it("recognises public principals", () => {
            assert.equal(isPublicPrincipal("*"), true);
            assert.equal(isPublicPrincipal({ AWS: ["arn:x", "*"] }), true);
            assert.equal(isPublicPrincipal({ Service: "ecs-tasks.amazonaws.com" }), false);
            assert.equal(isPublicPrincipal({ AWS: [unknown()] }), undefined);
        });
    });

    describe("iam-policy-no-wildcard-actions", () => {
        const p = identity.iamPolicyNoWildcardActions;
        it('flags Action "*", NotAction and service wildcards on Resource "*"', async () => {
            const diags = await runResourcePolicy(p, {
                type: IAM_POLICY,
                name: "admin",
                props: {
                    policy: policyDoc(
                        { Sid: "All", Effect: "Allow", Action: "*", Resource: "*" },
                        { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" },
                        { Effect: "Allow", Action: ["S3:*", "logs:PutLogEvents"], Resource: ["*"] },
                        { Effect: "Deny", Action: "*", Resource: "*" },
                    ),
                },
            });
            assertViolations(diags, [
                'IAM policy "admin" statement "All" allows Action "*"; grant the specific actions needed.',
                'IAM policy "admin" statement #1 allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.',
                'IAM policy "admin" statement #2 allows "S3:*" on Resource "*"; grant the specific actions needed.',
            ]);
        });
        it("checks role inline policies and the other identity policy types", async () => {
            const diags = await runResourcePolicy(p, {
                type: IAM_ROLE,
                name: "task",
                props: { assumeRolePolicy: policyDoc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }), inlinePolicies: [{ name: "inline", policy: policyDoc({ Effect: "Allow", Action: "*:*", Resource: ROLE_ARN }) }] },
            });
            assertViolations(diags, ['IAM role "task" inline policy "inline" statement #0 allows Action "*"; grant the specific actions needed.']);
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { policy: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } } }), [
                'IAM role policy "rp" statement #0 allows Action "*"; grant the specific actions needed.',
            ]);
        });
        it("passes specific actions and allowed services", async () => {
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws-us-gov:logs:*" }) } }));
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: "xray:*", Resource: "*" }) }, config: { allowedServiceWildcards: ["xray"] } }));
        });
        it("flags every spelling of Action \"*\" and of a whole service, and ARN patterns covering every resource of it", async () => {
            const diags = await runResourcePolicy(p, {
                type: IAM_POLICY,
                name: "sneaky",
                props: {
                    policy: policyDoc(
                        { Sid: "Stars", Effect: "Allow", Action: "**", Resource: ROLE_ARN },
                        { Sid: "Iam", Effect: "Allow", Action: ["iam:**", "i*:*", "ec2?*"], Resource: "*" },
                        { Sid: "AllBuckets", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws-us-gov:s3:::*"] },
                        { Sid: "Account", Effect: "Allow", Action: "IAM:*", Resource: "arn:aws-us-gov:iam::123456789012:*" },
                    ),
                },
            });
            assertViolations(diags, [
                'IAM policy "sneaky" statement "Stars" allows Action "*" ("**" matches every action); grant the specific actions needed.',
                'IAM policy "sneaky" statement "Iam" allows "iam:**", "i*:*", "ec2?*" on Resource "*"; grant the specific actions needed.',
                'IAM policy "sneaky" statement "AllBuckets" allows "s3:*" on Resource "arn:aws-us-gov:s3:::*", i.e. every s3 resource; grant the specific actions needed.',
                'IAM policy "sneaky" statement "Account" allows "IAM:*" on Resource "arn:aws-us-gov:iam::123456789012:*", i.e. every IAM resource; grant the specific actions needed.',
            ]);
        });
        it("checks IAM Identity Center permission set inline policies", async () => {
            const type = "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";
            assertViolations(await runResourcePolicy(p, { type, name: "ops", props: { inlinePolicy: policyDoc({ Effect: "Allow", Action: "*", Resource: "*" }) } }), [
                'Permission set inline policy "ops" statement #0 allows Action "*"; grant the specific actions needed.',
            ]);
            assertClean(await runResourcePolicy(p, { type, props: { inlinePolicy: policyDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } }));
            assertAdvisoryOnly(await runResourcePolicy(p, { type, props: { inlinePolicy: unknown() } }));
        });
        it("passes partial wildcards; a whole service is blocked on one bucket, one log group or another service's ARNs too", async () => {
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: ["s3:Get*", "s3:*Object", "logs:Describe*"], Resource: "*" }) } }));
            const scoped = await runResourcePolicy(p, {
                type: IAM_POLICY,
                props: {
                    policy: policyDoc(
                        { Effect: "Allow", Action: "s3:*", Resource: ["arn:aws-us-gov:s3:::app-*", "arn:aws-us-gov:s3:::b/*"] },
                        { Effect: "Allow", Action: "logs:*", Resource: "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/app/*" },
                        { Effect: "Allow", Action: "iam:*", Resource: "arn:aws-us-gov:s3:::*" },
                    ),
                },
            });
            assert.deepEqual(mandatory(scoped).map((d) => d.message.split(",")[0]), ['IAM policy "test" statement #0 allows "s3:*"', 'IAM policy "test" statement #1 allows "logs:*"', 'IAM policy "test" statement #2 allows "iam:*"']);
        });
        it("is advisory on unknown documents, inline lists, effects or actions", async () => {
            const cases = [
                { type: IAM_POLICY, props: { policy: unknown() } },
                { type: IAM_ROLE, props: { inlinePolicies: unknown() } },
                { type: IAM_POLICY, props: { policy: { Statement: [{ Effect: unknown(), Action: "*", Resource: "*" }] } } },
                { type: IAM_POLICY, props: { policy: { Statement: [{ Effect: "Allow", Action: [unknown()], Resource: "*" }] } } },
            ];
            for (const input of cases) {
                const diags = await runResourcePolicy(p, input);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(input));
            }
        });
        it("flags a known document that is not JSON", async () => {
            assertViolations(await runResourcePolicy(p, { type: IAM_POLICY, name: "bad", props: { policy: "{" } }), [
                'Cannot evaluate IAM policy "bad": policy is "{", expected a JSON policy document (a Statement object or list); set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: IAM_POLICY, name: "admin", props: { policy: policyDoc({ Effect: "Allow", Action: "*", Resource: "*" }) } });
    });

    describe("iam-policy-no-passrole-wildcard", () => {
        const p = identity.iamPolicyNoPassRoleWildcard;
        it('flags iam:PassRole (and patterns that match it) on Resource "*"', async () => {
            const diags = await runResourcePolicy(p, {
                type: "aws:iam/userPolicy:UserPolicy",
                name: "deployer",
                props: { policy: policyDoc({ Effect: "Allow", Action: ["ecs:UpdateService", "IAM:passrole"], Resource: "*" }, { Effect: "Allow", Action: "iam:Pass*", NotResource: ROLE_ARN }) },
            });
            assertViolations(diags, [
                'IAM user policy "deployer" statement #0 allows "IAM:passrole" on Resource "*"; scope it to the role ARNs that are passed.',
                'IAM user policy "deployer" statement #1 allows "iam:Pass*" on Resource "*"; scope it to the role ARNs that are passed.',
            ]);
        });
        it("flags PassRole on every role of an account (role/*) and leaves \"**\" to the wildcard policy", async () => {
            const diags = await runResourcePolicy(p, {
                type: "aws:iam/rolePolicy:RolePolicy",
                name: "deployer",
                props: {
                    policy: policyDoc(
                        { Sid: "AnyRole", Effect: "Allow", Action: "iam:PassRole", Resource: ["arn:aws-us-gov:iam::123456789012:role/*"] },
                        { Sid: "AnyAccount", Effect: "Allow", Action: "iam:*Role", Resource: "arn:*:iam::*:role*" },
                        { Sid: "Stars", Effect: "Allow", Action: "**", Resource: "*" },
                    ),
                },
            });
            assertViolations(diags, [
                'IAM role policy "deployer" statement "AnyRole" allows "iam:PassRole" on Resource "arn:aws-us-gov:iam::123456789012:role/*", i.e. every role; scope it to the role ARNs that are passed.',
                'IAM role policy "deployer" statement "AnyAccount" allows "iam:*Role" on Resource "arn:*:iam::*:role*", i.e. every role; scope it to the role ARNs that are passed.',
            ]);
        });
        it("passes PassRole scoped by role path or name prefix", async () => {
            const scoped = ["arn:aws-us-gov:iam::123456789012:role/service-role/*", "arn:aws-us-gov:iam::123456789012:role/app-*"];
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: scoped }) } }));
        });
        it("passes PassRole scoped to role ARNs and leaves Action \"*\" to the wildcard policy", async () => {
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: [ROLE_ARN] }) } }));
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: "*", Resource: "*" }) } }));
        });
        itIsAdvisoryOnly("is advisory when the resource is unknown", p, { type: IAM_POLICY, props: { policy: { Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: unknown() }] } } });
    });

    describe("iam-no-user-access-keys", () => {
        it("flags every access key", async () => {
            assertViolations(await runResourcePolicy(identity.iamNoUserAccessKeys, { type: "aws:iam/accessKey:AccessKey", name: "ci", props: { user: "deployer" } }), [
                'IAM access key "ci" creates a long-lived credential for IAM user "deployer"; use an IAM role with short-lived credentials instead.',
            ]);
        });
        it("still flags a key whose user is unknown (the key itself is the finding)", async () => {
            assertViolations(await runResourcePolicy(identity.iamNoUserAccessKeys, { type: "aws:iam/accessKey:AccessKey", name: "ci", props: { user: unknown() } }), [
                'IAM access key "ci" creates a long-lived credential; use an IAM role with short-lived credentials instead.',
            ]);
        });
        it("ignores other types", async () => {
            assertClean(await runResourcePolicy(identity.iamNoUserAccessKeys, { type: IAM_ROLE, props: {} }));
        });
        itHonoursWaivers(identity.iamNoUserAccessKeys, { type: "aws:iam/accessKey:AccessKey", name: "ci", props: { user: "deployer" } });
    });

    describe("iam-user-no-policies", () => {
        const p = identity.iamUserNoPolicies;
        it("flags inline user policies, user attachments and policy attachments with users", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/userPolicy:UserPolicy", name: "p", props: { user: "alice", policy: "{}" } }), [
                '"p" gives IAM user "alice" an inline policy directly; grant permissions through a group or role instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "a", props: { user: unknown(), policyArn: "x" } }), [
                '"a" gives an IAM user a managed policy directly; grant permissions through a group or role instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/policyAttachment:PolicyAttachment", name: "pa", props: { users: ["alice"], roles: [] } }), [
                'Policy attachment "pa" attaches a policy directly to IAM users; attach it to a group or role instead.',
            ]);
        });
        it("flags a UserPolicyAttachmentsExclusive that attaches policies, passes an empty one, and is advisory when unknown", async () => {
            const type = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";
            assertViolations(await runResourcePolicy(p, { type, name: "alice-only", props: { userName: "alice", policyArns: ["arn:aws-us-gov:iam::123456789012:policy/p"] } }), [
                '"alice-only" attaches managed policies directly to an IAM user; grant permissions through a group or role instead.',
            ]);
            assertClean(await runResourcePolicy(p, { type, props: { userName: "alice", policyArns: [] } }));
            assertAdvisoryOnly(await runResourcePolicy(p, { type, props: { userName: "alice", policyArns: unknown() } }));
        });
        it("passes policy attachments to roles only", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:iam/policyAttachment:PolicyAttachment", props: { roles: ["r"] } }));
        });
        itIsAdvisoryOnly("is advisory when the attachment's users are unknown", p, { type: "aws:iam/policyAttachment:PolicyAttachment", props: { users: unknown() } });
    });

    describe("iam-no-admin-managed-policies", () => {
        const p = identity.iamNoAdminManagedPolicies;
        const admin = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess";
        it("flags AdministratorAccess-class attachments on roles, users, groups and role managedPolicyArns", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "ops", props: { role: "ops", policyArn: admin } }), [
                '"ops" attaches the AWS-managed policy AdministratorAccess; grant a customer-managed policy with the specific actions instead.',
            ]);
            assertViolations(
                await runResourcePolicy(p, { type: IAM_ROLE, name: "r", props: { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess", "arn:aws-us-gov:iam::aws:policy/PowerUserAccess"] } }),
                ['"r" attaches the AWS-managed policy PowerUserAccess; grant a customer-managed policy with the specific actions instead.'],
            );
        });
        it("flags AdministratorAccess through the *Exclusive attachments and IAM Identity Center permission sets", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "ops-x", props: { roleName: "ops", policyArns: [admin] } }), [
                '"ops-x" attaches the AWS-managed policy AdministratorAccess; grant a customer-managed policy with the specific actions instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: "ps", props: { managedPolicyArn: admin } }), [
                '"ps" attaches the AWS-managed policy AdministratorAccess; grant a customer-managed policy with the specific actions instead.',
            ]);
            assertClean(await runResourcePolicy(p, { type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", props: { policyArns: ["arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"] } }));
            assertAdvisoryOnly(await runResourcePolicy(p, { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", props: { policyArns: unknown() } }));
        });
        it("passes narrow AWS-managed policies, customer-managed ones and the configured exceptions", async () => {
            const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
            assertClean(await runResourcePolicy(p, { type, props: { policyArn: "arn:aws-us-gov:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" } }));
            assertClean(await runResourcePolicy(p, { type, props: { policyArn: "arn:aws-us-gov:iam::123456789012:policy/AdministratorAccess" } }));
            assertClean(await runResourcePolicy(p, { type, props: { policyArn: admin }, config: { forbiddenManagedPolicies: ["IAMFullAccess"] } }));
        });
        it("skips unknown ARNs (customer-managed policies of this stack) and is advisory for an unknown list", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", props: { policyArn: unknown() } }));
            assertAdvisoryOnly(await runResourcePolicy(p, { type: IAM_ROLE, props: { managedPolicyArns: unknown() } }));
        });
    });

    describe("kms-key-rotation-enabled", () => {
        const type = "aws:kms/key:Key";
        it("flags a symmetric key without rotation", async () => {
            assertViolations(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, name: "data", props: { customerMasterKeySpec: "SYMMETRIC_DEFAULT" } }), [
                'KMS key "data" does not rotate; set enableKeyRotation: true.',
            ]);
        });
        it("passes a rotating key and skips asymmetric/HMAC keys", async () => {
            assertClean(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { enableKeyRotation: true } }));
            assertClean(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { customerMasterKeySpec: "RSA_2048" } }));
            // KMS cannot rotate keys in a custom key store (kms-key-rotation-supported blocks asking it to).
            assertClean(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { customKeyStoreId: "cks-1234567890abcdef0" } }));
            assertClean(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { customKeyStoreId: unknown() } }));
        });
        it("is advisory when rotation or the key spec is unknown", async () => {
            assertNoMandatory(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { enableKeyRotation: unknown() } }));
            assertAdvisoryOnly(await runResourcePolicy(identity.kmsKeyRotationEnabled, { type, props: { customerMasterKeySpec: unknown() } }));
        });
        itHonoursWaivers(identity.kmsKeyRotationEnabled, { type, name: "data", props: {} });
    });

    describe("resource-policy-no-public-principal", () => {
        const p = identity.resourcePolicyNoPublicPrincipal;
        it("flags Principal \"*\", {AWS: \"*\"} and NotPrincipal without a Condition", async () => {
            const diags = await runResourcePolicy(p, {
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "site",
                props: {
                    bucket: "b",
                    policy: policyDoc(
                        { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws-us-gov:s3:::b/*" },
                        { Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:ListBucket", Resource: "arn:aws-us-gov:s3:::b", Condition: {} },
                        { Effect: "Allow", NotPrincipal: { AWS: ROLE_ARN }, Action: "s3:GetObject", Resource: "*" },
                    ),
                },
            });
            assertViolations(diags, [
                'Bucket policy "site" statement "Public" allows Principal "*" without a Condition; name the principals or add a narrowing Condition.',
                'Bucket policy "site" statement #1 allows Principal "*" without a Condition; name the principals or add a narrowing Condition.',
                'Bucket policy "site" statement #2 allows NotPrincipal (everyone but the listed principals) without a Condition; name the principals or add a narrowing Condition.',
            ]);
        });
        it("covers keys, topics, queues and role trust policies", async () => {
            const open = policyDoc({ Effect: "Allow", Principal: "*", Action: "*" });
            for (const [type, noun, field] of [
                ["aws:kms/key:Key", "KMS key", "policy"],
                ["aws:sns/topic:Topic", "SNS topic", "policy"],
                ["aws:sqs/queuePolicy:QueuePolicy", "SQS queue policy", "policy"],
                [IAM_ROLE, "IAM role trust policy of", "assumeRolePolicy"],
            ]) {
                assertViolations(await runResourcePolicy(p, { type, name: "x", props: { [field]: open } }), [
                    `${noun} "x" statement #0 allows Principal "*" without a Condition; name the principals or add a narrowing Condition.`,
                ]);
            }
        });
        it("passes named principals, conditioned wildcards and Deny statements", async () => {
            const policy = policyDoc(
                { Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } },
                { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            );
            assertClean(await runResourcePolicy(p, { type: "aws:kms/keyPolicy:KeyPolicy", props: { keyId: "k", policy } }));
            assertClean(await runResourcePolicy(p, { type: "aws:sqs/queue:Queue", props: {} }));
        });
        it("is advisory on an unknown document, principal or condition", async () => {
            for (const policy of [unknown(), { Statement: [{ Effect: "Allow", Principal: unknown(), Action: "*" }] }, { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Condition: unknown() }] }]) {
                const diags = await runResourcePolicy(p, { type: "aws:sns/topicPolicy:TopicPolicy", props: { arn: "t", policy } });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(policy));
            }
        });
        describe("a Condition must narrow who can use the grant", () => {
            const OBJECTS = "arn:aws-us-gov:s3:::b/*";
            const FIX = "name the principals or add a Condition that fixes aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, kms:CallerAccount or another caller key to specific values.";
            const publicRead = (Condition: unknown, extra: Record<string, unknown> = { Principal: "*" }) => ({ Effect: "Allow", ...extra, Action: "s3:GetObject", Resource: OBJECTS, Condition });

            it("flags the public bucket that only requires HTTPS", async () => {
                const policy = JSON.stringify({ Version: "2012-10-17", Statement: [publicRead({ Bool: { "aws:SecureTransport": "true" } })] });
                assertViolations(await runResourcePolicy(p, { type: S3_BUCKET_POLICY, name: "site", props: { bucket: "b", policy } }), [
                    `Bucket policy "site" statement #0 allows Principal "*" and its Condition (Bool aws:SecureTransport: the key does not identify the caller) does not narrow who can use it; ${FIX}`,
                ]);
            });

            it("flags wildcard values, the whole address space, negated, IfExists and ForAllValues operators, and NotPrincipal", async () => {
                const policy = policyDoc(
                    publicRead({ StringLike: { "aws:PrincipalArn": "*" } }),
                    publicRead({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }),
                    publicRead({ StringNotEquals: { "aws:PrincipalAccount": "123456789012" } }),
                    publicRead({ StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } }),
                    publicRead({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc123def4" } }),
                    publicRead({ Bool: { "aws:SecureTransport": "true" } }, { NotPrincipal: { AWS: ROLE_ARN } }),
                    publicRead({ ArnLike: { "aws:PrincipalArn": "arn:aws-us-gov:iam::*:role/reader" } }, { Principal: { AWS: "*" } }),
                );
                const because = (why: string, whom = 'Principal "*"') => (i: number) => `Bucket policy "site" statement #${i} allows ${whom} and its Condition (${why}) does not narrow who can use it; ${FIX}`;
                assertViolations(
                    await runResourcePolicy(p, { type: S3_BUCKET_POLICY, name: "site", props: { policy } }),
                    [
                        because('StringLike aws:PrincipalArn: "*" matches any caller'),
                        because('IpAddress aws:SourceIp: "0.0.0.0/0" is every address'),
                        because("StringNotEquals aws:PrincipalAccount: a negated operator lets every other value through"),
                        because("StringEqualsIfExists aws:SourceAccount: IfExists is true when the key is absent"),
                        because("ForAllValues:StringEquals aws:PrincipalOrgID: ForAllValues is true when the key is absent or empty"),
                        because("Bool aws:SecureTransport: the key does not identify the caller", "NotPrincipal (everyone but the listed principals)"),
                        because('ArnLike aws:PrincipalArn: "arn:aws-us-gov:iam::*:role/reader" leaves the account open'),
                    ].map((m, i) => m(i)),
                );
            });

            it("names at most three non-narrowing pairs", async () => {
                const policy = policyDoc(
                    publicRead({
                        Bool: { "aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "true" },
                        StringEquals: { "aws:RequestedRegion": "us-gov-west-1", "kms:ViaService": "s3.us-gov-west-1.amazonaws.com" },
                    }),
                );
                const [m] = mandatory(await runResourcePolicy(p, { type: S3_BUCKET_POLICY, name: "site", props: { policy } })).map((d) => d.message);
                assert.match(m, /\(Bool aws:SecureTransport: .*; Bool aws:MultiFactorAuthPresent: .*; StringEquals aws:RequestedRegion: .*; and 1 more\) does not narrow/);
            });

            it("flags a role trust policy open to every account behind an MFA condition", async () => {
                const trust = policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
                assertViolations(await runResourcePolicy(p, { type: IAM_ROLE, name: "ops", props: { assumeRolePolicy: trust } }), [
                    `IAM role trust policy of "ops" statement #0 allows Principal "*" and its Condition (Bool aws:MultiFactorAuthPresent: the key does not identify the caller) does not narrow who can use it; ${FIX}`,
                ]);
            });

            it("passes conditions that fix the account, source, organization or caller account", async () => {
                const policy = policyDoc(
                    publicRead({ StringEquals: { "aws:SourceAccount": "123456789012" } }),
                    publicRead({ ArnLike: { "aws:SourceArn": "arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/*" } }),
                    publicRead({ StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }),
                    publicRead({ Bool: { "aws:SecureTransport": "true" }, StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }),
                    publicRead({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }, { NotPrincipal: { AWS: ROLE_ARN } }),
                );
                assertClean(await runResourcePolicy(p, { type: S3_BUCKET_POLICY, props: { policy } }));
                const key = policyDoc({
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "s3.us-gov-west-1.amazonaws.com" } },
                });
                assertClean(await runResourcePolicy(p, { type: "aws:kms/key:Key", props: { policy: key } }));
                const trust = policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } } });
                assertClean(await runResourcePolicy(p, { type: IAM_ROLE, props: { assumeRolePolicy: trust } }));
            });

            it("keeps service principals and Deny statements out of it, whatever their Condition", async () => {
                const policy = policyDoc(
                    { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: OBJECTS, Condition: { Bool: { "aws:SecureTransport": "true" } } },
                    { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: OBJECTS, Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } },
                );
                assertClean(await runResourcePolicy(p, { type: S3_BUCKET_POLICY, props: { policy } }));
            });

            it("is advisory, not a violation, when an unknown value could narrow it", async () => {
                const statement = (Condition: unknown) => ({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS, Condition });
                for (const [condition, what] of [
                    [{ StringEquals: { "aws:SourceAccount": unknown() } }, "StringEquals aws:SourceAccount"],
                    [{ Bool: { "aws:SecureTransport": "true" }, ArnLike: { "aws:SourceArn": [unknown()] } }, "ArnLike aws:SourceArn"],
                    [{ StringEquals: unknown() }, "StringEquals"],
                ] as const) {
                    const diags = await runResourcePolicy(p, { type: S3_BUCKET_POLICY, name: "site", props: { policy: { Statement: [statement(condition)] } } });
                    assertNoMandatory(diags);
                    assert.deepEqual(
                        advisory(diags).map((d) => d.message),
                        [`Cannot verify Bucket policy "site" statement #0 Condition ${what} during preview: the value is unknown until the update. The policy runs again before the resource is created.`],
                    );
                }
            });

            it("still flags a statement whose unknown values cannot narrow it", async () => {
                const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS, Condition: { Bool: { "aws:SecureTransport": unknown() }, StringLike: { "aws:PrincipalArn": ["*", unknown()] } } }] };
                const diags = await runResourcePolicy(p, { type: S3_BUCKET_POLICY, name: "site", props: { policy } });
                assert.equal(mandatory(diags).length, 1, JSON.stringify(diags));
            });
        });
        itHonoursWaivers(p, { type: "aws:s3/bucketPolicy:BucketPolicy", name: "site", props: { policy: policyDoc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }) } });
    });
});
