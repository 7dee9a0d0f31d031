// The security baseline a FedRAMP-Moderate assessor asks for next to the workload (issue 7): an
// audit trail whose log files can be validated (AU-9, SI-7), a backup plan that covers the
// database (CP-9, CP-10), backup vaults locked so recovery points cannot be deleted early (AU-9,
// CP-9) and a copy of each recovery point in the second region (CP-6).
//
// Prod-only rules, switched like the governance ones: every policy is mandatory by default (a
// stack without pack config fails closed); policies/config/staging.json sets them to "advisory",
// prod.json keeps them "mandatory". Unencrypted vaults are judged by encryption.ts's
// backup-vault-cmk (mandatory in both stacks), not repeated here.

import { asTags, globMatches, GovPolicy, isUnknown, providerDefaultTags, read, Read, resourcePolicy, stackPolicy, StackContext, StackResource, Tags } from "../lib";

const TRAIL = "aws:cloudtrail/trail:Trail";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const DATABASE_TYPES = [RDS_INSTANCE, RDS_CLUSTER] as const;
const SELECTION = "aws:backup/selection:Selection";
const PLAN = "aws:backup/plan:Plan";
const VAULT = "aws:backup/vault:Vault";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const AWS_PROVIDER = "pulumi:providers:aws";

/** Workload types whose presence makes a stack one that needs an audit trail. */
const DEFAULT_WORKLOAD_TYPES = [
    RDS_INSTANCE,
    RDS_CLUSTER,
    "aws:ecs/service:Service",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer",
];

// ---------------------------------------------------------------------------------------------
// Audit trail

export const cloudtrailLogFileValidation = resourcePolicy({
    name: "cloudtrail-log-file-validation",
    description:
        "CloudTrail trails must enable log file validation: CloudTrail then writes a signed digest every hour, so any " +
        "deletion or change of a delivered log file is detectable (`aws cloudtrail validate-logs`) (AU-9, SI-7).",
    severity: "high",
    controls: ["AU-9", "SI-7", "AU-12"],
    remediationSteps: "Set `enableLogFileValidation: true` on the aws.cloudtrail.Trail.",
    resourceTypes: [TRAIL],
    validate: (ctx) => {
        const v = ctx.read("enableLogFileValidation");
        if (!v.known) {
            ctx.cannotVerify("enableLogFileValidation");
        } else if (v.value !== true) {
            ctx.violation(`CloudTrail trail "${ctx.name}" does not validate its log files; set enableLogFileValidation to true.`);
        }
    },
});

export const cloudtrailTrailPresent = stackPolicy({
    name: "cloudtrail-trail-present",
    description:
        "A stack that runs a workload (a database, an ECS service or a load balancer by default) must declare a CloudTrail " +
        "trail that records (logging not disabled; every read and write management event selected; multi-region, " +
        "`isMultiRegionTrail: true`; global service events — IAM, STS — not excluded), so every API call against it, in " +
        "any region, is recorded from the first deploy (AU-2, AU-12). The violation is reported on " +
        "the first workload resource (waive it there if the account's trail lives in another stack).",
    severity: "high",
    controls: ["AU-2", "AU-12"],
    remediationSteps:
        "Declare an aws.cloudtrail.Trail with `isMultiRegionTrail: true`, `includeGlobalServiceEvents` left true, logging " +
        "on, log file validation and KMS in the stack — in govstack, set " +
        "`govstack:baseline.auditTrail: true` — or waive the policy for the workload resource named in the violation.",
    resourceTypes: [TRAIL, ...DEFAULT_WORKLOAD_TYPES] as [string, ...string[]],
    options: {
        workloadTypes: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_WORKLOAD_TYPES,
            description: "Resource types whose presence requires a trail in the same stack.",
        },
    },
    validate: (ctx) => {
        const workload = ctx.ofType(...ctx.config.workloadTypes)[0];
        const trails = ctx.ofType(TRAIL);
        if (!workload) {
            return;
        }
        if (trails.length === 0) {
            ctx.violation(
                workload,
                `The stack runs ${workload.type} "${workload.name}" but declares no CloudTrail trail; add a multi-region trail with log file validation.`,
            );
            return;
        }
        // A declared trail only counts when it records the API calls (AU-12): logging on, every
        // management event (read and write) selected, every region, and IAM/STS global events.
        const verdicts = trails.map((t) => ({ trail: t, verdict: trailRecords(t.props) }));
        if (verdicts.some((v) => v.verdict.kind === "yes")) {
            return;
        }
        const unknownTrail = verdicts.find((v) => v.verdict.kind === "unknown");
        if (unknownTrail) {
            ctx.cannotVerify(workload, `whether CloudTrail trail "${unknownTrail.trail.name}" records management events in every region`);
            return;
        }
        const why = verdicts.map((v) => `trail "${v.trail.name}": ${v.verdict.kind === "no" ? v.verdict.why : ""}`).join("; ");
        ctx.violation(
            workload,
            `The stack runs ${workload.type} "${workload.name}" but no CloudTrail trail records its API calls (${why}); ` +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.",
        );
    },
});

