// backup-plan-cross-region-copy: every AWS Backup plan copies its recovery points to a vault in
// another region, so the loss of a whole region loses no backups (CP-6, CP-9, CP-10). Prod-only:
// scope "prod" (advisory in staging).

import { AWS_PROVIDER, read, Read, stackPolicy } from "../../lib";
import { PLAN } from "./resource-types";

/** The region of an ARN (`arn:<partition>:<service>:<region>:…`), if the ARN is known and well-formed. */
function arnRegion(value: unknown): string | undefined {
    return typeof value === "string" && value.startsWith("arn:") ? value.split(":")[3] || undefined : undefined;
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
    resourceTypes: [PLAN, AWS_PROVIDER],
    triggerType: PLAN,
    validate: (ctx) => {
        // A resource on the default provider may arrive without it: fall back to the stack's default provider.
        const defaultProvider = ctx.ofType(AWS_PROVIDER).find((p) => p.name.startsWith("default"));
        for (const plan of ctx.ofType(PLAN)) {
            const provider = plan.provider?.props ?? defaultProvider?.props;
            const region = provider ? read(provider, "region") : ({ known: true, value: undefined } as Read);
            const rules = read(plan.props, "rules");
            if (!rules.known || !region.known) {
                ctx.cannotVerify(plan, `the copy actions of backup plan "${plan.name}"`);
                continue;
            }
            const destinations = (Array.isArray(rules.value) ? rules.value : []).flatMap((rule) => {
                const copies = read(rule, "copyActions");
                return !copies.known ? [undefined] : Array.isArray(copies.value) ? copies.value.map((c) => read(c, "destinationVaultArn")) : [];
            });
            const here = typeof region.value === "string" ? region.value : undefined;
            if (destinations.some((d) => d?.known && arnRegion(d.value) !== undefined && here !== undefined && arnRegion(d.value) !== here)) {
                continue;
            }
            if (destinations.some((d) => d === undefined || !d.known) || (here === undefined && destinations.length > 0)) {
                ctx.cannotVerify(plan, `the copy destinations of backup plan "${plan.name}"`);
            } else {
                ctx.violation(plan, `Backup plan "${plan.name}" copies no recovery point to another region; add a copyAction to a vault in the second GovCloud region.`);
            }
        }
    },
});
