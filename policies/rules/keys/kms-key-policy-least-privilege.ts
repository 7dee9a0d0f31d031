// kms-key-policy-least-privilege: a key policy hands full control of a key, or its plaintext, only
// to the account (through IAM) and the account's key administrators (AC-6, AC-3, SC-12).

import {
    describeValue,
    EFFECT,
    KMS_ACCOUNT_IDS_OPTION,
    KMS_KEY_POLICY,
    KMS_OWN_ACCOUNT_ROOT_RULE,
    keyAccounts,
    policyStatements,
    ResourceContext,
    resourcePolicy,
    rootOwner,
    statementLabel,
    statementNarrowing,
    SUGGESTED_CALLER_KEYS,
} from "../../lib";
import { describeGrant, isKeyAdministrator, PrincipalClass, sensitiveGrant, SensitiveGrant, statementPrincipals } from "./key-policy-grants";
import { KEY_TYPES } from "./resource-types";

// The named exception is lib/kms-root's KMS_OWN_ACCOUNT_ROOT_RULE: the key's own account root (the
// standard "Enable IAM User Permissions" statement) defers to IAM and passes, with or without
// conditions — who may then use the key is decided by IAM (iam-policy-no-wildcard-actions judges
// those documents). Another account's root is another account, blocked below; an account the
// policy cannot place (the key's account unknown) is advisory.

/** At most this many principals are spelled out per statement. */
const MAX_SHOWN = 3;

function listed(items: readonly string[]): string {
    const shown = items.slice(0, MAX_SHOWN).join(", ");
    return items.length > MAX_SHOWN ? `${shown} and ${items.length - MAX_SHOWN} more` : shown;
}

export const kmsKeyPolicyLeastPrivilege = resourcePolicy({
    name: "kms-key-policy-least-privilege",
    description:
        "A key policy may grant kms:* (every KMS action) or decryption (kms:Decrypt, kms:ReEncryptFrom) only to the key's own account " +
        `root — the standard statement AWS requires so IAM policies can grant access (rule "${KMS_OWN_ACCOUNT_ROOT_RULE}") — and ` +
        "to the account's key administrators named in the pack config (keyAdministrators). A role, user or other account named in a key " +
        "policy holds the key whatever IAM says; everyone (Principal \"*\", NotPrincipal) holds it unless a Condition fixes the caller " +
        "(aws:PrincipalAccount, aws:SourceArn, kms:CallerAccount …). AWS service principals may decrypt (that is how CloudWatch Logs or " +
        "SNS use a key) but never hold kms:*. The key's account is the one in a key policy's key ARN, else the provider's allowedAccountIds " +
        "(or the accountIds option); another account's root is another account (AC-6, AC-3, SC-12).",
    summary: "Key policies grant kms:* or decrypt only to the account root (IAM) and the configured key administrators",
    severity: "critical",
    controls: ["AC-6", "AC-3", "SC-12"],
    remediationSteps:
        "Grant use through the account root (`arn:<partition>:iam::<account>:root`) and decide who may use the key in IAM, narrowed " +
        "with kms:ViaService and kms:CallerAccount; give service principals only the actions they need; or, for a deliberate key " +
        "administrator, list the principal's ARN in keyAdministrators in the stack's pack config. Keep Principal \"*\" only with a " +
        `Condition that fixes ${SUGGESTED_CALLER_KEYS.join(", ")} or another caller key to specific values.`,
    resourceTypes: [...KEY_TYPES, KMS_KEY_POLICY],
    options: {
        keyAdministrators: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal ARNs (globs) besides the account root that may hold kms:* or decrypt in a key policy: the account's key administrators.",
        },
        accountIds: KMS_ACCOUNT_IDS_OPTION,
    },
    noVerdict: [
        { when: "the key declares no policy", why: "kms-key-explicit-policy blocks a key without a key policy; there is no document to judge here" },
        { when: "a statement is a Deny, or grants neither kms:* nor decryption", why: "only Allow grants of full control or plaintext are what this policy limits" },
        {
            when: `the principal is the key's own account root (rule "${KMS_OWN_ACCOUNT_ROOT_RULE}"), a configured key administrator, or a service principal granted decryption only`,
            why: "the account root defers to IAM (AWS requires the statement); administrators are the config's deliberate choice; a service decrypts only for the resources it serves",
        },
        { when: "a public grant has a Condition that fixes the caller", why: "the condition limits who can use it, as IAM Access Analyzer judges public access" },
    ],
    validate: (ctx) => {
        const doc = ctx.read("policy");
        if (!doc.known) {
            ctx.cannotVerify("policy");
            return;
        }
        const parsed = policyStatements(doc.value);
        if (parsed.kind === "unknown") {
            ctx.cannotVerify("policy");
            return;
        }
        if (parsed.kind === "invalid") {
            ctx.settle({ kind: "malformed", path: "policy", got: describeValue(doc.value), expected: "a JSON key policy document with a Statement" });
            return;
        }
        // The key's accounts (lib/kms-root), read once and only when a statement names an account: a keyId or
        // provider allowedAccountIds of the wrong type is reported (the unwaivable "Cannot evaluate"), never skipped.
        let accounts: ReadonlySet<string> | null | undefined;
        const accountsOf = (): ReadonlySet<string> | undefined => {
            if (accounts === undefined) {
                const found = ctx.settle(keyAccounts(ctx.props, ctx.args.provider, ctx.config.accountIds), { quiet: true });
                accounts = found.ok ? (found.value ?? new Set()) : null;
            }
            return accounts ?? undefined;
        };
        const admins = ctx.config.keyAdministrators;
        parsed.statements.forEach((statement, i) => {
            const at = `policy.Statement[${i}]`;
            const label = `${ctx.label} policy ${statementLabel(statement, i)}`;
            const effect = ctx.readAs("Effect", EFFECT, { from: statement, at, what: `${label} Effect` });
            if (!effect.ok || effect.value === "Deny") {
                return;
            }
            const grant = ctx.settle(sensitiveGrant(statement, at), { what: `${label} Action` });
            if (!grant.ok || grant.value === undefined) {
                return;
            }
            const principals = ctx.settle(statementPrincipals(statement, at), { what: `${label} Principal` });
            if (!principals.ok) {
                return;
            }
            judgeStatement(ctx, label, statement, at, grant.value, principals.value ?? [], accountsOf, admins);
        });
    },
});