type Recording = { kind: "yes" } | { kind: "unknown" } | { kind: "no"; why: string };

/** Management events a set of selectors records: read, write, or unknown. */
interface Coverage {
    read: boolean;
    write: boolean;
    unknown: boolean;
}

function coverageVerdict(c: Coverage, what: string): Recording {
    if (c.read && c.write) {
        return { kind: "yes" };
    }
    if (c.unknown) {
        return { kind: "unknown" };
    }
    const only = c.read ? "only read" : c.write ? "only write" : "no";
    return { kind: "no", why: `its ${what} select ${only} management events` };
}

/** Classic event selectors: includeManagementEvents (default true) with readWriteType (default All). */
function eventSelectorCoverage(selectors: readonly unknown[]): Coverage {
    const c: Coverage = { read: false, write: false, unknown: false };
    for (const s of selectors) {
        const include = read(s, "includeManagementEvents");
        const rw = read(s, "readWriteType");
        if (!include.known || !rw.known) {
            c.unknown = true;
        } else if (include.value !== false) {
            const type = rw.value === undefined ? "All" : rw.value;
            c.read ||= type === "All" || type === "ReadOnly";
            c.write ||= type === "All" || type === "WriteOnly";
        }
    }
    return c;
}

/**
 * Advanced event selectors: a selector records management events when its eventCategory field
 * equals "Management"; a readOnly field narrows it to reads ("true") or writes ("false"). AWS
 * allows only eventSource NotEquals beyond these on management selectors (the KMS / RDS Data API
 * exclusions), which leaves the workload's own calls recorded.
 */
function advancedSelectorCoverage(selectors: readonly unknown[]): Coverage {
    const c: Coverage = { read: false, write: false, unknown: false };
    for (const s of selectors) {
        const fields = read(s, "fieldSelectors");
        if (!fields.known) {
            c.unknown = true;
            continue;
        }
        let management = false;
        let unknownField = false;
        let reads = true;
        let writes = true;
        for (const f of Array.isArray(fields.value) ? fields.value : []) {
            const field = read(f, "field");
            const equals = read(f, "equals");
            if (!field.known || !equals.known || (Array.isArray(equals.value) && equals.value.some(isUnknown))) {
                unknownField = true;
                continue;
            }
            const values = Array.isArray(equals.value) ? equals.value.map((v) => String(v).toLowerCase()) : [];
            if (field.value === "eventCategory" && values.includes("management")) {
                management = true;
            } else if (field.value === "readOnly" && values.length > 0) {
                reads &&= values.includes("true");
                writes &&= values.includes("false");
            }
        }
        if (unknownField) {
            c.unknown = true;
        } else if (management) {
            c.read ||= reads;
            c.write ||= writes;
        }
    }
    return c;
}

/** Whether logging is on (enableLogging defaults to true). */
function loggingVerdict(props: unknown): Recording {
    const logging = read(props, "enableLogging");
    if (!logging.known) {
        return { kind: "unknown" };
    }
    return logging.value === false ? { kind: "no", why: "enableLogging is false" } : { kind: "yes" };
}

/** Whether the selectors pick every management event; the two kinds are exclusive, without either CloudTrail records them all. */
function selectorVerdict(props: unknown): Recording {
    const advanced = read(props, "advancedEventSelectors");
    if (!advanced.known) {
        return { kind: "unknown" };
    }
    if (Array.isArray(advanced.value) && advanced.value.length > 0) {
        return coverageVerdict(advancedSelectorCoverage(advanced.value), "advanced event selectors");
    }
    const classic = read(props, "eventSelectors");
    if (!classic.known) {
        return { kind: "unknown" };
    }
    if (Array.isArray(classic.value) && classic.value.length > 0) {
        return coverageVerdict(eventSelectorCoverage(classic.value), "event selectors");
    }
    return { kind: "yes" };
}

