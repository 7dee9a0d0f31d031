// opensearch-in-vpc: judges OpenSearch and Elasticsearch domains. A domain without `vpcOptions`
// gets a public endpoint guarded only by its access policy (SC-7, AC-4).

import { ELASTICSEARCH_DOMAIN, OPENSEARCH_DOMAIN, resourcePolicy, STRING } from "../../lib";

export const opensearchInVpc = resourcePolicy({
    name: "opensearch-in-vpc",
    description:
        "OpenSearch and Elasticsearch domains must be deployed inside a VPC: a domain without `vpcOptions` gets a public " +
        "endpoint guarded only by its access policy.",
    summary: "OpenSearch and Elasticsearch domains are deployed inside a VPC (vpcOptions with private subnets)",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps: "Set `vpcOptions` with private `subnetIds` and `securityGroupIds` on the domain (changing it replaces the domain).",
    resourceTypes: [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN],
    noVerdict: [
        {
            when: "vpcOptions.subnetIds (or one of its ids) is unknown at preview",
            why: "ids computed from subnets created in the same update still place the domain in a VPC; only an absent or empty list leaves the endpoint public",
        },
    ],
    validate: (ctx) => {
        // Unknown subnet ids (from a VPC created in the same update) still mean "in a VPC".
        const subnets = ctx.readArray("vpcOptions.subnetIds", { quiet: true });
        if (!subnets.ok) {
            return;
        }
        const ids = subnets.value ?? [];
        const malformedId = ids.some((id, i) => {
            const c = ctx.check(id, STRING, `vpcOptions.subnetIds[${i}]`, { quiet: true });
            return !c.ok && !c.unknown;
        });
        if (malformedId) {
            return; // reported as a mandatory "Cannot evaluate"
        }
        if (ids.length === 0) {
            ctx.violation(`OpenSearch domain "${ctx.name}" has no vpcOptions.subnetIds, so its endpoint is public; deploy it in private subnets.`);
        }
    },
});
