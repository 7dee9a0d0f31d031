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
import { describeValue, Guard, readTyped, STRING, STRING_OR_LIST, Typed, typed } from "./guards";
import { parseJson } from "./json";
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
 * The accounts a key belongs to (see the file comment), typed: the account of a key ARN in `keyId`
 * (a key policy), else the provider's allowedAccountIds (a list, or a JSON list in a string, as the
 * engine hands it over) plus `configured`. Unknown values add nothing (the verdict that needs them
 * is then "undecided", advisory). A value of the wrong type — a keyId that is not a string, an
 * allowedAccountIds that is neither a list of strings nor its JSON text — is malformed: reported
 * (the unwaivable "Cannot evaluate"), never skipped so that another source names the account.
 */
export function keyAccounts(props: unknown, provider: { readonly props: unknown } | undefined, configured: readonly string[]): Typed<ReadonlySet<string>> {
    const keyId = readTyped(props, "keyId", STRING);
    if (keyId.kind === "malformed") {
        return keyId;
    }
    if (keyId.kind === "ok" && keyId.value !== undefined) {
        const own = KEY_ARN.exec(keyId.value)?.[1];
        if (own !== undefined) {
            return { kind: "ok", value: new Set([own]) };
        }
    }
    const ids = new Set(configured.filter((c) => ACCOUNT_ID.test(c)));
    const allowed = provider ? allowedAccountIds(provider.props) : ({ kind: "ok", value: undefined } as const);
    if (allowed.kind === "malformed") {
        return allowed;
    }
    for (const v of allowed.kind === "ok" ? (allowed.value ?? []) : []) {
        if (typeof v === "string" && ACCOUNT_ID.test(v)) {
            ids.add(v);
        }
    }
    return { kind: "ok", value: ids };
}

const ALLOWED_ACCOUNT_IDS = "the provider's allowedAccountIds";
/** A list (or one id) as the provider takes it; its JSON text is parsed first. */
const ACCOUNT_LIST: Guard<readonly unknown[]> = { ...STRING_OR_LIST, expected: "a list of account ids (or its JSON text)" };

/** The provider's allowedAccountIds typed: a list whose elements are strings or unknown sentinels. */
function allowedAccountIds(providerProps: unknown): Typed<readonly unknown[]> {
    const raw = read(providerProps, "allowedAccountIds");
    if (!raw.known) {
        return { kind: "unknown" };
    }
    let value: unknown = unwrap(raw.value);
    if (typeof value === "string" && !isUnknown(value) && value.trim().startsWith("[")) {
        const parsed = parseJson(value);
        if (!parsed.ok) {
            return { kind: "malformed", path: ALLOWED_ACCOUNT_IDS, got: describeValue(value), expected: ACCOUNT_LIST.expected };
        }
        value = parsed.value;
    }
    const list = typed(value, ACCOUNT_LIST, ALLOWED_ACCOUNT_IDS);
    if (list.kind !== "ok") {
        return list;
    }
    for (const [i, element] of (list.value ?? []).entries()) {
        const t = typed(unwrap(element), STRING, `${ALLOWED_ACCOUNT_IDS}[${i}]`);
        if (t.kind === "malformed") {
            return t;
        }
    }
    return list;
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
