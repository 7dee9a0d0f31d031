// Type tokens that more than one rule area judges. Rules never import @pulumi/aws at run time
// (it would cost the pack ~1 s of start-up), so tokens are plain strings, declared once here
// when shared and in the rule's own file otherwise.

export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
// A repository creation template sets imageTagMutability / encryptionConfigurations for every
// repository ECR creates on its own (pull-through cache, replication, create-on-push): those
// repositories never pass through an aws.ecr.Repository, so the template is where they are judged.
export const ECR_REPOSITORY_CREATION_TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";

/** ElastiCache engines AWS defines (aws.elasticache.Cluster / ReplicationGroup `engine`). */
export const CACHE_ENGINES = ["memcached", "redis", "valkey"] as const;

/**
 * Workload types whose presence makes a stack one that needs the account's audit trail and
 * detection services (cloudtrail-trail-present and the detection area): a database, an ECS
 * service or a load balancer.
 */
export const WORKLOAD_TYPES = [
    RDS_INSTANCE,
    RDS_CLUSTER,
    "aws:ecs/service:Service",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer",
] as const;
