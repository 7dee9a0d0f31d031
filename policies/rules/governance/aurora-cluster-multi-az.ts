// aurora-cluster-multi-az: production Aurora clusters have at least two instances, not all in one
// Availability Zone, so a reader in another zone is promoted when the writer's zone fails (CP-7,
// CP-10). A stack policy: the members are separate aws.rds.ClusterInstance resources. Prod-only:
// scope "prod" (advisory in staging).

import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, StackResource, stackPolicy } from "../../lib";

export const auroraClusterMultiAz = stackPolicy({
    name: "aurora-cluster-multi-az",
    description:
        "Production Aurora clusters must have at least two instances, not all pinned to one Availability Zone, so a reader " +
        "in another zone is promoted when the writer's zone fails (CP-7, CP-10). A computed availabilityZone that could " +
        "put them all in one zone is a cannot-verify advisory.",
    summary: "Production Aurora clusters have at least two instances, spread over Availability Zones",
    scope: "prod",
    severity: "high",
    controls: ["CP-7", "CP-10"],
    remediationSteps: "Add a second aws.rds.ClusterInstance (a reader) to the cluster and leave availabilityZone unset (or set a different zone).",
    resourceTypes: [RDS_CLUSTER, RDS_CLUSTER_INSTANCE],
    triggerType: RDS_CLUSTER,
    noVerdict: [
        {
            when: "a cluster's engine is not Aurora (a Multi-AZ DB cluster: mysql/postgres), or its engineMode is serverless (v1)",
            why: "a Multi-AZ DB cluster always spans three zones; Aurora Serverless v1 has no instances to spread",
        },
        {
            when: "an instance leaves availabilityZone unset, or two instances pin different zones",
            why: "RDS places an instance without a zone away from the others; two pinned zones are already spread",
        },
    ],
    validate: (ctx) => {
        const members = new Map<string, StackResource[]>();
        let unresolved = 0;
        for (const ci of ctx.ofType(RDS_CLUSTER_INSTANCE)) {
            const refs = ctx.resolveRefs(ci, "clusterIdentifier", [RDS_CLUSTER], ["clusterIdentifier", "id"]);
            refs.resources.forEach((c) => members.set(c.urn, [...(members.get(c.urn) ?? []), ci]));
            unresolved += refs.unresolved;
        }
        for (const cluster of ctx.ofType(RDS_CLUSTER)) {
            const engine = ctx.readString(cluster, "engine", { quiet: true });
            const mode = ctx.readString(cluster, "engineMode", { quiet: true });
            if ((!engine.ok && !engine.unknown) || (!mode.ok && !mode.unknown)) {
                continue; // malformed: reported against the cluster
            }
            // Multi-AZ DB clusters (engine mysql/postgres) always span three zones; Serverless v1 has no instances.
            if (engine.ok && engine.value !== undefined && !engine.value.startsWith("aurora")) {
                continue;
            }
            if (mode.ok && mode.value === "serverless") {
                continue;
            }
            const list = members.get(cluster.urn) ?? [];
            if (list.length < 2) {
                if (unresolved > 0 || !engine.ok || !mode.ok) {
                    ctx.cannotVerify(cluster, `the instances of Aurora cluster "${cluster.name}"`);
                } else {
                    ctx.violation(cluster, `Aurora cluster "${cluster.name}" has ${list.length} instance(s); add a reader in another Availability Zone (at least 2 instances).`);
                }
                continue;
            }
            // An instance without availabilityZone is placed by RDS (spread from the others); two
            // different pinned zones settle it too. Otherwise an unknown zone could still be the
            // pinned one (or all could be the same): advisory, never a violation.
            const zones = list.map((ci) => ctx.readString(ci, "availabilityZone", { quiet: true }));
            if (zones.some((z) => !z.ok && !z.unknown)) {
                continue; // a malformed zone: reported against its instance
            }
            const known = zones.flatMap((z) => (z.ok ? [z.value] : []));
            const pinned = new Set(known.filter((z): z is string => z !== undefined && z !== ""));
            if (pinned.size > 1 || known.some((z) => z === undefined || z === "")) {
                continue;
            }
            const zone = [...pinned][0];
            if (known.length < zones.length) {
                const why = zone === undefined ? "" : ` (the known ones are all in ${zone})`;
                ctx.cannotVerify(cluster, `the Availability Zones of the instances of Aurora cluster "${cluster.name}"${why}`);
            } else {
                ctx.violation(cluster, `Aurora cluster "${cluster.name}" has all its instances in ${zone}; spread them over Availability Zones.`);
            }
        }
    },
});
