import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, logGroupArn } from "../../lib/arn";
import { policyJson } from "../../lib/iam";
import { encryptedLogGroup } from "../shared/log-group";

/**
 * AWS managed rule groups the web ACL runs, in evaluation order (SC-7 boundary protection, SI-3/SI-10
 * malicious input). IP reputation first: it is the cheapest and drops known-bad sources early.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
] as const;

export interface WafArgs {
    scope: ArnScope;
    /** Requests per 5 minutes from one IP before the rate rule blocks it (SC-5). */
    rateLimit: number;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    tags: Record<string, string>;
}

function visibility(metricName: string): aws.types.input.wafv2.WebAclRuleVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/** The regional web ACL, its KMS-encrypted CloudWatch log group and the logging configuration. */
export function createWaf(name: string, args: WafArgs, opts: pulumi.CustomResourceOptions): aws.wafv2.WebAcl {
    const managedRules: aws.types.input.wafv2.WebAclRule[] = MANAGED_RULE_GROUPS.map((group, priority) => ({
        name: `AWS-${group}`,
        priority,
        // `none` keeps each group's own block actions; `count` would only observe.
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        visibilityConfig: visibility(`${name}-${group}`),
    }));
    const rateRule: aws.types.input.wafv2.WebAclRule = {
        name: "rate-limit-per-ip",
        priority: MANAGED_RULE_GROUPS.length,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: args.rateLimit, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
        visibilityConfig: visibility(`${name}-rate-limit`),
    };
    const webAcl = new aws.wafv2.WebAcl(
        `${name}-waf`,
        {
            name: `${name}-waf`,
            description: "govstack edge: AWS managed rule groups and a per-IP rate limit",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [...managedRules, rateRule],
            visibilityConfig: visibility(`${name}-waf`),
            tags: { ...args.tags, Name: `${name}-waf` },
        },
        opts,
    );

    // WAF only delivers to log groups whose name starts with `aws-waf-logs-` (AU-2, AU-12).
    const logGroupName = `aws-waf-logs-${name}`;
    const logGroup = encryptedLogGroup(
        `${name}-waf-logs`,
        {
            name: logGroupName,
            retentionInDays: args.logRetentionDays,
            kmsKeyArn: args.logsKmsKeyArn,
            tags: { ...args.tags, Name: logGroupName },
        },
        opts,
    );
    const destination = logGroupArn(args.scope, logGroupName);
    // WAF writes through the log delivery service; this resource policy is what the console would add
    // implicitly, scoped here to this log group and this account's web ACLs (confused deputy).
    const delivery = new aws.cloudwatch.LogResourcePolicy(
        `${name}-waf-logs`,
        {
            policyName: `${name}-waf-log-delivery`,
            policyDocument: policyJson([
                {
                    Sid: "WafLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: "delivery.logs.amazonaws.com" },
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${destination}:log-stream:*`,
                    Condition: {
                        StringEquals: { "aws:SourceAccount": args.scope.accountId },
                        ArnLike: { "aws:SourceArn": arn(args.scope, "logs", "*") },
                    },
                },
            ]),
        },
        opts,
    );
    new aws.wafv2.WebAclLoggingConfiguration(
        `${name}-waf-logging`,
        {
            resourceArn: webAcl.arn,
            // The log group ARN without the trailing `:*` (WAF rejects it with the suffix).
            logDestinationConfigs: [destination],
            // Credentials and session tokens never reach the logs (SC-28, privacy).
            redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
        },
        { ...opts, dependsOn: [logGroup, delivery] },
    );
    return webAcl;
}
