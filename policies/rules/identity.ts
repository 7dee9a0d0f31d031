// Identity and keys: least privilege in IAM documents (AC-6), no long-lived user credentials
// (IA-2, IA-5, AC-2), key rotation (SC-12) and resource policies that do not open a key,
// bucket, topic or queue to everyone (AC-3, AC-21).
//
// Policy documents are JSON strings (or objects) that may be unknown during a preview. They are
// parsed once per text for the whole pack (lib/json memo). `Statement` may be an object or an
// array; `Action`, `Resource` and `Principal.AWS` a string or an array; `NotAction`,
// `NotResource` and `NotPrincipal` invert the grant and count as broad.
// A public grant (Principal "*", NotPrincipal) passes only when its Condition fixes WHO may use
// it (lib/conditions: the Access Analyzer / S3 Block Public Access notion of public).

import {
    actionMatches,
    CALLER_KEY_NAMES,
    conditionNarrowsCaller,
    GovPolicy,
    isPublicPrincipal,
    isUnknown,
    listOf,
    matchesEveryAction,
    matchesEveryResourceOf,
    matchesEveryRole,
    policyStatements,
    Read,
    read,
    ResourceContext,
    resourcePolicy,
    serviceWideOf,
    statementLabel,
    SUGGESTED_CALLER_KEYS,
} from "../lib";

/** Identity-policy resources: type → [noun, property holding the document]. */
const IDENTITY_POLICY_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    "aws:iam/policy:Policy": ["IAM policy", "policy"],
    "aws:iam/rolePolicy:RolePolicy": ["IAM role policy", "policy"],
    "aws:iam/userPolicy:UserPolicy": ["IAM user policy", "policy"],
    "aws:iam/groupPolicy:GroupPolicy": ["IAM group policy", "policy"],
    // IAM Identity Center: the inline policy becomes an identity policy of every role the permission set provisions.
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": ["Permission set inline policy", "inlinePolicy"],
};
const ROLE = "aws:iam/role:Role";
const IDENTITY_TYPES: [string, ...string[]] = [ROLE, ...Object.keys(IDENTITY_POLICY_TYPES)];

interface Document {
    readonly what: string;
    readonly policy: Read;
}

/** The identity-policy documents of a resource: its `policy`, or a role's `inlinePolicies[].policy`. */
function identityDocuments(ctx: ResourceContext<unknown>): Document[] | undefined {
    if (ctx.type !== ROLE) {
        const [noun, path] = IDENTITY_POLICY_TYPES[ctx.type];
        return [{ what: `${noun} "${ctx.name}"`, policy: ctx.read(path) }];
    }
    const inline = ctx.read("inlinePolicies");
    if (!inline.known) {
        return undefined;
    }
    return (Array.isArray(inline.value) ? inline.value : []).map((p: unknown, i: number) => {
        const name = read(p, "name");
        const policy = read(p, "policy");
        const label = name.known && typeof name.value === "string" ? `"${name.value}"` : `#${i}`;
        return { what: `IAM role "${ctx.name}" inline policy ${label}`, policy };
    });
}

/** Calls `check` on each Allow statement of each identity document; reports unknowns and malformed JSON. */
function forEachAllow(ctx: ResourceContext<unknown>, check: (doc: Document, statement: unknown, label: string) => void): void {
    const docs = identityDocuments(ctx);
    if (docs === undefined) {
        ctx.cannotVerify("inlinePolicies");
        return;
    }
    for (const doc of docs) {
        const parsed = doc.policy.known ? policyStatements(doc.policy.value) : ({ kind: "unknown" } as const);
        if (parsed.kind === "unknown") {
            ctx.cannotVerify(`the policy document of ${doc.what}`);
            continue;
        }
        if (parsed.kind === "invalid") {
            ctx.violation(`${doc.what} is not a valid JSON policy document, so its grants cannot be checked.`);
            continue;
        }
        parsed.statements.forEach((statement, i) => {
            const effect = read(statement, "Effect");
            if (!effect.known) {
                ctx.cannotVerify(`${doc.what} ${statementLabel(statement, i)} Effect`);
            } else if (effect.value === "Allow") {
                check(doc, statement, statementLabel(statement, i));
            }
        });
    }
}