function judgeStatement(
    ctx: Pick<ResourceContext<unknown>, "violation" | "cannotVerify" | "advisory" | "settle">,
    label: string,
    statement: unknown,
    at: string,
    grant: SensitiveGrant,
    principals: readonly PrincipalClass[],
    accountsOf: () => ReadonlySet<string> | undefined,
    admins: readonly string[],
): void {
    const what = describeGrant(grant);
    const outsiders: string[] = [];
    const undecided: string[] = [];
    for (const p of principals) {
        if (p.kind !== "public" && isKeyAdministrator(admins, p.raw)) {
            continue;
        }
        switch (p.kind) {
            case "public": {
                // Condition typed (IAM grammar, lib/condition-grammar): a block IAM would reject is the unwaivable
                // "Cannot evaluate" naming its path, never a Condition that "does not fix the caller" (waivable).
                const narrowing = statementNarrowing(statement, at, (r) => ctx.settle(r, { quiet: true }));
                if (narrowing === "malformed") {
                    break; // reported
                }
                if (narrowing.kind === "narrowed") {
                    break;
                }
                if (narrowing.kind === "unknown") {
                    ctx.cannotVerify(`${label} ${narrowing.what}`);
                    break;
                }
                ctx.violation(
                    `${label} grants ${what} to ${p.shown} ${narrowing.kind === "absent" ? "without a Condition" : "with a Condition that does not fix the caller"}; ` +
                        `name the principals, or add a Condition that fixes ${SUGGESTED_CALLER_KEYS.join(", ")} or another caller key to specific values.`,
                );
                break;
            }
            case "service":
                if (grant.full) {
                    outsiders.push(p.shown);
                }
                break;
            case "account": {
                const accounts = accountsOf();
                const owner = accounts === undefined ? undefined : rootOwner(p.account, accounts);
                if (owner === "undecided") {
                    undecided.push(p.account);
                } else if (owner === "foreign") {
                    outsiders.push(`${p.shown} (another account)`);
                } // own: the key's own account root (KMS_OWN_ACCOUNT_ROOT_RULE); undefined: malformed, reported
                break;
            }
            default:
                outsiders.push(p.shown);
        }
    }
    if (outsiders.length > 0) {
        ctx.violation(
            `${label} grants ${what} to ${listed(outsiders)}, which ${outsiders.length === 1 ? "is" : "are"} not the account root or one of the ` +
                "account's key administrators; grant use through the account root and IAM (kms:ViaService, kms:CallerAccount), or list a " +
                "deliberate key administrator in keyAdministrators.",
        );
    }
    if (undecided.length > 0) {
        ctx.advisory(
            `Cannot tell whether ${label} grants ${what} to the key's own account (${listed(undecided)}): the AWS provider sets no ` +
                "allowedAccountIds and the policy's accountIds option is empty; set either so the account root can be told from another account.",
        );
    }
}
