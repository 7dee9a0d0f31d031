// The resource-based policy documents the identity area judges (key, bucket, topic, queue,
// repository, secret and Kinesis stream policies), shared by resource-policy-no-wildcard-actions
// and resource-policy-no-network-only-principal. Lambda permissions are not documents: each
// aws.lambda.Permission is one statement (action, principal, sourceArn/sourceAccount), judged by
// each policy on its own fields.

import { describeValue, policyStatements, ResourceContext } from "../../lib";
import { POLICY_DOCUMENT } from "./identity-documents";

/** Resource-based policy documents: type → [noun, property holding the document]. */
export const RESOURCE_DOCUMENT_TYPES: Readonly<Record<string, readonly [string, string]>> = {
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
    "aws:secretsmanager/secret:Secret": ["Secret", "policy"],
    "aws:kinesis/resourcePolicy:ResourcePolicy": ["Kinesis resource policy", "policy"],
};

export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const KMS_KEY_TYPES: ReadonlySet<string> = new Set(["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"]);

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
