// resource-policy-no-public-principal: a key, bucket, topic, queue, repository, secret, Kinesis
// stream or role trust policy, or a Lambda permission, must not Allow everyone (AC-3, AC-21, AC-6).
//
// A public grant (Principal "*", NotPrincipal) passes only when its Condition fixes WHO may use
// it (lib/conditions: the Access Analyzer / S3 Block Public Access notion of public).

import {
    CALLER_KEY_NAMES,
    Checked,
    conditionNarrowsCaller,
    EFFECT,
    LAMBDA_PERMISSION,
    readTyped,
    resourcePolicy,
    statementNarrowing,
    SUGGESTED_CALLER_KEYS,
    UNKNOWN,
} from "../../lib";
import { forEachDocumentStatement, grantsEveryone, RESOURCE_DOCUMENT_TYPES } from "./resource-documents";
import { IAM_ROLE } from "./resource-types";

/** Resource-based policies and role trust policies: type → [noun, property holding the document]. */
const RESOURCE_POLICY_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    ...RESOURCE_DOCUMENT_TYPES,
    [IAM_ROLE]: ["IAM role trust policy of", "assumeRolePolicy"],
};

/**
 * A Lambda permission is one statement. Lambda writes sourceArn, sourceAccount and principalOrgId
 * into the function policy as ArnLike AWS:SourceArn, StringEquals AWS:SourceAccount and
 * StringEquals aws:PrincipalOrgID conditions (Lambda API AddPermission), so they are judged as that
 * Condition. Principal "*" with none of them lets any account invoke the function.
 */
function lambdaPermissionCondition(sourceArn: unknown, sourceAccount: unknown, principalOrgId: unknown): Record<string, Record<string, unknown>> {
    const condition: Record<string, Record<string, unknown>> = {};
    if (sourceArn !== undefined && sourceArn !== null) {
        condition.ArnLike = { "aws:SourceArn": sourceArn };
    }
    const equals: Record<string, unknown> = {};
    if (sourceAccount !== undefined && sourceAccount !== null) {
        equals["aws:SourceAccount"] = sourceAccount;
    }
    if (principalOrgId !== undefined && principalOrgId !== null) {
        equals["aws:PrincipalOrgID"] = principalOrgId;
    }
    if (Object.keys(equals).length > 0) {
        condition.StringEquals = equals;
    }
    return condition;
}

/** At most this many non-narrowing pairs are spelled out in a message. */
const MAX_REASONS = 3;

function describeReasons(reasons: readonly string[]): string {
    const shown = reasons.slice(0, MAX_REASONS).join("; ");
    return reasons.length > MAX_REASONS ? `${shown}; and ${reasons.length - MAX_REASONS} more` : shown;
}

