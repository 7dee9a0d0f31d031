// guardduty-detector-enabled: a stack that runs a workload has the account's GuardDuty detector,
// enabled, with S3 Protection and Malware Protection for EC2 on (SI-4 monitoring, SI-3 malicious
// code, RA-5, IR-4). A feature counts when an aws.guardduty.DetectorFeature tied to the detector
// (detectorId by value or property dependency) enables it, or the detector's deprecated
// `datasources` block does; an explicit DISABLED anywhere wins. GovCloud availability of each
// feature: docs/baseline.md ("GovCloud availability").

import { GUARDDUTY_DETECTOR, GUARDDUTY_DETECTOR_FEATURE, stackPolicy, StackContext, StackResource } from "../../lib";
import {
    ACCOUNT_SERVICE_OPTIONS,
    serviceDeclared,
} from "./account-services";

/** GuardDuty's DetectorFeature enum (botocore guardduty 2017-11-28 service-2.json, `DetectorFeature`). */
export const DETECTOR_FEATURES = [
    "S3_DATA_EVENTS",
    "EKS_AUDIT_LOGS",
    "EBS_MALWARE_PROTECTION",
    "RDS_LOGIN_EVENTS",
    "LAMBDA_NETWORK_LOGS",
    "EKS_RUNTIME_MONITORING",
    "RUNTIME_MONITORING",
    "AI_PROTECTION",
    "AI_ANALYST",
] as const;
type Feature = (typeof DETECTOR_FEATURES)[number];

/** `FeatureStatus` (same file). */
const FEATURE_STATUS = ["ENABLED", "DISABLED"] as const;

/** The deprecated `datasources` switch of a feature, where the detector has one. */
const DATASOURCE_PATHS: Partial<Record<Feature, string>> = {
    S3_DATA_EVENTS: "datasources.s3Logs.enable",
    EKS_AUDIT_LOGS: "datasources.kubernetes.auditLogs.enable",
    EBS_MALWARE_PROTECTION: "datasources.malwareProtection.scanEc2InstanceWithFindings.ebsVolumes.enable",
};

type State = "on" | "off" | "unknown" | "missing";

/** One DetectorFeature as read: its name (undefined when unknown) and status. */
interface FeatureSetting {
    readonly name: Feature | undefined;
    readonly status: "on" | "off" | "unknown";
}

function readFeature(ctx: StackContext<unknown>, f: StackResource): FeatureSetting | undefined {
    const name = ctx.readEnum(f, "name", DETECTOR_FEATURES, { quiet: true });
    const status = ctx.readEnum(f, "status", FEATURE_STATUS, { quiet: true });
    if ((!name.ok && !name.unknown) || (!status.ok && !status.unknown)) {
        return undefined; // malformed: reported against the feature, counts for nothing
    }
    if (name.ok && name.value === undefined) {
        return undefined; // no feature named
    }
    const on = status.ok ? (status.value === "ENABLED" ? "on" : "off") : "unknown";
    return { name: name.ok ? name.value : undefined, status: on };
}

function combine(states: readonly ("on" | "off" | "unknown")[]): State {
    if (states.includes("off")) {
        return "off"; // an explicit DISABLED (or enable: false) fights the other setting on every deploy
    }
    if (states.includes("on")) {
        return "on";
    }
    return states.length > 0 ? "unknown" : "missing";
}

