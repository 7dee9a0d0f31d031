// The KMS account-root exception has one meaning (policies/lib/kms-root.ts): the key's own account
// root may hold kms:* on the key ("Enable IAM User Permissions"); another account's root may not;
// an account the policy cannot place is advisory. Both policies that judge key policies apply it.

import * as assert from "node:assert/strict";

import { accountRootOf, keyAccounts, KMS_KEY, KMS_KEY_POLICY, KMS_OWN_ACCOUNT_ROOT_RULE, rootOwner } from "../../policies/lib";
import { resourcePolicyNoWildcardActions } from "../../policies/rules/identity";
import { kmsKeyPolicyLeastPrivilege } from "../../policies/rules/keys";
import { advisory, assertClean, assertNoMandatory, assertViolations, messages, policyDoc, runResourcePolicy, unknown } from "./helpers";

const OWN = "123456789012";
const FOREIGN = "444455556666";
const PROVIDER = { props: { allowedAccountIds: [OWN] } };
const enableIam = (principal: string) => policyDoc({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: principal }, Action: "kms:*", Resource: "*" });
const keyArn = (account: string) => `arn:aws-us-gov:kms:us-gov-west-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const BOTH = [resourcePolicyNoWildcardActions, kmsKeyPolicyLeastPrivilege] as const;

/** What each policy says about a key policy: [resource-policy-no-wildcard-actions, kms-key-policy-least-privilege]. */
function foreignMessages(label: string, account: string): [string, string] {
    return [
        `${label} statement "Enable IAM User Permissions" allows "kms:*" to the root of account ${account}, not the key's own account: full control of the key to another account; ` +
            `only the key's own account root may hold "kms:*" (${KMS_OWN_ACCOUNT_ROOT_RULE}), grant another account only the KMS actions it needs.`,
        `${label} policy statement "Enable IAM User Permissions" grants kms:* (every KMS action) to account ${account} (another account), which is not the account root or one of the ` +
            "account's key administrators; grant use through the account root and IAM (kms:ViaService, kms:CallerAccount), or list a deliberate key administrator in keyAdministrators.",
    ];
}

