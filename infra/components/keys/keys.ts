import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope, kmsAliasArn, logGroupArn } from "../../lib/arn";
import { policyJson, Statement } from "../../lib/iam";
import { accountKeyStatements, USE_ACTIONS } from "../../lib/key-policy";
import { logsPrincipal, servicePrincipal } from "../../lib/principals";
import { resourceTags } from "../../lib/tags";
import { customerManagedKey } from "../shared/kms-key";

/** What each customer-managed key protects; one key per purpose limits the blast radius (SC-12). */
export const KEY_PURPOSES = ["data", "logs", "storage", "containers", "messaging"] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** The AWS services allowed to use each key on a caller's behalf (`kms:ViaService`). */
export const KEY_VIA_SERVICES: Readonly<Record<KeyPurpose, readonly string[]>> = {
    data: ["rds", "elasticache", "secretsmanager"],
    logs: ["logs"],
    storage: ["s3"],
    containers: ["ecr"],
    messaging: ["sns"],
};

export interface KeysArgs {
    /**
     * Partition, region and account. Plain strings, not Inputs: key policies are built from them
     * and must be known at preview so the policy pack can read them.
     */
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    /** Waiting period before a scheduled key deletion completes (7–30 days). @default 30 */
    deletionWindowInDays?: number;
}

/**
 * The key policy of one purpose. The account root keeps administration (IAM decides who may
 * administer), but cryptographic use is allowed only through the services of that purpose
 * (`kms:ViaService`) or to the one service principal that must use the key as itself (CloudWatch
 * Logs for log groups, CloudWatch alarms for the encrypted alerts topic). A principal in the account
 * therefore cannot decrypt data directly even with a broad IAM policy (AC-6, SC-12, SC-28).
 */
export function keyPolicy(scope: ArnScope, purpose: KeyPurpose): string {
    const statements: Statement[] = accountKeyStatements(scope, "AccountUsesKeyThroughServices", KEY_VIA_SERVICES[purpose]);
    if (purpose === "logs") {
        statements.push({
            Sid: "CloudWatchLogsEncryptsLogGroups",
            Effect: "Allow",
            Principal: { Service: logsPrincipal(scope.region) },
            Action: USE_ACTIONS,
            Resource: "*",
            Condition: {
                ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroupArn(scope, "*") },
            },
        });
    }
    if (purpose === "messaging") {
        statements.push({
            Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudwatch") },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
        });
    }
    return policyJson(statements);
}

/** Customer-managed KMS keys, one per purpose, with rotation and aliases. */
export class Keys extends pulumi.ComponentResource {
    readonly keys: Readonly<Record<KeyPurpose, aws.kms.Key>>;
    /** Key ARNs (computed by AWS: unknown until the key exists). */
    readonly arns: Readonly<Record<KeyPurpose, pulumi.Output<string>>>;
    /** Alias names (`alias/<prefix>-<purpose>`), known at preview. */
    readonly aliasNames: Readonly<Record<KeyPurpose, string>>;
    /** Alias ARNs, known at preview; for services that accept an alias in place of a key. */
    readonly aliasArns: Readonly<Record<KeyPurpose, string>>;

    constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:keys:Keys", name, {}, opts);
        const keys = {} as Record<KeyPurpose, aws.kms.Key>;
        const aliasNames = {} as Record<KeyPurpose, string>;
        for (const purpose of KEY_PURPOSES) {
            const aliasName = `alias/${args.namePrefix}-${purpose}`;
            const key = customerManagedKey(
                `${name}-${purpose}`,
                {
                    description: `govstack ${args.namePrefix}: ${purpose} encryption key`,
                    policy: keyPolicy(args.scope, purpose),
                    aliasName,
                    tags: resourceTags(args.tags, "keys", `${args.namePrefix}-${purpose}`),
                    deletionWindowInDays: args.deletionWindowInDays,
                },
                { parent: this },
            );
            keys[purpose] = key;
            aliasNames[purpose] = aliasName;
        }
        this.keys = keys;
        this.aliasNames = aliasNames;
        this.arns = Object.fromEntries(KEY_PURPOSES.map((p) => [p, keys[p].arn])) as Record<KeyPurpose, pulumi.Output<string>>;
        this.aliasArns = Object.fromEntries(KEY_PURPOSES.map((p) => [p, kmsAliasArn(args.scope, aliasNames[p])])) as Record<
            KeyPurpose,
            string
        >;
        this.registerOutputs({ arns: this.arns, aliasNames: this.aliasNames });
    }
}
