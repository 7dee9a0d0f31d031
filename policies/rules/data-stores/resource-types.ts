// Type tokens only the data-stores policies judge (tokens another area or policies/lib also names,
// the RDS ones among them, live in policies/lib/resource-types.ts), and the RDS engines AWS defines.

export const ELASTICACHE_USER = "aws:elasticache/user:User";
export const REDSHIFT_LOGGING = "aws:redshift/logging:Logging";
export const SQS_REDRIVE_ALLOW_POLICY = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy";
export const SQS_REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy";

/**
 * The engines AWS defines: botocore's RDS model (boto/botocore
 * botocore/data/rds/2014-10-31/service-2.json at 0e6e2404b85d), CreateDBInstanceMessage.Engine and
 * CreateDBClusterMessage.Engine ("aurora", the Aurora MySQL 5.6 name, is still accepted by the
 * provider for clusters; "neptune" is a Neptune cluster made through the RDS API). An engine
 * outside them is malformed, never an exemption.
 */
export const RDS_INSTANCE_ENGINES = [
    "aurora-mysql",
    "aurora-postgresql",
    "custom-oracle-ee",
    "custom-oracle-ee-cdb",
    "custom-oracle-se2",
    "custom-oracle-se2-cdb",
    "custom-sqlserver-ee",
    "custom-sqlserver-se",
    "custom-sqlserver-web",
    "custom-sqlserver-dev",
    "db2-ae",
    "db2-ce",
    "db2-se",
    "mariadb",
    "mysql",
    "oracle-ee",
    "oracle-ee-cdb",
    "oracle-se2",
    "oracle-se2-cdb",
    "postgres",
    "sqlserver-dev-ee",
    "sqlserver-ee",
    "sqlserver-se",
    "sqlserver-ex",
    "sqlserver-web",
] as const;
export type RdsInstanceEngine = (typeof RDS_INSTANCE_ENGINES)[number];

export const RDS_CLUSTER_ENGINES = ["aurora", "aurora-mysql", "aurora-postgresql", "mysql", "postgres", "neptune"] as const;
export type RdsClusterEngine = (typeof RDS_CLUSTER_ENGINES)[number];