export const iamPolicyNoWildcardActions = resourcePolicy({
    name: "iam-policy-no-wildcard-actions",
    description:
        'IAM identity policies (including IAM Identity Center permission set inline policies) must not Allow Action "*" ' +
        '(administrator access, however spelled: "*:*", "**"), NotAction (everything but a list), or a whole service ' +
        '("s3:*", "iam:**", "i*:*") on Resource "*" or on an ARN pattern matching every resource of that service ' +
        '("arn:aws-us-gov:s3:::*"): each principal gets the specific actions it needs (AC-6, CM-7).',
    severity: "critical",
    controls: ["AC-6", "AC-6(1)", "AC-3"],
    remediationSteps:
        "List the specific actions the principal calls (CloudTrail / IAM Access Analyzer policy generation shows them) and " +
        "scope Resource to the ARNs it touches.",
    resourceTypes: IDENTITY_TYPES,
    options: {
        allowedServiceWildcards: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'Service prefixes whose "<service>:*" may be granted on Resource "*" (e.g. "xray"); "*" itself never is.',
        },
    },
    validate: (ctx) => {
        const allowedServices = new Set(ctx.config.allowedServiceWildcards.map((s) => s.toLowerCase()));
        forEachAllow(ctx, (doc, statement, label) => {
            const where = `${doc.what} ${label}`;
            const notAction = read(statement, "NotAction");
            if (!notAction.known || notAction.value !== undefined) {
                if (notAction.known) {
                    ctx.violation(`${where} allows NotAction, i.e. every action but the listed ones; allow the specific actions instead.`);
                } else {
                    ctx.cannotVerify(`${where} NotAction`);
                }
                return;
            }
            const actions = listOf(statement, "Action");
            if (actions === undefined || actions.some(isUnknown)) {
                ctx.cannotVerify(`${where} Action`);
                return;
            }
            const strings = actions.filter((a): a is string => typeof a === "string");
            const everything = strings.find(matchesEveryAction);
            if (everything !== undefined) {
                const spelled = everything === "*" || everything === "*:*" ? "" : ` ("${everything}" matches every action)`;
                ctx.violation(`${where} allows Action "*"${spelled}; grant the specific actions needed.`);
                return;
            }
            const serviceWildcards = strings
                .map((a) => ({ action: a, service: serviceWideOf(a) }))
                .filter((w): w is { action: string; service: string } => w.service !== undefined && !allowedServices.has(w.service.toLowerCase()));
            if (serviceWildcards.length === 0) {
                return;
            }
            const resources = listOf(statement, "Resource");
            const notResource = read(statement, "NotResource");
            if (resources === undefined || !notResource.known) {
                ctx.cannotVerify(`${where} Resource`);
            } else if (resources.includes("*") || notResource.value !== undefined) {
                ctx.violation(`${where} allows ${serviceWildcards.map((w) => `"${w.action}"`).join(", ")} on Resource "*"; grant the specific actions needed.`);
            } else {
                for (const w of serviceWildcards) {
                    const servicePattern = w.action.split(":")[0];
                    const broad = resources.find((r) => typeof r === "string" && matchesEveryResourceOf(r, servicePattern));
                    if (broad !== undefined) {
                        ctx.violation(`${where} allows "${w.action}" on Resource "${String(broad)}", i.e. every ${w.service} resource; grant the specific actions needed.`);
                    }
                }
            }
        });
    },
});

