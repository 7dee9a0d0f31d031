// Type tokens only the logging policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const CLOUDWATCH_METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const SECRETSMANAGER_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
