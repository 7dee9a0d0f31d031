// Whether an aws.backup.Selection covers a resource — an RDS database for backup-plan-covers-database,
// an S3 bucket for s3-data-bucket-replicated-or-backed-up: by selectionTags matching the resource's
// effective tags (its own over its provider's defaultTags), or by resources naming it (ARN, ARN
// pattern or property dependency) with conditions that hold; notResources excluding it wins.
// Unknown values at preview give "unknown", never a guess.

import {
    ARRAY,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    globMatches,
    Malformed,
    ownValue,
    RDS_CLUSTER,
    read,
    readTyped,
    StackContext,
    StackResource,
    STRING,
    Tags,
    Typed,
    typed,
    typedProviderDefaultTags,
    typedTags,
} from ".";

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

/**
 * An RDS instance (`db:<identifier>`) or cluster (`cluster:<clusterIdentifier>`); `identifier` as
 * the policy read it typed (undefined when absent, unknown or malformed).
 */
export function databaseTarget(db: StackResource, identifier: string | undefined): BackupTarget {
    const kind = db.type === RDS_CLUSTER ? "cluster" : "db";
    return { service: "rds", suffix: identifier === undefined ? undefined : `${kind}:${identifier}`, samples: [`${kind}:a`, `${kind}:zq-9`] };
}

/** An S3 bucket: `arn:<partition>:s3:::<bucket>`; `name` as the policy read it typed. */
export function bucketTarget(name: string | undefined): BackupTarget {
    return { service: "s3", suffix: name === undefined || name === "" ? undefined : name, samples: ["a", "zq-9"] };
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

/** Not known yet (a symbol: a string "unknown" is a value like any other). */
const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * A string read typed: the string, `undefined` when absent, `unknown` when not known yet. (The
 * selection was checked by selectionMalformed first, so a malformed value does not reach here; it
 * would read as absent.)
 */
function str(v: Typed<string>): string | undefined | typeof UNKNOWN {
    return v.kind === "unknown" ? UNKNOWN : v.kind === "ok" ? v.value : undefined;
}

/** A tag's value typed: a string, undefined when absent (or not a string: no selection matches it), "unknown" when computed. */
function tagValue(tags: Readonly<Record<string, unknown>>, key: string): string | undefined | typeof UNKNOWN {
    return str(typed(ownValue(tags, key), STRING));
}

/** A list read typed: its elements, `[]` when absent (or malformed: see str), "unknown" when not known yet. */
function list(v: Typed<readonly unknown[]>): readonly unknown[] | typeof UNKNOWN {
    return v.kind === "unknown" ? UNKNOWN : v.kind === "ok" ? (v.value ?? []) : [];
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
    const entries = list(readTyped(selection.props, "resources", ARRAY));
    if (entries === UNKNOWN) {
        return (selection.propertyDependencies.resources ?? []).includes(db.urn) ? "covered" : "unknown";
    }
    let unknown = false;
    for (const e of entries) {
        const s = str(typed(e, STRING));
        if (s === UNKNOWN) {
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
    const entries = list(readTyped(selection.props, "selectionTags", ARRAY));
    if (entries === UNKNOWN) {
        return "unknown";
    }
    let unknown = false;
    for (const t of entries) {
        const type = str(readTyped(t, "type", STRING));
        const key = str(readTyped(t, "key", STRING));
        const value = str(readTyped(t, "value", STRING));
        if (type === UNKNOWN || key === UNKNOWN || value === UNKNOWN || !tags.known) {
            unknown = true;
        } else if (type === "STRINGEQUALS" && key !== undefined) {
            const actual = tagValue(tags.tags, key);
            if (actual === UNKNOWN) {
                unknown = true;
            } else if (actual === value) {
                return "covered";
            }
        }
    }
    return unknown ? "unknown" : "not-covered";
}

/**
 * Whether the selection's `conditions` (AND-ed `aws:ResourceTag/<key>` tests) hold for the tags;
 * only meaningful together with `resources` covering the database (e.g. `*`).
 */
function conditionsHold(selection: StackResource, tags: Tags): Verdict {
    const conditions = list(readTyped(selection.props, "conditions", ARRAY));
    if (conditions === UNKNOWN) {
        return "unknown";
    }
    let unknown = false;
    const tests: Array<[(typeof CONDITION_KINDS)[number], (actual: string | undefined, expected: string) => boolean]> = [
        ["stringEquals", (a, e) => a === e],
        ["stringNotEquals", (a, e) => a !== e],
        ["stringLikes", (a, e) => a !== undefined && globMatches(e, a)],
        ["stringNotLikes", (a, e) => !(a !== undefined && globMatches(e, a))],
    ];
    for (const c of conditions) {
        for (const [kind, test] of tests) {
            const entries = list(readTyped(c, kind, ARRAY));
            if (entries === UNKNOWN) {
                unknown = true;
                continue;
            }
            for (const entry of entries) {
                const key = str(readTyped(entry, "key", STRING));
                const value = str(readTyped(entry, "value", STRING));
                if (key === UNKNOWN || value === UNKNOWN || !tags.known) {
                    unknown = true;
                } else if (key !== undefined && value !== undefined) {
                    const actual = tagValue(tags.tags, key.replace(/^aws:ResourceTag\//, ""));
                    if (actual === UNKNOWN) {
                        unknown = true;
                    } else if (!test(actual, value)) {
                        return "not-covered";
                    }
                }
            }
        }
    }
    return unknown ? "unknown" : "covered";
}

/**
 * Whether one selection covers the resource (notResources excluding it wins); `tags` are its
 * effective tags, `target` what its ARN looks like (databaseTarget / bucketTarget, built from a
 * name the policy read typed).
 */
export function selectionCovers(selection: StackResource, db: StackResource, tags: Tags, target: BackupTarget): Verdict {
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
    const excluded = list(readTyped(selection.props, "notResources", ARRAY));
    const deps = selection.propertyDependencies.notResources ?? [];
    // An unknown value taken from other resources only (known dependencies) cannot be this database.
    const ifUnknown: Verdict = deps.includes(db.urn) ? "not-covered" : deps.length > 0 ? "covered" : "unknown";
    if (excluded === UNKNOWN) {
        return ifUnknown;
    }
    let verdict: Verdict = "covered";
    for (const e of excluded) {
        const s = str(typed(e, STRING));
        if (s === UNKNOWN) {
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
    const plans = ctx.resolveRefs(selection, "planId", [BACKUP_PLAN], ["id", "name"]).resources;
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
    return ctx.ofType(BACKUP_SELECTION).filter((s) => {
        const malformed = selectionMalformed(s);
        if (malformed !== undefined) {
            ctx.settle(s, malformed);
            return false;
        }
        return planHasRules(ctx as StackContext<unknown>, s);
    });
}
