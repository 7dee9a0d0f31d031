// Public databases: database endpoints reachable from the internet (SC-7 boundary protection,
// AC-3/AC-4 access and flow enforcement, CM-7 least functionality).

import { GovPolicy, resourcePolicy } from "../lib";

// Instance types that carry `publiclyAccessible` (Aurora, DocumentDB and Neptune instances are
// the cluster members; the cluster itself has no such flag).
const DB_INSTANCE_TYPES = [
    "aws:rds/instance:Instance",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:docdb/clusterInstance:ClusterInstance",
    "aws:neptune/clusterInstance:ClusterInstance",
] as const;

export const rdsNotPubliclyAccessible = resourcePolicy({
    name: "rds-not-publicly-accessible",
    description:
        "RDS, Aurora, DocumentDB and Neptune DB instances must not be publicly accessible: a public endpoint puts the " +
        "database on the internet boundary, where only the load balancer belongs.",
    severity: "critical",
    controls: ["SC-7", "AC-3", "AC-4"],
    remediationSteps:
        "Set `publiclyAccessible: false` (the default) and place the instance in a DB subnet group of private subnets; " +
        "reach it from the service's security group only.",
    resourceTypes: DB_INSTANCE_TYPES,
    validate: (ctx) => {
        const pub = ctx.read("publiclyAccessible");
        if (!pub.known) {
            ctx.cannotVerify("publiclyAccessible");
        } else if (pub.value === true) {
            ctx.violation(`DB instance "${ctx.name}" has publiclyAccessible = true; set it to false.`);
        }
    },
});

export const databasePolicies: GovPolicy[] = [rdsNotPubliclyAccessible];
