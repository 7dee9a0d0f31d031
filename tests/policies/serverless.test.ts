import * as serverless from "../../policies/rules/serverless";
import {
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import {
    HTTP_STAGE,
    LAMBDA_FUNCTION,
    LAMBDA_FUNCTION_URL,
    LAMBDA_PERMISSION,
    REST_METHOD_SETTINGS,
    REST_STAGE,
    WAFV2_WEB_ACL_ASSOCIATION,
} from "../../policies/lib";
import { REST_API } from "../../policies/rules/serverless/resource-types";

const LOG_GROUP = "arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/apigateway/app";
const ACM = "arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";

describe("serverless", () => {
    describe("lambda-in-vpc", () => {
        const p = serverless.lambdaInVpc;
        it("blocks a function outside the VPC", async () => {
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_FUNCTION, name: "fn", props: { runtime: "nodejs20.x", role: unknown() } }), [
                'Lambda function "fn" does not run in the VPC (vpcConfig.subnetIds and vpcConfig.securityGroupIds are empty); set vpcConfig with private subnetIds and securityGroupIds.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_FUNCTION, name: "fn", props: { vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: [] } } }), [
                'Lambda function "fn" does not run in the VPC (vpcConfig.securityGroupIds is empty); set vpcConfig with private subnetIds and securityGroupIds.',
            ]);
        });
        it("passes a function with private subnets and a security group (computed ids included)", async () => {
            assertClean(await runResourcePolicy(p, { type: LAMBDA_FUNCTION, props: { runtime: "nodejs20.x", vpcConfig: { subnetIds: [unknown(), unknown()], securityGroupIds: [unknown()] } } }));
        });
        itIsAdvisoryOnly("is advisory when vpcConfig is unknown", p, { type: LAMBDA_FUNCTION, props: { vpcConfig: unknown() } });
        itHonoursWaivers(p, { type: LAMBDA_FUNCTION, name: "fn", props: {} });
    });

    describe("lambda-permission-restricted", () => {
        const p = serverless.lambdaPermissionRestricted;
        it("blocks principal * and a service principal without a source", async () => {
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "public", props: { action: "lambda:InvokeFunction", function: "fn", principal: "*" } }), [
                'Lambda permission "public" grants invocation to principal "*" (anyone); set principal to the service or account that invokes the function, with sourceArn.',
            ]);
            assertViolations(
                await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "url", props: { action: "lambda:InvokeFunctionUrl", function: "fn", principal: "*", functionUrlAuthType: "NONE", sourceArn: "x" } }),
                ['Lambda permission "url" grants invocation to principal "*" (anyone); set principal to the service or account that invokes the function, with sourceArn.'],
            );
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "s3", props: { action: "lambda:InvokeFunction", function: "fn", principal: "s3.amazonaws.com" } }), [
                'Lambda permission "s3" lets any s3.amazonaws.com resource of any account invoke the function; set sourceArn to the invoking resource (and sourceAccount to the account id).',
            ]);
        });
        it("passes a service principal with sourceArn or sourceAccount, and account principals", async () => {
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: unknown(), principal: "apigateway.amazonaws.com", sourceArn: unknown() } }));
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: "fn", principal: "events.amazonaws.com", sourceAccount: "111122223333" } }));
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: "fn", principal: "111122223333" } }));
            assertClean(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { action: "lambda:InvokeFunction", function: "fn", principal: "arn:aws-us-gov:iam::111122223333:role/caller" } }));
        });
        it("is advisory when the principal is unknown, and cannot evaluate a non-string principal", async () => {
            assertAdvisoryOnly(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, props: { principal: unknown() } }));
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_PERMISSION, name: "x", props: { principal: ["*"] } }), [
                'Cannot evaluate Lambda permission "x": principal is an array ["*"], expected a principal (an AWS service, account id or ARN); set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: LAMBDA_PERMISSION, name: "public", props: { principal: "*" } });
    });

    describe("lambda-function-url-auth", () => {
        const p = serverless.lambdaFunctionUrlAuth;
        it("blocks a function URL without authorization", async () => {
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_FUNCTION_URL, name: "hook", props: { functionName: "fn", authorizationType: "NONE" } }), [
                'Lambda function URL "hook" lets anyone on the internet invoke the function (authorizationType NONE); set authorizationType: "AWS_IAM".',
            ]);
        });
        it("passes AWS_IAM", async () => {
            assertClean(await runResourcePolicy(p, { type: LAMBDA_FUNCTION_URL, props: { functionName: unknown(), authorizationType: "AWS_IAM" } }));
        });
        it("is advisory when unknown, and cannot evaluate a value Lambda does not define", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: LAMBDA_FUNCTION_URL, props: { authorizationType: unknown() } }));
            assertViolations(await runResourcePolicy(p, { type: LAMBDA_FUNCTION_URL, name: "hook", props: { authorizationType: "iam" } }), [
                'Cannot evaluate Lambda function URL "hook": authorizationType is "iam", expected one of "NONE", "AWS_IAM"; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        itHonoursWaivers(p, { type: LAMBDA_FUNCTION_URL, name: "hook", props: { authorizationType: "NONE" } });
    });

    describe("apigateway-stage-access-logging", () => {
        const p = serverless.apigatewayStageAccessLogging;
        it("blocks REST and HTTP stages without access logs", async () => {
            assertViolations(await runResourcePolicy(p, { type: REST_STAGE, name: "prod", props: { stageName: "prod", restApi: unknown(), deployment: unknown() } }), [
                'API Gateway stage "prod" writes no access logs; set accessLogSettings with a destinationArn (a log group) and a format.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: HTTP_STAGE, name: "$default", props: { apiId: unknown(), autoDeploy: true, accessLogSettings: { destinationArn: "", format: "$context.requestId" } } }), [
                'API Gateway v2 stage "$default" writes no access logs (accessLogSettings.destinationArn is empty); set accessLogSettings with a destinationArn and a format.',
            ]);
        });
        it("passes stages with a destination and a format", async () => {
            const accessLogSettings = { destinationArn: LOG_GROUP, format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}' };
            assertClean(await runResourcePolicy(p, { type: REST_STAGE, props: { stageName: "prod", accessLogSettings } }));
            assertClean(await runResourcePolicy(p, { type: HTTP_STAGE, props: { apiId: unknown(), accessLogSettings: { destinationArn: unknown(), format: accessLogSettings.format } } }));
        });
        it("is advisory when the settings are unknown", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: REST_STAGE, props: { accessLogSettings: unknown() } }));
        });
        itHonoursWaivers(p, { type: REST_STAGE, name: "prod", props: {} });
    });

    const api: TestResource = { type: REST_API, name: "api", props: { name: "app-api", endpointConfiguration: { types: "REGIONAL" } } };
    const stage = (name = "prod", stageName = "prod", apiName = "api"): TestResource => ({
        type: REST_STAGE,
        name,
        props: { stageName, restApi: unknown(), deployment: unknown() },
        propertyDependencies: { restApi: [urnOf(REST_API, apiName)] },
    });

    describe("apigateway-rest-stage-execution-logging", () => {
        const p = serverless.apigatewayRestStageExecutionLogging;
        const settings = (level: unknown, methodPath = "*/*", stageName: unknown = "prod"): TestResource => ({
            type: REST_METHOD_SETTINGS,
            name: "all",
            props: { restApi: unknown(), stageName, methodPath, settings: { loggingLevel: level, metricsEnabled: true } },
            propertyDependencies: { restApi: [urnOf(REST_API, "api")] },
        });
        it("blocks a stage without */* method settings logging ERROR or INFO", async () => {
            const message = 'API Gateway stage "prod" does not log execution for all methods; add an aws.apigateway.MethodSettings for it with methodPath "*/*" and settings.loggingLevel "INFO" (or "ERROR").';
            assertViolations(await runStackPolicy(p, [api, stage()]), [message]);
            assertViolations(await runStackPolicy(p, [api, stage(), settings("OFF")]), [message]);
            assertViolations(await runStackPolicy(p, [api, stage(), settings("INFO", "users/GET")]), [message]);
            // Settings for another API's stage of the same name do not count.
            assertViolations(await runStackPolicy(p, [api, { ...api, name: "other" }, stage(), { ...settings("INFO"), propertyDependencies: { restApi: [urnOf(REST_API, "other")] } }]), [message]);
        });
        it("passes a stage whose */* settings log INFO or ERROR (tied by name and API, or by the stage's output)", async () => {
            assertClean(await runStackPolicy(p, [api, stage(), settings("INFO")]));
            assertClean(await runStackPolicy(p, [api, stage(), { ...settings("ERROR", "*/*", unknown()), propertyDependencies: { stageName: [urnOf(REST_STAGE, "prod")] } }]));
        });
        it("is advisory when settings cannot be tied, and cannot evaluate a level API Gateway does not define", async () => {
            assertAdvisoryOnly(await runStackPolicy(p, [api, stage(), { ...settings("INFO", "*/*", unknown()), propertyDependencies: {} }]));
            assertViolations(await runStackPolicy(p, [api, stage(), settings("info")]), [
                'Cannot evaluate API Gateway method settings "all": settings.loggingLevel is "info", expected one of "OFF", "ERROR", "INFO"; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                'API Gateway stage "prod" does not log execution for all methods; add an aws.apigateway.MethodSettings for it with methodPath "*/*" and settings.loggingLevel "INFO" (or "ERROR").',
            ]);
        });
        itHonoursWaivers(p, { stack: [api, stage()], name: "prod" });
    });

    describe("apigateway-rest-stage-waf", () => {
        const p = serverless.apigatewayRestStageWaf;
        const assoc = (resourceArn: unknown, deps: string[] = []): TestResource => ({
            type: WAFV2_WEB_ACL_ASSOCIATION,
            name: "api-waf",
            props: { resourceArn, webAclArn: unknown() },
            propertyDependencies: { resourceArn: deps },
        });
        it("blocks a REST stage without a web ACL", async () => {
            const message = `API Gateway stage "prod" has no WAFv2 web ACL; add an aws.wafv2.WebAclAssociation with resourceArn set to the stage's arn.`;
            assertViolations(await runStackPolicy(p, [api, stage()]), [message]);
            // A web ACL on the load balancer does not cover the API.
            assertViolations(await runStackPolicy(p, [api, stage(), assoc(unknown(), [urnOf("aws:lb/loadBalancer:LoadBalancer", "alb")]), { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: {} }]), [message]);
        });
        it("passes a stage associated by its ARN output or a literal stage ARN", async () => {
            assertClean(await runStackPolicy(p, [api, stage(), assoc(unknown(), [urnOf(REST_STAGE, "prod")])]));
            assertClean(
                await runStackPolicy(p, [
                    { type: REST_STAGE, name: "prod", props: { stageName: "prod", restApi: "a1b2c3d4e5" } },
                    assoc("arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/a1b2c3d4e5/stages/prod"),
                ]),
            );
        });
        itIsAdvisoryOnly("is advisory when an association is built from the API's id and cannot be tied to a stage", p, { stack: [api, stage(), assoc(unknown(), [urnOf(REST_API, "api")])] });
        itHonoursWaivers(p, { stack: [api, stage()], name: "prod" });
    });

    describe("apigateway-domain-tls12", () => {
        const p = serverless.apigatewayDomainTls12;
        it("blocks TLS 1.0 and an unset policy", async () => {
            assertViolations(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", name: "api", props: { domainName: "api.example.gov", regionalCertificateArn: ACM, securityPolicy: "TLS_1_0" } }), [
                'API Gateway domain name "api" accepts TLS 1.0 and 1.1 (securityPolicy "TLS_1_0"); set securityPolicy: "TLS_1_2".',
            ]);
            assertViolations(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", name: "api", props: { domainName: "api.example.gov", regionalCertificateArn: ACM } }), [
                'API Gateway domain name "api" sets no TLS security policy; set securityPolicy: "TLS_1_2".',
            ]);
            assertViolations(
                await runResourcePolicy(p, { type: "aws:apigatewayv2/domainName:DomainName", name: "http", props: { domainName: "x.example.gov", domainNameConfiguration: { certificateArn: ACM, endpointType: "REGIONAL", securityPolicy: "TLS_1_0" } } }),
                ['API Gateway v2 domain name "http" accepts TLS 1.0 and 1.1 (domainNameConfiguration.securityPolicy "TLS_1_0"); set domainNameConfiguration.securityPolicy: "TLS_1_2".'],
            );
        });
        it("passes TLS 1.2 and newer policies", async () => {
            assertClean(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", props: { domainName: "api.example.gov", regionalCertificateArn: ACM, securityPolicy: "TLS_1_2", endpointConfiguration: { types: "REGIONAL" } } }));
            assertClean(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", props: { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06" } }));
            assertClean(await runResourcePolicy(p, { type: "aws:apigatewayv2/domainName:DomainName", props: { domainNameConfiguration: { certificateArn: ACM, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" } } }));
        });
        it("is advisory when unknown, and cannot evaluate a policy API Gateway does not define", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", props: { securityPolicy: unknown() } }));
            assertViolations(await runResourcePolicy(p, { type: "aws:apigateway/domainName:DomainName", name: "api", props: { securityPolicy: "TLS_1_3" } }), [
                `Cannot evaluate API Gateway domain name "api": securityPolicy is "TLS_1_3", expected one of "TLS_1_0", "TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_3_FIPS_2025_09", "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_PQ_2025_09", "SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_2025_EDGE", "SecurityPolicy_TLS12_PFS_2025_EDGE", "SecurityPolicy_TLS12_2018_EDGE"; set a valid value (the policy cannot judge this one, so it blocks the resource).`,
            ]);
        });
        itHonoursWaivers(p, { type: "aws:apigateway/domainName:DomainName", name: "api", props: { securityPolicy: "TLS_1_0" } });
    });

    describe("apigateway-cache-encrypted", () => {
        const p = serverless.apigatewayCacheEncrypted;
        it("blocks an unencrypted method cache", async () => {
            assertViolations(await runResourcePolicy(p, { type: REST_METHOD_SETTINGS, name: "all", props: { methodPath: "*/*", settings: { cachingEnabled: true, cacheTtlInSeconds: 300 } } }), [
                'API Gateway method settings "all" cache responses unencrypted; set settings.cacheDataEncrypted: true.',
            ]);
        });
        it("passes an encrypted cache and settings without caching", async () => {
            assertClean(await runResourcePolicy(p, { type: REST_METHOD_SETTINGS, props: { methodPath: "*/*", settings: { cachingEnabled: true, cacheDataEncrypted: true } } }));
            assertClean(await runResourcePolicy(p, { type: REST_METHOD_SETTINGS, props: { methodPath: "*/*", settings: { loggingLevel: "INFO" } } }));
        });
        it("is advisory when caching or its encryption is unknown", async () => {
            assertNoMandatory(await runResourcePolicy(p, { type: REST_METHOD_SETTINGS, props: { settings: { cachingEnabled: true, cacheDataEncrypted: unknown() } } }));
            assertNoMandatory(await runResourcePolicy(p, { type: REST_METHOD_SETTINGS, props: { settings: unknown() } }));
        });
        itHonoursWaivers(p, { type: REST_METHOD_SETTINGS, name: "all", props: { settings: { cachingEnabled: true } } });
    });
});
