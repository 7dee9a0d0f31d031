// resource-policy-no-wildcard-actions: a resource-based policy (key, bucket, topic, queue,
// repository, secret, Kinesis stream, Lambda permission) must not Allow every action, NotAction or
// a whole service (AC-6, AC-3): whoever the principal is, it gets exactly the calls it needs.
//
// One pattern AWS itself requires is allowed by a named rule, not a silent skip: lib/kms-root's
// KMS_OWN_ACCOUNT_ROOT_RULE — the default key policy statement "Enable IAM User Permissions" giving
// the key's OWN account root "kms:*" on the key (Resource "*" in a key policy is the key itself).
// Without it IAM policies cannot grant access to the key and the key can become unmanageable.
// Another account's root with "kms:*" is blocked (full control of the key to another account); an
// account the policy cannot place (the key's account unknown) is advisory. kms-key-policy-least-
// privilege applies the same rule through the same helper.

import {
    accountRootOf,
    describeValue,
    EFFECT,
    invertingList,
    isUnknown,
    KMS_ACCOUNT_IDS_OPTION,
    KMS_OWN_ACCOUNT_ROOT_RULE,
    keyAccounts,
    LAMBDA_PERMISSION,
    listOf,
    matchesEveryAction,
    publicPrincipal,
    read,
    readTyped,
    resourcePolicy,
    rootOwner,
    serviceWideOf,
    statementList,
} from "../../lib";
import {
    forEachDocumentStatement,
    KMS_KEY_TYPES,
    RESOURCE_DOCUMENT_TYPES,
} from "./resource-documents";

/** A key policy statement of the root rule's shape, and whose roots it names. */
interface RootStatement {
    readonly foreign: readonly string[];
    readonly undecided: readonly string[];
}

/**
 * The root rule's shape: in a KMS key policy, Allow "kms:*" (only) on Resource "*" to account root
 * principals only (arn:<partition>:iam::<account>:root or the bare account id), no other kind of
 * principal. Undefined when the statement is not that shape; else the roots that are not the key's
 * own account's (foreign), or cannot be placed (undecided). Both empty: KMS_OWN_ACCOUNT_ROOT_RULE.
 */
function rootStatement(type: string, statement: unknown, actions: readonly string[], accounts: ReadonlySet<string>): RootStatement | undefined {
    if (!KMS_KEY_TYPES.has(type) || actions.some((a) => serviceWideOf(a)?.toLowerCase() !== "kms" || matchesEveryAction(a))) {
        return undefined;
    }
    const principal = read(statement, "Principal");
    if (!principal.known || principal.value === null || typeof principal.value !== "object" || Array.isArray(principal.value)) {
        return undefined;
    }
    if (Object.keys(principal.value).some((k) => k !== "AWS")) {
        return undefined;
    }
    const aws = listOf(principal.value, "AWS");
    const resources = listOf(statement, "Resource");
    if (aws === undefined || aws.length === 0 || resources === undefined || resources.length !== 1 || typeof resources[0] !== "string" || resources[0] !== "*") {
        return undefined;
    }
    const roots: string[] = [];
    for (const a of aws) {
        const account = typeof a === "string" && !isUnknown(a) ? accountRootOf(a) : undefined;
        if (account === undefined) {
            return undefined;
        }
        roots.push(account);
    }
    return {
        foreign: roots.filter((r) => rootOwner(r, accounts) === "foreign"),
        undecided: roots.filter((r) => rootOwner(r, accounts) === "undecided"),
    };
}

