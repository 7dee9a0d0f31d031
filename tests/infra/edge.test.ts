import * as assert from "node:assert/strict";

import { Edge, LISTENER_IGNORE_CHANGES_UNDER_CODEDEPLOY } from "../../infra/components/edge";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { PlannedResource } from "../../tools/plan/types";
import { evaluateComponents, recordComponents, TEST_SCOPE as SCOPE, testKeyArn, unknownOutput } from "./harness";

const CERT = "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/3f2c1a9e-8b47-4d6a-9e21-5c0d7b8a4f13";
const LOGS_KEY = testKeyArn("logs");
const BLUE = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:targetgroup/govstack-cd-blue/0123456789abcdef";
type Inputs = Record<string, unknown>;

describe("Edge component", () => {
    let mocks: PreviewMocks;
    let recorded: PlannedResource[];
    /** Resources of the internet-facing edge under test (the internal one is `govstack-int-*`). */
    const ofProd = (type: string) => mocks.ofType(type).filter((r) => r.name.startsWith("govstack-prod-"));
    const one = (type: string): DeclaredResource => {
        const found = ofProd(type);
        assert.equal(found.length, 1, `exactly one ${type}`);
        return found[0];
    };
    const listener = (port: number): Inputs => {
        const found = ofProd("aws:lb/listener:Listener").find((l) => l.inputs.port === port);
        assert.ok(found, `listener on :${port}`);
        return found.inputs;
    };

    before(async () => {
        ({ mocks, recorded } = await recordComponents("prod", () => {
            new Edge("govstack-prod", {
                scope: SCOPE,
                tags: { Project: "govstack", Environment: "prod" },
                // Outputs of the network component: unknown at preview.
                subnetIds: unknownOutput<string[]>(),
                securityGroupIds: [unknownOutput<string>()],
                certificateArn: CERT,
                testListenerPort: 8443,
                accessLogsBucket: "govstack-prod-alb-logs-111122223333-us-gov-west-1",
                deletionProtection: true,
                wafRateLimit: 1500,
                logsKmsKeyArn: LOGS_KEY,
                logRetentionDays: 365,
            });
            new Edge("govstack-int", {
                scope: SCOPE,
                tags: {},
                subnetIds: ["subnet-private-a", "subnet-private-b"],
                securityGroupIds: ["sg-alb"],
                internal: true,
                certificateArn: CERT,
                accessLogsBucket: "logs",
                deletionProtection: false,
                logsKmsKeyArn: LOGS_KEY,
                logRetentionDays: 30,
            });
            // Under the CodeDeploy controller the listeners forward to blue by default.
            new Edge("govstack-cd", {
                scope: SCOPE,
                tags: {},
                subnetIds: ["subnet-public-a", "subnet-public-b"],
                securityGroupIds: ["sg-alb"],
                certificateArn: CERT,
                defaultTargetGroupArn: BLUE,
                accessLogsBucket: "logs",
                deletionProtection: false,
                logsKmsKeyArn: LOGS_KEY,
                logRetentionDays: 30,
            });
        }));
    });

    it("makes the load balancer internal, in the given subnets, when asked", () => {
        const internal = mocks.ofType("aws:lb/loadBalancer:LoadBalancer").find((r) => r.name === "govstack-int-alb");
        assert.equal(internal?.inputs.internal, true);
        assert.deepEqual(internal?.inputs.subnets, ["subnet-private-a", "subnet-private-b"]);
        assert.equal(internal?.inputs.enableDeletionProtection, false);
    });

    it("declares an internet-facing application load balancer with explicit name", () => {
        const alb = one("aws:lb/loadBalancer:LoadBalancer").inputs;
        assert.equal(alb.name, "govstack-prod-alb");
        assert.equal(alb.loadBalancerType, "application");
        assert.equal(alb.internal, false);
    });

    it("drops invalid header fields, mitigates desync strictly, and keeps HTTP/2 on", () => {
        const alb = one("aws:lb/loadBalancer:LoadBalancer").inputs;
        assert.equal(alb.dropInvalidHeaderFields, true);
        assert.equal(alb.desyncMitigationMode, "strictest");
        assert.equal(alb.enableHttp2, true);
        assert.equal(alb.enableWafFailOpen, false);
    });

    it("protects the prod load balancer from deletion and logs every request", () => {
        const alb = one("aws:lb/loadBalancer:LoadBalancer").inputs;
        assert.equal(alb.enableDeletionProtection, true);
        assert.deepEqual(alb.accessLogs, {
            bucket: "govstack-prod-alb-logs-111122223333-us-gov-west-1",
            prefix: "govstack-prod",
            enabled: true,
        });
    });

    it("has exactly three listeners: :80, :443 and the :8443 test listener", () => {
        const ports = ofProd("aws:lb/listener:Listener").map((l) => l.inputs.port);
        assert.deepEqual([...ports].sort(), [443, 80, 8443].sort());
    });

    it("only redirects HTTP :80 to HTTPS with a 301, never forwards", () => {
        const http = listener(80);
        assert.equal(http.protocol, "HTTP");
        assert.deepEqual(http.defaultActions, [
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
        assert.equal(http.certificateArn, undefined);
    });

    it("terminates TLS on :443 with the FIPS TLS 1.2/1.3 policy and the certificate", () => {
        const https = listener(443);
        assert.equal(https.protocol, "HTTPS");
        assert.equal(https.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04");
        assert.equal(https.certificateArn, CERT);
        const [action] = https.defaultActions as Inputs[];
        assert.equal(action.type, "fixed-response");
        assert.equal((action.fixedResponse as Inputs).statusCode, "404");
    });

    it("answers requests no listener rule matches with a fixed 404, which ECS native blue/green leaves alone", () => {
        for (const port of [443, 8443]) {
            assert.deepEqual(listener(port).defaultActions, [
                { type: "fixed-response", fixedResponse: { contentType: "application/json", statusCode: "404", messageBody: '{"error":"not found"}' } },
            ]);
            const name = port === 443 ? "govstack-prod-https" : "govstack-prod-https-test";
            assert.deepEqual(recorded.find((r) => r.name === name)?.ignoreChanges, [], `${name}: Pulumi owns its default action`);
        }
    });

    it("under the CodeDeploy controller, both HTTPS listeners forward to blue by default and leave that action to CodeDeploy", () => {
        const listeners = mocks.ofType("aws:lb/listener:Listener").filter((l) => l.name.startsWith("govstack-cd-https"));
        assert.deepEqual(listeners.map((l) => l.inputs.port).sort(), [443, 8443]);
        for (const l of listeners) {
            assert.deepEqual(l.inputs.defaultActions, [{ type: "forward", targetGroupArn: BLUE }]);
            assert.deepEqual(recorded.find((r) => r.name === l.name)?.ignoreChanges, ["defaultActions"]);
        }
        assert.deepEqual(LISTENER_IGNORE_CHANGES_UNDER_CODEDEPLOY, ["defaultActions"]);
        // Port 80 never forwards, whoever deploys.
        const http = mocks.ofType("aws:lb/listener:Listener").find((l) => l.name === "govstack-cd-http")?.inputs;
        assert.equal((http?.defaultActions as Inputs[])[0].type, "redirect");
    });

    it("gives the test listener the same TLS policy and certificate", () => {
        const test = listener(8443);
        assert.equal(test.protocol, "HTTPS");
        assert.equal(test.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04");
        assert.equal(test.certificateArn, CERT);
    });

    it("runs a regional web ACL with the four AWS managed rule groups and a rate limit", () => {
        const acl = one("aws:wafv2/webAcl:WebAcl").inputs;
        assert.equal(acl.scope, "REGIONAL");
        assert.deepEqual(acl.defaultAction, { allow: {} });
        const rules = acl.rules as Array<Inputs & { statement: Inputs }>;
        const groups = rules
            .map((r) => (r.statement.managedRuleGroupStatement as Inputs | undefined)?.name)
            .filter((g) => g !== undefined);
        assert.deepEqual(groups, [
            "AWSManagedRulesAmazonIpReputationList",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesSQLiRuleSet",
        ]);
        for (const r of rules.filter((r) => r.statement.managedRuleGroupStatement)) {
            assert.deepEqual(r.overrideAction, { none: {} }, `${String(r.name)} keeps its block actions`);
            assert.equal((r.statement.managedRuleGroupStatement as Inputs).vendorName, "AWS");
        }
        const rate = rules.find((r) => r.statement.rateBasedStatement);
        assert.deepEqual(rate?.action, { block: {} });
        assert.deepEqual(rate?.statement.rateBasedStatement, { limit: 1500, aggregateKeyType: "IP", evaluationWindowSec: 300 });
        assert.equal(new Set(rules.map((r) => r.priority)).size, rules.length, "priorities are unique");
    });

    it("associates the web ACL with the load balancer", () => {
        const assoc = one("aws:wafv2/webAclAssociation:WebAclAssociation").inputs;
        assert.ok("resourceArn" in assoc && "webAclArn" in assoc);
    });

    it("logs WAF decisions to a KMS-encrypted aws-waf-logs- log group, redacting credentials", () => {
        const group = one("aws:cloudwatch/logGroup:LogGroup").inputs;
        assert.equal(group.name, "aws-waf-logs-govstack-prod");
        assert.equal(group.kmsKeyId, LOGS_KEY);
        assert.equal(group.retentionInDays, 365);
        const logging = one("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").inputs;
        assert.deepEqual(logging.logDestinationConfigs, [
            "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-govstack-prod",
        ]);
        assert.deepEqual(logging.redactedFields, [
            { singleHeader: { name: "authorization" } },
            { singleHeader: { name: "cookie" } },
        ]);
    });

    it("lets only log delivery for this account write to the WAF log group", () => {
        const policy = one("aws:cloudwatch/logResourcePolicy:LogResourcePolicy").inputs;
        const [statement] = (JSON.parse(policy.policyDocument as string) as { Statement: Inputs[] }).Statement;
        assert.deepEqual(statement.Principal, { Service: "delivery.logs.amazonaws.com" });
        assert.equal(
            statement.Resource,
            "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-govstack-prod:log-stream:*",
        );
        assert.deepEqual((statement.Condition as Inputs).StringEquals, { "aws:SourceAccount": "111122223333" });
    });

    it("never writes a commercial-partition ARN", () => {
        const text = JSON.stringify(mocks.resources.map((r) => r.inputs));
        assert.doesNotMatch(text, /arn:aws:/);
    });
});

describe("Edge component: argument checks", () => {
    it("refuses a TLS policy that is not FIPS", async () => {
        await assert.rejects(
            evaluateComponents("staging", () => {
                new Edge("govstack-stg", {
                    scope: SCOPE,
                    tags: {},
                    subnetIds: ["subnet-1", "subnet-2"],
                    securityGroupIds: ["sg-1"],
                    certificateArn: CERT,
                    sslPolicy: "ELBSecurityPolicy-2016-08",
                    accessLogsBucket: "logs",
                    deletionProtection: false,
                    logsKmsKeyArn: LOGS_KEY,
                    logRetentionDays: 30,
                });
            }),
            /Invalid TLS policy "ELBSecurityPolicy-2016-08" for govstack-stg: GovCloud listeners use a FIPS TLS 1.2\/1.3 policy/,
        );
    });
});
