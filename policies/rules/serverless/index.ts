// Serverless and API front doors: Lambda functions (in the VPC, invoked only by named principals,
// function URLs behind IAM) and API Gateway (access and execution logs, a WAF on REST stages, TLS
// 1.2+ custom domains) — the usual next additions to a web estate, held to the same boundary,
// logging and transport rules as the load balancer (SC-7, AC-3, AU-2, SC-8).
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { apigatewayCacheEncrypted } from "./apigateway-cache-encrypted";
import { apigatewayDomainTls12 } from "./apigateway-domain-tls12";
import { apigatewayRestStageExecutionLogging } from "./apigateway-rest-stage-execution-logging";
import { apigatewayRestStageWaf } from "./apigateway-rest-stage-waf";
import { apigatewayStageAccessLogging } from "./apigateway-stage-access-logging";
import { lambdaFunctionUrlAuth } from "./lambda-function-url-auth";
import { lambdaInVpc } from "./lambda-in-vpc";
import { lambdaPermissionRestricted } from "./lambda-permission-restricted";

export {
    apigatewayCacheEncrypted,
    apigatewayDomainTls12,
    apigatewayRestStageExecutionLogging,
    apigatewayRestStageWaf,
    apigatewayStageAccessLogging,
    lambdaFunctionUrlAuth,
    lambdaInVpc,
    lambdaPermissionRestricted,
};

export const serverlessPolicies: GovPolicy[] = [
    lambdaInVpc,
    lambdaPermissionRestricted,
    lambdaFunctionUrlAuth,
    apigatewayStageAccessLogging,
    apigatewayRestStageExecutionLogging,
    apigatewayRestStageWaf,
    apigatewayCacheEncrypted,
    apigatewayDomainTls12,
];