export const resourcePolicyNoPublicPrincipal = resourcePolicy({
    name: "resource-policy-no-public-principal",
    description:
        'Key, bucket, topic, queue, repository, secret, Kinesis stream and role trust policies and Lambda permissions must not Allow Principal "*" (or ' +
        '{"AWS": "*"}, or NotPrincipal) unless a Condition narrows WHO can use the grant: otherwise every AWS account ' +
        "and, for S3, anonymous users get the action (AC-3, AC-21). As IAM Access Analyzer and S3 Block Public Access " +
        "judge it, a Condition narrows only when a matching operator fixes a caller key (account, organization, principal " +
        "or source ARN, VPC, VPC endpoint, IP range) to specific values; aws:SecureTransport says how, not who. A Lambda " +
        'permission with principal "*" needs sourceArn, sourceAccount or principalOrgId (Lambda writes them as those conditions).',
    summary: 'Resource/trust policies and Lambda permissions do not Allow Principal "*" or NotPrincipal unless the caller is narrowed',
    severity: "critical",
    controls: ["AC-3", "AC-21", "AC-6"],
    remediationSteps:
        "Name the principals (account root, role ARNs, service principals), or keep \"*\" only with a Condition where " +
        "StringEquals, StringLike, ArnEquals, ArnLike or IpAddress (or a ForAnyValue: form; not ...IfExists, " +
        `ForAllValues:, negated, Bool or Null operators) fixes one of ${CALLER_KEY_NAMES.join(", ")} to specific ` +
        'values: no bare "*", no policy variable, no ARN with an open account (a wildcard in the resource part is ' +
        "fine), no 0.0.0.0/0 or ::/0. aws:SecureTransport, kms:ViaService, tag and request keys may stay but do not " +
        "count on their own.",
    resourceTypes: [...(Object.keys(RESOURCE_POLICY_TYPES) as [string, ...string[]]), LAMBDA_PERMISSION],
    noVerdict: [
        {
            when: "a statement's Effect is Deny (or absent, which IAM rejects), or its principals are named (not \"*\", no NotPrincipal)",
            why: "a Deny takes access away; named principals are not everyone",
        },
        {
            when: "a public grant's Condition fixes a caller key (account, organization, principal or source ARN, VPC, endpoint, IP range) to specific values",
            why: "as IAM Access Analyzer and S3 Block Public Access judge it, such a grant is not public",
        },
        {
            when: 'a Lambda permission names a principal other than "*" (an account or a service)',
            why: "a named principal is not everyone; a service principal's source is narrowed by sourceArn/sourceAccount, which this policy judges only for \"*\"",
        },
    ],
    validate: (ctx) => {
        if (ctx.type === LAMBDA_PERMISSION) {
            const what = `Lambda permission "${ctx.name}"`;
            // A string (an account, a service, "*"); anything else is malformed, never "not public".
            const principal = ctx.readString("principal");
            if (!principal.ok || principal.value !== "*") {
                return;
            }
            // The fields that narrow "*" are strings; a value of another type is a mandatory "Cannot evaluate", never "narrowed".
            const fields = ["sourceArn", "sourceAccount", "principalOrgId"] as const;
            const [arn, account, org] = fields.map((f) => ctx.readString(f, { quiet: true }));
            if ([arn, account, org].some((c) => !c.ok && !c.unknown)) {
                return;
            }
            const valueOf = (c: Checked<string>): unknown => (c.ok ? c.value : UNKNOWN);
            const condition = lambdaPermissionCondition(valueOf(arn), valueOf(account), valueOf(org));
            const narrowing = conditionNarrowsCaller(condition);
            if (narrowing.kind === "narrowed") {
                return;
            }
            if (narrowing.kind === "unknown") {
                ctx.cannotVerify(fields.filter((_, i) => ![arn, account, org][i].ok).join(", ") || narrowing.what);
                return;
            }
            ctx.violation(
                narrowing.kind === "absent"
                    ? `${what} allows principal "*" without sourceArn, sourceAccount or principalOrgId; name the principal or set one of them.`
                    : `${what} allows principal "*" but its source fields do not narrow who can invoke (${describeReasons(narrowing.reasons)}); set sourceArn, sourceAccount or principalOrgId to specific values.`,
            );
            return;
        }
        forEachDocumentStatement(ctx, RESOURCE_POLICY_TYPES, (statement, label, at, what) => {
            const effectRead = ctx.settle(readTyped(statement, "Effect", EFFECT, at), { quiet: true });
            if (!effectRead.ok && !effectRead.unknown) {
                return; // malformed: reported
            }
            const effect = effectRead.ok ? { known: true as const, value: effectRead.value } : { known: false as const };
            if (effect.known && effect.value !== "Allow") {
                return;
            }
            const grantee = grantsEveryone(statement, at, (r) => ctx.settle(r, { quiet: true }));
            if (grantee === "malformed") {
                return; // reported
            }
            const isPublic = grantee.everyone;
            if (isPublic === false) {
                return;
            }
            // Condition typed (IAM grammar, readCondition): a block IAM would reject is the unwaivable "Cannot evaluate", not "open".
            const narrowing = statementNarrowing(statement, at, (r) => ctx.settle(r, { quiet: true }));
            if (narrowing === "malformed") {
                return; // reported
            }
            if (narrowing.kind === "narrowed") {
                return;
            }
            if (!effect.known || isPublic === undefined || narrowing.kind === "unknown") {
                const unknowns = [!effect.known && "Effect", isPublic === undefined && "Principal", narrowing.kind === "unknown" && narrowing.what];
                ctx.cannotVerify(`${what} ${label} ${unknowns.filter((u) => u !== false).join(", ")}`);
                return;
            }
            const whom = grantee.notPrincipal ? "NotPrincipal (everyone but the listed principals)" : 'Principal "*"';
            if (narrowing.kind === "absent") {
                ctx.violation(`${what} ${label} allows ${whom} without a Condition; name the principals or add a narrowing Condition.`);
                return;
            }
            ctx.violation(
                `${what} ${label} allows ${whom} and its Condition (${describeReasons(narrowing.reasons)}) does not narrow who can use it; ` +
                    `name the principals or add a Condition that fixes ${SUGGESTED_CALLER_KEYS.join(", ")} or another caller key to specific values.`,
            );
        });
    },
});
