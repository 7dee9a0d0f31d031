// Whether an aws.backup.Selection covers a resource — an RDS database for backup-plan-covers-database,
// an S3 bucket for s3-data-bucket-replicated-or-backed-up: by selectionTags matching the resource's
// effective tags (its own over its provider's defaultTags), or by resources naming it (ARN, ARN
// pattern or property dependency) with conditions that hold; notResources excluding it wins.
// Unknown values at preview give "unknown", never a guess.

import {
    ARRAY,
    globMatches,
    Malformed,
    ownValue,
    RDS_CLUSTER,
    read,
    Read,
    readTyped,
    StackContext,
    StackResource,
    STRING,
    Tags,
    Typed,
    typed,
    typedProviderDefaultTags,
    typedTags,
} from "../../lib";
import { PLAN } from "./resource-types";

export const SELECTION = "aws:backup/selection:Selection";

/**
 * What a selection's ARNs must name to cover a resource: the ARN's service, its resource part
 * when the resource's name is known (`db:<id>`, `cluster:<id>`, a bucket's name), and two made-up
 * resource parts of the same kind (a pattern matching both matches every name of that kind).
 */
export interface BackupTarget {
    readonly service: string;
    readonly suffix: string | undefined;
    readonly samples: readonly [string, string];
}

/** An RDS instance (`db:<identifier>`) or cluster (`cluster:<clusterIdentifier>`). */
export function databaseTarget(db: StackResource): BackupTarget {
    const cluster = db.type === RDS_CLUSTER;
    const identifier = str(read(db.props, cluster ? "clusterIdentifier" : "identifier"));
    const kind = cluster ? "cluster" : "db";
    return { service: "rds", suffix: identifier === "unknown" || identifier === undefined ? undefined : `${kind}:${identifier}`, samples: [`${kind}:a`, `${kind}:zq-9`] };
}

/** An S3 bucket: `arn:<partition>:s3:::<bucket>`. */
export function bucketTarget(bucket: StackResource): BackupTarget {
    const name = str(read(bucket.props, "bucket"));
    return { service: "s3", suffix: name === "unknown" || name === undefined || name === "" ? undefined : name, samples: ["a", "zq-9"] };
}

/**
 * The resource's effective tags: the provider's defaultTags under its own tags. A tags map that is
 * not a map is returned in `malformed` (the policy reports it) and read as no tags: no selection
 * covers the database by tag then, which is the failing side.
 */
export function effectiveTags(r: StackResource): { tags: Tags; malformed: Malformed[] } {
    const own = typedTags(read(r.props, "tags"), "tags");
    const providerTags = typedProviderDefaultTags(r.provider);
    const malformed = [own, providerTags].filter((t): t is Malformed => t.kind === "malformed");
    if (own.kind === "unknown" || providerTags.kind === "unknown") {
        return { tags: { known: false }, malformed };
    }
    const base = providerTags.kind === "ok" ? (providerTags.value ?? {}) : {};
    const mine = own.kind === "ok" ? (own.value ?? {}) : {};
    return { tags: { known: true, tags: { ...base, ...mine } }, malformed };
}

export type Verdict = "covered" | "not-covered" | "unknown";

const CONDITION_KINDS = ["stringEquals", "stringNotEquals", "stringLikes", "stringNotLikes"] as const;

/**
 * The first value of a selection that AWS Backup would reject (a resources entry that is not a
 * string, a selection tag or condition entry whose key or value is not a string …), or undefined.
 * Such a selection backs nothing up, so the policy reports it and does not count its coverage:
 * ignoring a malformed `notResources` or `conditions` entry would widen what it covers.
 */
export function selectionMalformed(selection: StackResource): Malformed | undefined {
    const found: Malformed[] = [];
    const take = <T>(t: Typed<T>): T | undefined => {
        if (t.kind === "malformed") {
            found.push(t);
        }
        return t.kind === "ok" ? t.value : undefined;
    };
    for (const field of ["resources", "notResources"]) {
        (take(readTyped(selection.props, field, ARRAY)) ?? []).forEach((e, i) => take(typed(e, STRING, `${field}[${i}]`)));
    }
    (take(readTyped(selection.props, "selectionTags", ARRAY)) ?? []).forEach((t, i) => {
        for (const key of ["type", "key", "value"]) {
            take(readTyped(t, key, STRING, `selectionTags[${i}]`));
        }
    });
    (take(readTyped(selection.props, "conditions", ARRAY)) ?? []).forEach((c, i) => {
        for (const kind of CONDITION_KINDS) {
            (take(readTyped(c, kind, ARRAY, `conditions[${i}]`)) ?? []).forEach((entry, j) => {
                for (const key of ["key", "value"]) {
                    take(readTyped(entry, key, STRING, `conditions[${i}].${kind}[${j}]`));
                }
            });
        }
    });
    return found[0];
}

