import * as assert from "assert";

import { boundaryPolicyName, DELIVERY_IAM_PATH, iamArn } from "../../delivery/trust";
import { permissionsBoundaryArn, PERMISSIONS_BOUNDARY_PATH } from "../../infra/lib/arn";
import { Evaluation } from "../../tools/lib/evaluate";
import { beforeBothStacks } from "./harness";
import { IAM_ROLE } from "../../policies/rules/identity/resource-types";

describe("permissions boundary on every estate role", () => {
    const stacks = { staging: "204718392650", prod: "318920475611" } as const;
    const evaluations: Partial<Record<keyof typeof stacks, Evaluation>> = {};
    beforeBothStacks((s) => Object.assign(evaluations, s));

    it("builds the same ARN the delivery program grants (path and name from delivery/trust.ts)", () => {
        assert.strictEqual(PERMISSIONS_BOUNDARY_PATH, DELIVERY_IAM_PATH);
        for (const [stack, account] of Object.entries(stacks)) {
            assert.strictEqual(
                permissionsBoundaryArn({ partition: "aws-us-gov", region: "us-gov-west-1", accountId: account }, stack),
                iamArn({ partition: "aws-us-gov" }, account, `policy${DELIVERY_IAM_PATH}${boundaryPolicyName(stack)}`),
            );
        }
    });

    for (const [stack, account] of Object.entries(stacks) as Array<[keyof typeof stacks, string]>) {
        it(`${stack}: every aws.iam.Role carries exactly arn:aws-us-gov:iam::${account}:policy/govstack-delivery/govstack-${stack}-boundary`, () => {
            const roles = (evaluations[stack] as Evaluation).mocks.ofType(IAM_ROLE);
            assert.ok(roles.length >= 4, `expected the estate's roles, found ${roles.length}`);
            const expected = `arn:aws-us-gov:iam::${account}:policy/govstack-delivery/govstack-${stack}-boundary`;
            const wrong = roles.filter((r) => r.inputs.permissionsBoundary !== expected).map((r) => `${r.name}: ${String(r.inputs.permissionsBoundary)}`);
            assert.deepStrictEqual(wrong, []);
        });
    }
});
