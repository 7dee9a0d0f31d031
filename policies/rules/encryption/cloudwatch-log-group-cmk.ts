// cloudwatch-log-group-cmk: audit records are protected information (AU-9), so log groups are
// encrypted under a customer-managed key (SC-28, SC-12) rather than the service's own key.

import { cmkPolicy } from "./cmk";
import { CLOUDWATCH_LOG_GROUP } from "../../lib";

export const cloudwatchLogGroupCmk = cmkPolicy({
    name: "cloudwatch-log-group-cmk",
    noun: "Log group",
    type: CLOUDWATCH_LOG_GROUP,
    path: "kmsKeyId",
    description:
        "CloudWatch log groups must be encrypted with a customer-managed KMS key (audit records are protected information) " +
        "where config requires it.",
    summary: "CloudWatch log groups encrypted with a customer-managed KMS key",
    remediationSteps: "Set `kmsKeyId` to the logs key, whose policy allows the regional logs service principal.",
    controls: ["SC-28", "AU-9", "SC-12"],
});
