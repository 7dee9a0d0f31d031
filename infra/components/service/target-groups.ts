import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { SERVICE_DEFAULTS, TARGET_HEALTH } from "./args";

export interface BlueGreenTargetGroupsArgs {
    vpcId: pulumi.Input<string>;
    /** The container port the targets listen on. @default 8080 (SERVICE_DEFAULTS.containerPort) */
    port?: number;
    /** Path the health check requests. @default "/health" (SERVICE_DEFAULTS.healthCheckPath) */
    healthCheckPath?: string;
    /** Required tags (Project, Environment, …) repeated on every resource. */
    tags: Readonly<Record<string, string>>;
}

/**
 * The two interchangeable target groups of a blue/green service (`<name>-blue`, `<name>-green`):
 * IP targets on the container port, the same health check. A component of its own because the
 * edge's listeners may have to forward to blue by default (the CodeDeploy controller), so the
 * groups exist before the listeners, and the service after both.
 */
export class BlueGreenTargetGroups extends pulumi.ComponentResource {
    readonly blue: aws.lb.TargetGroup;
    readonly green: aws.lb.TargetGroup;
    /** Physical names (CodeDeploy's deployment group names the groups by name), known at preview. */
    readonly blueName: string;
    readonly greenName: string;
    /** The port the targets listen on: the service's container port. */
    readonly port: number;

    constructor(name: string, args: BlueGreenTargetGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:service:BlueGreenTargetGroups", name, {}, opts);
        this.port = args.port ?? SERVICE_DEFAULTS.containerPort;
        const healthCheckPath = args.healthCheckPath ?? SERVICE_DEFAULTS.healthCheckPath;
        const targetGroup = (color: "blue" | "green") => {
            const tgName = physicalName(name, [color], NAME_LIMITS.targetGroup);
            const group = new aws.lb.TargetGroup(
                `${name}-${color}`,
                {
                    name: tgName,
                    vpcId: args.vpcId,
                    targetType: "ip",
                    port: this.port,
                    // TLS ends at the ALB; ALB → task stays inside the VPC on the private subnets.
                    protocol: "HTTP",
                    protocolVersion: "HTTP1",
                    deregistrationDelay: TARGET_HEALTH.deregistrationDelaySeconds,
                    healthCheck: {
                        enabled: true,
                        path: healthCheckPath,
                        protocol: "HTTP",
                        matcher: "200",
                        interval: TARGET_HEALTH.intervalSeconds,
                        timeout: TARGET_HEALTH.timeoutSeconds,
                        healthyThreshold: TARGET_HEALTH.healthyThreshold,
                        unhealthyThreshold: TARGET_HEALTH.unhealthyThreshold,
                    },
                    tags: resourceTags(args.tags, "service", tgName),
                },
                { parent: this },
            );
            return { group, tgName };
        };
        const blue = targetGroup("blue");
        const green = targetGroup("green");
        this.blue = blue.group;
        this.green = green.group;
        this.blueName = blue.tgName;
        this.greenName = green.tgName;
        this.registerOutputs({ blueArn: this.blue.arn, greenArn: this.green.arn });
    }
}
