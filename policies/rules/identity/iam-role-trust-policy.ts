// iam-role-trust-policy: who may become a role (AC-2, AC-3, AC-6, IA-2). A trust policy Allows only
// the STS calls that assume a role or decorate the session (assume, assume with web identity or
// SAML, tag session, set source identity, set context), never "*" or "sts:*"; a "*" principal
// never sits next to named ones (it makes them meaningless); account principals (the account
// root, IAM role/user ARNs, bare account ids) need aws:MultiFactorAuthPresent true (IA-2(1)); a
// federated OIDC or SAML provider must pin both the audience and the subject of the token (else
// any workload of the issuer — any GitHub repository, any Pulumi organisation — can assume it).
// Service principals are judged elsewhere (confused-deputy conditions are the service's choice).
//
// Sources: IAM User Guide, "Actions, resources, and condition keys for AWS STS" (the sts actions a
// trust policy can grant) and "Creating a role for web identity or OIDC federation" / "Configuring
// a role for GitHub OIDC" (the <provider>:aud and <provider>:sub keys; SAML:aud and SAML:sub).

import {
    describeValue,
    EFFECT,
    invertingList,
    isUnknown,
    listOf,
    OBJECT,
    ownValue,
    policyStatements,
    publicPrincipal,
    read,
    readCondition,
    readTyped,
    resourcePolicy,
    statementLabel,
    statementList,
    STRING,
} from "../../lib";
import { POLICY_DOCUMENT } from "./identity-documents";
import { pinnedValues, requiresMfa } from "./trust-conditions";
import { IAM_ROLE } from "./resource-types";

/** The STS actions a trust policy may Allow (IAM is case-insensitive; no wildcards). */
const TRUST_ACTIONS = [
    "sts:AssumeRole",
    "sts:AssumeRoleWithWebIdentity",
    "sts:AssumeRoleWithSAML",
    "sts:TagSession",
    "sts:SetSourceIdentity",
    "sts:SetContext",
];
const TRUST_ACTION_SET = new Set(TRUST_ACTIONS.map((a) => a.toLowerCase()));

const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:aws(-[a-z]+)*:(iam|sts)::\d{12}:.+)$/;
/** The condition-key prefix a federated provider's tokens use: "<host/path>" for OIDC, "SAML" for SAML. */
function federatedKeyPrefix(provider: string): { kind: "oidc" | "saml"; prefix: string } | undefined {
    const oidc = /:oidc-provider\/(.+)$/.exec(provider);
    if (oidc) {
        return { kind: "oidc", prefix: oidc[1] };
    }
    if (/:saml-provider\//.test(provider)) {
        return { kind: "saml", prefix: "SAML" };
    }
    // Well-known web identity providers named directly (cognito-identity.amazonaws.com, accounts.google.com …).
    return /^[a-z0-9.-]+\.[a-z]+$/i.test(provider) ? { kind: "oidc", prefix: provider } : undefined;
}

