// Where a bucket's objects are replicated to, for s3-data-bucket-replicated-or-backed-up: the
// aws.s3.BucketReplicationConfig resources tied to the bucket (by its name or a property
// dependency) and the deprecated inline blocks (Bucket `replicationConfiguration`, BucketV2
// `replicationConfigurations`), each rule's status and
// destination bucket, and the regions of source and destination (a resource's own `region` input,
// else its provider's, else the stack's default provider's). What cannot be proven is "unknown".

import { AWS_PROVIDER, ownValue, S3_BUCKET_REF_KEYS, S3_BUCKET_TYPES, StackContext, StackResource, STRING, typed } from "../../lib";
import { Verdict } from "./verdict";
import { S3_BUCKET_REPLICATION_CONFIG } from "./resource-types";

/** The rule statuses S3 defines (ReplicationRuleStatus). */
const RULE_STATUSES = ["Enabled", "Disabled"] as const;

export type Region = { readonly kind: "known"; readonly value: string } | { readonly kind: "unknown" };

/**
 * A resource's region: its own `region` input (@pulumi/aws 7), else its provider's, else the
 * stack's default provider's. provider-allowed-regions reports a malformed one; here it is unknown.
 */
export function regionOf(r: StackResource, defaultProvider: StackResource | undefined): Region {
    const own = typed(ownValue(r.props, "region"), STRING);
    if (own.kind !== "ok") {
        return { kind: "unknown" };
    }
    if (own.value !== undefined && own.value !== "") {
        return { kind: "known", value: own.value };
    }
    const provider = r.provider?.props ?? defaultProvider?.props;
    const region = provider ? typed(ownValue(provider, "region"), STRING) : undefined;
    return region?.kind === "ok" && region.value !== undefined && region.value !== "" ? { kind: "known", value: region.value } : { kind: "unknown" };
}

/** The stack's default AWS provider (a resource on it may arrive without its provider). */
export function defaultProviderOf<C>(ctx: StackContext<C>): StackResource | undefined {
    return ctx.ofType(AWS_PROVIDER).find((p) => p.name.startsWith("default"));
}

/** The bucket name in an S3 bucket ARN (`arn:<partition>:s3:::<name>`), or the text itself when it is not one. */
function bucketNameOf(destination: string): string {
    const at = destination.indexOf(":::");
    return destination.startsWith("arn:") && at >= 0 ? destination.slice(at + 3) : destination;
}

/** One replication configuration: where its rules live, and the property whose dependencies name the destinations. */
interface ReplicationSource {
    readonly owner: StackResource;
    readonly rules: string;
    readonly depsOf: string;
    /** Where a rule names its destination bucket (BucketV2's inline rules hold a `destinations` list). */
    readonly destination: string;
}

export interface ReplicationView {
    /** Per source bucket URN: is it replicated to another allowed region? */
    readonly verdictOf: (bucket: StackResource) => Verdict;
    /** Buckets that are the destination of a rule in this stack (replicas). */
    readonly destinations: ReadonlySet<string>;
}

/**
 * Ties every replication configuration to its source bucket and judges its rules. A rule counts
 * when its status is "Enabled" and its destination bucket (by ARN, or by the rules' property
 * dependencies when unknown) is in an allowed region other than the source's.
 */
