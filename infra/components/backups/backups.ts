import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { VAULT_LOCK_MAX_RETENTION_DAYS, VAULT_LOCK_MIN_RETENTION_DAYS } from "../../lib/allowed";
import { arn, ArnScope, roleArn } from "../../lib/arn";
import { policyJson } from "../../lib/iam";
import { accountKeyStatements } from "../../lib/key-policy";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { customerManagedKey } from "../shared/kms-key";
import { serviceRole } from "../shared/service-role";

/** The tag that puts a resource in the backup plan (CP-9): the data component tags the database. */
export const BACKUP_SELECTION_TAG = { key: "Backup", value: "daily" } as const;

export type VaultLockMode = "compliance" | "governance" | "none";

export interface BackupsArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    permissionsBoundary: string;
    /** Days every recovery point is kept, here and in the DR region (the database's backup retention, ≤ 35). */
    retentionDays: number;
    vaultLock: VaultLockMode;
    /** Grace period of a compliance-mode lock before it becomes immutable (3 days at least). */
    vaultLockChangeableForDays: number;
    /** Copy every recovery point to `drRegion`, into a vault with its own key there (CP-6). */
    crossRegionCopy: boolean;
    drRegion: string;
}

/** Days hourly DR snapshots are kept (here and in the DR region): enough to cover a long weekend. */
export const HOURLY_RETENTION_DAYS = 7;

/**
 * A backup key's policy: the account administers it; use only through AWS Backup and RDS (which
 * re-encrypts snapshot copies with the destination vault's key) in that key's region (SC-12, SC-28).
 */
export function backupKeyPolicy(scope: ArnScope): string {
    return policyJson(accountKeyStatements(scope, "AccountUsesKeyThroughBackupAndRds", ["backup", "rds"]));
}

/** A backup vault's ARN from its name (known at preview: the plan's copy action names it). */
export function backupVaultArn(scope: ArnScope, vaultName: string): string {
    return arn(scope, "backup", `backup-vault:${vaultName}`);
}

/**
 * AWS Backup for the estate (CP-9, CP-10, CP-6): a KMS-encrypted vault, locked (compliance mode in
 * prod: no one, root included, can delete a recovery point early or shorten retention; AU-9,
 * CP-9), a plan with continuous backup (point-in-time restore for RDS, RPO ~5 minutes) kept
 * `retentionDays`, and, with `crossRegionCopy`, hourly snapshots copied with every recovery point
 * to a vault in the second GovCloud region under that region's own key, through an explicit
 * provider (FIPS endpoints, same default tags). Resources join the plan by tag.
 */
export class Backups extends pulumi.ComponentResource {
    readonly vaultName: string;
    readonly vaultArn: string;
    readonly drVaultName?: string;
    readonly drVaultArn?: string;
    readonly planName: string;
    readonly roleName: string;
    readonly drProvider?: aws.Provider;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:backups:Backups", name, {}, opts);
        const { scope } = args;
        const parent = { parent: this };
        const tags = (n?: string) => resourceTags(args.tags, "backups", n);

        this.vaultName = physicalName(args.namePrefix, ["vault"], NAME_LIMITS.backup);
        this.vaultArn = backupVaultArn(scope, this.vaultName);
        this.vault(name, this.vaultName, scope, args, parent, tags);

        let copyActions: aws.types.input.backup.PlanRuleCopyAction[] = [];
        let hourlyCopyActions: aws.types.input.backup.PlanRuleCopyAction[] = [];
        if (args.crossRegionCopy) {
            const drScope: ArnScope = { ...scope, region: args.drRegion };
            // Same FIPS endpoints, account guard and default tags as the stack's own provider: only
            // the region differs (the pack's provider policies judge this provider too).
            this.drProvider = new aws.Provider(
                `${name}-dr`,
                {
                    region: args.drRegion as aws.Region,
                    useFipsEndpoint: true,
                    allowedAccountIds: [scope.accountId],
                    defaultTags: { tags: { ...args.tags } },
                },
                parent,
            );
            this.drVaultName = physicalName(args.namePrefix, ["vault-dr"], NAME_LIMITS.backup);
            this.drVaultArn = backupVaultArn(drScope, this.drVaultName);
            this.vault(`${name}-dr`, this.drVaultName, drScope, args, { parent: this, provider: this.drProvider }, tags);
            copyActions = [{ destinationVaultArn: this.drVaultArn, lifecycle: { deleteAfter: args.retentionDays } }];
            hourlyCopyActions = [{ destinationVaultArn: this.drVaultArn, lifecycle: { deleteAfter: HOURLY_RETENTION_DAYS } }];
        }

