// The KMS account-root exception, with one meaning for every policy that judges key policies
// (resource-policy-no-wildcard-actions, kms-key-policy-least-privilege).
//
// AWS's default key policy has one statement, "Enable IAM User Permissions": Allow kms:* on
// Resource "*" to arn:<partition>:iam::<account>:root, where <account> is the account that owns
// the key. It does not hand the key to one identity: it lets that account's IAM policies grant use
// of the key, and without some such statement IAM cannot grant any use and the key can become
// unmanageable. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
//
// Which account: the key's OWN account, never any account. The same statement naming another
// account's root gives that account's administrators every KMS action on the key — PutKeyPolicy,
// ScheduleKeyDeletion, Decrypt — which AWS's cross-account guidance never does: it grants the
// external account only the use actions it needs (kms:Encrypt, kms:Decrypt, kms:GenerateDataKey*…).
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
// So a foreign root with kms:* is blocked; the own root passes; and when the key's account is not
// known (no key ARN, no provider allowedAccountIds, no accountIds option) the verdict is advisory.
//
// The key's account is, in order: the account in the key ARN a key policy names (aws.kms.KeyPolicy
// `keyId` written as an ARN); else the AWS provider's allowedAccountIds (the provider refuses to
// run in any other account, so the key is in one of them) and the policy's `accountIds` option.

import type { StringListOption } from "./config";
import { isUnknown, read, unwrap } from "./unknowns";

/** The rule's name, as both policies' docs and messages cite it. */
export const KMS_OWN_ACCOUNT_ROOT_RULE = "kms-own-account-root";

/** The option both policies offer when the provider does not set allowedAccountIds. */
export const KMS_ACCOUNT_IDS_OPTION: StringListOption = {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "The accounts the stack's keys live in, when the AWS provider does not set allowedAccountIds.",
};

const ACCOUNT_ID = /^\d{12}$/;
// arn:aws:iam::<account>:root, arn:aws-us-gov:…, arn:aws-cn:…, arn:aws-iso-b:…
const ROOT_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):root$/;
const KEY_ARN = /^arn:aws(?:-[a-z]+)*:kms:[^:]*:(\d{12}):key\/.+$/;

/**
 * The account whose root a principal (as written in `Principal.AWS`) is: its root ARN, or the bare
 * 12-digit id (IAM stores the bare id as the root ARN). Undefined for any other principal.
 */
export function accountRootOf(principal: string): string | undefined {
    if (ACCOUNT_ID.test(principal)) {
        return principal;
    }
    return ROOT_ARN.exec(principal)?.[1];
}

/**
 * The accounts a key belongs to (see the file comment): the account of a key ARN in `keyId`
 * (a key policy), else the provider's allowedAccountIds (a list, or a JSON list in a string, as
 * the engine hands it over) plus `configured`. Unknown or malformed values add nothing.
 */
export function keyAccounts(props: unknown, provider: { readonly props: unknown } | undefined, configured: readonly string[]): ReadonlySet<string> {
    const keyId = read(props, "keyId");
    if (keyId.known && typeof keyId.value === "string" && !isUnknown(keyId.value)) {
        const own = KEY_ARN.exec(keyId.value)?.[1];
        if (own !== undefined) {
            return new Set([own]);
        }
    }
    const ids = new Set(configured.filter((c) => ACCOUNT_ID.test(c)));
    const raw = provider ? read(provider.props, "allowedAccountIds") : undefined;
    if (raw?.known) {
        let value: unknown = unwrap(raw.value);
        if (typeof value === "string") {
            try {
                value = value.trim().startsWith("[") ? JSON.parse(value) : [value];
            } catch {
                value = [];
            }
        }
        if (Array.isArray(value)) {
            for (const v of value) {
                if (typeof v === "string" && ACCOUNT_ID.test(v)) {
                    ids.add(v);
                }
            }
        }
    }
    return ids;
}

/** Whose root: the key's own account's, another account's, or undecided (the key's account is not known). */
export type RootOwner = "own" | "foreign" | "undecided";

/** Is `account`'s root the key's own account root? */
export function rootOwner(account: string, accounts: ReadonlySet<string>): RootOwner {
    if (accounts.size === 0) {
        return "undecided";
    }
    return accounts.has(account) ? "own" : "foreign";
}