export function replicationView<C>(ctx: StackContext<C>, allowedRegions: readonly string[]): ReplicationView {
    const defaultProvider = defaultProviderOf(ctx);
    const buckets = ctx.ofType(...S3_BUCKET_TYPES);
    const byName = new Map<string, StackResource>();
    for (const b of buckets) {
        const name = typed(ownValue(b.props, "bucket"), STRING);
        if (name.kind === "ok" && name.value !== undefined && name.value !== "" && !byName.has(name.value)) {
            byName.set(name.value, b);
        }
    }
    const bucketTypes = new Set<string>(S3_BUCKET_TYPES);
    const sources = new Map<string, ReplicationSource[]>();
    let unresolved = 0;
    for (const rc of ctx.ofType(S3_BUCKET_REPLICATION_CONFIG)) {
        const refs = ctx.resolveRefs(rc, "bucket", S3_BUCKET_TYPES, S3_BUCKET_REF_KEYS);
        unresolved += refs.unresolved;
        refs.resources.forEach((b) => sources.set(b.urn, [...(sources.get(b.urn) ?? []), { owner: rc, rules: "rules", depsOf: "rules", destination: "destination.bucket" }]));
    }
    for (const b of buckets) {
        const inline = ctx.read(b.props, "replicationConfiguration");
        if (!inline.known || (inline.value !== undefined && inline.value !== null)) {
            sources.set(b.urn, [...(sources.get(b.urn) ?? []), { owner: b, rules: "replicationConfiguration.rules", depsOf: "replicationConfiguration", destination: "destination.bucket" }]);
        }
        // BucketV2's deprecated inline list (one configuration).
        const inlineV2 = ctx.read(b.props, "replicationConfigurations");
        if (!inlineV2.known || (inlineV2.value !== undefined && inlineV2.value !== null)) {
            sources.set(b.urn, [
                ...(sources.get(b.urn) ?? []),
                { owner: b, rules: "replicationConfigurations.0.rules", depsOf: "replicationConfigurations", destination: "destinations.0.bucket" },
            ]);
        }
    }
    const destinations = new Set<string>();
    // Per source: rule verdicts; destinations collected on the way.
    const judged = new Map<string, Verdict>();
    for (const b of buckets) {
        const list = sources.get(b.urn) ?? [];
        if (list.length === 0) {
            continue;
        }
        const here = regionOf(b, defaultProvider);
        const verdicts = list.map((src) => judgeRules(ctx, src, b, here));
        judged.set(b.urn, verdicts.includes("yes") ? "yes" : verdicts.includes("unknown") ? "unknown" : "no");
    }

    function judgeRules(c: StackContext<C>, src: ReplicationSource, source: StackResource, here: Region): Verdict {
        const rules = c.readArray(src.owner, src.rules, { quiet: true });
        if (!rules.ok) {
            return rules.unknown ? "unknown" : "no"; // malformed: reported
        }
        const deps = (src.owner.propertyDependencies[src.depsOf] ?? [])
            .map((u) => c.byUrn(u))
            .filter((r): r is StackResource => r !== undefined && bucketTypes.has(r.type) && r.urn !== source.urn);
        let verdict: Verdict = "no";
        (rules.value ?? []).forEach((rule, i) => {
            const at = `${src.rules}[${i}]`;
            const status = c.readEnum(src.owner, "status", RULE_STATUSES, { from: rule, at, quiet: true });
            const destination = c.readString(src.owner, src.destination, { from: rule, at, quiet: true });
            let targets: StackResource[];
            if (destination.ok && destination.value !== undefined && destination.value !== "") {
                const t = byName.get(bucketNameOf(destination.value));
                targets = t ? [t] : [];
            } else {
                targets = !destination.ok && destination.unknown ? deps : [];
            }
            targets.forEach((t) => destinations.add(t.urn));
            if (!status.ok) {
                verdict = status.unknown && verdict === "no" ? "unknown" : verdict;
                return;
            }
            if (status.value !== "Enabled") {
                return;
            }
            const v = destinationVerdict(targets, here, destination.ok ? destination.value : undefined);
            verdict = v === "yes" || verdict === "yes" ? "yes" : v === "unknown" || verdict === "unknown" ? "unknown" : "no";
        });
        return verdict;
    }

    function destinationVerdict(targets: readonly StackResource[], here: Region, named: string | undefined): Verdict {
        if (targets.length === 0) {
            // Not a bucket of this stack (or not named yet): its region cannot be proven here.
            return named === "" ? "no" : "unknown";
        }
        const each = targets.map((t): Verdict => {
            const there = regionOf(t, defaultProvider);
            if (there.kind === "unknown" || here.kind === "unknown") {
                return "unknown";
            }
            return there.value !== here.value && allowedRegions.includes(there.value) ? "yes" : "no";
        });
        return each.every((v) => v === "yes") ? "yes" : each.every((v) => v === "no") ? "no" : "unknown";
    }

    return {
        destinations,
        verdictOf: (bucket) => {
            const v = judged.get(bucket.urn);
            // A configuration whose bucket could not be tied might be this bucket's.
            return v === "yes" ? "yes" : v === "unknown" || unresolved > 0 ? "unknown" : "no";
        },
    };
}
