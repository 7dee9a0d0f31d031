import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The estate's CloudWatch alarms as data (SI-4 monitoring, IR-4/IR-6 alerting). Names are explicit and
 * derived only from the Observability component's name, so that the ECS service can list its
 * deployment alarms by NAME at preview without depending on the alarm resources (which themselves
 * need the service's target groups: no cycle).
 */

/** Thresholds; defaults (DEFAULT_THRESHOLDS) follow the operating targets. */
export interface AlarmThresholds {
    /** ALB-generated 5XX responses per 5 minutes. @default 10 */
    alb5xxPer5Min: number;
    /** Target 5XX responses as a percentage of requests. @default 1 */
    target5xxPercent: number;
    /** p95 target response time, seconds. @default 1 */
    latencyP95Seconds: number;
    /** @default 80 */
    rdsCpuPercent: number;
    /** Free storage as a fraction of the allocated storage (0.2 = alarm below 20 %). @default 0.2 */
    rdsFreeStorageFraction: number;
    /** @default 85 */
    ecsMemoryPercent: number;
    /** @default 80 */
    redisEngineCpuPercent: number;
    /** @default 80 */
    redisMemoryPercent: number;
}

/** The thresholds an alarm uses unless ObservabilityArgs.thresholds says otherwise. */
export const DEFAULT_THRESHOLDS: Readonly<AlarmThresholds> = {
    alb5xxPer5Min: 10,
    target5xxPercent: 1,
    latencyP95Seconds: 1,
    rdsCpuPercent: 80,
    rdsFreeStorageFraction: 0.2,
    ecsMemoryPercent: 85,
    redisEngineCpuPercent: 80,
    redisMemoryPercent: 80,
};

/** Names of the alarms that do not depend on how many nodes or target groups exist. */
export function alarmNames(observabilityName: string) {
    return {
        alb5xx: `${observabilityName}-alb-5xx`,
        target5xxRate: `${observabilityName}-target-5xx-rate`,
        latencyP95: `${observabilityName}-latency-p95`,
        rdsCpu: `${observabilityName}-rds-cpu`,
        rdsFreeStorage: `${observabilityName}-rds-free-storage`,
        ecsMemory: `${observabilityName}-ecs-memory`,
    };
}

/**
 * The alarms the ECS service watches during a blue/green deployment (load-balancer wide, so they
 * see the green revision whichever target group it is in); any of them in ALARM rolls back.
 */
export function deploymentAlarmNames(observabilityName: string): string[] {
    const names = alarmNames(observabilityName);
    return [names.alb5xx, names.target5xxRate, names.latencyP95];
}

/** ElastiCache names the nodes of a (cluster-mode disabled) replication group `<id>-001`, `<id>-002`, … */
function redisNodeIds(replicationGroupId: string, nodeCount: number): string[] {
    return Array.from({ length: nodeCount }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/** What the alarms watch: the load balancer and its target groups, the service, the database, the cache. */
export interface AlarmTargets {
    /** `app/<name>/<id>` (Edge's albArnSuffix): the `LoadBalancer` dimension. */
    albArnSuffix: pulumi.Input<string>;
    /** Label (`blue`, `green`) → target group ARN suffix. */
    targetGroups: ReadonlyArray<{ label: string; arnSuffix: pulumi.Input<string> }>;
    ecsClusterName: pulumi.Input<string>;
    ecsServiceName: pulumi.Input<string>;
    rdsInstanceIdentifier: pulumi.Input<string>;
    rdsAllocatedStorageGiB: number;
    /** Redis replication group id and node count (nodes are `<id>-001` …). */
    redisReplicationGroupId: string;
    redisNodeCount: number;
}

/** One alarm's arguments, minus the actions (added by the component). */
export type AlarmSpec = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions"> & { name: string };

const ALB = "AWS/ApplicationELB";

/** Every alarm of the estate, as MetricAlarm arguments. */
export function alarmSpecs(name: string, t: AlarmTargets, th: AlarmThresholds): AlarmSpec[] {
    const n = alarmNames(name);
    const lb = { LoadBalancer: t.albArnSuffix };
    const common = { treatMissingData: "notBreaching" } as const;
    const specs: AlarmSpec[] = [
        {
            ...common,
            name: n.alb5xx,
            alarmDescription: `More than ${th.alb5xxPer5Min} load-balancer 5XX responses in 5 minutes`,
            namespace: ALB,
            metricName: "HTTPCode_ELB_5XX_Count",
            dimensions: lb,
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: th.alb5xxPer5Min,
            comparisonOperator: "GreaterThanThreshold",
        },
        {
            ...common,
            name: n.target5xxRate,
            alarmDescription: `Target 5XX responses above ${th.target5xxPercent} % of requests over 5 minutes`,
            // Metric math: a rate, not a count, so the alarm means the same at any traffic level.
            metricQueries: [
                {
                    id: "errors",
                    metric: { namespace: ALB, metricName: "HTTPCode_Target_5XX_Count", dimensions: lb, period: 300, stat: "Sum" },
                },
                {
                    id: "requests",
                    metric: { namespace: ALB, metricName: "RequestCount", dimensions: lb, period: 300, stat: "Sum" },
                },
                {
                    id: "rate",
                    expression: "IF(requests > 0, 100 * errors / requests, 0)",
                    label: "Target 5XX rate (%)",
                    returnData: true,
                },
            ],
            evaluationPeriods: 1,
            threshold: th.target5xxPercent,
            comparisonOperator: "GreaterThanThreshold",
        },
        {
            ...common,
            name: n.latencyP95,
            alarmDescription: `p95 target response time above ${th.latencyP95Seconds} s (3 of 5 minutes)`,
            namespace: ALB,
            metricName: "TargetResponseTime",
            dimensions: lb,
            extendedStatistic: "p95",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            threshold: th.latencyP95Seconds,
            comparisonOperator: "GreaterThanThreshold",
        },
        ...t.targetGroups.map(
            (tg): AlarmSpec => ({
                ...common,
                name: `${name}-unhealthy-hosts-${tg.label}`,
                alarmDescription: `Unhealthy targets in the ${tg.label} target group`,
                namespace: ALB,
                metricName: "UnHealthyHostCount",
                dimensions: { LoadBalancer: t.albArnSuffix, TargetGroup: tg.arnSuffix },
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 2,
                threshold: 0,
                comparisonOperator: "GreaterThanThreshold",
            }),
        ),
        {
            ...common,
            name: n.rdsCpu,
            alarmDescription: `Database CPU above ${th.rdsCpuPercent} % for 10 minutes`,
            namespace: "AWS/RDS",
            metricName: "CPUUtilization",
            dimensions: { DBInstanceIdentifier: t.rdsInstanceIdentifier },
            statistic: "Average",
            period: 300,
            evaluationPeriods: 2,
            threshold: th.rdsCpuPercent,
            comparisonOperator: "GreaterThanThreshold",
        },
        {
            ...common,
            name: n.rdsFreeStorage,
            alarmDescription: `Database free storage below ${th.rdsFreeStorageFraction * 100} % of ${t.rdsAllocatedStorageGiB} GiB`,
            namespace: "AWS/RDS",
            metricName: "FreeStorageSpace",
            dimensions: { DBInstanceIdentifier: t.rdsInstanceIdentifier },
            statistic: "Minimum",
            period: 300,
            evaluationPeriods: 1,
            // FreeStorageSpace is in bytes; the threshold is a fraction of the allocated GiB.
            threshold: Math.floor(th.rdsFreeStorageFraction * t.rdsAllocatedStorageGiB * 1024 ** 3),
            comparisonOperator: "LessThanThreshold",
        },
        {
            ...common,
            name: n.ecsMemory,
            alarmDescription: `Service memory above ${th.ecsMemoryPercent} % for 10 minutes`,
            namespace: "AWS/ECS",
            metricName: "MemoryUtilization",
            dimensions: { ClusterName: t.ecsClusterName, ServiceName: t.ecsServiceName },
            statistic: "Average",
            period: 300,
            evaluationPeriods: 2,
            threshold: th.ecsMemoryPercent,
            comparisonOperator: "GreaterThanThreshold",
        },
    ];
    for (const node of redisNodeIds(t.redisReplicationGroupId, t.redisNodeCount)) {
        specs.push(
            {
                ...common,
                name: `${name}-redis-cpu-${node}`,
                // Redis is single-threaded: EngineCPUUtilization, not host CPUUtilization, is the limit.
                alarmDescription: `Redis engine CPU above ${th.redisEngineCpuPercent} % on ${node}`,
                namespace: "AWS/ElastiCache",
                metricName: "EngineCPUUtilization",
                dimensions: { CacheClusterId: node },
                statistic: "Average",
                period: 300,
                evaluationPeriods: 2,
                threshold: th.redisEngineCpuPercent,
                comparisonOperator: "GreaterThanThreshold",
            },
            {
                ...common,
                name: `${name}-redis-memory-${node}`,
                alarmDescription: `Redis memory above ${th.redisMemoryPercent} % of maxmemory on ${node}`,
                namespace: "AWS/ElastiCache",
                metricName: "DatabaseMemoryUsagePercentage",
                dimensions: { CacheClusterId: node },
                statistic: "Average",
                period: 300,
                evaluationPeriods: 2,
                threshold: th.redisMemoryPercent,
                comparisonOperator: "GreaterThanThreshold",
            },
        );
    }
    return specs;
}