/**
 * Whether the trail covers every region and the global services (AU-2, AU-12): isMultiRegionTrail
 * defaults to false (a trail then records only its home region, so calls made in the second
 * GovCloud region go unrecorded), and includeGlobalServiceEvents false drops IAM and STS calls —
 * who changed a role, who assumed it.
 */
function scopeVerdict(props: unknown): Recording {
    const multiRegion = read(props, "isMultiRegionTrail");
    const global = read(props, "includeGlobalServiceEvents");
    if (multiRegion.known && multiRegion.value !== true) {
        return { kind: "no", why: "it records only its home region (isMultiRegionTrail is not true)" };
    }
    if (global.known && global.value === false) {
        return { kind: "no", why: "includeGlobalServiceEvents is false (IAM and STS calls are not recorded)" };
    }
    return multiRegion.known && global.known ? { kind: "yes" } : { kind: "unknown" };
}

/**
 * Whether a trail records the stack's management API calls in every region. A known shortfall
 * decides even when another setting is unknown; otherwise an unknown one leaves it open.
 */
function trailRecords(props: unknown): Recording {
    const verdicts = [loggingVerdict(props), selectorVerdict(props), scopeVerdict(props)];
    return verdicts.find((v) => v.kind === "no") ?? verdicts.find((v) => v.kind === "unknown") ?? { kind: "yes" };
}

// ---------------------------------------------------------------------------------------------
// Backup plan coverage

/** The resource's effective tags: the provider's defaultTags under its own tags. */
function effectiveTags(r: StackResource): Tags {
    const own = asTags(read(r.props, "tags"));
    const providerTags = providerDefaultTags(r.provider);
    if (!own.known || !providerTags.known) {
        return { known: false };
    }
    return { known: true, tags: { ...providerTags.tags, ...own.tags } };
}

type Verdict = "covered" | "not-covered" | "unknown";

/** A known string, `undefined` when absent, `unknown` when the value is not known yet. */
function str(v: Read): string | undefined | "unknown" {
    if (!v.known) {
        return "unknown";
    }
    return typeof v.value === "string" ? v.value : undefined;
}

/**
 * Whether an ARN or ARN pattern from a selection names the database (`db:<id>` / `cluster:<id>`).
 * Partition, region and account cannot be checked here (a policy does not know the stack's
 * account); service and resource are matched as globs.
 */
function arnPatternCovers(pattern: string, suffix: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const parts = pattern.split(":");
    return parts.length >= 6 && parts[0] === "arn" && globMatches(parts[2], "rds") && globMatches(parts.slice(5).join(":"), suffix);
}

/** Whether a selection's `resources` (ARN patterns) name the database, by ARN or by dependency. */
function resourcesMatch(selection: StackResource, db: StackResource, arnSuffix: string | undefined): Verdict {
    const list = read(selection.props, "resources");
    if (!list.known) {
        return (selection.propertyDependencies.resources ?? []).includes(db.urn) ? "covered" : "unknown";
    }
    const entries = Array.isArray(list.value) ? list.value : [];
    let unknown = false;
    for (const e of entries) {
        const s = str(read(e));
        if (s === "unknown") {
            unknown = true;
        } else if (s === "*" || (s !== undefined && arnSuffix !== undefined && arnPatternCovers(s, arnSuffix))) {
            return "covered";
        }
    }
    if (unknown) {
        return (selection.propertyDependencies.resources ?? []).includes(db.urn) ? "covered" : "unknown";
    }
    return "not-covered";
}

/** Whether any of a selection's `selectionTags` (OR-ed, STRINGEQUALS) matches the database's tags. */
function selectionTagsMatch(selection: StackResource, tags: Tags): Verdict {
    const list = read(selection.props, "selectionTags");
    if (!list.known) {
        return "unknown";
    }
    let unknown = false;
    for (const t of Array.isArray(list.value) ? list.value : []) {
        const type = str(read(t, "type"));
        const key = str(read(t, "key"));
        const value = str(read(t, "value"));
        if (type === "unknown" || key === "unknown" || value === "unknown" || !tags.known) {
            unknown = true;
        } else if (type === "STRINGEQUALS" && key !== undefined && tags.tags[key] === value) {
            return "covered";
        } else if (key !== undefined && read(tags.tags, key).known === false) {
            unknown = true;
        }
    }
    return unknown ? "unknown" : "not-covered";
}