export const iamRoleTrustPolicy = resourcePolicy({
    name: "iam-role-trust-policy",
    description:
        `A role's trust policy Allows only ${TRUST_ACTIONS.join(", ")} (never "*", "sts:*" or NotAction); never puts Principal "*" ` +
        "next to named principals; requires Bool aws:MultiFactorAuthPresent true when an account principal (root, IAM role or " +
        "user ARN, account id) may assume the role (IA-2(1)); and for a federated OIDC or SAML provider pins both the token " +
        "audience (<provider>:aud, SAML:aud) and subject (<provider>:sub, SAML:sub) with StringEquals or StringLike (AC-2, AC-3, AC-6, IA-2).",
    summary: "Trust policies: only sts assume/tag actions, no * beside others, MFA for account principals, pinned OIDC/SAML aud+sub",
    severity: "critical",
    controls: ["AC-2", "AC-3", "AC-6", "IA-2", "IA-2(1)"],
    remediationSteps:
        'Grant "sts:AssumeRole" (or the web identity / SAML variant, plus sts:TagSession or sts:SetSourceIdentity if used); ' +
        "drop a \"*\" principal; add Condition Bool aws:MultiFactorAuthPresent \"true\" for account principals (or use a service " +
        "or federated principal); for OIDC add StringEquals <provider>:aud and StringEquals/StringLike <provider>:sub " +
        '(e.g. "repo:org/repo:ref:refs/heads/main"), for SAML SAML:aud and SAML:sub.',
    resourceTypes: [IAM_ROLE],
    noVerdict: [
        {
            when: "a trust statement's Effect is Deny, or its principal is a service principal",
            why: "a Deny takes access away; a service's confused-deputy conditions are the service's choice and not judged here",
        },
    ],
    validate: (ctx) => {
        const what = `IAM role "${ctx.name}" trust policy`;
        const raw = ctx.read("assumeRolePolicy");
        const parsed = raw.known ? policyStatements(raw.value) : ({ kind: "unknown" } as const);
        if (parsed.kind === "unknown") {
            ctx.cannotVerify("assumeRolePolicy");
            return;
        }
        if (parsed.kind === "invalid") {
            // Malformed, not a finding a waiver could accept: the unwaivable "Cannot evaluate" (issue 15).
            ctx.settle({ kind: "malformed", path: "assumeRolePolicy", got: describeValue(raw.known ? raw.value : undefined), expected: POLICY_DOCUMENT });
            return;
        }
        parsed.statements.forEach((statement, i) => {
            const where = `${what} ${statementLabel(statement, i)}`;
            const at = `assumeRolePolicy.Statement[${i}]`;
            // Effect and Action typed (lib/statements): a value IAM would reject is a mandatory "Cannot evaluate", never a skipped statement.
            const effect = ctx.settle(readTyped(statement, "Effect", EFFECT, at), { what: `${where} Effect` });
            if (!effect.ok || effect.value !== "Allow") {
                return;
            }
            // Actions. NotAction typed as Action is (a string or a list of strings): anything else is malformed;
            // present in any valid form it is a violation.
            const notActionList = ctx.settle(invertingList(statement, "NotAction", at), { quiet: true });
            const actionList = ctx.settle(statementList(statement, "Action", at), { quiet: true });
            if ((!actionList.ok && !actionList.unknown) || (!notActionList.ok && !notActionList.unknown)) {
                return;
            }
            const actions = actionList.ok ? (actionList.value ?? []) : undefined;
            if (!notActionList.ok || actions === undefined || actions.some(isUnknown)) {
                ctx.cannotVerify(`${where} Action`);
            } else if (notActionList.value !== undefined) {
                ctx.violation(`${where} allows NotAction; allow only ${TRUST_ACTIONS.join(", ")}.`);
            } else {
                const bad = actions.filter((a) => typeof a !== "string" || !TRUST_ACTION_SET.has(a.toLowerCase()));
                if (bad.length > 0) {
                    ctx.violation(`${where} allows ${bad.map((a) => JSON.stringify(a)).join(", ")}; a trust policy allows only ${TRUST_ACTIONS.join(", ")}.`);
                }
            }
            // Principals.
            const principal = read(statement, "Principal");
            if (!principal.known) {
                ctx.cannotVerify(`${where} Principal`);
                return;
            }
            // Typed (lib/statements): a Principal IAM would reject (a number, an unknown kind, an AWS or Federated entry
            // that is not a string) is a mandatory "Cannot evaluate", never a statement that names no one.
            const isPublic = ctx.settle(publicPrincipal(principal.value, `${at}.Principal`), { quiet: true });
            if (!isPublic.ok && !isPublic.unknown) {
                return;
            }
            const p = OBJECT.parse(principal.value)?.value;
            if (p === undefined) {
                return; // "*" alone: resource-policy-no-public-principal judges it
            }
            if (isPublic.ok && isPublic.value === true) {
                const entries = Object.values(p).flatMap((v) => (Array.isArray(v) ? v : [v]));
                if (entries.length > 1) {
                    ctx.violation(`${where} lists Principal "*" next to other principals, so naming them restricts nothing; remove "*".`);
                }
            }
            const aws = listOf(p, "AWS");
            const federated = listOf(p, "Federated");
            if (aws === undefined || federated === undefined || aws.some(isUnknown) || federated.some(isUnknown)) {
                ctx.cannotVerify(`${where} Principal`);
                return;
            }
            const accounts = aws.filter((a): a is string => typeof a === "string" && ACCOUNT_PRINCIPAL.test(a));
            if (accounts.length === 0 && federated.length === 0) {
                return; // service principals only: the Condition is not judged here
            }
            // Typed (lib/condition-grammar): a Condition IAM would reject is the unwaivable "Cannot evaluate" naming its path,
            // never a condition that gates or pins nothing. Computed → `condition.known` false.
            const typedCondition = ctx.settle(readCondition(statement, at), { quiet: true });
            if (!typedCondition.ok && !typedCondition.unknown) {
                return;
            }
            const condition = typedCondition.ok ? { known: true, value: typedCondition.value } : { known: false, value: undefined };
            if (accounts.length > 0) {
                const mfa = condition.known ? requiresMfa(condition.value) : undefined;
                if (mfa === undefined) {
                    ctx.cannotVerify(`${where} Condition aws:MultiFactorAuthPresent`);
                } else if (!mfa) {
                    ctx.violation(
                        `${where} lets account principal "${accounts[0]}"${accounts.length > 1 ? ` and ${accounts.length - 1} more` : ""} assume the role without ` +
                            'Bool aws:MultiFactorAuthPresent "true"; require MFA, or use a service or federated principal.',
                    );
                }
            }
            for (const [j, entry] of federated.entries()) {
                // A string (publicPrincipal checked the list); one that names no identity provider is malformed, never skipped.
                const provider = STRING.parse(entry)?.value;
                const fed = provider === undefined ? undefined : federatedKeyPrefix(provider);
                if (provider === undefined || fed === undefined) {
                    const shown = Array.isArray(ownValue(p, "Federated")) ? `${at}.Principal.Federated[${j}]` : `${at}.Principal.Federated`;
                    ctx.settle({ kind: "malformed", path: shown, got: describeValue(entry), expected: "an OIDC or SAML provider ARN or a web identity provider host" });
                    continue;
                }
                const missing: string[] = [];
                let unknownSeen = !condition.known;
                for (const key of [`${fed.prefix}:aud`, `${fed.prefix}:sub`]) {
                    const pin = condition.known ? pinnedValues(condition.value, key) : { known: false, pinned: false };
                    if (!pin.pinned) {
                        if (pin.known) {
                            missing.push(key);
                        } else {
                            unknownSeen = true;
                        }
                    }
                }
                if (missing.length > 0) {
                    ctx.violation(
                        `${where} lets ${fed.kind.toUpperCase()} provider "${provider}" assume the role without pinning ${missing.join(" and ")}; ` +
                            "add StringEquals (or StringLike) with the exact audience and subject.",
                    );
                } else if (unknownSeen && !(condition.known && pinnedValues(condition.value, `${fed.prefix}:aud`).pinned && pinnedValues(condition.value, `${fed.prefix}:sub`).pinned)) {
                    ctx.cannotVerify(`${where} Condition ${fed.prefix}:aud/sub`);
                }
            }
        });
    },
});
