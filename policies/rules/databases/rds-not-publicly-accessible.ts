// rds-not-publicly-accessible: judges DB instances' `publiclyAccessible`. A public endpoint puts
// the database on the internet boundary, where only the load balancer belongs (SC-7, AC-3, AC-4).

import { DOCDB_CLUSTER_INSTANCE, NEPTUNE_CLUSTER_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_INSTANCE, resourcePolicy } from "../../lib";

// Instance types that carry `publiclyAccessible` (Aurora, DocumentDB and Neptune instances are
// the cluster members; aws.rds.Cluster, aws.docdb.Cluster and aws.neptune.Cluster have no such
// input in @pulumi/aws 7, so an Aurora Serverless v2 cluster is public only through a member).
const DB_INSTANCE_TYPES = [
    RDS_INSTANCE,
    RDS_CLUSTER_INSTANCE,
    DOCDB_CLUSTER_INSTANCE,
    NEPTUNE_CLUSTER_INSTANCE,
] as const;

export const rdsNotPubliclyAccessible = resourcePolicy({
    name: "rds-not-publicly-accessible",
    description:
        "RDS, Aurora, DocumentDB and Neptune DB instances must not be publicly accessible: a public endpoint puts the " +
        "database on the internet boundary, where only the load balancer belongs.",
    summary: "RDS, Aurora, DocumentDB and Neptune DB instances are not publicly accessible",
    severity: "critical",
    controls: ["SC-7", "AC-3", "AC-4"],
    remediationSteps:
        "Set `publiclyAccessible: false` (the default) and place the instance in a DB subnet group of private subnets; " +
        "reach it from the service's security group only.",
    resourceTypes: DB_INSTANCE_TYPES,
    noVerdict: [],
    validate: (ctx) => {
        const pub = ctx.readBoolean("publiclyAccessible");
        if (pub.ok && pub.value === true) {
            ctx.violation(`DB instance "${ctx.name}" has publiclyAccessible = true; set it to false.`);
        }
    },
});
