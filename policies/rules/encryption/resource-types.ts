// Type tokens only the encryption policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const EBS_VOLUME = "aws:ebs/volume:Volume";
export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const KINESIS_STREAM = "aws:kinesis/stream:Stream";
export const RDS_CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
export const RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
