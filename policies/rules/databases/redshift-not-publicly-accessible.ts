// redshift-not-publicly-accessible: judges Redshift clusters and Redshift Serverless workgroups'
// `publiclyAccessible`. A public endpoint exposes the warehouse to the internet instead of the
// VPC (SC-7, AC-3, AC-4).

import { REDSHIFT_CLUSTER, resourcePolicy } from "../../lib";
import { REDSHIFT_SERVERLESS_WORKGROUP } from "./resource-types";

export const redshiftNotPubliclyAccessible = resourcePolicy({
    name: "redshift-not-publicly-accessible",
    description:
        "Redshift clusters and Redshift Serverless workgroups must not be publicly accessible: a public endpoint exposes " +
        "the warehouse to the internet instead of the VPC.",
    summary: "Redshift clusters and Redshift Serverless workgroups are not publicly accessible",
    severity: "critical",
    controls: ["SC-7", "AC-3", "AC-4"],
    remediationSteps:
        "Set `publiclyAccessible: false` on the aws.redshift.Cluster (with a subnet group of private subnets) or the " +
        "aws.redshiftserverless.Workgroup (with private `subnetIds`).",
    resourceTypes: [REDSHIFT_CLUSTER, REDSHIFT_SERVERLESS_WORKGROUP],
    noVerdict: [],
    validate: (ctx) => {
        const what = ctx.type === REDSHIFT_SERVERLESS_WORKGROUP ? "Redshift Serverless workgroup" : "Redshift cluster";
        const pub = ctx.readBoolean("publiclyAccessible");
        if (pub.ok && pub.value === true) {
            ctx.violation(`${what} "${ctx.name}" has publiclyAccessible = true; set it to false.`);
        }
    },
});
