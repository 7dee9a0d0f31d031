import * as assert from "node:assert/strict";

import { iamNoUserLoginProfile, iamPasswordPolicyStrength } from "../../policies/rules/identity";
import { advisory, assertClean, assertNoMandatory, assertViolations, itHonoursWaivers, runResourcePolicy, unknown } from "./helpers";

const PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const STRONG = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    maxPasswordAge: 90,
};

describe("identity (round 2)", () => {
    describe("iam-no-user-login-profile", () => {
        const p = iamNoUserLoginProfile;
        const TYPE = "aws:iam/userLoginProfile:UserLoginProfile";
        it("blocks a console password for an IAM user, even when the user is unknown", async () => {
            assertViolations(await runResourcePolicy(p, { type: TYPE, name: "alice", props: { user: "alice" } }), [
                'IAM user login profile "alice" creates a console password for IAM user "alice"; sign people in through IAM Identity Center or federation instead.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: TYPE, name: "bob", props: { user: unknown() } }), [
                'IAM user login profile "bob" creates a console password; sign people in through IAM Identity Center or federation instead.',
            ]);
        });
        it("passes a stack without login profiles (other IAM types are not judged)", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:iam/user:User", props: { name: "break-glass" } }));
        });
        itHonoursWaivers(p, { type: TYPE, name: "alice", props: { user: "alice" } });
    });

    describe("iam-password-policy-strength", () => {
        const p = iamPasswordPolicyStrength;
        it("passes the FedRAMP IA-5(1) parameters and stricter ones", async () => {
            assertClean(await runResourcePolicy(p, { type: PASSWORD_POLICY, props: STRONG }));
            assertClean(await runResourcePolicy(p, { type: PASSWORD_POLICY, props: { ...STRONG, minimumPasswordLength: 20, maxPasswordAge: 60, requireSymbols: "true" } }));
        });
        it("blocks weak and unset fields, and fields of the wrong type", async () => {
            assertViolations(
                await runResourcePolicy(p, {
                    type: PASSWORD_POLICY,
                    name: "acct",
                    props: { minimumPasswordLength: 8, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: false, requireLowercaseCharacters: "yes", maxPasswordAge: 365 },
                }),
                [
                    'Account password policy "acct" sets minimumPasswordLength to 8; set it to 14 or more.',
                    'Account password policy "acct" leaves passwordReusePrevention unset; set it to 24 (remember at least 24 passwords).',
                    'Account password policy "acct" sets maxPasswordAge to 365; set it to between 1 and 90 days.',
                    'Account password policy "acct" does not require upper-case letters; set requireUppercaseCharacters: true.',
                    'Account password policy "acct": cannot evaluate requireLowercaseCharacters: expected a boolean.',
                ],
            );
            assertViolations(await runResourcePolicy(p, { type: PASSWORD_POLICY, name: "acct", props: { ...STRONG, passwordReusePrevention: "lots", maxPasswordAge: 0 } }), [
                'Account password policy "acct": cannot evaluate passwordReusePrevention: expected a whole number.',
                'Account password policy "acct" sets maxPasswordAge to 0; set it to between 1 and 90 days.',
            ]);
        });
        it("is advisory when a field is unknown at preview", async () => {
            const diags = await runResourcePolicy(p, { type: PASSWORD_POLICY, name: "acct", props: { ...STRONG, minimumPasswordLength: unknown() } });
            assertNoMandatory(diags);
            assert.equal(advisory(diags).length, 1);
            assert.match(advisory(diags)[0].message, /^Cannot verify minimumPasswordLength during preview/);
        });
        itHonoursWaivers(p, { type: PASSWORD_POLICY, name: "acct", props: { ...STRONG, minimumPasswordLength: 8 } });
    });
});