describe(`the KMS own-account root rule (${KMS_OWN_ACCOUNT_ROOT_RULE}), shared by two policies`, () => {
    describe("policies/lib/kms-root", () => {
        it("reads an account root from its ARN in any partition or the bare account id, nothing else", () => {
            assert.equal(accountRootOf(`arn:aws-us-gov:iam::${OWN}:root`), OWN);
            assert.equal(accountRootOf(`arn:aws:iam::${OWN}:root`), OWN);
            assert.equal(accountRootOf(`arn:aws-iso-b:iam::${OWN}:root`), OWN);
            assert.equal(accountRootOf(OWN), OWN);
            for (const other of [`arn:aws-us-gov:iam::${OWN}:role/root`, `arn:aws-us-gov:iam::${OWN}:user/root`, "arn:aws-us-gov:iam::1234:root", "*", `${OWN}0`, `arn:aws-us-gov:sts::${OWN}:root`]) {
                assert.equal(accountRootOf(other), undefined, other);
            }
        });
        it("takes the key's account from a key ARN first, else the provider's allowedAccountIds and the accountIds option", () => {
            const accounts = (...args: Parameters<typeof keyAccounts>) => {
                const r = keyAccounts(...args);
                return r.kind === "ok" ? [...(r.value ?? [])] : r;
            };
            assert.deepEqual(accounts({ keyId: keyArn(FOREIGN) }, PROVIDER, []), [FOREIGN]);
            assert.deepEqual(accounts({ keyId: "1234abcd" }, PROVIDER, []), [OWN]);
            assert.deepEqual(accounts({}, { props: { allowedAccountIds: JSON.stringify([OWN]) } }, []), [OWN]);
            assert.deepEqual(accounts({}, { props: { allowedAccountIds: OWN } }, []), [OWN]);
            assert.deepEqual(accounts({}, undefined, [OWN]), [OWN]);
            assert.deepEqual(accounts({ keyId: unknown() }, { props: { allowedAccountIds: unknown() } }, []), []);
            // The wrong type is malformed, never skipped so that another source names the account.
            assert.deepEqual(accounts({ keyId: { toString: "x" } }, PROVIDER, []), { kind: "malformed", path: "keyId", got: 'an object {"toString":"x"}', expected: "a string" });
            assert.deepEqual(accounts({}, { props: { allowedAccountIds: 5 } }, []), {
                kind: "malformed",
                path: "the provider's allowedAccountIds",
                got: "the number 5",
                expected: "a list of account ids (or its JSON text)",
            });
            assert.deepEqual(accounts({}, { props: { allowedAccountIds: "[oops" } }, []), {
                kind: "malformed",
                path: "the provider's allowedAccountIds",
                got: '"[oops"',
                expected: "a list of account ids (or its JSON text)",
            });
            assert.deepEqual(accounts({}, { props: { allowedAccountIds: [OWN, 7] } }, []), { kind: "malformed", path: "the provider's allowedAccountIds[1]", got: "the number 7", expected: "a string" });
            assert.equal(rootOwner(OWN, new Set([OWN])), "own");
            assert.equal(rootOwner(FOREIGN, new Set([OWN])), "foreign");
            assert.equal(rootOwner(OWN, new Set()), "undecided");
        });
    });

    it("passes the own account's root with kms:* in both policies (root ARN or bare id, key or key policy)", async () => {
        for (const p of BOTH) {
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, name: "data", provider: PROVIDER, props: { policy: enableIam(`arn:aws-us-gov:iam::${OWN}:root`) } }));
            assertClean(await runResourcePolicy(p, { type: KMS_KEY, name: "data", provider: PROVIDER, props: { policy: enableIam(OWN) } }));
            // The key ARN names the key's account; no provider account list needed.
            assertClean(await runResourcePolicy(p, { type: KMS_KEY_POLICY, name: "kp", props: { keyId: keyArn(OWN), policy: enableIam(`arn:aws-us-gov:iam::${OWN}:root`) } }));
        }
    });

    it("blocks another account's root with kms:* in both policies", async () => {
        const [wildcard, leastPrivilege] = foreignMessages('KMS key "data"', FOREIGN);
        const key = { type: KMS_KEY, name: "data", provider: PROVIDER, props: { policy: enableIam(`arn:aws-us-gov:iam::${FOREIGN}:root`) } };
        assertViolations(await runResourcePolicy(resourcePolicyNoWildcardActions, key), [wildcard]);
        assertViolations(await runResourcePolicy(kmsKeyPolicyLeastPrivilege, key), [leastPrivilege]);
        // The bare id of another account, and a key policy whose key ARN is in the own account while the root is not.
        const bare = { ...key, props: { policy: enableIam(FOREIGN) } };
        assertViolations(await runResourcePolicy(resourcePolicyNoWildcardActions, bare), [wildcard]);
        assertViolations(await runResourcePolicy(kmsKeyPolicyLeastPrivilege, bare), [leastPrivilege]);
        const [kpWildcard, kpLeastPrivilege] = foreignMessages('KMS key policy "kp"', FOREIGN);
        const kp = { type: KMS_KEY_POLICY, name: "kp", props: { keyId: keyArn(OWN), policy: enableIam(`arn:aws-us-gov:iam::${FOREIGN}:root`) } };
        assertViolations(await runResourcePolicy(resourcePolicyNoWildcardActions, kp), [kpWildcard]);
        assertViolations(await runResourcePolicy(kmsKeyPolicyLeastPrivilege, kp), [kpLeastPrivilege]);
        // A key ARN in another account makes the provider's account "another account" too.
        const elsewhere = { type: KMS_KEY_POLICY, name: "kp", provider: PROVIDER, props: { keyId: keyArn(FOREIGN), policy: enableIam(`arn:aws-us-gov:iam::${OWN}:root`) } };
        const [w2, l2] = foreignMessages('KMS key policy "kp"', OWN);
        assertViolations(await runResourcePolicy(resourcePolicyNoWildcardActions, elsewhere), [w2]);
        assertViolations(await runResourcePolicy(kmsKeyPolicyLeastPrivilege, elsewhere), [l2]);
    });

    it("is advisory in both policies when the key's account is not known", async () => {
        for (const p of BOTH) {
            for (const provider of [undefined, { props: { allowedAccountIds: unknown() } }]) {
                const diags = await runResourcePolicy(p, { type: KMS_KEY, name: "data", provider, props: { policy: enableIam(`arn:aws-us-gov:iam::${OWN}:root`) } });
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, `${p.name}: ${JSON.stringify(messages(diags))}`);
                assert.match(advisory(diags)[0].message, /^Cannot tell whether KMS key "data" policy statement "Enable IAM User Permissions"|^Cannot tell whether KMS key "data" statement "Enable IAM User Permissions"/);
            }
        }
    });
});