/**
 * Whether the selection's `conditions` (AND-ed `aws:ResourceTag/<key>` tests) hold for the tags;
 * only meaningful together with `resources` covering the database (e.g. `*`).
 */
function conditionsHold(selection: StackResource, tags: Tags): Verdict {
    const conditions = read(selection.props, "conditions");
    if (!conditions.known) {
        return "unknown";
    }
    let unknown = false;
    const tests: Array<[string, (actual: unknown, expected: string) => boolean]> = [
        ["stringEquals", (a, e) => a === e],
        ["stringNotEquals", (a, e) => a !== e],
        ["stringLikes", (a, e) => typeof a === "string" && globMatches(e, a)],
        ["stringNotLikes", (a, e) => !(typeof a === "string" && globMatches(e, a))],
    ];
    for (const c of Array.isArray(conditions.value) ? conditions.value : []) {
        for (const [kind, test] of tests) {
            const entries = read(c, kind);
            if (!entries.known) {
                unknown = true;
                continue;
            }
            for (const entry of Array.isArray(entries.value) ? entries.value : []) {
                const key = str(read(entry, "key"));
                const value = str(read(entry, "value"));
                if (key === "unknown" || value === "unknown" || !tags.known) {
                    unknown = true;
                } else if (key !== undefined && value !== undefined && !test(tags.tags[key.replace(/^aws:ResourceTag\//, "")], value)) {
                    return "not-covered";
                }
            }
        }
    }
    return unknown ? "unknown" : "covered";
}

/** Whether one selection covers the database (notResources excluding it wins). */
function selectionCovers(selection: StackResource, db: StackResource): Verdict {
    const identifier = str(read(db.props, db.type === RDS_CLUSTER ? "clusterIdentifier" : "identifier"));
    const suffix = identifier === "unknown" || identifier === undefined ? undefined : `${db.type === RDS_CLUSTER ? "cluster" : "db"}:${identifier}`;
    const tags = effectiveTags(db);
    const byTags = selectionTagsMatch(selection, tags);
    const byResources = resourcesMatch(selection, db, suffix);
    let verdict: Verdict;
    if (byTags === "covered") {
        verdict = "covered";
    } else if (byResources === "covered") {
        verdict = conditionsHold(selection, tags);
    } else {
        verdict = byTags === "unknown" || byResources === "unknown" ? "unknown" : "not-covered";
    }
    return verdict === "covered" ? notExcluded(selection, db, suffix) : verdict;
}

/**
 * notResources wins over resources and tags. With the database's name unknown, only a pattern
 * matching every name of its kind settles it; an unknown entry is this database only when it came
 * from it (property dependency).
 */
function notExcluded(selection: StackResource, db: StackResource, suffix: string | undefined): Verdict {
    const excluded = read(selection.props, "notResources");
    const deps = selection.propertyDependencies.notResources ?? [];
    // An unknown value taken from other resources only (known dependencies) cannot be this database.
    const ifUnknown: Verdict = deps.includes(db.urn) ? "not-covered" : deps.length > 0 ? "covered" : "unknown";
    if (!excluded.known) {
        return ifUnknown;
    }
    const kind = db.type === RDS_CLUSTER ? "cluster" : "db";
    let verdict: Verdict = "covered";
    for (const e of Array.isArray(excluded.value) ? excluded.value : []) {
        const s = str(read(e));
        if (s === "unknown") {
            verdict = ifUnknown === "covered" ? verdict : ifUnknown;
        } else if (s !== undefined && suffix !== undefined && arnPatternCovers(s, suffix)) {
            return "not-covered";
        } else if (s !== undefined && suffix === undefined) {
            if (arnPatternCovers(s, `${kind}:a`) && arnPatternCovers(s, `${kind}:zq-9`)) {
                return "not-covered";
            }
            if (s === "*" || (s.split(":").length >= 6 && globMatches(s.split(":")[2], "rds"))) {
                verdict = "unknown";
            }
        }
        if (verdict === "not-covered") {
            return verdict;
        }
    }
    return verdict;
}

/** Whether the selection's plan (by planId) has at least one rule; unresolvable plans count as fine. */
function planHasRules(ctx: StackContext<unknown>, selection: StackResource): boolean {
    const plans = ctx.resolveRefs(selection, "planId", [PLAN], ["id", "name"]).resources;
    return plans.every((p) => {
        const rules = read(p.props, "rules");
        return !rules.known || (Array.isArray(rules.value) && rules.value.length > 0);
    });
}

export const backupPlanCoversDatabase = stackPolicy({
    name: "backup-plan-covers-database",
    description:
        "Every RDS instance and cluster must be in an AWS Backup plan: an aws.backup.Selection whose selectionTags match " +
        "the database's tags (its own or the provider's defaultTags), or whose resources name it (by ARN, pattern or " +
        "dependency) with conditions that hold, so recovery points exist outside the database's own lifecycle (CP-9, CP-10).",
    severity: "high",
    controls: ["CP-9", "CP-10"],
    remediationSteps:
        "Tag the database (e.g. `Backup: daily`) and declare an aws.backup.Selection in a plan with `selectionTags: " +
        "[{type: \"STRINGEQUALS\", key: \"Backup\", value: \"daily\"}]` — in govstack, set `govstack:baseline.backups: true`.",
    resourceTypes: [...DATABASE_TYPES, SELECTION, PLAN],
    validate: (ctx) => {
        const selections = ctx.ofType(SELECTION).filter((s) => planHasRules(ctx, s));
        for (const db of ctx.ofType(...DATABASE_TYPES)) {
            const replica = read(db.props, "replicateSourceDb");
            if (replica.known && typeof replica.value === "string" && replica.value !== "") {
                continue; // a read replica is recovered from its source's backups
            }
            const verdicts = selections.map((s) => selectionCovers(s, db));
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

// ---------------------------------------------------------------------------------------------
// Vault lock and cross-region copy

export const backupVaultLocked = stackPolicy({
    name: "backup-vault-locked",
    description:
        "Every AWS Backup vault must have a vault lock — in compliance mode (`changeableForDays` set) by default — with a " +
        "minimum retention (`minRetentionDays` ≥ 1; without it the lock enforces no minimum and a recovery point can be " +
        "deleted at any time), so no one, the root user included, can delete a recovery point before its retention ends " +
        "or shorten retention: backups survive a compromised administrator or ransomware (AU-9, CP-9).",
    severity: "high",
    controls: ["CP-9", "AU-9"],
    remediationSteps:
        "Declare an aws.backup.VaultLockConfiguration for the vault with minRetentionDays (≥ 1; in govstack 7), maxRetentionDays and " +
        "changeableForDays (≥ 3; compliance mode becomes immutable after it) — in govstack, `govstack:baseline.vaultLock: compliance`.",
    resourceTypes: [VAULT, VAULT_LOCK],
    triggerType: VAULT,
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
        for (const lock of ctx.ofType(VAULT_LOCK)) {
            const refs = ctx.resolveRefs(lock, "backupVaultName", [VAULT], ["name", "id"]);
            refs.resources.forEach((v) => locks.set(v.urn, [...(locks.get(v.urn) ?? []), lock]));
            // A known name that matches no vault here locks some other vault: no doubt about ours.
            if (refs.resources.length === 0 && !read(lock.props, "backupVaultName").known) {
                unresolved++;
            }
        }
        for (const vault of ctx.ofType(VAULT)) {
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
            const grace = own.map((l) => read(l.props, "changeableForDays"));
            if (grace.some((g) => g.known && typeof g.value === "number")) {
                continue;
            }
            if (grace.some((g) => !g.known)) {
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
    const days = locks.map((l) => read(l.props, "minRetentionDays"));
    const bad = days.find((d) => d.known && !(typeof d.value === "number" && d.value >= MIN_LOCK_RETENTION_DAYS));
    if (bad?.known) {
        const what = bad.value === undefined ? "no minRetentionDays" : `minRetentionDays ${String(bad.value)}`;
        ctx.violation(
            vault,
            `Backup vault "${vault.name}" is locked with ${what}: the lock enforces no minimum retention, so recovery points can be deleted early; ` +
                `set minRetentionDays (at least ${MIN_LOCK_RETENTION_DAYS}) on its aws.backup.VaultLockConfiguration.`,
        );
    } else if (days.some((d) => !d.known)) {
        ctx.cannotVerify(vault, `the minimum retention (minRetentionDays) of the vault lock of backup vault "${vault.name}"`);
    }
}

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

/** The prod-only policies of this area (advisory in staging.json, mandatory in prod.json). */
export const PROD_ONLY_BASELINE_POLICIES = [
    cloudtrailLogFileValidation,
    cloudtrailTrailPresent,
    backupPlanCoversDatabase,
    backupVaultLocked,
    backupPlanCrossRegionCopy,
];

export const baselinePolicies: GovPolicy[] = [...PROD_ONLY_BASELINE_POLICIES];
