// backup-plan-covers-database: every RDS instance and cluster is in an AWS Backup plan, so recovery
// points exist outside the database's own lifecycle (CP-9, CP-10). Coverage by one selection is
// decided in lib/backup-selection.ts. Prod-only: scope "prod" (advisory in staging).

import {
    BACKUP_PLAN,
    BACKUP_SELECTION,
    databaseTarget,
    effectiveTags,
    RDS_CLUSTER,
    RDS_INSTANCE,
    selectionCovers,
    stackPolicy,
    usableSelections,
} from "../../lib";

const DATABASE_TYPES = [RDS_INSTANCE, RDS_CLUSTER] as const;

export const backupPlanCoversDatabase = stackPolicy({
    name: "backup-plan-covers-database",
    description:
        "Every RDS instance and cluster must be in an AWS Backup plan: an aws.backup.Selection whose selectionTags match " +
        "the database's tags (its own or the provider's defaultTags), or whose resources name it (by ARN, pattern or " +
        "dependency) with conditions that hold, so recovery points exist outside the database's own lifecycle (CP-9, CP-10).",
    summary: "Every RDS instance and cluster (except read replicas) is selected by an AWS Backup plan with rules",
    scope: "prod",
    severity: "high",
    controls: ["CP-9", "CP-10"],
    remediationSteps:
        "Tag the database (e.g. `Backup: daily`) and declare an aws.backup.Selection in a plan with `selectionTags: " +
        "[{type: \"STRINGEQUALS\", key: \"Backup\", value: \"daily\"}]` — in govstack, set `govstack:baseline.backups: true`.",
    resourceTypes: [...DATABASE_TYPES, BACKUP_SELECTION, BACKUP_PLAN],
    noVerdict: [
        {
            when: "a database is a read replica (replicateSourceDb set)",
            why: "a replica is recovered from its source, whose backups are judged on the source",
        },
    ],
    validate: (ctx) => {
        // A selection AWS Backup would reject backs nothing up: reported, and its coverage not counted.
        const selections = usableSelections(ctx);
        for (const db of ctx.ofType(...DATABASE_TYPES)) {
            const replica = ctx.readString(db, "replicateSourceDb", { quiet: true });
            if (replica.ok && replica.value !== undefined && replica.value !== "") {
                continue; // a read replica is recovered from its source's backups
            }
            // The identifier names the database in a selection's ARNs: a value of the wrong type is reported and judged no further.
            const identifier = ctx.readString(db, db.type === RDS_CLUSTER ? "clusterIdentifier" : "identifier", { quiet: true });
            if (!identifier.ok && !identifier.unknown) {
                continue;
            }
            const { tags, malformed } = effectiveTags(db);
            malformed.forEach((m) => ctx.settle(db, m));
            const verdicts = selections.map((s) => selectionCovers(s, db, tags, databaseTarget(db, identifier.ok ? identifier.value : undefined)));
            if (verdicts.includes("covered")) {
                continue;
            }
            const what = db.type === RDS_CLUSTER ? "RDS cluster" : "RDS instance";
            if (verdicts.includes("unknown")) {
                ctx.cannotVerify(db, `whether an AWS Backup selection covers ${what} "${db.name}"`);
            } else {
                ctx.violation(
                    db,
                    `${what} "${db.name}" is in no AWS Backup plan: no aws.backup.Selection's selectionTags or resources cover it; ` +
                        "tag it (e.g. Backup=daily) and select that tag in a backup plan.",
                );
            }
        }
    },
});
