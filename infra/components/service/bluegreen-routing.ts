import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { NAME_LIMITS, physicalName } from "../../lib/naming";

/**
 * The traffic side of blue/green: two interchangeable target groups and the two listener rules ECS
 * moves traffic with (production on :443, test on the operator-only test listener).
 */
export interface BlueGreenRoutingArgs {
    vpcId: pulumi.Input<string>;
    port: number;
    healthCheckPath: string;
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /** Host names the production rule forwards; default any host (`/*`). */
    hostNames?: readonly string[];
    tags: (name: string) => Record<string, string>;
}

export interface BlueGreenRouting {
    blue: aws.lb.TargetGroup;
    green: aws.lb.TargetGroup;
    productionRule: aws.lb.ListenerRule;
    testRule: aws.lb.ListenerRule;
}

export function createBlueGreenRouting(
    name: string,
    args: BlueGreenRoutingArgs,
    opts: pulumi.CustomResourceOptions,
): BlueGreenRouting {
    const targetGroup = (color: "blue" | "green") => {
        const tgName = physicalName(name, [color], NAME_LIMITS.targetGroup);
        return new aws.lb.TargetGroup(
            `${name}-${color}`,
            {
                name: tgName,
                vpcId: args.vpcId,
                targetType: "ip",
                port: args.port,
                // TLS ends at the ALB; ALB → task stays inside the VPC on the private subnets.
                protocol: "HTTP",
                protocolVersion: "HTTP1",
                // The app drains in 20 s (SIGTERM); deregistration waits a little longer.
                deregistrationDelay: 30,
                healthCheck: {
                    enabled: true,
                    path: args.healthCheckPath,
                    protocol: "HTTP",
                    matcher: "200",
                    interval: 15,
                    timeout: 5,
                    healthyThreshold: 2,
                    unhealthyThreshold: 3,
                },
                tags: args.tags(tgName),
            },
            opts,
        );
    };
    const blue = targetGroup("blue");
    const green = targetGroup("green");

    const anyPath: aws.types.input.lb.ListenerRuleCondition[] = [{ pathPattern: { values: ["/*"] } }];
    // Both rules forward to both groups by weight (pure `forward`: ECS blue/green rejects rules that
    // mix action types). ECS rewrites the weights during a deployment, so Pulumi must not put them
    // back: ignoreChanges on the actions.
    const rule = (kind: "production" | "test", listenerArn: pulumi.Input<string>, conditions: aws.types.input.lb.ListenerRuleCondition[]) =>
        new aws.lb.ListenerRule(
            `${name}-${kind}`,
            {
                listenerArn,
                priority: 100,
                actions: [
                    {
                        type: "forward",
                        forward: {
                            targetGroups: [
                                { arn: blue.arn, weight: 100 },
                                { arn: green.arn, weight: 0 },
                            ],
                        },
                    },
                ],
                conditions,
                tags: args.tags(`${name}-${kind}`),
            },
            { ...opts, ignoreChanges: ["actions"] },
        );
    const productionRule = rule(
        "production",
        args.productionListenerArn,
        args.hostNames?.length ? [{ hostHeader: { values: [...args.hostNames] } }] : anyPath,
    );
    const testRule = rule("test", args.testListenerArn, anyPath);
    return { blue, green, productionRule, testRule };
}
