// elasticache-serverless-cmk: serverless caches are always encrypted, at rest and in transit; what
// remains is the key, which must be customer-managed (SC-28, SC-12).

import { cmkPolicy } from "./cmk";
import { ELASTICACHE_SERVERLESS_CACHE } from "../../lib";

export const elasticacheServerlessCmk = cmkPolicy({
    name: "elasticache-serverless-cmk",
    noun: "ElastiCache serverless cache",
    type: ELASTICACHE_SERVERLESS_CACHE,
    path: "kmsKeyId",
    description:
        "ElastiCache serverless caches (always encrypted, at rest and in transit) must use a customer-managed KMS key " +
        "where config requires it.",
    summary: "ElastiCache serverless caches encrypted with a customer-managed KMS key",
    remediationSteps: "Set `kmsKeyId` on the aws.elasticache.ServerlessCache to the data key's ARN.",
    controls: ["SC-28", "SC-12"],
});
