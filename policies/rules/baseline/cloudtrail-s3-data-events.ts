// cloudtrail-s3-data-events: a trail records S3 object-level (data) events, so who read, wrote or
// deleted an object in a data bucket is on record (AU-2, AU-12; cdk-nag NIST 800-53 rev5
// CloudTrailS3DataEventsEnabled / AWS Config cloudtrail-s3-dataevents-enabled). Management events
// alone record bucket configuration changes, never GetObject/PutObject/DeleteObject.
//
// Which buckets hold data: by default any S3 data-event selector on the trail is enough (the
// policy sees one trail, not the buckets — the trail's selectors name the buckets it covers).
// With `dataBucketPatterns` (globs over bucket names) every pattern must be covered by a selector:
// one for all buckets (`arn:<partition>:s3` / `arn:<partition>:s3:::`, or an advanced selector
// without a resources.ARN condition) or one whose bucket ARN prefix names a matching bucket.
// A selector with a negative ARN condition (NotStartsWith / NotEquals) covers only its positive
// values for the patterns (conservative). Reads and writes are judged apart: a classic selector
// with readWriteType ReadOnly or WriteOnly, or an advanced one with a readOnly condition, records
// only one half, so object reads and writes must each be covered (by one selector or two).
// Selector shapes: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DataResource.html,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html.

import {
    ARRAY,
    CLOUDTRAIL_TRAIL,
    globMatches,
    isUnknown,
    Malformed,
    oneOf,
    readTyped,
    resourcePolicy,
    STRING,
    Typed,
    typed,
    UNKNOWN,
} from "../../lib";

const S3_OBJECT = "AWS::S3::Object";
/** All buckets (`arn:aws-us-gov:s3`, `arn:aws-us-gov:s3:::`) or one bucket (`arn:…:s3:::name/prefix`). */
const S3_ARN = /^arn:[^:]+:s3(?::::?([^/]*)(?:\/.*)?)?$/;

/** What the selectors cover: every bucket, these bucket names, or unknown parts; and the values that cannot be read. */
interface Coverage {
    any: boolean;
    all: boolean;
    buckets: string[];
    unknown: boolean;
    malformed: Malformed[];
}

/**
 * A list of strings at `path` of `owner` (shown under `at`): the strings, with the unknown sentinel
 * for a computed element; `"unknown"` when the list itself is; a malformed list or element is
 * recorded in `c.malformed` and left out.
 */
function strings(c: Coverage, owner: unknown, path: string, at: string): string[] | "unknown" {
    const list = readTyped(owner, path, ARRAY, at);
    if (list.kind === "unknown") {
        return "unknown";
    }
    if (list.kind === "malformed") {
        c.malformed.push(list);
        return [];
    }
    return (list.value ?? []).flatMap((v, i) => {
        const t = typed(v, STRING, `${at}.${path}[${i}]`);
        if (t.kind === "malformed") {
            c.malformed.push(t);
            return [];
        }
        return t.kind === "unknown" ? [UNKNOWN] : t.value === undefined ? [] : [t.value];
    });
}

/** A typed value to judge, or undefined after recording why not (computed → `c.unknown`, malformed → `c.malformed`). */
function judged<T>(c: Coverage, t: Typed<T>): { readonly value: T | undefined } | undefined {
    if (t.kind === "unknown") {
        c.unknown = true;
        return undefined;
    }
    if (t.kind === "malformed") {
        c.malformed.push(t);
        return undefined;
    }
    return t;
}

/** A string field, `"unknown"` when computed; a malformed one is recorded and read as absent. */
function field(c: Coverage, owner: unknown, path: string, at: string): string | undefined | "unknown" {
    const t = readTyped(owner, path, STRING, at);
    if (t.kind === "malformed") {
        c.malformed.push(t);
        return undefined;
    }
    return t.kind === "unknown" ? "unknown" : t.value;
}

