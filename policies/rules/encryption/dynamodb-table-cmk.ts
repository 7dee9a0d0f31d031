// dynamodb-table-cmk: DynamoDB tables and their global-table replicas under a customer-managed key
// (SC-28, SC-12). The default is an AWS-owned key, and a replica without its own key gets the
// AWS-managed one: neither can be audited or revoked by the customer.

import {
    DYNAMODB_TABLE,
    DYNAMODB_TABLE_REPLICA,
    readTyped,
    requireTrue,
    resourcePolicy,
    STRING,
} from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const dynamodbTableCmk = resourcePolicy({
    name: "dynamodb-table-cmk",
    description:
        "DynamoDB tables and their global-table replicas must be encrypted with a customer-managed KMS key (the default is " +
        "an AWS-owned key, and a replica without its own key gets the AWS-managed one, which the customer cannot audit or " +
        "revoke) where config requires it.",
    summary: "DynamoDB tables and their replicas encrypted with a customer-managed KMS key",
    severity: "medium",
    controls: ["SC-28", "SC-12"],
    remediationSteps:
        "Set `serverSideEncryption: { enabled: true, kmsKeyArn: <key ARN> }` on the aws.dynamodb.Table, and `kmsKeyArn` (a key " +
        "in the replica's region) on each of its `replicas` and on each aws.dynamodb.TableReplica.",
    resourceTypes: [DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA],
    options: REQUIRE_CMK,
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "serverSideEncryption.enabled is true and a replica's kmsKeyArn is unknown at preview",
            why: "as for the table's key: a computed key id comes from a customer-managed key created in the program",
        },
    ],
    validate: (ctx) => {
        if (!ctx.config.requireCmk) {
            return;
        }
        if (ctx.type === DYNAMODB_TABLE_REPLICA) {
            // A replica without kmsKeyArn uses its region's AWS-managed alias/aws/dynamodb key.
            checkCmk(ctx, "kmsKeyArn", `DynamoDB table replica "${ctx.name}"`);
            return;
        }
        const what = `DynamoDB table "${ctx.name}"`;
        if (requireTrue(ctx, "serverSideEncryption.enabled", `${what} is encrypted with an AWS-owned key; set serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key> }.`)) {
            checkCmk(ctx, "serverSideEncryption.kmsKeyArn", what);
            // Global table replicas: without replicas[].kmsKeyArn DynamoDB encrypts the replica with the
            // replica region's AWS-managed alias/aws/dynamodb key, even when the table uses a CMK.
            const replicas = ctx.readArray("replicas");
            if (replicas.ok) {
                (replicas.value ?? []).forEach((replica, i) => {
                    // The region only names the replica in messages: a malformed one is left out, not judged.
                    const region = readTyped(replica, "regionName", STRING);
                    const where = region.kind === "ok" && region.value !== undefined ? ` (${region.value})` : "";
                    checkCmk(ctx, "kmsKeyArn", `${what} replicas[${i}]${where}`, replica, `replicas[${i}]`);
                });
            }
        }
    },
});
