import { GOVCLOUD_REGIONS } from "../lib/allowed";
import { partitionOf } from "../lib/arn";
import { isProduction } from "./rules";
import { RawSettings } from "./schema";

/** Where the service's image comes from: built from source (staging) or pinned by digest (prod). */
export type ImageSource = { kind: "build"; context: string } | { kind: "digest"; digest: string };

export interface EstateSettings {
    stack: string;
    isProd: boolean;
    accountId: string;
    region: (typeof GOVCLOUD_REGIONS)[number];
    partition: string;
    namePrefix: string;
    /** The required tags from `aws:defaultTags` (also applied by the provider). */
    tags: Readonly<Record<string, string>>;
    network: RawSettings["govstack:network"];
    edge: RawSettings["govstack:edge"];
    database: RawSettings["govstack:database"] & { maxAllocatedStorage: number; engineMajor: number };
    cache: RawSettings["govstack:cache"];
    service: Omit<RawSettings["govstack:service"], "imageDigest" | "buildContext"> & { image: ImageSource };
    observability: RawSettings["govstack:observability"];
    storage: RawSettings["govstack:storage"];
    /**
     * Security baseline, backups and DR; `drRegion` defaults to the other GovCloud region. Backups
     * keep recovery points for `database.backupRetentionDays`.
     */
    baseline: Omit<RawSettings["govstack:baseline"], "drRegion"> & { drRegion: (typeof GOVCLOUD_REGIONS)[number] };
}

/** Shapes schema-valid, rule-checked settings into what the estate is built from. */
export function toSettings(stack: string, s: RawSettings): EstateSettings {
    const { imageDigest, buildContext, ...service } = s["govstack:service"];
    const db = s["govstack:database"];
    return {
        stack,
        isProd: isProduction(stack, s),
        accountId: s["govstack:accountId"],
        region: s["aws:region"],
        partition: partitionOf(s["aws:region"]),
        namePrefix: s["govstack:namePrefix"],
        tags: { ...s["aws:defaultTags"].tags },
        network: s["govstack:network"],
        edge: s["govstack:edge"],
        database: {
            ...db,
            // Storage autoscaling up to 4× by default: a full disk is an outage (CP-10).
            maxAllocatedStorage: db.maxAllocatedStorage ?? db.allocatedStorage * 4,
            // The schema accepts the major version only ("16").
            engineMajor: Number(db.engineVersion),
        },
        cache: s["govstack:cache"],
        service: {
            ...service,
            image: imageDigest !== undefined ? { kind: "digest", digest: imageDigest } : { kind: "build", context: buildContext },
        },
        observability: s["govstack:observability"],
        storage: s["govstack:storage"],
        baseline: {
            ...s["govstack:baseline"],
            drRegion: s["govstack:baseline"].drRegion ?? otherGovCloudRegion(s["aws:region"]),
        },
    };
}

/** The GovCloud region a stack's backups are copied to unless `drRegion` says otherwise. */
function otherGovCloudRegion(region: (typeof GOVCLOUD_REGIONS)[number]): (typeof GOVCLOUD_REGIONS)[number] {
    return region === "us-gov-west-1" ? "us-gov-east-1" : "us-gov-west-1";
}