/** A known string, `undefined` when absent, `unknown` when the value is not known yet. */
function str(v: Read): string | undefined | "unknown" {
    if (!v.known) {
        return "unknown";
    }
    return typeof v.value === "string" ? v.value : undefined;
}

/**
 * Whether an ARN or ARN pattern from a selection names the resource (`db:<id>`, `cluster:<id>`, a
 * bucket name). Partition, region and account cannot be checked here (a policy does not know the
 * stack's account); service and resource are matched as globs.
 */
function arnPatternCovers(pattern: string, service: string, suffix: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const parts = pattern.split(":");
    return parts.length >= 6 && parts[0] === "arn" && globMatches(parts[2], service) && globMatches(parts.slice(5).join(":"), suffix);
}

/** Whether a selection's `resources` (ARN patterns) name the resource, by ARN or by dependency. */
function resourcesMatch(selection: StackResource, db: StackResource, service: string, arnSuffix: string | undefined): Verdict {
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
        } else if (s === "*" || (s !== undefined && arnSuffix !== undefined && arnPatternCovers(s, service, arnSuffix))) {
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
        } else if (type === "STRINGEQUALS" && key !== undefined && ownValue(tags.tags, key) === value) {
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
    const tests: Array<[(typeof CONDITION_KINDS)[number], (actual: unknown, expected: string) => boolean]> = [
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
                } else if (key !== undefined && value !== undefined && !test(ownValue(tags.tags, key.replace(/^aws:ResourceTag\//, "")), value)) {
                    return "not-covered";
                }
            }
        }
    }
    return unknown ? "unknown" : "covered";
}

/**
 * Whether one selection covers the resource (notResources excluding it wins); `tags` are its
 * effective tags, `target` what its ARN looks like (an RDS database's by default).
 */
export function selectionCovers(selection: StackResource, db: StackResource, tags: Tags, target: BackupTarget = databaseTarget(db)): Verdict {
    const byTags = selectionTagsMatch(selection, tags);
    const byResources = resourcesMatch(selection, db, target.service, target.suffix);
    let verdict: Verdict;
    if (byTags === "covered") {
        verdict = "covered";
    } else if (byResources === "covered") {
        verdict = conditionsHold(selection, tags);
    } else {
        verdict = byTags === "unknown" || byResources === "unknown" ? "unknown" : "not-covered";
    }
    return verdict === "covered" ? notExcluded(selection, db, target) : verdict;
}

/**
 * notResources wins over resources and tags. With the resource's name unknown, only a pattern
 * matching every name of its kind settles it; an unknown entry is this resource only when it came
 * from it (property dependency).
 */
function notExcluded(selection: StackResource, db: StackResource, target: BackupTarget): Verdict {
    const { service, suffix, samples } = target;
    const excluded = read(selection.props, "notResources");
    const deps = selection.propertyDependencies.notResources ?? [];
    // An unknown value taken from other resources only (known dependencies) cannot be this database.
    const ifUnknown: Verdict = deps.includes(db.urn) ? "not-covered" : deps.length > 0 ? "covered" : "unknown";
    if (!excluded.known) {
        return ifUnknown;
    }
    let verdict: Verdict = "covered";
    for (const e of Array.isArray(excluded.value) ? excluded.value : []) {
        const s = str(read(e));
        if (s === "unknown") {
            verdict = ifUnknown === "covered" ? verdict : ifUnknown;
        } else if (s !== undefined && suffix !== undefined && arnPatternCovers(s, service, suffix)) {
            return "not-covered";
        } else if (s !== undefined && suffix === undefined) {
            if (arnPatternCovers(s, service, samples[0]) && arnPatternCovers(s, service, samples[1])) {
                return "not-covered";
            }
            if (s === "*" || (s.split(":").length >= 6 && globMatches(s.split(":")[2], service))) {
                verdict = "unknown";
            }
        }
        if (verdict === "not-covered") {
            return verdict;
        }
    }
    return verdict;
}

/** Whether the selection's plan (by planId) has at least one rule; unresolvable plans count as fine, malformed rules as none. */
function planHasRules(ctx: StackContext<unknown>, selection: StackResource): boolean {
    const plans = ctx.resolveRefs(selection, "planId", [PLAN], ["id", "name"]).resources;
    return plans.every((p) => {
        const rules = ctx.readArray(p, "rules", { quiet: true });
        return rules.ok ? (rules.value ?? []).length > 0 : rules.unknown;
    });
}

/**
 * The stack's selections that can back anything up: one AWS Backup would reject is reported (and
 * its coverage not counted), one whose plan has no rule backs nothing up.
 */
export function usableSelections<C>(ctx: StackContext<C>): StackResource[] {
    return ctx.ofType(SELECTION).filter((s) => {
        const malformed = selectionMalformed(s);
        if (malformed !== undefined) {
            ctx.settle(s, malformed);
            return false;
        }
        return planHasRules(ctx as StackContext<unknown>, s);
    });
}