function addArn(c: Coverage, value: string): void {
    if (isUnknown(value)) {
        c.unknown = true;
        c.any = true;
        return;
    }
    const m = S3_ARN.exec(value);
    if (!m) {
        return;
    }
    c.any = true;
    if (!m[1]) {
        c.all = true;
    } else {
        c.buckets.push(m[1]);
    }
}

/** Which half of the data events a coverage pass counts. */
type Half = "read" | "write";

/** CloudTrail's ReadWriteType (botocore): a value outside it is malformed. */
const READ_WRITE_TYPE = oneOf(["ReadOnly", "WriteOnly", "All"]);

function classicCoverage(selectors: readonly unknown[], c: Coverage, half: Half): void {
    selectors.forEach((s, i) => {
        const at = `eventSelectors[${i}]`;
        // readWriteType defaults to All.
        const rw = judged(c, readTyped(s, "readWriteType", READ_WRITE_TYPE, at));
        if (!rw || rw.value === (half === "read" ? "WriteOnly" : "ReadOnly")) {
            return;
        }
        const resources = judged(c, readTyped(s, "dataResources", ARRAY, at));
        if (!resources) {
            return;
        }
        (resources.value ?? []).forEach((r, j) => {
            const rat = `${at}.dataResources[${j}]`;
            const type = field(c, r, "type", rat);
            const values = strings(c, r, "values", rat);
            if (type === "unknown" || values === "unknown") {
                c.unknown = true;
            } else if (type === S3_OBJECT) {
                values.forEach((v) => addArn(c, v));
            }
        });
    });
}

function advancedCoverage(selectors: readonly unknown[], c: Coverage, half: Half): void {
    selectors.forEach((s, i) => {
        const at = `advancedEventSelectors[${i}]`;
        const fields = judged(c, readTyped(s, "fieldSelectors", ARRAY, at));
        if (!fields) {
            return;
        }
        let data = false;
        let s3 = false;
        let unknownField = false;
        let narrowed = false;
        // readOnly equals ["true"] records reads only, ["false"] writes only; both values, or none, record both.
        let halves = { read: true, write: true };
        const positives: string[] = [];
        (fields.value ?? []).forEach((f, j) => {
            const fat = `${at}.fieldSelectors[${j}]`;
            const name = field(c, f, "field", fat);
            if (name === "unknown") {
                unknownField = true;
                return;
            }
            const values = (op: string): string[] => {
                const v = strings(c, f, op, fat);
                if (v === "unknown") {
                    unknownField = true;
                    return [];
                }
                return v;
            };
            if (name === "eventCategory") {
                data ||= values("equals").some((v) => v === "Data");
            } else if (name === "resources.type") {
                s3 ||= values("equals").some((v) => v === S3_OBJECT);
            } else if (name === "readOnly") {
                const only = values("equals");
                if (only.length > 0) {
                    halves = { read: only.includes("true"), write: only.includes("false") };
                }
            } else if (name === "resources.ARN") {
                narrowed = true;
                positives.push(...values("equals"), ...values("startsWith"));
                values("notEquals");
                values("notStartsWith");
            }
        });
        if (data && s3 && halves[half]) {
            c.any = true;
            if (!narrowed) {
                c.all = true;
            }
            positives.forEach((v) => addArn(c, v));
        } else if (unknownField) {
            c.unknown = true;
        }
    });
}

