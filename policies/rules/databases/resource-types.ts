// Type tokens only the databases policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const DOCDB_SUBNET_GROUP = "aws:docdb/subnetGroup:SubnetGroup";
export const ELASTICACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
export const NEPTUNE_SUBNET_GROUP = "aws:neptune/subnetGroup:SubnetGroup";
export const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
export const REDSHIFT_SUBNET_GROUP = "aws:redshift/subnetGroup:SubnetGroup";
export const REDSHIFT_SERVERLESS_WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
