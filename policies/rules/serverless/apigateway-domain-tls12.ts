// apigateway-domain-tls12: API Gateway custom domain names negotiate TLS 1.2 or later. TLS 1.0 and
// 1.1 are deprecated (NIST SP 800-52r2) and outside FIPS-approved configurations (SC-8, SC-8(1),
// SC-13; KICS "API Gateway Without Security Policy", Pulumi
// aws-apigateway-domainname-configure-security-policy).

import { HTTP_DOMAIN_NAME, resourcePolicy, REST_DOMAIN_NAME } from "../../lib";

// botocore apigateway SecurityPolicy: every value but TLS_1_0 negotiates TLS 1.2 or later (the
// SecurityPolicy_* policies are not offered in AWS GovCloud, but they are TLS 1.2+).
const REST_POLICIES = [
    "TLS_1_0",
    "TLS_1_2",
    "SecurityPolicy_TLS13_1_3_2025_09",
    "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
    "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_2021_06",
    "SecurityPolicy_TLS13_2025_EDGE",
    "SecurityPolicy_TLS12_PFS_2025_EDGE",
    "SecurityPolicy_TLS12_2018_EDGE",
] as const;
// botocore apigatewayv2 SecurityPolicy.
const HTTP_POLICIES = ["TLS_1_0", "TLS_1_2"] as const;

export const apigatewayDomainTls12 = resourcePolicy({
    name: "apigateway-domain-tls12",
    description:
        "API Gateway custom domain names must set a TLS 1.2+ security policy: REST `securityPolicy` \"TLS_1_2\" (or a newer " +
        "SecurityPolicy_* policy where offered), HTTP/WebSocket `domainNameConfiguration.securityPolicy` \"TLS_1_2\"; TLS 1.0 and " +
        "1.1 are deprecated by NIST SP 800-52r2 (SC-8, SC-8(1), SC-13).",
    summary: "API Gateway custom domain names use a TLS 1.2+ security policy",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-13"],
    remediationSteps:
        "Set `securityPolicy: \"TLS_1_2\"` on aws.apigateway.DomainName, and `domainNameConfiguration: { securityPolicy: " +
        "\"TLS_1_2\", endpointType: \"REGIONAL\", certificateArn }` on aws.apigatewayv2.DomainName.",
    resourceTypes: [REST_DOMAIN_NAME, HTTP_DOMAIN_NAME],
    noVerdict: [],
    validate: (ctx) => {
        const rest = ctx.type === REST_DOMAIN_NAME;
        const path = rest ? "securityPolicy" : "domainNameConfiguration.securityPolicy";
        const policy = rest ? ctx.readEnum(path, REST_POLICIES) : ctx.readEnum(path, HTTP_POLICIES);
        if (!policy.ok) {
            return;
        }
        if (policy.value === undefined) {
            return ctx.violation(`${ctx.label} sets no TLS security policy; set ${path}: "TLS_1_2".`);
        }
        if (policy.value === "TLS_1_0") {
            ctx.violation(`${ctx.label} accepts TLS 1.0 and 1.1 (${path} "TLS_1_0"); set ${path}: "TLS_1_2".`);
        }
    },
});
