// backup-vault-locked: every AWS Backup vault has a vault lock — compliance mode by default — with
// a minimum retention, so no one, the root user included, can delete a recovery point early or
// shorten retention: backups survive a compromised administrator or ransomware (AU-9, CP-9).
// Prod-only: scope "prod" (advisory in staging).

import { BACKUP_VAULT, StackContext, stackPolicy, StackResource } from "../../lib";
import { BACKUP_VAULT_LOCK_CONFIGURATION } from "./resource-types";

export const backupVaultLocked = stackPolicy({
    name: "backup-vault-locked",
    description:
        "Every AWS Backup vault must have a vault lock — in compliance mode (`changeableForDays` set) by default — with a " +
        "minimum retention (`minRetentionDays` ≥ 1; without it the lock enforces no minimum and a recovery point can be " +
        "deleted at any time), so no one, the root user included, can delete a recovery point before its retention ends " +
        "or shorten retention: backups survive a compromised administrator or ransomware (AU-9, CP-9).",
    summary: "AWS Backup vaults have a vault lock (compliance mode by default) with a minimum retention",
    scope: "prod",
    severity: "high",
    controls: ["CP-9", "AU-9"],
    remediationSteps:
        "Declare an aws.backup.VaultLockConfiguration for the vault with minRetentionDays (≥ 1; in govstack 7), maxRetentionDays and " +
        "changeableForDays (≥ 3; compliance mode becomes immutable after it) — in govstack, `govstack:baseline.vaultLock: compliance`.",
    resourceTypes: [BACKUP_VAULT, BACKUP_VAULT_LOCK_CONFIGURATION],
    triggerType: BACKUP_VAULT,
    noVerdict: [
        {
            when: "requireComplianceMode is false (pack config) and the vault has a governance-mode lock with a minimum retention",
            why: "the stack's config accepts governance mode (privileged users may lift it); the minimum retention is still required",
        },
    ],
    options: {
        requireComplianceMode: {
            type: "boolean",
            default: true,
            description: "Require compliance mode (changeableForDays set); false accepts a governance-mode lock.",
        },
    },
    validate: (ctx) => {
        const locks = new Map<string, StackResource[]>();
        let unresolved = 0;
        for (const lock of ctx.ofType(BACKUP_VAULT_LOCK_CONFIGURATION)) {
            const refs = ctx.resolveRefs(lock, "backupVaultName", [BACKUP_VAULT], ["name", "id"]);
            refs.resources.forEach((v) => locks.set(v.urn, [...(locks.get(v.urn) ?? []), lock]));
            // A known name that matches no vault here locks some other vault: no doubt about ours.
            if (refs.resources.length === 0 && !ctx.read(lock.props, "backupVaultName").known) {
                unresolved++;
            }
        }
        for (const vault of ctx.ofType(BACKUP_VAULT)) {
            const own = locks.get(vault.urn) ?? [];
            if (own.length === 0) {
                if (unresolved > 0) {
                    ctx.cannotVerify(vault, `the vault lock of backup vault "${vault.name}"`);
                } else {
                    ctx.violation(vault, `Backup vault "${vault.name}" is not locked; add an aws.backup.VaultLockConfiguration (compliance mode: set changeableForDays).`);
                }
                continue;
            }
            checkMinRetention(ctx, vault, own);
            if (!ctx.config.requireComplianceMode) {
                continue;
            }
            const grace = own.map((l) => ctx.readNumber(l, "changeableForDays", { quiet: true }));
            if (grace.some((g) => g.ok && g.value !== undefined)) {
                continue;
            }
            if (grace.some((g) => !g.ok && !g.unknown)) {
                continue; // malformed: reported against the lock
            }
            if (grace.some((g) => !g.ok)) {
                ctx.cannotVerify(vault, `the lock mode (changeableForDays) of backup vault "${vault.name}"`);
            } else {
                ctx.violation(
                    vault,
                    `Backup vault "${vault.name}" is locked in governance mode only (no changeableForDays); set changeableForDays for compliance mode.`,
                );
            }
        }
    },
});

/** AWS's own floor for minRetentionDays; a lock without it enforces no minimum retention at all. */
const MIN_LOCK_RETENTION_DAYS = 1;

/**
 * Every lock of the vault must set minRetentionDays: AWS keeps one lock per vault (the last one
 * applied), and a lock without a minimum lets a recovery point be deleted at any time (CP-9).
 */
function checkMinRetention(ctx: StackContext<unknown>, vault: StackResource, locks: readonly StackResource[]): void {
    const days = locks.map((l) => ctx.readNumber(l, "minRetentionDays", { quiet: true }));
    if (days.some((d) => !d.ok && !d.unknown)) {
        return; // malformed: reported against the lock
    }
    const bad = days.find((d) => d.ok && !(d.value !== undefined && d.value >= MIN_LOCK_RETENTION_DAYS));
    if (bad?.ok) {
        const what = bad.value === undefined ? "no minRetentionDays" : `minRetentionDays ${bad.value}`;
        ctx.violation(
            vault,
            `Backup vault "${vault.name}" is locked with ${what}: the lock enforces no minimum retention, so recovery points can be deleted early; ` +
                `set minRetentionDays (at least ${MIN_LOCK_RETENTION_DAYS}) on its aws.backup.VaultLockConfiguration.`,
        );
    } else if (days.some((d) => !d.ok)) {
        ctx.cannotVerify(vault, `the minimum retention (minRetentionDays) of the vault lock of backup vault "${vault.name}"`);
    }
}
