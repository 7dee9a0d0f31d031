import * as assert from "node:assert/strict";

import { iamRoleOneWayToAttach, resourcePolicyNoNetworkOnlyPrincipal, resourcePolicyNoPublicPrincipal } from "../../policies/rules/identity";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    mandatory,
    policyDoc,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import { LAMBDA_PERMISSION, S3_BUCKET_POLICY, VPC } from "../../policies/lib";
import { IAM_ROLE, IAM_ROLE_POLICY_ATTACHMENT, VPC_ENDPOINT } from "../../policies/rules/identity/resource-types";

const OBJECTS = "arn:aws-us-gov:s3:::govstack-prod-data/*";
const READ = { Sid: "Read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: OBJECTS };

const vpc: TestResource = { type: VPC, name: "main", props: { id: "vpc-0aaa", cidrBlock: "10.0.0.0/16" } };
const endpoint: TestResource = { type: VPC_ENDPOINT, name: "s3", props: { id: "vpce-0bbb", serviceName: "com.amazonaws.us-gov-west-1.s3" } };
const bucketPolicy = (...statements: Record<string, unknown>[]): TestResource => ({ type: S3_BUCKET_POLICY, name: "data", props: { bucket: "govstack-prod-data", policy: policyDoc(...statements) } });

describe("identity: anonymous access only by exception, one way to attach", () => {
    describe("resource-policy-no-network-only-principal", () => {
        const p = resourcePolicyNoNetworkOnlyPrincipal;
        it('blocks Principal "*" narrowed only by a foreign VPC endpoint or an IP range', async () => {
            assertViolations(await runStackPolicy(p, [vpc, endpoint, bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0ther" } } })]), [
                'Bucket policy "data" statement "Read" allows Principal "*" narrowed only by network (StringEquals aws:SourceVpce "vpce-0ther"), which admits ' +
                    "unidentified callers from outside this stack's VPCs and VPC endpoints; also fix aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount " +
                    "or aws:SourceArn, or confine the network key to this stack's VPC endpoints (or allowedNetworkIds).",
            ]);
            const queue: TestResource = {
                type: "aws:sqs/queuePolicy:QueuePolicy",
                name: "jobs",
                props: { policy: policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } } }) },
            };
            assertViolations(await runStackPolicy(p, [queue]), [
                'SQS queue policy "jobs" statement #0 allows Principal "*" narrowed only by network (IpAddress aws:SourceIp "203.0.113.0/24"), which admits ' +
                    "unidentified callers from outside this stack's VPCs and VPC endpoints; also fix aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount " +
                    "or aws:SourceArn, or confine the network key to this stack's VPC endpoints (or allowedNetworkIds).",
            ]);
        });

        it("judges every document type of the area (Kinesis, inline secret and bucket policies included)", async () => {
            const cond = { Condition: { StringEquals: { "aws:SourceVpc": "vpc-0ther" } } };
            const types = ["aws:kinesis/resourcePolicy:ResourcePolicy", "aws:secretsmanager/secret:Secret", "aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:ecr/repositoryPolicy:RepositoryPolicy", "aws:sns/topic:Topic"];
            const diags = await runStackPolicy(
                p,
                types.map((type, i) => ({ type, name: `r${i}`, props: { policy: policyDoc({ Effect: "Allow", Principal: "*", Action: "x:Get", Resource: "*", ...cond }) } })),
            );
            assert.equal(diags.filter((d) => d.level === "mandatory").length, types.length);
        });

        it("passes this stack's VPC endpoint or VPC, an identity key beside a network key, Deny statements and named principals", async () => {
            assertClean(await runStackPolicy(p, [vpc, endpoint, bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0bbb" } } })]));
            assertClean(await runStackPolicy(p, [vpc, endpoint, bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpc": ["vpc-0aaa"] } } })]));
            // ANDed keys: confined to our endpoint, an extra IP range only narrows further.
            assertClean(await runStackPolicy(p, [endpoint, bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0bbb" }, IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } })]));
            assertClean(
                await runStackPolicy(p, [bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0ther", "aws:PrincipalAccount": "123456789012" } } })]),
            );
            assertClean(await runStackPolicy(p, [bucketPolicy({ ...READ, Effect: "Deny", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0ther" } } })]));
            assertClean(await runStackPolicy(p, [bucketPolicy({ ...READ, Principal: { AWS: "arn:aws-us-gov:iam::123456789012:role/reader" }, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })]));
            // Public without any narrowing: resource-policy-no-public-principal's finding, not this one's.
            assertClean(await runStackPolicy(p, [bucketPolicy(READ)]));
        });

        it("passes ids and IP ranges the pack config allows", async () => {
            const foreign = bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0ther" } } });
            assertClean(await runStackPolicy(p, [foreign], { allowedNetworkIds: ["vpce-0ther"] }));
            const office = bucketPolicy({ ...READ, Condition: { IpAddress: { "aws:SourceIp": ["198.51.100.16/28", "198.51.100.7"] } } });
            assertClean(await runStackPolicy(p, [office], { allowedSourceIpRanges: ["198.51.100.0/24"] }));
            assert.equal((await runStackPolicy(p, [office], { allowedSourceIpRanges: ["198.51.100.0/28"] })).length, 1);
        });

        it("ties an unknown endpoint id through the document's property dependency; otherwise advisory, never a silent pass", async () => {
            const vpceUnknown: TestResource = { ...endpoint, props: { id: unknown() } };
            const tied: TestResource = {
                ...bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": unknown() } } }),
                propertyDependencies: { policy: [urnOf(VPC_ENDPOINT, "s3")] },
            };
            // The document is an object here so its one unknown value stays inside it.
            const asObject = (r: TestResource, st: Record<string, unknown>): TestResource => ({ ...r, props: { ...r.props, policy: { Version: "2012-10-17", Statement: [st] } } });
            const st = { ...READ, Condition: { StringEquals: { "aws:SourceVpce": unknown() } } };
            assertClean(await runStackPolicy(p, [vpceUnknown, asObject(tied, st)]));
            const untied = await runStackPolicy(p, [vpceUnknown, asObject(bucketPolicy(READ), st)]);
            assertNoMandatory(untied);
            assert.deepEqual(
                advisory(untied).map((d) => d.message.split(" during preview")[0]),
                ['Cannot verify Bucket policy "data" statement "Read" Condition StringEquals aws:SourceVpce'],
            );
            // A literal id while the stack's own endpoint id is not known yet: could be ours.
            const literal = await runStackPolicy(p, [vpceUnknown, bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0ther" } } })]);
            assertAdvisoryOnly(literal);
            const whole = await runStackPolicy(p, [{ ...bucketPolicy(READ), props: { policy: unknown() } }]);
            assertNoMandatory(whole);
            assert.match(advisory(whole)[0].message, /^Cannot verify Bucket policy "data" policy during preview/);
        });

        it("an endpoint id that is not a string is not a pending id: a foreign endpoint stays blocked (found by npm run fuzz, seed 955801115)", async () => {
            const foreign = bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0ther" } } });
            for (const id of [{ valueOf: 0 }, 7, ["vpce-0ther"]]) {
                const diags = await runStackPolicy(p, [{ ...endpoint, props: { ...endpoint.props, id } }, foreign]);
                assert.equal(mandatory(diags).length, 1, JSON.stringify(diags.map((d) => d.message)));
            }
        });

        itHonoursWaivers(p, { stack: [bucketPolicy({ ...READ, Condition: { StringEquals: { "aws:SourceVpc": "vpc-0ther" } } })], name: "data" });
    });

    describe("resource-policy-no-public-principal (widened: Kinesis, secrets, Lambda permissions)", () => {
        const p = resourcePolicyNoPublicPrincipal;
        it('blocks a Lambda permission for principal "*" with no source, and public Kinesis and secret policies', async () => {
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "invoke", props: { action: "lambda:InvokeFunction", function: "fn", principal: "*" } }), [
                'Lambda permission "invoke" allows principal "*" without sourceArn, sourceAccount or principalOrgId; name the principal or set one of them.',
            ]);
            assertViolations(
                await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "invoke", props: { action: "lambda:InvokeFunction", function: "fn", principal: "*", sourceArn: "arn:aws-us-gov:sns:us-gov-west-1:*:alerts" } }),
                [
                    'Lambda permission "invoke" allows principal "*" but its source fields do not narrow who can invoke (ArnLike aws:SourceArn: "arn:aws-us-gov:sns:us-gov-west-1:*:alerts" leaves the account open); set sourceArn, sourceAccount or principalOrgId to specific values.',
                ],
            );
            const open = policyDoc({ Effect: "Allow", Principal: "*", Action: "kinesis:GetRecords", Resource: "*" });
            assertViolations(await runResourcePolicy(p, { type: "aws:kinesis/resourcePolicy:ResourcePolicy", name: "stream", props: { policy: open } }), [
                'Kinesis resource policy "stream" statement #0 allows Principal "*" without a Condition; name the principals or add a narrowing Condition.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:secretsmanager/secret:Secret", name: "db", props: { policy: open } }), [
                'Secret "db" statement #0 allows Principal "*" without a Condition; name the principals or add a narrowing Condition.',
            ]);
        });
        it("passes a Lambda permission narrowed by source, or naming a service principal", async () => {
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: "fn", principal: "*", sourceAccount: "123456789012" } }));
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: "fn", principal: "sns.amazonaws.com", sourceArn: "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts" } }));
        });
        it("is advisory when the principal or the source is unknown at preview", async () => {
            for (const props of [{ principal: unknown() }, { principal: "*", sourceArn: unknown() }]) {
                assertAdvisoryOnly(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "invoke", props: { action: "lambda:InvokeFunction", function: "fn", ...props } }));
            }
        });
    });

    describe("iam-role-one-way-to-attach", () => {
        const p = iamRoleOneWayToAttach;
        const trust = policyDoc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" });
        const role = (props: Record<string, unknown> = {}): TestResource => ({ type: IAM_ROLE, name: "task", props: { name: "govstack-prod-task", assumeRolePolicy: trust, ...props } });
        const attach: TestResource = { type: IAM_ROLE_POLICY_ATTACHMENT, name: "task-read", props: { role: "govstack-prod-task", policyArn: "arn:aws-us-gov:iam::123456789012:policy/read" } };

        it("blocks a role with an exclusive list that attachment resources also target (an empty managedPolicyArns list counts)", async () => {
            const both = role({ managedPolicyArns: ["arn:aws-us-gov:iam::123456789012:policy/base"] });
            const legacy: TestResource = { type: "aws:iam/policyAttachment:PolicyAttachment", name: "legacy", props: { roles: ["govstack-prod-task"], policyArn: "arn:aws-us-gov:iam::123456789012:policy/x" } };
            assertViolations(await runStackPolicy(p, [both, attach, legacy]), [
                'IAM role "task" sets managedPolicyArns and is also the target of RolePolicyAttachment "task-read", PolicyAttachment "legacy"; the provider removes on ' +
                    "every update what the role does not list, so attach its policies one way (only attachment resources, or only the role's list).",
            ]);
            const inline = role({ managedPolicyArns: [], inlinePolicies: [{ name: "x", policy: policyDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }] });
            const rp: TestResource = { type: "aws:iam/rolePolicy:RolePolicy", name: "extra", props: { role: unknown(), policy: "{}" }, propertyDependencies: { role: [urnOf(IAM_ROLE, "task")] } };
            assertViolations(await runStackPolicy(p, [inline, rp]), [
                'IAM role "task" sets managedPolicyArns and inlinePolicies and is also the target of RolePolicy "extra"; the provider removes on ' +
                    "every update what the role does not list, so attach its policies one way (only attachment resources, or only the role's list).",
            ]);
        });

        it("passes a role attached one way only", async () => {
            assertClean(await runStackPolicy(p, [role(), attach]));
            assertClean(await runStackPolicy(p, [role({ managedPolicyArns: ["arn:aws-us-gov:iam::123456789012:policy/base"] })]));
            // Another role's attachment does not count; an attachment to a role outside the stack neither.
            assertClean(await runStackPolicy(p, [role({ managedPolicyArns: [] }), { ...attach, props: { ...attach.props, role: "other-role" } }]));
        });

        it("is advisory when the exclusive list or the tie is unknown at preview", async () => {
            const unknownList = await runStackPolicy(p, [role({ managedPolicyArns: unknown() }), attach]);
            assertNoMandatory(unknownList);
            assert.match(advisory(unknownList)[0].message, /^Cannot verify IAM role "task" managedPolicyArns \(it is the target of RolePolicyAttachment "task-read"\) during preview/);
            const untied = await runStackPolicy(p, [role({ managedPolicyArns: [] }), { ...attach, props: { ...attach.props, role: unknown() } }]);
            assertNoMandatory(untied);
            assert.match(advisory(untied)[0].message, /^Cannot verify RolePolicyAttachment "task-read" role \(which role it attaches to/);
        });

        it("names a managedPolicyArns of the wrong type", async () => {
            assertViolations(await runStackPolicy(p, [role({ managedPolicyArns: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" }), attach]), [
                'Cannot evaluate IAM role "task": managedPolicyArns is "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess", expected an array; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });

        itHonoursWaivers(p, { stack: [role({ managedPolicyArns: [] }), attach], name: "task" });
    });
});
