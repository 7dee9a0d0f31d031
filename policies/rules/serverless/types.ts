// Type tokens the serverless and API front-door policies judge (plain strings: the pack never
// imports @pulumi/aws at run time).

export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const LAMBDA_FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
export const REST_STAGE = "aws:apigateway/stage:Stage";
export const REST_METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
export const REST_API = "aws:apigateway/restApi:RestApi";
export const HTTP_STAGE = "aws:apigatewayv2/stage:Stage";
export const REST_DOMAIN_NAME = "aws:apigateway/domainName:DomainName";
export const HTTP_DOMAIN_NAME = "aws:apigatewayv2/domainName:DomainName";
export const WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
