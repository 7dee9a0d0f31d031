// Whether an aws.backup.Selection covers an RDS database, for backup-plan-covers-database: by
// selectionTags matching the database's effective tags (its own over its provider's defaultTags),
// or by resources naming it (ARN, ARN pattern or property dependency) with conditions that hold;
// notResources excluding it wins. Unknown values at preview give "unknown", never a guess.

import {
    ARRAY,
    globMatches,
    Malformed,
    ownValue,
    RDS_CLUSTER,
    read,
    readTyped,
    StackResource,
    STRING,
    Tags,
    Typed,
    typed,
    typedProviderDefaultTags,
    typedTags,
} from "../../lib";

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
    const entries = list(readTyped(selection.props, "resources", ARRAY));
    if (entries === UNKNOWN) {
        return (selection.propertyDependencies.resources ?? []).includes(db.urn) ? "covered" : "unknown";
    }
    let unknown = false;
    for (const e of entries) {
        const s = str(typed(e, STRING));
        if (s === UNKNOWN) {
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
 * Whether one selection covers the database (notResources excluding it wins); `tags` are the
 * database's effective tags, `identifier` its (cluster) identifier when known (the policy reads it typed).
 */
export function selectionCovers(selection: StackResource, db: StackResource, tags: Tags, identifier: string | undefined): Verdict {
    const suffix = identifier === undefined ? undefined : `${db.type === RDS_CLUSTER ? "cluster" : "db"}:${identifier}`;
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
    const excluded = list(readTyped(selection.props, "notResources", ARRAY));
    const deps = selection.propertyDependencies.notResources ?? [];
    // An unknown value taken from other resources only (known dependencies) cannot be this database.
    const ifUnknown: Verdict = deps.includes(db.urn) ? "not-covered" : deps.length > 0 ? "covered" : "unknown";
    if (excluded === UNKNOWN) {
        return ifUnknown;
    }
    const kind = db.type === RDS_CLUSTER ? "cluster" : "db";
    let verdict: Verdict = "covered";
    for (const e of excluded) {
        const s = str(typed(e, STRING));
        if (s === UNKNOWN) {
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
