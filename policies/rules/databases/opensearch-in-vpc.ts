// opensearch-in-vpc: judges OpenSearch and Elasticsearch domains. A domain without `vpcOptions`
// gets a public endpoint guarded only by its access policy (SC-7, AC-4).

import { resourcePolicy } from "../../lib";

export const opensearchInVpc = resourcePolicy({
    name: "opensearch-in-vpc",
    description:
        "OpenSearch and Elasticsearch domains must be deployed inside a VPC: a domain without `vpcOptions` gets a public " +
        "endpoint guarded only by its access policy.",
    summary: "OpenSearch and Elasticsearch domains are deployed inside a VPC (vpcOptions with private subnets)",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    anchors: [
        "NIST.800.53.R5-OpenSearchInVPCOnly",
        "elasticsearch-in-vpc-only",
    ],
    remediationSteps: "Set `vpcOptions` with private `subnetIds` and `securityGroupIds` on the domain (changing it replaces the domain).",
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate: (ctx) => {
        const subnets = ctx.read("vpcOptions.subnetIds");
        if (!subnets.known) {
            // Unknown subnet ids (from a VPC created in the same update) still mean "in a VPC".
            return;
        }
        if (!Array.isArray(subnets.value) || subnets.value.length === 0) {
            ctx.violation(`OpenSearch domain "${ctx.name}" has no vpcOptions.subnetIds, so its endpoint is public; deploy it in private subnets.`);
        }
    },
});
