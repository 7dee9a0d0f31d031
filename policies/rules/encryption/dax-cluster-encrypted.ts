// dax-cluster-encrypted: DynamoDB Accelerator caches table data on its nodes; that cache is data at
// rest (SC-28, SC-28(1)). DAX encrypts it only when asked, and only at creation.

import { DAX_CLUSTER, requireTrue, resourcePolicy } from "../../lib";

export const daxClusterEncrypted = resourcePolicy({
    name: "dax-cluster-encrypted",
    description:
        "DAX clusters must encrypt at rest (serverSideEncryption.enabled): the nodes cache DynamoDB items, logs and configuration on " +
        "disk, unencrypted unless this is on, and it can only be set when the cluster is created (SC-28, SC-28(1)). DAX uses an " +
        "AWS-owned key; there is no customer-managed key option.",
    summary: "DAX clusters encrypt their cache at rest",
    severity: "high",
    controls: ["SC-28", "SC-28(1)"],
    remediationSteps: "Set `serverSideEncryption: { enabled: true }` on the aws.dax.Cluster (it forces a new cluster).",
    resourceTypes: [DAX_CLUSTER],
    noVerdict: [],
    validate: (ctx) => {
        requireTrue(ctx, "serverSideEncryption.enabled", `${ctx.label} is not encrypted at rest; set serverSideEncryption.enabled: true.`);
    },
});
