// The resource-based policy documents the identity area judges (key, bucket, topic, queue,
// repository, secret and Kinesis stream policies), shared by resource-policy-no-wildcard-actions,
// resource-policy-no-public-principal and resource-policy-no-network-only-principal: where each
// type keeps its document, a walk over its statements, and whether a statement grants everyone.
// Lambda permissions are not documents: each aws.lambda.Permission is one statement (action,
// principal, sourceArn/sourceAccount), judged by each policy on its own fields.

import {
    Checked,
    describeValue,
    KMS_KEY,
    KMS_KEY_POLICY,
    notPrincipalOf,
    policyStatements,
    publicPrincipal,
    read,
    ResourceContext,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    SECRETSMANAGER_SECRET,
    SNS_TOPIC,
    SQS_QUEUE,
    statementLabel,
    Typed,
} from "../../lib";
import { POLICY_DOCUMENT } from "./identity-documents";
import {
    ECR_REPOSITORY_POLICY,
    KINESIS_RESOURCE_POLICY,
    SECRETSMANAGER_SECRET_POLICY,
    SNS_TOPIC_POLICY,
    SQS_QUEUE_POLICY,
} from "./resource-types";

/** Resource-based policy documents: type → [noun, property holding the document]. */
export const RESOURCE_DOCUMENT_TYPES: Readonly<Record<string, readonly [string, string]>> = {
    [KMS_KEY]: ["KMS key", "policy"],
    [KMS_KEY_POLICY]: ["KMS key policy", "policy"],
    [S3_BUCKET_POLICY]: ["Bucket policy", "policy"],
    [S3_BUCKET]: ["S3 bucket", "policy"],
    [SNS_TOPIC_POLICY]: ["SNS topic policy", "policy"],
    [SNS_TOPIC]: ["SNS topic", "policy"],
    [SQS_QUEUE_POLICY]: ["SQS queue policy", "policy"],
    [SQS_QUEUE]: ["SQS queue", "policy"],
    [ECR_REPOSITORY_POLICY]: ["ECR repository policy", "policy"],
    [SECRETSMANAGER_SECRET_POLICY]: ["Secret policy", "policy"],
    [SECRETSMANAGER_SECRET]: ["Secret", "policy"],
    [KINESIS_RESOURCE_POLICY]: ["Kinesis resource policy", "policy"],
};

export const KMS_KEY_TYPES: ReadonlySet<string> = new Set([KMS_KEY, KMS_KEY_POLICY]);

/**
 * The statements of the resource's policy document at `path`, or undefined when there is nothing to
 * judge — already reported: unknown at preview → advisory "cannot verify <path>"; not a JSON policy
 * document → the unwaivable "Cannot evaluate <what>: <path> is …" (a value the policy cannot read is
 * not a risk anyone accepted, so no waiver covers it; issue 15), as the identity documents do.
 */
function documentStatements(ctx: ResourceContext<unknown>, path: string, what: string): readonly unknown[] | undefined {
    const raw = ctx.read(path);
    const parsed = raw.known ? policyStatements(raw.value) : ({ kind: "unknown" } as const);
    if (parsed.kind === "unknown") {
        ctx.cannotVerify(path);
        return undefined;
    }
    if (parsed.kind === "invalid") {
        ctx.settle({ kind: "malformed", path, got: describeValue(raw.known ? raw.value : undefined), expected: POLICY_DOCUMENT }, { label: what });
        return undefined;
    }
    return parsed.statements;
}

/**
 * Calls `check` on each statement of the resource's policy document — `types[ctx.type]` gives the
 * owner's noun and the property holding it — with its label (`statement "Sid"`, `statement #0`), where
 * it is (`at`: "policy.Statement[0]", for "Cannot evaluate" paths) and `what` names the owner
 * (`S3 bucket "logs"`). An unknown or unreadable document is reported (documentStatements) and checks nothing.
 */
export function forEachDocumentStatement(
    ctx: ResourceContext<unknown>,
    types: Readonly<Record<string, readonly [string, string]>>,
    check: (statement: unknown, label: string, at: string, what: string) => void,
): void {
    const [noun, path] = types[ctx.type];
    const what = `${noun} "${ctx.name}"`;
    documentStatements(ctx, path, what)?.forEach((statement, i) => check(statement, statementLabel(statement, i), `${path}.Statement[${i}]`, what));
}

/**
 * Whether an Allow statement's grantee is everyone: a NotPrincipal (everyone but the listed ones;
 * `notPrincipal` says so for messages), or Principal "*" / {"AWS": "*"}. `everyone` is undefined
 * while either is unknown. Both are typed (publicPrincipal, notPrincipalOf) and settled through
 * `settle` (the policy's context, quiet): one IAM would reject ({}, a list, a number) is the
 * unwaivable "Cannot evaluate" and the answer "malformed", never read as "named" nor as "set".
 */
export function grantsEveryone(
    statement: unknown,
    at: string,
    settle: <T>(result: Typed<T>) => Checked<T>,
): "malformed" | { readonly everyone: boolean | undefined; readonly notPrincipal: boolean } {
    const notPrincipalRead = settle(notPrincipalOf(statement, at));
    const principalRead = read(statement, "Principal");
    const principal = principalRead.known ? settle(publicPrincipal(principalRead.value, `${at}.Principal`)) : undefined;
    if ((!notPrincipalRead.ok && !notPrincipalRead.unknown) || (principal !== undefined && !principal.ok && !principal.unknown)) {
        return "malformed";
    }
    const notPrincipal = notPrincipalRead.ok && notPrincipalRead.value === true;
    const everyone = !notPrincipalRead.ok || principal === undefined ? undefined : notPrincipal ? true : principal.ok ? principal.value === true : undefined;
    return { everyone, notPrincipal };
}
