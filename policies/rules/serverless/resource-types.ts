// Type tokens only the serverless policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const REST_API = "aws:apigateway/restApi:RestApi";
