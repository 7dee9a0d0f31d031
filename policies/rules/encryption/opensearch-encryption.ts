// The OpenSearch / Elasticsearch domain family: encryption at rest under a customer-managed key
// (SC-28/SC-28(1), SC-12) and in transit — node-to-node encryption plus HTTPS-only endpoints with a
// TLS 1.2+ security policy (SC-8/SC-8(1), SC-13). Both judge the same two domain types.

import { ELASTICSEARCH_DOMAIN, labelOf, OPENSEARCH_DOMAIN, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

const OPENSEARCH_TYPES = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN] as const;

export const opensearchEncryptionAtRest = resourcePolicy({
    name: "opensearch-encryption-at-rest",
    description:
        "OpenSearch and Elasticsearch domains must encrypt data at rest (indices, logs, swap, snapshots), with a " +
        "customer-managed KMS key where config requires it.",
    summary: "OpenSearch and Elasticsearch domains encrypted at rest with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps: "Set `encryptAtRest: { enabled: true, kmsKeyId: <key ARN> }` on the domain.",
    resourceTypes: OPENSEARCH_TYPES,
    options: REQUIRE_CMK,
    noVerdict: CMK_NO_VERDICT,
    validate: (ctx) => {
        const what = labelOf(ctx, "Search domain");
        if (requireTrue(ctx, "encryptAtRest.enabled", `${what} is not encrypted at rest; set encryptAtRest.enabled: true.`)) {
            checkCmk(ctx, "encryptAtRest.kmsKeyId", what);
        }
    },
});

/** FIPS-compatible TLS 1.2+ security policies for OpenSearch endpoints. */
export const DEFAULT_OPENSEARCH_TLS_POLICIES = ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07"];

export const opensearchEncryptionInTransit = resourcePolicy({
    name: "opensearch-encryption-in-transit",
    description:
        "OpenSearch and Elasticsearch domains must encrypt traffic between nodes and require HTTPS with an allowed TLS 1.2+ " +
        "security policy on their endpoint.",
    summary: "OpenSearch and Elasticsearch domains encrypt node-to-node traffic and require HTTPS with TLS 1.2+",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-13"],
    remediationSteps:
        "Set `nodeToNodeEncryption: { enabled: true }` and `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: " +
        "\"Policy-Min-TLS-1-2-PFS-2023-10\" }`.",
    resourceTypes: OPENSEARCH_TYPES,
    options: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_OPENSEARCH_TLS_POLICIES,
            description: "Endpoint TLS security policies allowed (TLS 1.2 or later).",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        const what = labelOf(ctx, "Search domain");
        requireTrue(ctx, "nodeToNodeEncryption.enabled", `${what} does not encrypt node-to-node traffic; set nodeToNodeEncryption.enabled: true.`);
        requireTrue(ctx, "domainEndpointOptions.enforceHttps", `${what} accepts plain HTTP; set domainEndpointOptions.enforceHttps: true.`);
        const tls = ctx.readString("domainEndpointOptions.tlsSecurityPolicy");
        if (tls.ok && (tls.value === undefined || !ctx.config.allowedTlsPolicies.includes(tls.value))) {
            ctx.violation(
                `${what} uses TLS policy ${JSON.stringify(tls.value ?? null)}; set domainEndpointOptions.tlsSecurityPolicy to one of ` +
                    `${ctx.config.allowedTlsPolicies.join(", ")}.`,
            );
        }
    },
});
