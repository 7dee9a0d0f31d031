// config-recorder-enabled: a stack that runs a workload has the account's AWS Config recorder,
// recording, started, delivering and keeping its history for 7 years (CM-8 inventory, CM-3 change
// history, CA-7 continuous monitoring, AU-11 retention). The recorder status names its recorder
// (`name`, by value or property dependency); the delivery channel and the retention configuration
// name none (AWS keeps one of each per account and region), so they are tied by region.

import {
    CONFIG_DELIVERY_CHANNEL,
    CONFIG_RECORDER,
    CONFIG_RECORDER_STATUS,
    CONFIG_RETENTION_CONFIGURATION,
    stackPolicy,
    StackContext,
    StackResource,
} from "../../lib";
import {
    ACCOUNT_SERVICE_OPTIONS,
    Region,
    regionOf,
    sameRegion,
    serviceDeclared,
} from "./account-services";

/** `RecordingStrategyType` (botocore config 2014-11-12 service-2.json). */
const RECORDING_STRATEGIES = ["ALL_SUPPORTED_RESOURCE_TYPES", "INCLUSION_BY_RESOURCE_TYPES", "EXCLUSION_BY_RESOURCE_TYPES"] as const;

/** The name AWS (and the provider) gives a recorder whose `name` is not set. */
const DEFAULT_NAME = "default";

type Tie = "yes" | "no" | "unknown";

interface Located {
    readonly resource: StackResource;
    readonly region: Region;
}

function located(ctx: StackContext<unknown>, type: string): Located[] {
    return ctx.ofType(type).map((resource) => ({ resource, region: regionOf(ctx, resource) }));
}

/** Whether the recorder records at least one resource type: yes, no, unknown (or malformed, reported). */
function records(ctx: StackContext<unknown>, recorder: StackResource): "yes" | "no" | "unknown" {
    const all = ctx.readBoolean(recorder, "recordingGroup.allSupported", { quiet: true });
    const types = ctx.readArray(recorder, "recordingGroup.resourceTypes", { quiet: true });
    const strategy = ctx.readEnum(recorder, "recordingGroup.recordingStrategies.0.useOnly", RECORDING_STRATEGIES, { quiet: true });
    if ((!all.ok && !all.unknown) || (!types.ok && !types.unknown) || (!strategy.ok && !strategy.unknown)) {
        return "unknown"; // malformed: reported against the recorder
    }
    if (all.ok && all.value !== false) {
        return "yes"; // allSupported defaults to true
    }
    if ((types.ok && (types.value ?? []).length > 0) || (strategy.ok && strategy.value === "EXCLUSION_BY_RESOURCE_TYPES")) {
        return "yes";
    }
    return all.ok && types.ok && strategy.ok ? "no" : "unknown";
}

/** Whether a recorder status names the recorder (by name, same region). */
function statusTie(ctx: StackContext<unknown>, status: Located, recorder: Located): Tie {
    const region = sameRegion(status.region, recorder.region);
    if (region === "no") {
        return "no";
    }
    const name = ctx.readString(status.resource, "name", { quiet: true });
    if (!name.ok) {
        if (!name.unknown) {
            return "no"; // malformed: reported
        }
        return (status.resource.propertyDependencies.name ?? []).includes(recorder.resource.urn) ? region : "unknown";
    }
    const own = ctx.readString(recorder.resource, "name", { quiet: true });
    if (!own.ok) {
        return own.unknown ? "unknown" : "no";
    }
    const match = (name.value ?? DEFAULT_NAME) === (own.value ?? DEFAULT_NAME);
    return match ? region : "no";
}

