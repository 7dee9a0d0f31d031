import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Target tracking on the service's average CPU and memory (SC-5 capacity), between min and max. */
export interface ServiceScalingArgs {
    clusterName: string;
    serviceName: string;
    minCount: number;
    maxCount: number;
    cpuTargetPercent: number;
    memoryTargetPercent: number;
    tags: Record<string, string>;
}

export function createServiceScaling(name: string, args: ServiceScalingArgs, opts: pulumi.CustomResourceOptions): aws.appautoscaling.Target {
    const target = new aws.appautoscaling.Target(
        `${name}-app`,
        {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: `service/${args.clusterName}/${args.serviceName}`,
            minCapacity: args.minCount,
            maxCapacity: args.maxCount,
            tags: args.tags,
        },
        opts,
    );
    const tracking = (metric: "CPU" | "Memory", targetValue: number) =>
        new aws.appautoscaling.Policy(
            `${name}-${metric.toLowerCase()}`,
            {
                name: `${args.serviceName}-${metric.toLowerCase()}-target`,
                policyType: "TargetTrackingScaling",
                serviceNamespace: target.serviceNamespace,
                scalableDimension: target.scalableDimension,
                resourceId: target.resourceId,
                targetTrackingScalingPolicyConfiguration: {
                    targetValue,
                    predefinedMetricSpecification: { predefinedMetricType: `ECSServiceAverage${metric}Utilization` },
                    // Scale out fast, scale in slowly: capacity errs on the safe side.
                    scaleOutCooldown: 60,
                    scaleInCooldown: 300,
                },
            },
            opts,
        );
    tracking("CPU", args.cpuTargetPercent);
    tracking("Memory", args.memoryTargetPercent);
    return target;
}
