import * as assert from "node:assert/strict";

import * as identity from "../../policies/rules/identity";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    policyDoc,
    runResourcePolicy,
    STRONG_PASSWORD_POLICY,
    unknown,
} from "./helpers";
import {
    IAM_ACCOUNT_PASSWORD_POLICY,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_USER_LOGIN_PROFILE,
} from "../../policies/rules/identity/resource-types";
import { KMS_KEY } from "../../policies/lib";

const ROOT = "arn:aws-us-gov:iam::123456789012:root";
const BUCKETS = "arn:aws-us-gov:s3:::govstack-prod-*";

describe("identity (round 2)", () => {
    describe("iam-no-user-login-profile", () => {
        const p = identity.iamNoUserLoginProfile;
        it("blocks a console password for an IAM user, even when the user is unknown", async () => {
            assertViolations(await runResourcePolicy(p, { type: IAM_USER_LOGIN_PROFILE, name: "alice", props: { user: "alice" } }), [
                'IAM user login profile "alice" creates a console password for IAM user "alice"; sign people in through IAM Identity Center or federation instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: IAM_USER_LOGIN_PROFILE, name: "bob", props: { user: unknown() } }), [
                'IAM user login profile "bob" creates a console password; sign people in through IAM Identity Center or federation instead.',
            ]);
        });
        it("passes a stack without login profiles (other IAM types are not judged)", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:iam/user:User", props: { name: "break-glass" } }));
        });
        itHonoursWaivers(p, { type: IAM_USER_LOGIN_PROFILE, name: "alice", props: { user: "alice" } });
    });

    describe("iam-password-policy-strength", () => {
        const p = identity.iamPasswordPolicyStrength;
        it("passes the FedRAMP IA-5(1) parameters and stricter ones", async () => {
            assertClean(await runResourcePolicy(p, { type: IAM_ACCOUNT_PASSWORD_POLICY, props: STRONG_PASSWORD_POLICY }));
            assertClean(await runResourcePolicy(p, { type: IAM_ACCOUNT_PASSWORD_POLICY, props: { ...STRONG_PASSWORD_POLICY, minimumPasswordLength: 20, maxPasswordAge: 60, requireSymbols: "true" } }));
        });
        it("blocks weak and unset fields, and fields of the wrong type", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: IAM_ACCOUNT_PASSWORD_POLICY,
                    name: "acct",
                    props: { minimumPasswordLength: 8, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: false, requireLowercaseCharacters: "yes", maxPasswordAge: 365 },
                }),
                [
                    'Account password policy "acct" sets minimumPasswordLength to 8; set it to 14 or more.',
                    'Account password policy "acct" leaves passwordReusePrevention unset; set it to 24 (remember at least 24 passwords).',
                    'Account password policy "acct" sets maxPasswordAge to 365; set it to between 1 and 90 days.',
                    'Account password policy "acct" does not require upper-case letters; set requireUppercaseCharacters: true.',
                    'Cannot evaluate IAM account password policy "acct": requireLowercaseCharacters is "yes", expected a boolean; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: IAM_ACCOUNT_PASSWORD_POLICY, name: "acct", props: { ...STRONG_PASSWORD_POLICY, passwordReusePrevention: "lots", maxPasswordAge: 0 } }), [
                'Cannot evaluate IAM account password policy "acct": passwordReusePrevention is "lots", expected a whole number; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                'Account password policy "acct" sets maxPasswordAge to 0; set it to between 1 and 90 days.',
            ]);
        });
        it("is advisory when a field is unknown at preview", async () => {
            const diags = await runResourcePolicy(p, { type: IAM_ACCOUNT_PASSWORD_POLICY, name: "acct", props: { ...STRONG_PASSWORD_POLICY, minimumPasswordLength: unknown() } });
            assertAdvisoryOnly(diags);
            assert.match(advisory(diags)[0].message, /^Cannot verify minimumPasswordLength during preview/);
        });
        itHonoursWaivers(p, { type: IAM_ACCOUNT_PASSWORD_POLICY, name: "acct", props: { ...STRONG_PASSWORD_POLICY, minimumPasswordLength: 8 } });
    });

    describe("iam-policy-no-wildcard-actions (widened)", () => {
        const p = identity.iamPolicyNoWildcardActions;
        const DEPLOY = ["govstack-prod-deploy: manages the estate's buckets (create, configure, delete) with s3:*"];
        it("blocks a whole service on any resource, even one bucket", async () => {
            assertViolations(await runResourcePolicy(p, { type: IAM_POLICY, name: "app", props: { policy: policyDoc({ Sid: "Bucket", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws-us-gov:s3:::b", "arn:aws-us-gov:s3:::b/*"] }) } }), [
                'IAM policy "app" statement "Bucket" allows "s3:*", every s3 action, on Resource "arn:aws-us-gov:s3:::b", "arn:aws-us-gov:s3:::b/*"; grant the specific actions needed (only a deployment role named in deploymentRoles, with a reason, may keep a whole service on the estate\'s own resources).',
            ]);
        });
        it("lets a named deployment role keep a whole service on scoped resources, never on every resource", async () => {
            const scoped = policyDoc({ Effect: "Allow", Action: ["s3:*"], Resource: [BUCKETS, `${BUCKETS}/*`] });
            assertClean(await runResourcePolicy(p, { type: IAM_ROLE_POLICY, props: { role: "govstack-prod-deploy", policy: scoped }, config: { deploymentRoles: DEPLOY } }));
            assertClean(await runResourcePolicy(p, { type: "aws:iam/role:Role", props: { name: "govstack-prod-deploy", inlinePolicies: [{ name: "d", policy: scoped }] }, config: { deploymentRoles: DEPLOY } }));
            assertViolations(await runResourcePolicy(p, { type: IAM_ROLE_POLICY, name: "d", props: { role: "govstack-prod-deploy", policy: policyDoc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }, config: { deploymentRoles: DEPLOY } }), [
                'IAM role policy "d" statement #0 allows "s3:*" on Resource "*"; grant the specific actions needed.',
            ]);
            // Another role, or an entry without a reason, gets no exception.
            assert.equal((await runResourcePolicy(p, { type: IAM_ROLE_POLICY, props: { role: "other", policy: scoped }, config: { deploymentRoles: DEPLOY } })).length, 1);
            assert.equal((await runResourcePolicy(p, { type: IAM_ROLE_POLICY, props: { role: "govstack-prod-deploy", policy: scoped }, config: { deploymentRoles: ["govstack-prod-deploy"] } })).length, 1);
        });
        itIsAdvisoryOnly("is advisory when the role of a scoped whole-service grant is unknown and deployment roles are configured", p, { type: IAM_ROLE_POLICY, name: "d", props: { role: unknown(), policy: policyDoc({ Effect: "Allow", Action: "s3:*", Resource: BUCKETS }) }, config: { deploymentRoles: DEPLOY } });
        it("blocks sts:AssumeRole on every role, passes it on named roles", async () => {
            assertViolations(await runResourcePolicy(p, { type: IAM_POLICY, name: "hop", props: { policy: policyDoc({ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "*" }, { Effect: "Allow", Action: "sts:Assume*", Resource: "arn:aws-us-gov:iam::123456789012:role/*" }) } }), [
                'IAM policy "hop" statement #0 allows "sts:AssumeRole" on Resource "*", i.e. any role that trusts the account; name the roles it may assume.',
                'IAM policy "hop" statement #1 allows "sts:Assume*" on Resource "arn:aws-us-gov:iam::123456789012:role/*", i.e. any role that trusts the account; name the roles it may assume.',
            ]);
            assertClean(await runResourcePolicy(p, { type: IAM_POLICY, props: { policy: policyDoc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws-us-gov:iam::123456789012:role/govstack-prod-reader" }) } }));
        });
    });

    describe("resource-policy-no-wildcard-actions", () => {
        const p = identity.resourcePolicyNoWildcardActions;
        it("blocks every action, NotAction and whole services in resource policies and Lambda permissions", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: "aws:sqs/queuePolicy:QueuePolicy",
                    name: "q",
                    props: {
                        policy: policyDoc(
                            { Sid: "All", Effect: "Allow", Principal: { AWS: ROOT }, Action: "*", Resource: "*" },
                            { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, NotAction: "sqs:DeleteQueue", Resource: "*" },
                            { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: ["sqs:*"], Resource: "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q" },
                        ),
                    },
                }),
                [
                    'SQS queue policy "q" statement "All" allows Action "*", every action; grant the specific actions needed.',
                    'SQS queue policy "q" statement #1 allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.',
                    'SQS queue policy "q" statement #2 allows "sqs:*", every action of the service; grant the specific actions needed.',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: "aws:lambda/permission:Permission", name: "inv", props: { action: "lambda:*", function: "f", principal: "sns.amazonaws.com" } }), [
                'Lambda permission "inv" allows "lambda:*"; grant the one action needed (lambda:InvokeFunction).',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:kinesis/resourcePolicy:ResourcePolicy", name: "k", props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kinesis:*", Resource: "*" }) } }), [
                'Kinesis resource policy "k" statement #0 allows "kinesis:*", every action of the service; grant the specific actions needed.',
            ]);
        });
        it("allows kms:* to the key's own account root on the key by the named rule, and nothing wider", async () => {
            const provider = { props: { allowedAccountIds: ["123456789012"] } };
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, provider, props: { policy: policyDoc({ Sid: "EnableIam", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }) } }));
            assertViolations(
                await runResourcePolicy(p, {
                    type: KMS_KEY,
                    name: "k",
                    props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::123456789012:role/app" }, Action: "kms:*", Resource: "*" }, { Effect: "Allow", Principal: { AWS: ROOT }, Action: "s3:*", Resource: "*" }) },
                }),
                [
                    'KMS key "k" statement #0 allows "kms:*", every action of the service; grant the specific actions needed (only the key\'s own account root may hold "kms:*" on Resource "*").',
                    'KMS key "k" statement #1 allows "s3:*", every action of the service; grant the specific actions needed (only the key\'s own account root may hold "kms:*" on Resource "*").',
                ],
            );
        });
        it("passes specific actions, prefix wildcards and Deny statements", async () => {
            assertClean(
                await runResourcePolicy(p, {
                    type: "aws:s3/bucketPolicy:BucketPolicy",
                    props: {
                        policy: policyDoc(
                            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws-us-gov:s3:::b/*", Condition: { Bool: { "aws:SecureTransport": false } } },
                            { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["s3:PutObject", "s3:GetBucketAcl"], Resource: "arn:aws-us-gov:s3:::b/*" },
                        ),
                    },
                }),
            );
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: ROOT }, Action: ["kms:Create*", "kms:Describe*"], Resource: "*" }) } }));
            assertClean(await runResourcePolicy(p, { type: "aws:lambda/permission:Permission", props: { action: "lambda:InvokeFunction", function: "f", principal: "sns.amazonaws.com" } }));
        });
        it("is advisory when the document or an action is unknown at preview", async () => {
            for (const props of [{ policy: unknown() }, { policy: { Statement: [{ Effect: "Allow", Principal: "*", Action: [unknown()] }] } }]) {
                assertAdvisoryOnly(await runResourcePolicy(p, { type: "aws:sns/topicPolicy:TopicPolicy", props }));
            }
        });
        itHonoursWaivers(p, { type: "aws:sqs/queuePolicy:QueuePolicy", name: "q", props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "sqs:*", Resource: "*" }) } });
    });

    describe("iam-role-trust-policy", () => {
        const p = identity.iamRoleTrustPolicy;
        const PULUMI = "arn:aws-us-gov:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
        const GITHUB = "arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        const SAML = "arn:aws-us-gov:iam::123456789012:saml-provider/okta";
        const trust = (...s: Record<string, unknown>[]) => ({ assumeRolePolicy: policyDoc(...s) });
        it("passes service, pinned OIDC and SAML, and MFA-gated account trust (the estate's shapes)", async () => {
            for (const props of [
                trust({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }),
                trust({ Effect: "Allow", Principal: { Federated: PULUMI }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "api.pulumi.com/oidc:aud": "govstack", "api.pulumi.com/oidc:sub": ["pulumi:deploy:org:govstack:project:govstack:stack:prod:operation:update:scope:write"] } } }),
                trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/govstack:pull_request" } } }),
                trust({ Effect: "Allow", Principal: { Federated: SAML }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.amazonaws-us-gov.com/saml", "SAML:sub": "alice@example.gov" } } }),
                trust({ Effect: "Allow", Principal: { AWS: ROOT }, Action: ["sts:AssumeRole", "sts:SetSourceIdentity"], Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
            ]) {
                assertClean(await runResourcePolicy(p, { type: IAM_ROLE, props }));
            }
        });
        it("blocks wildcard and non-STS actions, NotAction, and * next to other principals", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: IAM_ROLE,
                    name: "r",
                    props: trust(
                        { Sid: "Star", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:*", "*", "iam:PassRole"] },
                        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, NotAction: "sts:GetFederationToken" },
                        { Effect: "Allow", Principal: { AWS: ["*"], Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
                    ),
                }),
                [
                    'IAM role "r" trust policy statement "Star" allows "sts:*", "*", "iam:PassRole"; a trust policy allows only sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity, sts:SetContext.',
                    'IAM role "r" trust policy statement #1 allows NotAction; allow only sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML, sts:TagSession, sts:SetSourceIdentity, sts:SetContext.',
                    'IAM role "r" trust policy statement #2 lists Principal "*" next to other principals, so naming them restricts nothing; remove "*".',
                ],
            );
        });
        it("blocks account principals without MFA and federated providers without pinned audience and subject", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: IAM_ROLE,
                    name: "r",
                    props: trust(
                        { Effect: "Allow", Principal: { AWS: ["arn:aws-us-gov:iam::123456789012:role/ops", "210987654321"] }, Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } },
                        { Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } },
                        { Effect: "Allow", Principal: { Federated: SAML }, Action: "sts:AssumeRoleWithSAML", Condition: { StringLike: { "SAML:aud": "*", "SAML:sub": "alice" } } },
                    ),
                }),
                [
                    'IAM role "r" trust policy statement #0 lets account principal "arn:aws-us-gov:iam::123456789012:role/ops" and 1 more assume the role without Bool aws:MultiFactorAuthPresent "true"; require MFA, or use a service or federated principal.',
                    'IAM role "r" trust policy statement #1 lets OIDC provider "arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" assume the role without pinning token.actions.githubusercontent.com:sub; add StringEquals (or StringLike) with the exact audience and subject.',
                    'IAM role "r" trust policy statement #2 lets SAML provider "arn:aws-us-gov:iam::123456789012:saml-provider/okta" assume the role without pinning SAML:aud; add StringEquals (or StringLike) with the exact audience and subject.',
                ],
            );
        });
        it("is advisory when the trust policy, a principal or a pinning value is unknown at preview", async () => {
            for (const props of [
                { assumeRolePolicy: unknown() },
                trust({ Effect: "Allow", Principal: { AWS: [unknown()] }, Action: "sts:AssumeRole" }),
                trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": unknown() } } }),
            ]) {
                const diags = await runResourcePolicy(p, { type: IAM_ROLE, props });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
            }
        });
        itHonoursWaivers(p, { type: IAM_ROLE, name: "r", props: trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:*" }) });
    });

    describe("iam-no-inline-policies", () => {
        const p = identity.iamNoInlinePolicies;
        const POLICY_DOC = policyDoc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/a:*" });
        it("blocks role, user and group policies and a role's inline policies", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: "app", policy: POLICY_DOC } }), [
                'IAM role policy "rp" is an inline policy on "app"; use a customer-managed aws.iam.Policy and attach it.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/userPolicy:UserPolicy", name: "up", props: { user: unknown(), policy: POLICY_DOC } }), [
                'IAM user policy "up" is an inline policy; use a customer-managed aws.iam.Policy and attach it.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:iam/groupPolicy:GroupPolicy", name: "gp", props: { group: "ops", policy: POLICY_DOC } }), [
                'IAM group policy "gp" is an inline policy on "ops"; use a customer-managed aws.iam.Policy and attach it.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: IAM_ROLE, name: "r", props: { inlinePolicies: [{ name: "logs", policy: POLICY_DOC }] } }), [
                'IAM role "r" has inline policies "logs"; use customer-managed aws.iam.Policy resources and attach them.',
            ]);
        });
        it("passes roles without inline policies, and the empty entry that removes them", async () => {
            assertClean(await runResourcePolicy(p, { type: IAM_ROLE, props: { name: "app" } }));
            assertClean(await runResourcePolicy(p, { type: IAM_ROLE, props: { inlinePolicies: [{}] } }));
        });
        itIsAdvisoryOnly("is advisory when inlinePolicies is unknown at preview", p, { type: IAM_ROLE, props: { inlinePolicies: unknown() } });
        itHonoursWaivers(p, { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: "app", policy: POLICY_DOC } });
    });
});