export const iamPolicyNoPassRoleWildcard = resourcePolicy({
    name: "iam-policy-no-passrole-wildcard",
    description:
        'IAM identity policies must not Allow iam:PassRole (or a pattern matching it) on Resource "*" or on every role ' +
        '("arn:aws-us-gov:iam::<account>:role/*"): passing any role to a service lets a principal run code with that ' +
        "role's privileges, an escalation path (AC-6, AC-6(1), AC-5).",
    severity: "high",
    controls: ["AC-6", "AC-6(1)", "AC-5"],
    remediationSteps:
        "Scope iam:PassRole to the ARNs of the roles the principal hands to a service (e.g. the ECS task and execution " +
        "roles), and add a Condition on iam:PassedToService.",
    resourceTypes: IDENTITY_TYPES,
    validate: (ctx) => {
        forEachAllow(ctx, (doc, statement, label) => {
            const actions = listOf(statement, "Action");
            if (actions === undefined) {
                ctx.cannotVerify(`${doc.what} ${label} Action`);
                return;
            }
            // Action "*" is iam-policy-no-wildcard-actions' finding; don't report it twice.
            const passRole = actions.find((a) => typeof a === "string" && !matchesEveryAction(a) && !isUnknown(a) && actionMatches(a, "iam:PassRole"));
            if (passRole === undefined) {
                return;
            }
            const resources = listOf(statement, "Resource");
            const notResource = read(statement, "NotResource");
            if (resources === undefined || !notResource.known) {
                ctx.cannotVerify(`${doc.what} ${label} Resource`);
            } else if (resources.includes("*") || notResource.value !== undefined) {
                ctx.violation(`${doc.what} ${label} allows "${String(passRole)}" on Resource "*"; scope it to the role ARNs that are passed.`);
            } else {
                // "role/*" passes any role of the account: the same escalation as "*".
                const everyRole = resources.find((r) => typeof r === "string" && matchesEveryRole(r));
                if (everyRole !== undefined) {
                    ctx.violation(`${doc.what} ${label} allows "${String(passRole)}" on Resource "${String(everyRole)}", i.e. every role; scope it to the role ARNs that are passed.`);
                }
            }
        });
    },
});

export const iamNoUserAccessKeys = resourcePolicy({
    name: "iam-no-user-access-keys",
    description:
        "No IAM user access keys: a long-lived secret key outlives its purpose and leaks; people sign in through the " +
        "identity provider and automation assumes roles (OIDC from CI) with short-lived credentials (IA-2, IA-5, AC-2).",
    severity: "high",
    controls: ["IA-2", "IA-5", "AC-2"],
    remediationSteps:
        "Delete the aws.iam.AccessKey; give the workload an IAM role (ECS task role, OIDC web identity for CI, IAM Roles " +
        "Anywhere for on-premises) instead.",
    resourceTypes: ["aws:iam/accessKey:AccessKey"],
    validate: (ctx) => {
        const user = ctx.read("user");
        const whose = user.known && typeof user.value === "string" ? ` for IAM user "${user.value}"` : "";
        ctx.violation(`IAM access key "${ctx.name}" creates a long-lived credential${whose}; use an IAM role with short-lived credentials instead.`);
    },
});

export const iamUserNoPolicies = resourcePolicy({
    name: "iam-user-no-policies",
    description:
        "IAM users must not hold permissions directly (inline user policies or user policy attachments): permissions go " +
        "to groups and roles, where they are reviewed and revoked as a unit (AC-2, AC-6).",
    severity: "medium",
    controls: ["AC-2", "AC-6"],
    remediationSteps: "Move the policy to a group the user joins (aws.iam.GroupPolicyAttachment) or, better, to a role the user assumes.",
    resourceTypes: [
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
        "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    ],
    validate: (ctx) => {
        if (ctx.type === "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive") {
            // An empty list is the recommended way to keep a user free of managed policies.
            const arns = ctx.read("policyArns");
            if (!arns.known) {
                ctx.cannotVerify("policyArns");
            } else if (Array.isArray(arns.value) && arns.value.length > 0) {
                ctx.violation(`"${ctx.name}" attaches managed policies directly to an IAM user; grant permissions through a group or role instead.`);
            }
            return;
        }
        if (ctx.type === "aws:iam/policyAttachment:PolicyAttachment") {
            const users = ctx.read("users");
            if (!users.known) {
                ctx.cannotVerify("users");
            } else if (Array.isArray(users.value) && users.value.length > 0) {
                ctx.violation(`Policy attachment "${ctx.name}" attaches a policy directly to IAM users; attach it to a group or role instead.`);
            }
            return;
        }
        const kind = ctx.type === "aws:iam/userPolicy:UserPolicy" ? "an inline policy" : "a managed policy";
        const user = ctx.read("user");
        const whose = user.known && typeof user.value === "string" ? ` IAM user "${user.value}"` : " an IAM user";
        ctx.violation(`"${ctx.name}" gives${whose} ${kind} directly; grant permissions through a group or role instead.`);
    },
});

/** AWS-managed policies that grant administrator or account-wide IAM power. */
export const DEFAULT_FORBIDDEN_MANAGED_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const POLICY_ATTACHMENT_TYPES = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
    "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
    "aws:iam/role:Role": "managedPolicyArns",
    // The *Exclusive resources attach every listed ARN (and detach the rest).
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
    // IAM Identity Center: attached to every role the permission set provisions.
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": "managedPolicyArn",
} as const;

