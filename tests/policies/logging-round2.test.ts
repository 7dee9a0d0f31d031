import * as assert from "node:assert/strict";

import { wafv2WebAclLogging } from "../../policies/rules/logging";
import { advisory, assertClean, assertNoMandatory, assertViolations, itHonoursWaivers, runStackPolicy, TestResource, unknown, urnOf } from "./helpers";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ACL_ARN = "arn:aws-us-gov:wafv2:us-gov-west-1:111122223333:regional/webacl/edge/abc";
const LB_ARN = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/app/edge/123";

const acl = (name = "edge", arn: unknown = ACL_ARN): TestResource => ({ type: WEB_ACL, name, props: { name, scope: "REGIONAL", arn } });
const lb = (name = "alb", arn: unknown = LB_ARN): TestResource => ({ type: LB, name, props: { arn, internal: false } });
const association = (resourceArn: unknown = LB_ARN, webAclArn: unknown = ACL_ARN, deps: Record<string, string[]> = {}): TestResource => ({
    type: ASSOCIATION,
    name: "assoc",
    props: { resourceArn, webAclArn },
    propertyDependencies: deps,
});
const wafLogging = (resourceArn: unknown = ACL_ARN, deps: Record<string, string[]> = {}, destinations: unknown = ["arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-edge"]): TestResource => ({
    type: WAF_LOGGING,
    name: "waf-logging",
    props: { resourceArn, logDestinationConfigs: destinations },
    propertyDependencies: deps,
});
const NO_LOGGING =
    'WAFv2 web ACL "edge" is attached to a load balancer but has no logging configuration; add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to its ARN and a log destination.';

describe("logging round 2 (issue 17 items 8, 9, 12)", () => {
    describe("wafv2-web-acl-logging (stack)", () => {
        const p = wafv2WebAclLogging;
        it("blocks a web ACL attached to a load balancer without a logging configuration", async () => {
            assertViolations(await runStackPolicy(p, [acl(), lb(), association()]), [NO_LOGGING]);
            // A logging configuration for another ACL, or one without a destination, does not count.
            assertViolations(await runStackPolicy(p, [acl(), acl("other", "arn:other"), lb(), association(), wafLogging("arn:other")]), [NO_LOGGING]);
            assertViolations(await runStackPolicy(p, [acl(), lb(), association(), wafLogging(ACL_ARN, {}, [])]), [NO_LOGGING]);
        });
        it("blocks a destination list of the wrong type", async () => {
            const diags = await runStackPolicy(p, [acl(), lb(), association(), wafLogging(ACL_ARN, {}, "arn:x")]);
            assert.ok(
                diags.some(
                    (d) =>
                        d.message ===
                        'Cannot evaluate WAFv2 logging configuration "waf-logging": logDestinationConfigs is "arn:x", expected a list of destination ARNs; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                ),
                JSON.stringify(diags),
            );
        });
        it("passes a logged ACL, tied by value or by property dependency (the estate's shape at preview)", async () => {
            assertClean(await runStackPolicy(p, [acl(), lb(), association(), wafLogging()]));
            const aclUrn = urnOf(WEB_ACL, "edge");
            assertClean(
                await runStackPolicy(p, [
                    acl("edge", unknown()),
                    lb("alb", unknown()),
                    association(unknown(), unknown(), { resourceArn: [urnOf(LB, "alb")], webAclArn: [aclUrn] }),
                    wafLogging(unknown(), { resourceArn: [aclUrn] }),
                ]),
            );
        });
        it("leaves ACLs not attached to a load balancer alone", async () => {
            assertClean(await runStackPolicy(p, [acl()]));
            const stage = "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1/stages/prod";
            assertClean(await runStackPolicy(p, [acl(), association(stage)]));
        });
        it("is advisory when a tie is unresolved at preview", async () => {
            for (const stack of [
                [acl(), association(unknown())],
                [acl(), lb(), association(), wafLogging(unknown())],
                [lb(), association(LB_ARN, unknown())],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.ok(advisory(diags).length > 0, JSON.stringify(stack));
            }
        });
        itHonoursWaivers(p, { stack: [acl(), lb(), association()], name: "edge" });
    });
});
