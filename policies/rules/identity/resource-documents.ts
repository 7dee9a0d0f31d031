// The resource-based policy documents the identity area judges (key, bucket, topic, queue,
// repository, secret and Kinesis stream policies), shared by resource-policy-no-wildcard-actions
// and resource-policy-no-network-only-principal. Lambda permissions are not documents: each
// aws.lambda.Permission is one statement (action, principal, sourceArn/sourceAccount), judged by
// each policy on its own fields.

import {
    describeValue,
    KMS_KEY,
    KMS_KEY_POLICY,
    policyStatements,
    ResourceContext,
    S3_BUCKET,
    S3_BUCKET_POLICY,
    SECRETSMANAGER_SECRET,
    SNS_TOPIC,
    SQS_QUEUE,
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
export function documentStatements(ctx: ResourceContext<unknown>, path: string, what: string): readonly unknown[] | undefined {
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
