// Whether a CloudTrail trail records a stack's management API calls in every region (AU-2, AU-12),
// for cloudtrail-trail-present: logging on, event selectors (classic or advanced) that pick every
// read and write management event, a multi-region trail that keeps IAM/STS global service events.

import { isUnknown, read } from "../../lib";

export type Recording = { kind: "yes" } | { kind: "unknown" } | { kind: "no"; why: string };

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
export function trailRecords(props: unknown): Recording {
    const verdicts = [loggingVerdict(props), selectorVerdict(props), scopeVerdict(props)];
    return verdicts.find((v) => v.kind === "no") ?? verdicts.find((v) => v.kind === "unknown") ?? { kind: "yes" };
}
