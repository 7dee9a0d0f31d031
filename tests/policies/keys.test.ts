import * as assert from "node:assert/strict";

import { KMS_KEY, KMS_KEY_POLICY, KMS_OWN_ACCOUNT_ROOT_RULE } from "../../policies/lib";
import * as keys from "../../policies/rules/keys";
import { auditKeyPolicy } from "../../infra/components/audit-trail/audit-trail";
import { backupKeyPolicy } from "../../infra/components/backups/backups";
import { keyPolicy, KEY_PURPOSES } from "../../infra/components/keys/keys";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    messages,
    policyDoc,
    runResourcePolicy,
    unknown,
} from "./helpers";
import { KMS_EXTERNAL_KEY, KMS_REPLICA_KEY } from "../../policies/rules/keys/resource-types";

const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "210987654321";
const ROOT = `arn:aws-us-gov:iam::${ACCOUNT}:root`;
const SCOPE = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: ACCOUNT };
/** The provider as a stack with aws:allowedAccountIds hands it over. */
const PROVIDER = { props: { region: "us-gov-west-1", allowedAccountIds: [ACCOUNT] } };

const rootAdmin = { Sid: "Root", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };

describe("keys", () => {
    describe("kms-key-deletion-window", () => {
        const p = keys.kmsKeyDeletionWindow;
        it("blocks a window shorter than the minimum (30 days by default)", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "data", props: { deletionWindowInDays: 7 } }), [
                'KMS key "data" is deleted 7 days after a deletion is scheduled; set deletionWindowInDays to at least 30 (30 is the longest KMS allows).',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_REPLICA_KEY, name: "dr", props: { deletionWindowInDays: 29, primaryKeyArn: "arn:x" } }), [
                'KMS replica key "dr" is deleted 29 days after a deletion is scheduled; set deletionWindowInDays to at least 30 (30 is the longest KMS allows).',
            ]);
        });
        it("passes 30 days, unset (KMS's default, 30) and a window at a configured lower minimum", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { deletionWindowInDays: 30 } }));
            assertClean(await runResourcePolicy(p, { type: KMS_EXTERNAL_KEY, props: {} }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { deletionWindowInDays: 14 }, config: { minDeletionWindowDays: 14 } }));
        });
        it("a window KMS does not accept (outside 7–30, not a whole number, a string) cannot be evaluated", async () => {
            for (const [value, shown] of [
                [45, "the number 45"],
                [6, "the number 6"],
                [20.5, "the number 20.5"],
                ["30", '"30"'],
            ] as const) {
                assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "k", props: { deletionWindowInDays: value } }), [
                    `Cannot evaluate KMS key "k": deletionWindowInDays is ${shown}, expected a whole number of days from 7 to 30 (the range KMS accepts)${SUFFIX}`,
                ]);
            }
        });
        itIsAdvisoryOnly("is advisory when the window is unknown at preview", p, { type: KMS_KEY, props: { deletionWindowInDays: unknown() } });
        itHonoursWaivers(p, { type: KMS_KEY, name: "data", props: { deletionWindowInDays: 7 } });
    });

    describe("kms-key-encryption-symmetric", () => {
        const p = keys.kmsKeyEncryptionSymmetric;
        it("blocks an asymmetric encryption key unless config allows its spec", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "rsa", props: { customerMasterKeySpec: "RSA_4096" } }), [
                'KMS key "rsa" is an ENCRYPT_DECRYPT key with key spec RSA_4096; use "SYMMETRIC_DEFAULT" (remove customerMasterKeySpec for SYMMETRIC_DEFAULT), or allow RSA_4096 in allowedEncryptionKeySpecs.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_EXTERNAL_KEY, name: "imp", props: { keyUsage: "ENCRYPT_DECRYPT", keySpec: "RSA_2048" } }), [
                'KMS external key "imp" is an ENCRYPT_DECRYPT key with key spec RSA_2048; use "SYMMETRIC_DEFAULT" (remove keySpec for SYMMETRIC_DEFAULT), or allow RSA_2048 in allowedEncryptionKeySpecs.',
            ]);
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { customerMasterKeySpec: "RSA_4096" }, config: { allowedEncryptionKeySpecs: ["SYMMETRIC_DEFAULT", "RSA_4096"] } }));
        });
        it("passes symmetric encryption keys (explicit or default) and signing, MAC and key-agreement keys", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: {} }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "ECC_NIST_P256" } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { keyUsage: "GENERATE_VERIFY_MAC", customerMasterKeySpec: "HMAC_256" } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { keyUsage: "KEY_AGREEMENT", customerMasterKeySpec: "ECC_NIST_P384" } }));
        });
        it("a key spec or usage KMS does not define is never an exemption", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "k", props: { customerMasterKeySpec: "AES_512" } }), [
                `Cannot evaluate KMS key "k": customerMasterKeySpec is "AES_512", expected one of ${JSON.stringify(["RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"]).slice(1, -1).replace(/,/g, ", ")}${SUFFIX}`,
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "k", props: { keyUsage: "SIGN_ONLY", customerMasterKeySpec: "RSA_2048" } }), [
                `Cannot evaluate KMS key "k": keyUsage is "SIGN_ONLY", expected one of "SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"${SUFFIX}`,
            ]);
        });
        itIsAdvisoryOnly("is advisory when the spec or usage is unknown at preview", p, { type: KMS_KEY, props: { customerMasterKeySpec: unknown() } });
        itHonoursWaivers(p, { type: KMS_KEY, name: "rsa", props: { customerMasterKeySpec: "RSA_3072" } });
    });

    describe("kms-key-rotation-supported", () => {
        const p = keys.kmsKeyRotationSupported;
        it("blocks rotation on asymmetric, HMAC and custom-key-store keys (KMS rejects it)", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "sig", props: { enableKeyRotation: true, keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "ECC_NIST_P256" } }), [
                'KMS key "sig" is an asymmetric key (ECC_NIST_P256) with enableKeyRotation: true; KMS rotates only symmetric encryption keys and rejects this, so remove enableKeyRotation and rotate the key manually.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "mac", props: { enableKeyRotation: true, customerMasterKeySpec: "HMAC_512" } }), [
                'KMS key "mac" is an HMAC key (HMAC_512) with enableKeyRotation: true; KMS rotates only symmetric encryption keys and rejects this, so remove enableKeyRotation and rotate the key manually.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "hsm", props: { enableKeyRotation: true, customKeyStoreId: unknown() } }), [
                'KMS key "hsm" is in a custom key store with enableKeyRotation: true; KMS cannot rotate keys in a custom key store and rejects this, so remove enableKeyRotation and rotate the key manually.',
            ]);
        });
        it("passes a rotating symmetric key and a non-rotating asymmetric one", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { enableKeyRotation: true } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { enableKeyRotation: true, customerMasterKeySpec: "SYMMETRIC_DEFAULT" } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } }));
        });
        it("an unknown key spec with rotation on is advisory; an undefined one cannot be evaluated", async () => {
            assertAdvisoryOnly(await runResourcePolicy(p, { type: KMS_KEY, props: { enableKeyRotation: true, customerMasterKeySpec: unknown() } }));
            assert.equal(messages(await runResourcePolicy(p, { type: KMS_KEY, props: { enableKeyRotation: true, customerMasterKeySpec: "RSA_1024" } })).length, 1);
        });
        itHonoursWaivers(p, { type: KMS_KEY, name: "mac", props: { enableKeyRotation: true, customerMasterKeySpec: "HMAC_256" } });
    });

    describe("kms-key-policy-lockout-check", () => {
        const p = keys.kmsKeyPolicyLockoutCheck;
        it("blocks bypassPolicyLockoutSafetyCheck on keys and key policies", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "k", props: { bypassPolicyLockoutSafetyCheck: true } }), [
                'KMS key "k" bypasses the key policy lockout safety check; remove bypassPolicyLockoutSafetyCheck.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY_POLICY, name: "kp", props: { keyId: "k", policy: "{}", bypassPolicyLockoutSafetyCheck: true } }), [
                'KMS key policy "kp" bypasses the key policy lockout safety check; remove bypassPolicyLockoutSafetyCheck.',
            ]);
        });
        it("passes the default (false or unset)", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: {} }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { bypassPolicyLockoutSafetyCheck: false } }));
        });
        itIsAdvisoryOnly("is advisory when unknown", p, { type: KMS_KEY, props: { bypassPolicyLockoutSafetyCheck: unknown() } });
        itHonoursWaivers(p, { type: KMS_KEY, name: "k", props: { bypassPolicyLockoutSafetyCheck: true } });
    });

    describe("kms-key-policy-least-privilege", () => {
        const p = keys.kmsKeyPolicyLeastPrivilege;
        const run = (policy: string, extra: Partial<Parameters<typeof runResourcePolicy>[1]> = {}) =>
            runResourcePolicy(p, { type: KMS_KEY, name: "data", props: { policy }, provider: PROVIDER, ...extra });

        it("passes the estate's own key policies (every purpose, the audit trail's, the backup vaults')", async () => {
            for (const purpose of KEY_PURPOSES) {
                assertClean(await run(keyPolicy(SCOPE, purpose)));
            }
            assertClean(await run(auditKeyPolicy(SCOPE, `arn:aws-us-gov:cloudtrail:us-gov-west-1:${ACCOUNT}:trail/govstack-prod-trail`)));
            assertClean(await run(backupKeyPolicy(SCOPE)));
        });

        it(`passes the standard root statement (named rule "${KMS_OWN_ACCOUNT_ROOT_RULE}"), the bare account id and AWS's default key policy`, async () => {
            assertClean(await run(policyDoc(rootAdmin)));
            assertClean(await run(policyDoc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: ["kms:Decrypt"], Resource: "*" })));
            assertClean(
                await run(
                    JSON.stringify({
                        Version: "2012-10-17",
                        Id: "key-default-1",
                        Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
                    }),
                ),
            );
        });

        it("passes a typical compliant policy: admins without decrypt, a service that decrypts, a narrowed public grant, a Deny", async () => {
            assertClean(
                await run(
                    policyDoc(
                        rootAdmin,
                        { Sid: "Admins", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:role/KeyAdmin` }, Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:Put*", "kms:ScheduleKeyDeletion"], Resource: "*" },
                        { Sid: "Users", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:role/app` }, Action: ["kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" },
                        { Sid: "Sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
                        { Sid: "Org", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.us-gov-west-1.amazonaws.com" } } },
                        { Sid: "NoDelete", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" },
                    ),
                ),
            );
        });

        it("passes a configured key administrator holding kms:* and a key user listed as one", async () => {
            const admin = `arn:aws-us-gov:iam::${ACCOUNT}:role/KeyAdmin`;
            assertClean(await run(policyDoc(rootAdmin, { Sid: "Admin", Effect: "Allow", Principal: { AWS: admin }, Action: "kms:*", Resource: "*" }), { config: { keyAdministrators: [admin] } }));
            assertClean(
                await run(policyDoc({ Sid: "Ops", Effect: "Allow", Principal: { AWS: [`arn:aws-us-gov:iam::${ACCOUNT}:role/ops-a`, `arn:aws-us-gov:iam::${ACCOUNT}:role/ops-b`] }, Action: "kms:Decrypt", Resource: "*" }), {
                    config: { keyAdministrators: [`arn:aws-us-gov:iam::${ACCOUNT}:role/ops-*`] },
                }),
            );
        });

        it("blocks kms:* or decrypt to a role, another account, or kms:* to a service", async () => {
            const diags = await run(
                policyDoc(
                    rootAdmin,
                    { Sid: "App", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:role/app` }, Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" },
                    { Sid: "Partner", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${OTHER_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                    { Sid: "Ec2", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "kms:*", Resource: "*" },
                    { Sid: "ReEncrypt", Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:user/ops` }, Action: "kms:ReEncrypt*", Resource: "*" },
                    { Effect: "Allow", Principal: { AWS: `arn:aws-us-gov:iam::${ACCOUNT}:role/ops` }, NotAction: ["kms:ScheduleKeyDeletion"], Resource: "*" },
                ),
            );
            const tail =
                "not the account root or one of the account's key administrators; grant use through the account root and IAM (kms:ViaService, kms:CallerAccount), or list a deliberate key administrator in keyAdministrators.";
            assertViolations(diags, [
                `KMS key "data" policy statement "App" grants kms:Decrypt to arn:aws-us-gov:iam::${ACCOUNT}:role/app, which is ${tail}`,
                `KMS key "data" policy statement "Partner" grants kms:* (every KMS action) to account ${OTHER_ACCOUNT} (another account), which is ${tail}`,
                `KMS key "data" policy statement "Ec2" grants kms:* (every KMS action) to service ec2.amazonaws.com, which is ${tail}`,
                `KMS key "data" policy statement "ReEncrypt" grants kms:ReEncryptFrom to arn:aws-us-gov:iam::${ACCOUNT}:user/ops, which is ${tail}`,
                `KMS key "data" policy statement #5 grants kms:Decrypt and kms:ReEncryptFrom to arn:aws-us-gov:iam::${ACCOUNT}:role/ops, which is ${tail}`,
            ]);
        });

        it("blocks kms:* or decrypt to everyone without a narrowing Condition, on keys and KeyPolicy resources", async () => {
            const open = policyDoc(
                { Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" },
                { Sid: "Tls", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
                { Sid: "Not", Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "kms:Decrypt", Resource: "*" },
            );
            const fix = "name the principals, or add a Condition that fixes aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, kms:CallerAccount or another caller key to specific values.";
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY_POLICY, name: "kp", props: { keyId: "k", policy: open }, provider: PROVIDER }), [
                `KMS key policy "kp" policy statement "Open" grants kms:* (every KMS action) to Principal {"AWS": "*"} without a Condition; ${fix}`,
                `KMS key policy "kp" policy statement "Tls" grants kms:Decrypt to Principal "*" with a Condition that does not fix the caller; ${fix}`,
                `KMS key policy "kp" policy statement "Not" grants kms:Decrypt to NotPrincipal (everyone but the listed principals) without a Condition; ${fix}`,
            ]);
        });

        it("takes the key's accounts from the accountIds option, and says so when neither the provider nor config names them", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: policyDoc(rootAdmin) }, config: { accountIds: [ACCOUNT] } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: policyDoc(rootAdmin) }, provider: { props: { allowedAccountIds: JSON.stringify([ACCOUNT]) } } }));
            const diags = await runResourcePolicy(p, { type: KMS_KEY, name: "data", props: { policy: policyDoc(rootAdmin) } });
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)), [
                `Cannot tell whether KMS key "data" policy statement "Root" grants kms:* (every KMS action) to the key's own account (${ACCOUNT}): the AWS provider sets no allowedAccountIds and the policy's accountIds option is empty; set either so the account root can be told from another account.`,
            ]);
        });

        it("is advisory when the policy, a principal or a condition is unknown at preview", async () => {
            for (const policy of [
                unknown(),
                policyDoc({ Sid: "P", Effect: "Allow", Principal: { AWS: unknown() }, Action: "kms:Decrypt", Resource: "*" }),
                policyDoc({ Sid: "C", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:SourceArn": unknown() } } }),
            ]) {
                const diags = await run(policy);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
            }
        });

        it("a document, Effect or Principal IAM would reject cannot be evaluated", async () => {
            assertViolations(await run("{not json"), [`Cannot evaluate KMS key "data": policy is "{not json", expected a JSON key policy document with a Statement${SUFFIX}`]);
            assertViolations(await run(policyDoc({ Effect: "allow", Principal: "*", Action: "kms:*", Resource: "*" })), [
                `Cannot evaluate KMS key "data": policy.Statement[0].Effect is "allow", expected one of "Allow", "Deny"${SUFFIX}`,
            ]);
            assertViolations(await run(policyDoc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })), [
                `Cannot evaluate KMS key "data": policy.Statement[0].Principal is absent, expected "*" or an object of principals (AWS, Service, Federated, CanonicalUser)${SUFFIX}`,
            ]);
        });

        it("a key without a policy is left to kms-key-explicit-policy", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: {} }));
        });
        itHonoursWaivers(p, { type: KMS_KEY, name: "data", props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }) } });
    });

    describe("kms-key-explicit-policy", () => {
        const p = keys.kmsKeyExplicitPolicy;
        it("blocks a key without a policy or with an empty one", async () => {
            for (const [type, noun, props] of [
                [KMS_KEY, "KMS key", {}],
                [KMS_KEY, "KMS key", { policy: " " }],
                [KMS_EXTERNAL_KEY, "KMS external key", {}],
                [KMS_REPLICA_KEY, "KMS replica key", { primaryKeyArn: "arn:x" }],
            ] as const) {
                assertViolations(await runResourcePolicy(p, { type, name: "k", props: { ...props } }), [
                    `${noun} "k" declares no key policy, so KMS attaches its default policy; set policy on the key.`,
                ]);
            }
        });
        it("passes a declared policy (AWS's own default written out included) and a computed one", async () => {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: policyDoc(rootAdmin) } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: JSON.stringify({ Version: "2012-10-17", Id: "key-default-1", Statement: [rootAdmin] }) } }));
            // Unknown at preview: computed from other resources, i.e. declared (judged by kms-key-policy-least-privilege once known).
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, props: { policy: unknown() } }));
        });
        it("a policy that is not a string cannot be evaluated", async () => {
            assertViolations(await runResourcePolicy(p, { type: KMS_KEY, name: "k", props: { policy: { Statement: [] } } }), [
                `Cannot evaluate KMS key "k": policy is an object {"Statement":[]}, expected a string${SUFFIX}`,
            ]);
        });
        itHonoursWaivers(p, { type: KMS_KEY, name: "bare", props: {} });
    });
});