export const configRecorderEnabled = stackPolicy({
    name: "config-recorder-enabled",
    description:
        "A stack that runs a workload (a database, an ECS service or a load balancer by default) declares the account's " +
        "AWS Config recorder: recording every supported resource type (`recordingGroup.allSupported`, the default) or an " +
        "explicit list; started by an aws.cfg.RecorderStatus with `isEnabled: true` that names it (`name`, by value or " +
        "property dependency); delivering through an aws.cfg.DeliveryChannel to an S3 bucket; and keeping configuration " +
        "history for at least `minRetentionDays` (2557 days, 7 years, by default) through an explicit " +
        "aws.cfg.RetentionConfiguration — so the account's inventory and change history exist and are kept (CM-8, CM-3, " +
        "CA-7, AU-11). The delivery channel and the retention configuration name no recorder (AWS keeps one of each per " +
        "account and region): they count for the recorder in their region. A stack whose pack config names another stack " +
        "in accountServicesOwner passes with an advisory naming it.",
    summary: "A workload stack runs an AWS Config recorder, started, with a delivery channel and 7-year retention (or names its owner)",
    severity: "high",
    controls: ["CM-8", "CM-3", "CA-7", "AU-11"],
    remediationSteps:
        "Declare an aws.cfg.Recorder (`recordingGroup: { allSupported: true, includeGlobalResourceTypes: true }`), an " +
        "aws.cfg.RecorderStatus with `name: recorder.name` and `isEnabled: true`, an aws.cfg.DeliveryChannel with " +
        "`s3BucketName` (and `s3KmsKeyArn`), and an aws.cfg.RetentionConfiguration with `retentionPeriodInDays: 2557` — in " +
        "govstack, set `govstack:baseline.detection: true` in the stack that owns the account's detection services — or, " +
        "in a stack that does not own them, set this policy's `accountServicesOwner` to the stack that does.",
    resourceTypes: [CONFIG_RECORDER, CONFIG_RECORDER_STATUS, CONFIG_DELIVERY_CHANNEL, CONFIG_RETENTION_CONFIGURATION, ...ACCOUNT_SERVICE_OPTIONS.workloadTypes.default],
    noVerdict: [
        {
            when: "the stack declares no recorder and has no resource of workloadTypes",
            why: "a stack without a workload holds nothing to inventory on its behalf; the account's recorder is declared where the workload runs",
        },
    ],
    options: {
        ...ACCOUNT_SERVICE_OPTIONS,
        minRetentionDays: {
            type: "integer",
            default: 2557,
            minimum: 30,
            maximum: 2557,
            description: "Fewest days AWS Config keeps configuration history (AWS allows 30–2557; 2557 is 7 years).",
        },
    },
    validate: (ctx) => {
        const recorders = located(ctx, CONFIG_RECORDER);
        const fix = "declare an aws.cfg.Recorder with a RecorderStatus (isEnabled: true), a DeliveryChannel and a RetentionConfiguration";
        if (!serviceDeclared(ctx, recorders, "AWS Config", "declares no AWS Config recorder", fix)) {
            return;
        }
        const statuses = located(ctx, CONFIG_RECORDER_STATUS);
        const channels = located(ctx, CONFIG_DELIVERY_CHANNEL);
        const retentions = located(ctx, CONFIG_RETENTION_CONFIGURATION);
        // A retention configuration too short is reported once, on itself.
        const minDays = ctx.config.minRetentionDays;
        const longEnough = new Map(
            retentions.map((r) => {
                const days = ctx.readNumber(r.resource, "retentionPeriodInDays");
                if (days.ok && (days.value === undefined || days.value < minDays)) {
                    ctx.violation(
                        r.resource,
                        `AWS Config retention configuration "${r.resource.name}" keeps configuration history for ` +
                            `${days.value === undefined ? "an unset number of" : days.value} days; set retentionPeriodInDays to at least ${minDays}.`,
                    );
                }
                return [r, days.ok ? days.value !== undefined && days.value >= minDays : undefined] as const;
            }),
        );
        for (const recorder of recorders) {
            judgeRecorder(ctx, recorder, { statuses, channels, retentions, longEnough, minDays });
        }
    },
});

interface Peers {
    readonly statuses: readonly Located[];
    readonly channels: readonly Located[];
    readonly retentions: readonly Located[];
    /** Each retention configuration: long enough, too short, or undefined when unknown or malformed. */
    readonly longEnough: ReadonlyMap<Located, boolean | undefined>;
    readonly minDays: number;
}

function judgeRecorder(ctx: StackContext<unknown>, recorder: Located, { statuses, channels, retentions, longEnough, minDays }: Peers): void {
    const r = recorder.resource;
    const label = `AWS Config recorder "${r.name}"`;
    const open: string[] = [];
    const recording = records(ctx, r);
    if (recording === "no") {
        ctx.violation(r, `${label} records no resource type (recordingGroup.allSupported is false and no resourceTypes); set recordingGroup.allSupported to true.`);
    } else if (recording === "unknown") {
        open.push("records resources");
    }

    // Started: a status that names it with isEnabled true.
    const tied = statuses.map((s) => ({ s, tie: statusTie(ctx, s, recorder) }));
    const enabled = tied
        .filter((t) => t.tie === "yes")
        .map((t) => {
            const on = ctx.readBoolean(t.s.resource, "isEnabled", { quiet: true });
            return on.ok ? (on.value === true ? "on" : "off") : on.unknown ? "unknown" : "malformed";
        });
    if (!enabled.includes("on")) {
        if (enabled.includes("unknown") || tied.some((t) => t.tie === "unknown")) {
            open.push("is started");
        } else if (!enabled.includes("malformed")) {
            const why = enabled.includes("off") ? "its aws.cfg.RecorderStatus has isEnabled false" : "no aws.cfg.RecorderStatus names it";
            ctx.violation(r, `${label} is not started (${why}); declare an aws.cfg.RecorderStatus with name: the recorder's name and isEnabled: true.`);
        }
    }

    // Delivering: a channel in its region with a bucket.
    const inRegion = (list: readonly Located[]) => list.map((l) => ({ l, tie: sameRegion(l.region, recorder.region) }));
    const delivery = inRegion(channels).map(({ l, tie }) => {
        if (tie !== "yes") {
            return tie;
        }
        const bucket = ctx.readString(l.resource, "s3BucketName", { quiet: true });
        return bucket.ok ? (bucket.value !== undefined && bucket.value !== "" ? "yes" : "no") : bucket.unknown ? "yes" : "no";
    });
    if (!delivery.includes("yes")) {
        if (delivery.includes("unknown")) {
            open.push("has a delivery channel");
        } else {
            ctx.violation(r, `${label} has no delivery channel in its region; declare an aws.cfg.DeliveryChannel with s3BucketName (the audit bucket) and s3KmsKeyArn.`);
        }
    }

    // Kept: a retention configuration in its region (one that is too short is reported on itself).
    const kept = inRegion(retentions).map(({ l, tie }) => (tie === "yes" ? longEnough.get(l) : tie === "unknown" ? undefined : false));
    if (!kept.includes(true) && !retentions.some((l) => longEnough.get(l) === false && sameRegion(l.region, recorder.region) === "yes")) {
        if (kept.includes(undefined)) {
            open.push("keeps its history long enough");
        } else {
            ctx.violation(
                r,
                `${label} has no aws.cfg.RetentionConfiguration in its region; declare one with retentionPeriodInDays: ${minDays} ` +
                    "so the retention is explicit and reviewed.",
            );
        }
    }
    if (open.length > 0) {
        ctx.cannotVerify(r, `whether ${label} ${open.join(", ")}`);
    }
}
