import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The listener rules ECS native blue/green moves traffic with: production on :443 and test on the
 * operator-only test listener, each forwarding to both target groups by weight.
 */
export interface ListenerRulesArgs {
    blue: aws.lb.TargetGroup;
    green: aws.lb.TargetGroup;
    productionListenerArn: pulumi.Input<string>;
    testListenerArn: pulumi.Input<string>;
    /** Host names the production rule forwards; default any host (`/*`). */
    hostNames?: readonly string[];
    tags: (name: string) => Record<string, string>;
}

export interface ListenerRules {
    productionRule: aws.lb.ListenerRule;
    testRule: aws.lb.ListenerRule;
}

/** What Pulumi leaves to ECS on each rule: the weights it rewrites during every deployment. */
export const RULE_IGNORE_CHANGES = ["actions"];

export function createListenerRules(name: string, args: ListenerRulesArgs, opts: pulumi.CustomResourceOptions): ListenerRules {
    const anyPath: aws.types.input.lb.ListenerRuleCondition[] = [{ pathPattern: { values: ["/*"] } }];
    // Both rules forward to both groups by weight, one action each (a rule mixing action types is
    // what ECS blue/green cannot rewrite). ECS rewrites the weights during a deployment, so Pulumi
    // must not put them back: ignoreChanges on the actions.
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
                                { arn: args.blue.arn, weight: 100 },
                                { arn: args.green.arn, weight: 0 },
                            ],
                        },
                    },
                ],
                conditions,
                tags: args.tags(`${name}-${kind}`),
            },
            { ...opts, ignoreChanges: RULE_IGNORE_CHANGES },
        );
    const productionRule = rule(
        "production",
        args.productionListenerArn,
        args.hostNames?.length ? [{ hostHeader: { values: [...args.hostNames] } }] : anyPath,
    );
    const testRule = rule("test", args.testListenerArn, anyPath);
    return { productionRule, testRule };
}
