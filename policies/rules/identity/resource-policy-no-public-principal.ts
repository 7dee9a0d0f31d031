// resource-policy-no-public-principal: a key, bucket, topic, queue, repository, secret or role
// trust policy must not Allow everyone (AC-3, AC-21, AC-6).
//
// A public grant (Principal "*", NotPrincipal) passes only when its Condition fixes WHO may use
// it (lib/conditions: the Access Analyzer / S3 Block Public Access notion of public).

import {
    CALLER_KEY_NAMES,
    conditionNarrowsCaller,
    isPublicPrincipal,
    policyStatements,
    read,
    resourcePolicy,
    statementLabel,
    SUGGESTED_CALLER_KEYS,
} from "../../lib";

/** Resource-based policies: type → [noun, property holding the document]. */
const RESOURCE_POLICY_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    "aws:kms/key:Key": ["KMS key", "policy"],
    "aws:kms/keyPolicy:KeyPolicy": ["KMS key policy", "policy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["Bucket policy", "policy"],
    "aws:s3/bucket:Bucket": ["S3 bucket", "policy"],
    "aws:sns/topicPolicy:TopicPolicy": ["SNS topic policy", "policy"],
    "aws:sns/topic:Topic": ["SNS topic", "policy"],
    "aws:sqs/queuePolicy:QueuePolicy": ["SQS queue policy", "policy"],
    "aws:sqs/queue:Queue": ["SQS queue", "policy"],
    "aws:ecr/repositoryPolicy:RepositoryPolicy": ["ECR repository policy", "policy"],
    "aws:secretsmanager/secretPolicy:SecretPolicy": ["Secret policy", "policy"],
    "aws:iam/role:Role": ["IAM role trust policy of", "assumeRolePolicy"],
};

/** At most this many non-narrowing pairs are spelled out in a message. */
const MAX_REASONS = 3;

function describeReasons(reasons: readonly string[]): string {
    const shown = reasons.slice(0, MAX_REASONS).join("; ");
    return reasons.length > MAX_REASONS ? `${shown}; and ${reasons.length - MAX_REASONS} more` : shown;
}

export const resourcePolicyNoPublicPrincipal = resourcePolicy({
    name: "resource-policy-no-public-principal",
    description:
        'Key, bucket, topic, queue, repository, secret and role trust policies must not Allow Principal "*" (or ' +
        '{"AWS": "*"}, or NotPrincipal) unless a Condition narrows WHO can use the grant: otherwise every AWS account ' +
        "and, for S3, anonymous users get the action (AC-3, AC-21). As IAM Access Analyzer and S3 Block Public Access " +
        "judge it, a Condition narrows only when a matching operator fixes a caller key (account, organization, principal " +
        "or source ARN, VPC, VPC endpoint, IP range) to specific values; aws:SecureTransport says how, not who.",
    summary: 'Resource and trust policies do not Allow Principal "*" or NotPrincipal unless a Condition narrows the caller',
    severity: "critical",
    controls: ["AC-3", "AC-21", "AC-6"],
    anchors: [
        "NIST.800.53.R5-S3BucketPublicReadProhibited",
        "NIST.800.53.R5-S3BucketPublicWriteProhibited",
        "e86e26fc-489e-44f0-9bcd-97305e4ba69a", // KICS: ECR Repository Is Publicly Accessible
        "12b7e704-37f0-4d1e-911a-44bf60c48c21", // KICS: IAM Role Allows All Principals To Assume
        "bbe3dd3d-fea9-4b68-a785-cfabe2bbbc54", // KICS: Policy Without Principal
        "7af43613-6bb9-4a0e-8c4d-1314b799425e", // KICS: S3 Bucket Access to Any Principal
        "ffdf4b37-7703-4dfe-a682-9d2e99bc6c09", // KICS: S3 Bucket Allows Delete Action From All Principals
        "1df37f4b-7197-45ce-83f8-9994d2fcf885", // KICS: S3 Bucket Allows Get Action From All Principals
        "66c6f96f-2d9e-417e-a998-9058aeeecd44", // KICS: S3 Bucket Allows List Action From All Principals
        "d24c0755-c028-44b1-b503-8e719c898832", // KICS: S3 Bucket Allows Put Action From All Principals
        "a4966c4f-9141-48b8-a564-ffe9959945bc", // KICS: S3 Bucket With All Permissions
        "b26d2b7e-60f6-413d-a3a1-a57db24aa2b3", // KICS: SNS Topic is Publicly Accessible
        "730675f9-52ed-49b6-8ead-0acb5dd7df7f", // KICS: SQS Policy With Public Access
        "abb06e5f-ef9a-4a99-98c6-376d396bfcdf", // KICS: SQS Queue Exposed
    ],
    remediationSteps:
        "Name the principals (account root, role ARNs, service principals), or keep \"*\" only with a Condition where " +
        "StringEquals, StringLike, ArnEquals, ArnLike or IpAddress (or a ForAnyValue: form; not ...IfExists, " +
        `ForAllValues:, negated, Bool or Null operators) fixes one of ${CALLER_KEY_NAMES.join(", ")} to specific ` +
        'values: no bare "*", no policy variable, no ARN with an open account (a wildcard in the resource part is ' +
        "fine), no 0.0.0.0/0 or ::/0. aws:SecureTransport, kms:ViaService, tag and request keys may stay but do not " +
        "count on their own.",
    resourceTypes: Object.keys(RESOURCE_POLICY_TYPES) as [string, ...string[]],
    validate: (ctx) => {
        const [noun, path] = RESOURCE_POLICY_TYPES[ctx.type];
        const what = `${noun} "${ctx.name}"`;
        const raw = ctx.read(path);
        const parsed = raw.known ? policyStatements(raw.value) : ({ kind: "unknown" } as const);
        if (parsed.kind === "unknown") {
            ctx.cannotVerify(path);
            return;
        }
        if (parsed.kind === "invalid") {
            ctx.violation(`${what} has a ${path} that is not a valid JSON policy document, so its principals cannot be checked.`);
            return;
        }
        parsed.statements.forEach((statement, i) => {
            const label = statementLabel(statement, i);
            const effect = read(statement, "Effect");
            if (effect.known && effect.value !== "Allow") {
                return;
            }
            const notPrincipal = read(statement, "NotPrincipal");
            const principal = read(statement, "Principal");
            const isPublic = !notPrincipal.known || !principal.known ? undefined : notPrincipal.value !== undefined ? true : isPublicPrincipal(principal.value);
            if (isPublic === false) {
                return;
            }
            const condition = read(statement, "Condition");
            const narrowing = condition.known ? conditionNarrowsCaller(condition.value) : ({ kind: "unknown", what: "Condition" } as const);
            if (narrowing.kind === "narrowed") {
                return;
            }
            if (!effect.known || isPublic === undefined || narrowing.kind === "unknown") {
                const unknowns = [!effect.known && "Effect", isPublic === undefined && "Principal", narrowing.kind === "unknown" && narrowing.what];
                ctx.cannotVerify(`${what} ${label} ${unknowns.filter((u) => u !== false).join(", ")}`);
                return;
            }
            const whom = notPrincipal.known && notPrincipal.value !== undefined ? "NotPrincipal (everyone but the listed principals)" : 'Principal "*"';
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
