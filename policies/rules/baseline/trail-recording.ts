// Whether a CloudTrail trail records a stack's management API calls in every region (AU-2, AU-12),
// for cloudtrail-trail-present: logging on, event selectors (classic or advanced) that pick every
// read and write management event, a multi-region trail that keeps IAM/STS global service events.
// Every field is typed: a value CloudTrail would reject is "malformed" (reported by the policy),
// never read as "recording" or quietly skipped.

import { ARRAY, BOOLEAN, Guard, Malformed, oneOf, readTyped, STRING, Typed, typed } from "../../lib";

export type Recording = { kind: "yes" } | { kind: "unknown" } | { kind: "no"; why: string } | { kind: "malformed"; malformed: Malformed };

/** Management events a set of selectors records: read, write, or unknown. */
interface Coverage {
    read: boolean;
    write: boolean;
    unknown: boolean;
}

/** Thrown inside this module only, to stop at the first malformed value; caught in trailRecords. */
class MalformedValue {
    constructor(readonly malformed: Malformed) {}
}

/** A typed value, or "unknown"; a malformed one stops the judgement (see MalformedValue). */
function get<T>(result: Typed<T>): T | undefined | "unknown" {
    if (result.kind === "malformed") {
        throw new MalformedValue(result);
    }
    return result.kind === "unknown" ? "unknown" : result.value;
}

const READ_WRITE_TYPE = oneOf(["All", "ReadOnly", "WriteOnly"]);

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
    selectors.forEach((s, i) => {
        const at = `eventSelectors[${i}]`;
        const include = get(readTyped(s, "includeManagementEvents", BOOLEAN, at));
        const rw = get(readTyped(s, "readWriteType", READ_WRITE_TYPE, at));
        if (include === "unknown" || rw === "unknown") {
            c.unknown = true;
        } else if (include !== false) {
            const type = rw ?? "All";
            c.read ||= type === "All" || type === "ReadOnly";
            c.write ||= type === "All" || type === "WriteOnly";
        }
    });
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
    selectors.forEach((s, i) => {
        const at = `advancedEventSelectors[${i}]`;
        const fields = get(readTyped(s, "fieldSelectors", ARRAY, at));
        if (fields === "unknown") {
            c.unknown = true;
            return;
        }
        let management = false;
        let unknownField = false;
        let reads = true;
        let writes = true;
        (fields ?? []).forEach((f, j) => {
            const fat = `${at}.fieldSelectors[${j}]`;
            const field = get(readTyped(f, "field", STRING, fat));
            const equals = get(readTyped(f, "equals", ARRAY, fat));
            const values = equals === "unknown" ? "unknown" : (equals ?? []).map((v, k) => get(typed(v, STRING, `${fat}.equals[${k}]`)));
            if (field === "unknown" || values === "unknown" || values.includes("unknown")) {
                unknownField = true;
                return;
            }
            const lower = values.flatMap((v) => (v === undefined ? [] : [v.toLowerCase()]));
            if (field === "eventCategory" && lower.includes("management")) {
                management = true;
            } else if (field === "readOnly" && lower.length > 0) {
                reads &&= lower.includes("true");
                writes &&= lower.includes("false");
            }
        });
        if (unknownField) {
            c.unknown = true;
        } else if (management) {
            c.read ||= reads;
            c.write ||= writes;
        }
    });
    return c;
}

function flag(props: unknown, path: string): boolean | undefined | "unknown" {
    return get(readTyped(props, path, BOOLEAN));
}

/** Whether logging is on (enableLogging defaults to true). */
function loggingVerdict(props: unknown): Recording {
    const logging = flag(props, "enableLogging");
    if (logging === "unknown") {
        return { kind: "unknown" };
    }
    return logging === false ? { kind: "no", why: "enableLogging is false" } : { kind: "yes" };
}

function list(props: unknown, path: string, guard: Guard<readonly unknown[]> = ARRAY): readonly unknown[] | undefined | "unknown" {
    return get(readTyped(props, path, guard));
}

/** Whether the selectors pick every management event; the two kinds are exclusive, without either CloudTrail records them all. */
function selectorVerdict(props: unknown): Recording {
    const advanced = list(props, "advancedEventSelectors");
    if (advanced === "unknown") {
        return { kind: "unknown" };
    }
    if (advanced !== undefined && advanced.length > 0) {
        return coverageVerdict(advancedSelectorCoverage(advanced), "advanced event selectors");
    }
    const classic = list(props, "eventSelectors");
    if (classic === "unknown") {
        return { kind: "unknown" };
    }
    if (classic !== undefined && classic.length > 0) {
        return coverageVerdict(eventSelectorCoverage(classic), "event selectors");
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
    const multiRegion = flag(props, "isMultiRegionTrail");
    const global = flag(props, "includeGlobalServiceEvents");
    if (multiRegion !== "unknown" && multiRegion !== true) {
        return { kind: "no", why: "it records only its home region (isMultiRegionTrail is not true)" };
    }
    if (global === false) {
        return { kind: "no", why: "includeGlobalServiceEvents is false (IAM and STS calls are not recorded)" };
    }
    return multiRegion !== "unknown" && global !== "unknown" ? { kind: "yes" } : { kind: "unknown" };
}

/**
 * Whether a trail records the stack's management API calls in every region. A known shortfall
 * decides even when another setting is unknown; otherwise an unknown one leaves it open. The
 * first malformed value (in reading order) is the answer: the trail cannot be judged.
 */
export function trailRecords(props: unknown): Recording {
    try {
        const verdicts = [loggingVerdict(props), selectorVerdict(props), scopeVerdict(props)];
        return verdicts.find((v) => v.kind === "no") ?? verdicts.find((v) => v.kind === "unknown") ?? { kind: "yes" };
    } catch (e) {
        if (e instanceof MalformedValue) {
            return { kind: "malformed", malformed: e.malformed };
        }
        throw e;
    }
}
