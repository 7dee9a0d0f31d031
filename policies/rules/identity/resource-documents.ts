// The resource-based policy documents the identity area judges (key, bucket, topic, queue,
// repository, secret and Kinesis stream policies), shared by resource-policy-no-wildcard-actions
// and resource-policy-no-network-only-principal. Lambda permissions are not documents: each
// aws.lambda.Permission is one statement (action, principal, sourceArn/sourceAccount), judged by
// each policy on its own fields.

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