        this.planName = physicalName(args.namePrefix, ["backup-plan"], NAME_LIMITS.backup);
        const rules: aws.types.input.backup.PlanRule[] = [
            {
                // Continuous backup: point-in-time restore for RDS to any second of the retention
                // (RPO ~5 minutes in-region). The daily run also yields the snapshot copied to DR.
                ruleName: "daily-continuous",
                targetVaultName: this.vaultName,
                schedule: "cron(0 5 ? * * *)",
                scheduleExpressionTimezone: "UTC",
                startWindow: 60,
                completionWindow: 180,
                enableContinuousBackup: true,
                lifecycle: { deleteAfter: args.retentionDays },
                copyActions,
                recoveryPointTags: tags(),
            },
        ];
        if (args.crossRegionCopy) {
            // RPO ≤ 1 h for the loss of the whole region: a snapshot every hour, copied to DR.
            rules.push({
                ruleName: "hourly-dr-copy",
                targetVaultName: this.vaultName,
                schedule: "cron(0 * ? * * *)",
                scheduleExpressionTimezone: "UTC",
                startWindow: 60,
                completionWindow: 120,
                lifecycle: { deleteAfter: HOURLY_RETENTION_DAYS },
                copyActions: hourlyCopyActions,
                recoveryPointTags: tags(),
            });
        }
        const plan = new aws.backup.Plan(`${name}-plan`, { name: this.planName, rules, tags: tags(this.planName) }, parent);

        this.roleName = physicalName(args.namePrefix, ["backup"], NAME_LIMITS.iamRole);
        const role = serviceRole(
            `${name}-role`,
            {
                scope,
                roleName: this.roleName,
                service: "backup",
                description: "AWS Backup: back up and restore the estate's tagged resources",
                permissionsBoundary: args.permissionsBoundary,
                tags: tags(this.roleName),
                // AWS Backup for S3 needs its own two policies (the tagged backups bucket: CP-9); they
                // live outside the service-role/ path.
                managedPolicies: [
                    "service-role/AWSBackupServiceRolePolicyForBackup",
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                    "AWSBackupServiceRolePolicyForS3Backup",
                    "AWSBackupServiceRolePolicyForS3Restore",
                ],
            },
            parent,
        );
        new aws.backup.Selection(
            `${name}-selection`,
            {
                name: physicalName(args.namePrefix, ["tagged"], NAME_LIMITS.backup),
                planId: plan.id,
                iamRoleArn: roleArn(scope, this.roleName),
                selectionTags: [{ type: "STRINGEQUALS", key: BACKUP_SELECTION_TAG.key, value: BACKUP_SELECTION_TAG.value }],
            },
            { parent: this, dependsOn: role.ready },
        );

        this.registerOutputs({ vaultArn: this.vaultArn, drVaultArn: this.drVaultArn, planName: this.planName });
    }

    /** A KMS key (rotating) and an encrypted, optionally locked vault in `scope.region`. */
    private vault(
        name: string,
        vaultName: string,
        scope: ArnScope,
        args: BackupsArgs,
        opts: pulumi.CustomResourceOptions,
        tags: (n?: string) => Record<string, string>,
    ): aws.backup.Vault {
        const key = customerManagedKey(
            `${name}-key`,
            {
                description: `govstack ${args.namePrefix}: backup vault key (${scope.region})`,
                policy: backupKeyPolicy(scope),
                aliasName: `alias/${vaultName}`,
                tags: tags(`${vaultName}-key`),
            },
            opts,
        );
        const vault = new aws.backup.Vault(
            `${name}-vault`,
            { name: vaultName, kmsKeyArn: key.arn, forceDestroy: false, tags: tags(vaultName) },
            opts,
        );
        if (args.vaultLock !== "none") {
            new aws.backup.VaultLockConfiguration(
                `${name}-vault-lock`,
                {
                    backupVaultName: vaultName,
                    minRetentionDays: VAULT_LOCK_MIN_RETENTION_DAYS,
                    maxRetentionDays: VAULT_LOCK_MAX_RETENTION_DAYS,
                    // Compliance mode is exactly a lock with a grace period; without it, governance.
                    changeableForDays: args.vaultLock === "compliance" ? args.vaultLockChangeableForDays : undefined,
                },
                { ...opts, dependsOn: [vault] },
            );
        }
        return vault;
    }
}
