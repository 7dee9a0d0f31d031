import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { LOG_RETENTION_DAYS } from "../../lib/allowed";

export interface EncryptedLogGroupArgs {
    /** Explicit log group name, so ARNs, IAM policies and container definitions know it at preview. */
    name: string;
    /** Days to keep events (AU-11); one of LOG_RETENTION_DAYS. */
    retentionInDays: number;
    /** Customer-managed KMS key ARN (AU-9, SC-28). Its key policy must allow logs.<region>.amazonaws.com. */
    kmsKeyArn: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The name of a log group the estate owns: `/govstack/<namePrefix>/<path>`, e.g.
 * `/govstack/govstack-prod/vpc-flow-logs`, so one stack's groups sort together and an IAM or
 * subscription scope can name them by prefix. Others keep the names their service sets or requires:
 * WAF's `aws-waf-logs-…` (AWS requires that prefix for a WAF logging destination), RDS's
 * `/aws/rds/instance/<id>/<log>` (RDS writes its log exports there) and the service's `/ecs/…`
 * (ECS's convention).
 */
export function estateLogGroupName(namePrefix: string, path: string): string {
    return `/govstack/${namePrefix}/${path}`;
}

/**
 * Throws a readable error unless `days` is a retention CloudWatch Logs accepts: the API would reject
 * it only at `up`; this fails at preview with a message naming the value.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export function assertLogRetention(days: number, what: string): void {
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
        throw new Error(
            `Invalid log retention for ${what}: ${days} days is not accepted by CloudWatch Logs; use one of ${LOG_RETENTION_DAYS.join(", ")}`,
        );
    }
}

/**
 * A KMS-encrypted log group with finite retention: the one way the estate's components create log
 * groups, so encryption and retention cannot be forgotten in one of them.
 */
export function encryptedLogGroup(
    resourceName: string,
    args: EncryptedLogGroupArgs,
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogGroup {
    assertLogRetention(args.retentionInDays, `log group ${args.name}`);
    return new aws.cloudwatch.LogGroup(
        resourceName,
        {
            name: args.name,
            retentionInDays: args.retentionInDays,
            kmsKeyId: args.kmsKeyArn,
            tags: args.tags,
        },
        opts,
    );
}