export const cloudtrailS3DataEvents = resourcePolicy({
    name: "cloudtrail-s3-data-events",
    description:
        "CloudTrail trails must record S3 data events (classic eventSelectors with a dataResources entry of type " +
        "AWS::S3::Object, or advancedEventSelectors with eventCategory Data and resources.type AWS::S3::Object), so object " +
        "reads, writes and deletes in data buckets are on record — both halves: a selector limited to ReadOnly or WriteOnly " +
        "(or a readOnly field condition) covers only one. By default any S3 data-event selector passes; with " +
        "dataBucketPatterns every pattern must be covered by an all-buckets selector or a bucket ARN it matches (AU-2, AU-12).",
    summary: "CloudTrail trails record S3 data events for the buckets holding data",
    severity: "medium",
    controls: ["AU-2", "AU-12"],
    remediationSteps:
        "Add an event selector to the aws.cloudtrail.Trail: `eventSelectors: [{ readWriteType: \"All\", includeManagementEvents: " +
        "true, dataResources: [{ type: \"AWS::S3::Object\", values: [\"arn:aws-us-gov:s3:::<data-bucket>/\"] }] }]` (or the " +
        "advanced-selector equivalent).",
    resourceTypes: [CLOUDTRAIL_TRAIL],
    options: {
        dataBucketPatterns: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Globs over the names of the buckets holding data; each must be covered by an S3 data-event selector. Empty: any S3 data-event selector passes.",
        },
    },
    noVerdict: [
        {
            when: "dataBucketPatterns is empty and the trail has any S3 data-event selector",
            why: "by default any S3 data-event selector counts: the policy sees one trail, not which buckets hold data; name the data buckets in dataBucketPatterns to require each",
        },
    ],
    validate: (ctx) => {
        const label = `CloudTrail trail "${ctx.name}"`;
        // Typed: unknown → one advisory below; a value of the wrong type → mandatory, never waived.
        const advanced = ctx.readArray("advancedEventSelectors", { quiet: true });
        const classic = ctx.readArray("eventSelectors", { quiet: true });
        if ((!advanced.ok && !advanced.unknown) || (!classic.ok && !classic.unknown)) {
            return;
        }
        if (!advanced.ok || !classic.ok) {
            return ctx.cannotVerify(`the S3 data-event selectors of ${label}`);
        }
        // Object reads and object writes, each covered: one pass per half.
        const [read, write] = (["read", "write"] as const).map((half) => {
            const c: Coverage = { any: false, all: false, buckets: [], unknown: false, malformed: [] };
            // The two kinds are exclusive; CloudTrail uses the advanced ones when both are given.
            if (advanced.value !== undefined && advanced.value.length > 0) {
                advancedCoverage(advanced.value, c, half);
            } else if (classic.value !== undefined) {
                classicCoverage(classic.value, c, half);
            }
            return c;
        });
        if (read.malformed.length > 0) {
            read.malformed.forEach((m) => ctx.settle(m));
            return;
        }
        const patterns = ctx.config.dataBucketPatterns;
        const uncovered = (c: Coverage) => (patterns.length === 0 ? (c.any ? [] : ["any bucket"]) : c.all ? [] : patterns.filter((p) => !c.buckets.some((b) => globMatches(p, b))));
        const missing = [...new Set([...uncovered(read), ...uncovered(write)])];
        if (missing.length === 0) {
            return;
        }
        const halfOnly = uncovered(read).length === 0 ? "writes" : uncovered(write).length === 0 ? "reads" : undefined;
        if (read.unknown || write.unknown) {
            return ctx.cannotVerify(`the S3 data-event selectors of ${label}`);
        }
        if (halfOnly !== undefined) {
            return ctx.violation(
                `${label} records no S3 data-event ${halfOnly}${patterns.length === 0 ? "" : ` for data buckets matching ${missing.map((m) => `"${m}"`).join(", ")}`}; ` +
                    'set readWriteType "All" on the S3 data-event selector (advanced selectors: drop the readOnly condition).',
            );
        }
        ctx.violation(
            patterns.length === 0
                ? `${label} records no S3 data events; add an event selector with a dataResources entry of type AWS::S3::Object naming the data buckets.`
                : `${label} records no S3 data events for data buckets matching ${missing.map((m) => `"${m}"`).join(", ")}; add their ARNs (arn:<partition>:s3:::<bucket>/) to an AWS::S3::Object data-event selector.`,
        );
    },
});
