// backup-plan-cross-region-copy: every AWS Backup plan copies its recovery points to a vault in
// another region, so the loss of a whole region loses no backups (CP-6, CP-9, CP-10). Prod-only:
// scope "prod" (advisory in staging).

import { AWS_PROVIDER, BACKUP_PLAN, Checked, ownValue, stackPolicy, STRING, typed } from "../../lib";

/** The region of an ARN (`arn:<partition>:<service>:<region>:…`), if the ARN is known and well-formed. */
function arnRegion(value: string | undefined): string | undefined {
    return value !== undefined && value.startsWith("arn:") ? value.split(":")[3] || undefined : undefined;
}

export const backupPlanCrossRegionCopy = stackPolicy({
    name: "backup-plan-cross-region-copy",
    description:
        "Every AWS Backup plan must copy its recovery points to a vault in another region (a rule with a copyAction whose " +
        "destinationVaultArn is in a region other than the plan's provider region), so the loss of a whole region loses " +
        "no backups (CP-6, CP-9, CP-10).",
    summary: "AWS Backup plans copy recovery points to a vault in another region",
    scope: "prod",
    severity: "medium",
    controls: ["CP-6", "CP-9", "CP-10"],
    remediationSteps:
        "Add `copyActions: [{destinationVaultArn: <vault ARN in the second GovCloud region>}]` to the plan's rules — in " +
        "govstack, `govstack:baseline.crossRegionCopy: true`.",
    resourceTypes: [BACKUP_PLAN, AWS_PROVIDER],
    triggerType: BACKUP_PLAN,
    noVerdict: [],
    validate: (ctx) => {
        // A resource on the default provider may arrive without it: fall back to the stack's default provider.
        const defaultProvider = ctx.ofType(AWS_PROVIDER).find((p) => p.name.startsWith("default"));
        for (const plan of ctx.ofType(BACKUP_PLAN)) {
            const provider = plan.provider?.props ?? defaultProvider?.props;
            // The provider's region is judged (and a malformed one reported) by provider-allowed-regions; here it is only compared.
            const region = provider ? typed(ownValue(provider, "region"), STRING) : ({ kind: "ok", value: undefined } as const);
            const rules = ctx.readArray(plan, "rules", { quiet: true });
            if (!rules.ok && !rules.unknown) {
                continue; // malformed: reported
            }
            if (!rules.ok || region.kind === "unknown") {
                ctx.cannotVerify(plan, `the copy actions of backup plan "${plan.name}"`);
                continue;
            }
            let malformed = false;
            const destinations: Checked<string>[] = [];
            (rules.value ?? []).forEach((rule, i) => {
                const at = `rules[${i}]`;
                const copies = ctx.readArray(plan, "copyActions", { from: rule, at, quiet: true });
                if (!copies.ok) {
                    malformed ||= !copies.unknown;
                    destinations.push({ ok: false, unknown: true });
                    return;
                }
                (copies.value ?? []).forEach((c, j) => {
                    const d = ctx.readString(plan, "destinationVaultArn", { from: c, at: `${at}.copyActions[${j}]`, quiet: true });
                    malformed ||= !d.ok && !d.unknown;
                    destinations.push(d);
                });
            });
            if (malformed) {
                continue; // reported against the plan
            }
            const here = region.kind === "ok" ? region.value : undefined;
            if (destinations.some((d) => d.ok && arnRegion(d.value) !== undefined && here !== undefined && arnRegion(d.value) !== here)) {
                continue;
            }
            if (destinations.some((d) => !d.ok) || (here === undefined && destinations.length > 0)) {
                ctx.cannotVerify(plan, `the copy destinations of backup plan "${plan.name}"`);
            } else {
                ctx.violation(plan, `Backup plan "${plan.name}" copies no recovery point to another region; add a copyAction to a vault in the second GovCloud region.`);
            }
        }
    },
});
