import * as assert from "assert";

import { accountRootArn, arn, bucketArn, ecrRegistry, kmsAliasArn, logGroupArn, managedPolicyArn, partitionOf, roleArn } from "../../infra/lib/arn";
import { assumeRolePolicy } from "../../infra/lib/iam";
import { bucketName, physicalName } from "../../infra/lib/naming";
import { elbLogDeliveryAccount, endpointServiceName, logsPrincipal, viaService } from "../../infra/lib/principals";
import { resourceTags } from "../../infra/lib/tags";

const GOV = { partition: "aws-us-gov", region: "us-gov-east-1", accountId: "012345678901" };

describe("infra/lib", () => {
    it("derives the partition from the region", () => {
        assert.strictEqual(partitionOf("us-gov-west-1"), "aws-us-gov");
        assert.strictEqual(partitionOf("us-gov-east-1"), "aws-us-gov");
        assert.strictEqual(partitionOf("cn-north-1"), "aws-cn");
        assert.strictEqual(partitionOf("eu-west-1"), "aws");
    });

    it("builds regional, global and AWS-owned ARNs in the scope's partition", () => {
        assert.strictEqual(arn(GOV, "sns", "alerts"), "arn:aws-us-gov:sns:us-gov-east-1:012345678901:alerts");
        assert.strictEqual(roleArn(GOV, "r"), "arn:aws-us-gov:iam::012345678901:role/r");
        assert.strictEqual(accountRootArn(GOV), "arn:aws-us-gov:iam::012345678901:root");
        assert.strictEqual(managedPolicyArn(GOV, "service-role/X"), "arn:aws-us-gov:iam::aws:policy/service-role/X");
        assert.strictEqual(bucketArn(GOV, "b"), "arn:aws-us-gov:s3:::b");
        assert.strictEqual(logGroupArn(GOV, "/a/b"), "arn:aws-us-gov:logs:us-gov-east-1:012345678901:log-group:/a/b");
        assert.strictEqual(kmsAliasArn(GOV, "x"), kmsAliasArn(GOV, "alias/x"));
        assert.strictEqual(ecrRegistry(GOV), "012345678901.dkr.ecr.us-gov-east-1.amazonaws.com");
    });

    it("names GovCloud principals, endpoints and the ELB log-delivery accounts", () => {
        assert.strictEqual(logsPrincipal("us-gov-west-1"), "logs.us-gov-west-1.amazonaws.com");
        assert.strictEqual(viaService("rds", "us-gov-west-1"), "rds.us-gov-west-1.amazonaws.com");
        assert.strictEqual(endpointServiceName("ecr.dkr", "us-gov-east-1"), "com.amazonaws.us-gov-east-1.ecr.dkr");
        assert.strictEqual(elbLogDeliveryAccount("us-gov-west-1"), "048591011584");
        assert.strictEqual(elbLogDeliveryAccount("us-gov-east-1"), "190560391635");
        assert.throws(() => elbLogDeliveryAccount("us-east-1"), /No Elastic Load Balancing log delivery account is known for region us-east-1/);
    });

    it("builds physical names and refuses ones AWS would reject as too long", () => {
        assert.strictEqual(physicalName("gs-prod", ["Redis", ""]), "gs-prod-redis");
        assert.strictEqual(bucketName("govstack-prod", "backups", "318920475611", "us-gov-west-1"), "govstack-prod-backups-318920475611-us-gov-west-1");
        assert.throws(
            () => physicalName("a-very-long-prefix", ["application-load-balancer"], 32),
            /^Error: Resource name "a-very-long-prefix-application-load-balancer" is 44 characters; AWS allows at most 32$/,
        );
        // The longest prefix settings allow still fits every bucket name.
        assert.ok(bucketName("p".repeat(16), "access-logs", "318920475611", "us-gov-west-1").length <= 63);
    });

    it("writes trust policies without Resource (IAM rejects it there), confined to the account", () => {
        const doc = JSON.parse(assumeRolePolicy("ecs-tasks.amazonaws.com", "012345678901")) as { Statement: Array<Record<string, unknown>> };
        assert.strictEqual(doc.Statement[0].Resource, undefined);
        assert.deepStrictEqual(doc.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "012345678901" } });
    });

    it("adds Component and Name to the required tags", () => {
        assert.deepStrictEqual(resourceTags({ Project: "p" }, "data", "n"), { Project: "p", Component: "data", Name: "n" });
        assert.deepStrictEqual(resourceTags({ Project: "p" }, "data"), { Project: "p", Component: "data" });
    });
});
