import * as assert from "assert";

import { KEY_PURPOSES } from "../../infra/components/keys";
import { Evaluation } from "../../tools/lib/evaluate";
import { beforeBothStacks, named, statement } from "./harness";
import { KMS_KEY } from "../../policies/lib/resource-types";

const ALIAS = "aws:kms/alias:Alias";

describe("infra/components/keys", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));

    it("declares one customer-managed key per purpose, and other keys only in the baseline's audit and backup components", () => {
        const names = prod.mocks.ofType(KMS_KEY).map((k) => k.name);
        assert.deepStrictEqual(
            names.filter((n) => n.startsWith("keys-")).sort(),
            KEY_PURPOSES.map((p) => `keys-${p}`).sort(),
        );
        assert.deepStrictEqual(
            names.filter((n) => !n.startsWith("keys-")).sort(),
            ["govstack-prod-audit-key", "govstack-prod-backups-dr-key", "govstack-prod-backups-key"],
        );
    });

    it("rotates every key yearly and waits 30 days before deletion (SC-12)", () => {
        for (const key of prod.mocks.ofType(KMS_KEY)) {
            assert.strictEqual(key.inputs.enableKeyRotation, true, key.name);
            assert.strictEqual(key.inputs.rotationPeriodInDays, 365, key.name);
            assert.strictEqual(key.inputs.deletionWindowInDays, 30, key.name);
            assert.strictEqual(key.inputs.keyUsage, "ENCRYPT_DECRYPT", key.name);
            assert.strictEqual(key.inputs.multiRegion, false, key.name);
        }
    });

    it("gives every key an alias alias/<prefix>-<purpose>", () => {
        for (const purpose of KEY_PURPOSES) {
            assert.strictEqual(named(staging, ALIAS, `keys-${purpose}`).inputs.name, `alias/govstack-stg-${purpose}`);
            assert.strictEqual(named(prod, ALIAS, `keys-${purpose}`).inputs.name, `alias/govstack-prod-${purpose}`);
        }
    });

    it("key policies are known JSON at preview and let the account root administer, not use, the key", () => {
        for (const key of prod.mocks.ofType(KMS_KEY)) {
            const admin = statement(key.inputs.policy, "AccountAdministersKey");
            assert.deepStrictEqual(admin.Principal, { AWS: "arn:aws-us-gov:iam::318920475611:root" });
            assert.ok(Array.isArray(admin.Action) && admin.Action.includes("kms:Put*"), "root keeps PutKeyPolicy");
            assert.ok(!(admin.Action as string[]).some((a) => a === "kms:*" || a === "kms:Decrypt"), key.name);
        }
    });

    it("allows cryptographic use only through the purpose's services in this account", () => {
        const expected: Record<string, string[]> = {
            data: ["rds", "elasticache", "secretsmanager"],
            logs: ["logs"],
            storage: ["s3"],
            containers: ["ecr"],
            messaging: ["sns"],
        };
        for (const purpose of KEY_PURPOSES) {
            const use = statement(named(prod, KMS_KEY, `keys-${purpose}`).inputs.policy, "AccountUsesKeyThroughServices");
            assert.deepStrictEqual(use.Condition, {
                StringEquals: {
                    "kms:CallerAccount": "318920475611",
                    "kms:ViaService": expected[purpose].map((s) => `${s}.us-gov-west-1.amazonaws.com`),
                },
            });
            assert.ok((use.Action as string[]).includes("kms:Decrypt"));
        }
    });

    it("lets CloudWatch Logs use the logs key only for this account's log groups", () => {
        const logs = statement(named(staging, KMS_KEY, "keys-logs").inputs.policy, "CloudWatchLogsEncryptsLogGroups");
        assert.deepStrictEqual(logs.Principal, { Service: "logs.us-gov-west-1.amazonaws.com" });
        assert.deepStrictEqual(logs.Condition, {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws-us-gov:logs:us-gov-west-1:204718392650:log-group:*" },
        });
    });

    it("lets CloudWatch alarms use the messaging key (encrypted alerts topic), confined to the account", () => {
        const cw = statement(named(prod, KMS_KEY, "keys-messaging").inputs.policy, "CloudWatchAlarmsPublishToEncryptedTopics");
        assert.deepStrictEqual(cw.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.deepStrictEqual(cw.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
        assert.deepStrictEqual(cw.Condition, { StringEquals: { "aws:SourceAccount": "318920475611" } });
    });

    it("never grants a wildcard principal in a key policy", () => {
        for (const key of [...staging.mocks.ofType(KMS_KEY), ...prod.mocks.ofType(KMS_KEY)]) {
            assert.doesNotMatch(String(key.inputs.policy), /"Principal":"\*"|"AWS":"\*"/, key.name);
        }
    });
});