// arn:<partition>:iam::aws:policy/<optional path>/<name>: AWS-managed, so not judged by the document policies above.
const AWS_MANAGED_POLICY = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

export const iamNoAdminManagedPolicies = resourcePolicy({
    name: "iam-no-admin-managed-policies",
    description:
        "No principal may be given the AWS-managed AdministratorAccess, PowerUserAccess or IAMFullAccess policies (list " +
        'configurable): they are Action "*"-class grants that the document policies cannot see, because AWS owns the ' +
        "document (AC-6, AC-6(1)).",
    severity: "critical",
    controls: ["AC-6", "AC-6(1)", "AC-2"],
    remediationSteps: "Replace the attachment with a customer-managed policy that lists the actions the principal needs.",
    resourceTypes: Object.keys(POLICY_ATTACHMENT_TYPES) as [string, ...string[]],
    options: {
        forbiddenManagedPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_FORBIDDEN_MANAGED_POLICIES,
            description: "Names of AWS-managed policies that must not be attached to any principal.",
        },
    },
    validate: (ctx) => {
        const field = POLICY_ATTACHMENT_TYPES[ctx.type as keyof typeof POLICY_ATTACHMENT_TYPES];
        const arns = ctx.read(field);
        if (!arns.known) {
            // An unknown policyArn comes from a policy created in this stack (AWS-managed ARNs are
            // literals); an unknown managedPolicyArns list could hide a literal one.
            if (field === "managedPolicyArns" || field === "policyArns") {
                ctx.cannotVerify(field);
            }
            return;
        }
        const forbidden = new Set(ctx.config.forbiddenManagedPolicies);
        for (const arn of Array.isArray(arns.value) ? arns.value : [arns.value]) {
            // An unknown ARN is a policy created in this stack (customer-managed): the document policies judge it.
            if (isUnknown(arn)) {
                continue;
            }
            const name = typeof arn === "string" ? AWS_MANAGED_POLICY.exec(arn)?.[1] : undefined;
            if (name !== undefined && forbidden.has(name)) {
                ctx.violation(`"${ctx.name}" attaches the AWS-managed policy ${name}; grant a customer-managed policy with the specific actions instead.`);
            }
        }
    },
});

export const kmsKeyRotationEnabled = resourcePolicy({
    name: "kms-key-rotation-enabled",
    description:
        "Symmetric KMS keys must rotate automatically: rotation limits the data protected under one key version and is " +
        "what SC-12 key management expects (asymmetric and HMAC keys cannot rotate and are skipped).",
    severity: "medium",
    controls: ["SC-12", "SC-13"],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key (optionally `rotationPeriodInDays`, 90–2560).",
    resourceTypes: ["aws:kms/key:Key"],
    validate: (ctx) => {
        const rotation = ctx.read("enableKeyRotation");
        if (rotation.known && rotation.value === true) {
            return;
        }
        const spec = ctx.read("customerMasterKeySpec");
        if (!spec.known) {
            ctx.cannotVerify("customerMasterKeySpec");
            return;
        }
        if (spec.value !== undefined && spec.value !== "SYMMETRIC_DEFAULT") {
            return;
        }
        if (!rotation.known) {
            ctx.cannotVerify("enableKeyRotation");
            return;
        }
        ctx.violation(`KMS key "${ctx.name}" does not rotate; set enableKeyRotation: true.`);
    },
});

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
    severity: "critical",
    controls: ["AC-3", "AC-21", "AC-6"],
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

export const identityPolicies: GovPolicy[] = [
    iamPolicyNoWildcardActions,
    iamPolicyNoPassRoleWildcard,
    iamNoUserAccessKeys,
    iamUserNoPolicies,
    iamNoAdminManagedPolicies,
    kmsKeyRotationEnabled,
    resourcePolicyNoPublicPrincipal,
];
