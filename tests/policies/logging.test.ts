import * as assert from "node:assert/strict";

import { cloudwatchAlarmHasAction } from "../../policies/rules/logging";
import { advisory, assertClean, assertNoMandatory, assertViolations, itHonoursWaivers, runResourcePolicy, unknown } from "./helpers";
import { CLOUDWATCH_METRIC_ALARM } from "../../policies/rules/logging/resource-types";

describe("logging", () => {
    describe("cloudwatch-alarm-has-action", () => {
        const p = cloudwatchAlarmHasAction;
        it("blocks an alarm without an action, with an empty list, or with actions disabled", async () => {
            for (const props of [{}, { alarmActions: [] }, { alarmActions: [""] }]) {
                assertViolations(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, name: "cpu", props }), [
                    'Metric alarm "cpu" has no alarm action; set alarmActions to at least one action ARN (e.g. the alerts SNS topic).',
                ]);
            }
            assertViolations(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, name: "cpu", props: { alarmActions: ["arn:aws-us-gov:sns:us-gov-west-1:1:t"], actionsEnabled: false } }), [
                'Metric alarm "cpu" has actionsEnabled: false, so none of its actions run; remove it or set it to true.',
            ]);
        });
        it("blocks values of the wrong type", async () => {
            assertViolations(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, name: "cpu", props: { alarmActions: "arn:x" } }), [
                'Cannot evaluate CloudWatch metric alarm "cpu": alarmActions is "arn:x", expected an array; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, name: "cpu", props: { alarmActions: ["arn:x"], actionsEnabled: "no" } }), [
                'Cannot evaluate CloudWatch metric alarm "cpu": actionsEnabled is "no", expected a boolean; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        it("passes an alarm with an action, known or computed", async () => {
            assertClean(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, props: { alarmActions: ["arn:aws-us-gov:sns:us-gov-west-1:111122223333:alerts"] } }));
            assertClean(await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, props: { alarmActions: [unknown()], actionsEnabled: true } }));
        });
        it("is advisory when the actions are unknown at preview", async () => {
            const diags = await runResourcePolicy(p, { type: CLOUDWATCH_METRIC_ALARM, props: { alarmActions: unknown() } });
            assertNoMandatory(diags);
            assert.ok(advisory(diags).length > 0);
        });
        itHonoursWaivers(p, { type: CLOUDWATCH_METRIC_ALARM, name: "cpu", props: {} });
    });
});