export const resourcePolicyNoWildcardActions = resourcePolicy({
    name: "resource-policy-no-wildcard-actions",
    description:
        'Key, bucket, topic, queue, repository, secret and Kinesis stream policies and Lambda permissions must not Allow Action "*" ' +
        '(however spelled), NotAction, or a whole service ("s3:*", "sqs:*", "lambda:*"): a resource policy grants its principals ' +
        'exactly the calls they need (AC-6, AC-3). One named rule allows what AWS requires: the key policy statement giving the ' +
        `key's own account root "kms:*" on the key (${KMS_OWN_ACCOUNT_ROOT_RULE}; KMS Developer Guide, default key policy); another ` +
        "account's root with \"kms:*\" is blocked. The key's account is the one in a key policy's key ARN, else the provider's " +
        "allowedAccountIds (or the accountIds option).",
    summary: 'Resource policies and Lambda permissions do not Allow "*", NotAction or a whole service (own key-policy root excepted)',
    severity: "high",
    controls: ["AC-6", "AC-3"],
    remediationSteps:
        "List the specific actions each principal needs (e.g. s3:GetObject, sqs:SendMessage, lambda:InvokeFunction). Deny " +
        'statements may keep "s3:*" (a TLS-only guard). A key policy may give only the key\'s own account root "kms:*" on Resource "*"; give another account only the KMS actions it needs.',
    resourceTypes: [...(Object.keys(RESOURCE_DOCUMENT_TYPES) as [string, ...string[]]), LAMBDA_PERMISSION],
    options: { accountIds: KMS_ACCOUNT_IDS_OPTION },
    noVerdict: [
        {
            when: "a statement's Effect is Deny",
            why: "a Deny can only take permissions away",
        },
        {
            when: `a key policy statement gives the key's own account root "kms:*" on the key (rule "${KMS_OWN_ACCOUNT_ROOT_RULE}")`,
            why: "AWS requires it: without it IAM policies cannot grant access to the key and the key can become unmanageable",
        },
    ],
    validate: (ctx) => {
        if (ctx.type === LAMBDA_PERMISSION) {
            // Typed: unknown → advisory "Cannot verify action"; not a string → the unwaivable "Cannot evaluate"
            // (issue 15). The provider requires action, so an absent one is not a pass either.
            const action = ctx.readString("action");
            if (action.ok && action.value === undefined) {
                ctx.settle({ kind: "malformed", path: "action", got: describeValue(undefined), expected: "a string" });
            } else if (action.ok && action.value !== undefined && (matchesEveryAction(action.value) || serviceWideOf(action.value) !== undefined)) {
                ctx.violation(`Lambda permission "${ctx.name}" allows "${action.value}"; grant the one action needed (lambda:InvokeFunction).`);
            }
            return;
        }
        forEachDocumentStatement(ctx, RESOURCE_DOCUMENT_TYPES, (statement, label, at, what) => {
            // Effect, Action and NotAction typed (lib/statements): a value IAM would reject is a mandatory "Cannot evaluate", never a
            // skipped statement nor a waivable "allows NotAction".
            const effectRead = ctx.settle(readTyped(statement, "Effect", EFFECT, at), { quiet: true });
            const actionList = ctx.settle(statementList(statement, "Action", at), { quiet: true });
            const notActionList = ctx.settle(invertingList(statement, "NotAction", at), { quiet: true });
            if ([effectRead, actionList, notActionList].some((r) => !r.ok && !r.unknown)) {
                return;
            }
            const effect = effectRead.ok ? { known: true, value: effectRead.value } : { known: false };
            if (effect.known && effect.value !== "Allow") {
                return;
            }
            // Present in any valid form (a string or a list, even empty) NotAction is a violation.
            const actions = actionList.ok ? (actionList.value ?? []) : undefined;
            if (!effect.known || !notActionList.ok || actions === undefined || actions.some(isUnknown)) {
                ctx.cannotVerify(`${what} ${label} ${!effect.known ? "Effect" : "Action"}`);
                return;
            }
            if (notActionList.value !== undefined) {
                ctx.violation(`${what} ${label} allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.`);
                return;
            }
            const strings = actions.filter((a): a is string => typeof a === "string");
            const everything = strings.find(matchesEveryAction);
            if (everything !== undefined) {
                ctx.violation(`${what} ${label} allows Action "${everything}", every action; grant the specific actions needed.`);
                return;
            }
            const wide = strings.filter((a) => serviceWideOf(a) !== undefined);
            if (wide.length === 0) {
                return;
            }
            let accounts: ReadonlySet<string> = new Set();
            if (KMS_KEY_TYPES.has(ctx.type)) {
                // The root rule reads Principal and Resource: typed first (lib/statements), so a value IAM would reject is the
                // unwaivable "Cannot evaluate", not a statement that merely is not the root rule's shape.
                const principal = read(statement, "Principal");
                const who = principal.known ? ctx.settle(publicPrincipal(principal.value, `${at}.Principal`), { quiet: true }) : undefined;
                const on = ctx.settle(statementList(statement, "Resource", at), { quiet: true });
                if ((who !== undefined && !who.ok && !who.unknown) || (!on.ok && !on.unknown)) {
                    return;
                }
                // The key's accounts (lib/kms-root): a keyId or provider allowedAccountIds of the wrong type is the
                // unwaivable "Cannot evaluate", never skipped so that another source names the account.
                const keyAccountsRead = ctx.settle(keyAccounts(ctx.props, ctx.args.provider, ctx.config.accountIds), { quiet: true });
                if (!keyAccountsRead.ok) {
                    return;
                }
                accounts = keyAccountsRead.value ?? accounts;
            }
            const root = rootStatement(ctx.type, statement, wide, accounts);
            if (root !== undefined && root.foreign.length > 0) {
                ctx.violation(
                    `${what} ${label} allows "kms:*" to the root of account ${root.foreign.join(", ")}, not the key's own account: full control of the key ` +
                        `to another account; only the key's own account root may hold "kms:*" (${KMS_OWN_ACCOUNT_ROOT_RULE}), grant another account only the KMS actions it needs.`,
                );
                return;
            }
            if (root !== undefined && root.undecided.length > 0) {
                ctx.advisory(
                    `Cannot tell whether ${what} ${label} gives "kms:*" to the key's own account root (${root.undecided.join(", ")}): the AWS provider ` +
                        "sets no allowedAccountIds and the policy's accountIds option is empty; set either so the account root can be told from another account.",
                );
                return;
            }
            if (root !== undefined) {
                return; // kms:* to the key's own account root on the key: KMS_OWN_ACCOUNT_ROOT_RULE
            }
            ctx.violation(
                `${what} ${label} allows ${wide.map((a) => `"${a}"`).join(", ")}, every action of the service; grant the specific actions needed` +
                    (KMS_KEY_TYPES.has(ctx.type) ? ' (only the key\'s own account root may hold "kms:*" on Resource "*").' : "."),
            );
        });
    },
});
