// lambda-in-vpc: Lambda functions run attached to the stack's VPC (private subnets and security
// groups), so their traffic passes the boundary controls the estate governs (security groups, VPC
// endpoints, flow logs) instead of leaving from Lambda's own network (SC-7, AC-4; cdk-nag
// LambdaInsideVPC, AWS Security Hub Lambda.3).

import { LAMBDA_FUNCTION, resourcePolicy } from "../../lib";

export const lambdaInVpc = resourcePolicy({
    name: "lambda-in-vpc",
    description:
        "Lambda functions must run in the stack's VPC: `vpcConfig` with private `subnetIds` and `securityGroupIds`, so their " +
        "traffic passes the boundary the estate governs (security groups, VPC endpoints, flow logs) rather than leaving from " +
        "Lambda's own network to the internet (SC-7, AC-4).",
    summary: "Lambda functions run in the VPC (vpcConfig with private subnets and security groups)",
    severity: "medium",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "Set `vpcConfig: { subnetIds: <private subnet ids>, securityGroupIds: [<function security group>] }` and give the " +
        "role `AWSLambdaVPCAccessExecutionRole` (or its ENI permissions); reach AWS APIs through VPC endpoints.",
    resourceTypes: [LAMBDA_FUNCTION],
    noVerdict: [],
    validate: (ctx) => {
        if (!ctx.readObject("vpcConfig").ok) {
            return;
        }
        const missing: string[] = [];
        for (const field of ["subnetIds", "securityGroupIds"]) {
            const list = ctx.readArray(`vpcConfig.${field}`);
            if (!list.ok) {
                return;
            }
            if ((list.value ?? []).length === 0) {
                missing.push(field);
            }
        }
        if (missing.length > 0) {
            ctx.violation(
                `${ctx.label} does not run in the VPC (vpcConfig.${missing.join(" and vpcConfig.")} ${missing.length > 1 ? "are" : "is"} empty); ` +
                    "set vpcConfig with private subnetIds and securityGroupIds.",
            );
        }
    },
});