export const guarddutyDetectorEnabled = stackPolicy({
    name: "guardduty-detector-enabled",
    description:
        "A stack that runs a workload (a database, an ECS service or a load balancer by default) declares the account's " +
        "GuardDuty detector, enabled (`enable` not false), with the features of `requiredFeatures` on — by default " +
        "S3_DATA_EVENTS (S3 Protection) and EBS_MALWARE_PROTECTION (Malware Protection for EC2), both offered in the " +
        "GovCloud regions (docs/baseline.md) — so threats against the account, its data and its hosts are detected (SI-4, " +
        "SI-3, RA-5, IR-4). A feature is on when an aws.guardduty.DetectorFeature tied to the detector (detectorId, by " +
        "value or property dependency) has status ENABLED, or the deprecated `datasources` block enables it; DISABLED " +
        "anywhere wins. A declared detector is judged in every stack; a stack whose pack config names another stack in " +
        "accountServicesOwner passes with an advisory naming it. Malware Protection for S3 (aws.guardduty.MalwareProtectionPlan, " +
        "per bucket) is not a detector feature and is not required.",
    summary: "A workload stack declares an enabled GuardDuty detector with S3 and malware protection (or names the stack that does)",
    severity: "high",
    controls: ["SI-4", "SI-3", "RA-5", "IR-4"],
    remediationSteps:
        "Declare an aws.guardduty.Detector with `enable: true` and, for each required feature, an aws.guardduty.DetectorFeature " +
        "with `detectorId: detector.id`, `name` (e.g. \"S3_DATA_EVENTS\", \"EBS_MALWARE_PROTECTION\") and `status: \"ENABLED\"` — " +
        "in govstack, set `govstack:baseline.detection: true` in the stack that owns the account's detection services — or, in " +
        "a stack that does not own them, set this policy's `accountServicesOwner` to the stack that does.",
    resourceTypes: [GUARDDUTY_DETECTOR, GUARDDUTY_DETECTOR_FEATURE, ...ACCOUNT_SERVICE_OPTIONS.workloadTypes.default],
    noVerdict: [
        {
            when: "the stack declares no detector and has no resource of workloadTypes",
            why: "a stack without a workload (a shared network or key stack) holds nothing GuardDuty protects; the account's detector is declared where the workload runs",
        },
    ],
    options: {
        ...ACCOUNT_SERVICE_OPTIONS,
        requiredFeatures: {
            type: "array",
            items: { type: "string", enum: DETECTOR_FEATURES },
            default: ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION"],
            description: "GuardDuty features (DetectorFeature names) every detector must enable.",
        },
    },
    validate: (ctx) => {
        const detectors = ctx.ofType(GUARDDUTY_DETECTOR);
        const fix = "declare an aws.guardduty.Detector with enable: true and its S3 and malware protection features";
        if (!serviceDeclared(ctx, detectors, "GuardDuty", "declares no GuardDuty detector", fix)) {
            return;
        }
        // Each feature resource, read once, by the detector it is tied to; untied ones are kept apart.
        const tied = new Map<string, FeatureSetting[]>();
        const untied: FeatureSetting[] = [];
        for (const f of ctx.ofType(GUARDDUTY_DETECTOR_FEATURE)) {
            const setting = readFeature(ctx, f);
            if (!setting) {
                continue;
            }
            const refs = ctx.resolveRefs(f, "detectorId", [GUARDDUTY_DETECTOR], ["id"]);
            for (const d of refs.resources) {
                tied.set(d.urn, [...(tied.get(d.urn) ?? []), setting]);
            }
            if (refs.resources.length === 0 && refs.unresolved > 0) {
                untied.push(setting);
            }
        }
        for (const detector of detectors) {
            judgeDetector(ctx, detector, tied.get(detector.urn) ?? [], untied);
        }
    },
});

function judgeDetector(
    ctx: StackContext<{ readonly requiredFeatures: readonly string[] }>,
    detector: StackResource,
    features: readonly FeatureSetting[],
    untied: readonly FeatureSetting[],
): void {
    const enable = ctx.readBoolean(detector, "enable");
    if (!enable.ok) {
        return; // unknown (reported) or malformed (reported): nothing else decides
    }
    if (enable.value === false) {
        ctx.violation(detector, `GuardDuty detector "${detector.name}" is disabled (enable: false); set enable: true.`);
        return;
    }
    const short: string[] = [];
    const open: string[] = [];
    for (const name of ctx.config.requiredFeatures as readonly Feature[]) {
        // A feature whose name is unknown may be this one, in whatever state: it only leaves the question open.
        const states = features.flatMap((f) => (f.name === name ? [f.status] : f.name === undefined ? ["unknown" as const] : []));
        const path = DATASOURCE_PATHS[name];
        if (path !== undefined) {
            const legacy = ctx.readBoolean(detector, path, { quiet: true });
            if (legacy.ok && legacy.value !== undefined) {
                states.push(legacy.value ? "on" : "off");
            } else if (!legacy.ok && legacy.unknown) {
                states.push("unknown");
            }
        }
        const state = combine(states);
        // A feature resource whose detectorId names no detector here may still be this one's: not a violation.
        const maybe = state === "missing" && untied.some((f) => f.name === name || f.name === undefined);
        if (state === "off") {
            short.push(`${name} (DISABLED)`);
        } else if (state === "missing" && !maybe) {
            short.push(`${name} (not declared)`);
        } else if (state === "unknown" || maybe) {
            open.push(name);
        }
    }
    if (short.length > 0) {
        ctx.violation(
            detector,
            `GuardDuty detector "${detector.name}" does not enable ${short.join(", ")}; declare an aws.guardduty.DetectorFeature ` +
                'with detectorId: the detector\'s id and status: "ENABLED" for each.',
        );
    } else if (open.length > 0) {
        ctx.cannotVerify(detector, `whether GuardDuty detector "${detector.name}" enables ${open.join(", ")}`);
    }
}
