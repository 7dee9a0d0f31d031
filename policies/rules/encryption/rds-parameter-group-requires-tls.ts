// rds-parameter-group-requires-tls: the database engine itself must refuse unencrypted client
// connections (SC-8/SC-8(1)); a security group cannot. Judged on parameter groups (the TLS parameter
// must be on) and on databases that name no group: AWS's default group cannot be edited and, except
// for RDS for PostgreSQL 15+, does not force TLS. Which parameter, and its default, per engine family
// is in rds-tls-parameters.ts.

import { labelOf, ResourceContext, resourcePolicy } from "../../lib";
import { NEWEST_VERSION, TLS_ENGINES, TlsParameter, tlsForEngine, tlsParameter } from "./rds-tls-parameters";

const DEFAULT_GROUP_TYPES: Readonly<Record<string, { group: string; resource: string }>> = {
    "aws:rds/instance:Instance": { group: "default parameter group", resource: "aws.rds.ParameterGroup" },
    "aws:rds/cluster:Cluster": { group: "default cluster parameter group", resource: "aws.rds.ClusterParameterGroup" },
};

/**
 * A database that names no parameter group runs with AWS's default group (default.<family>), which cannot be
 * edited and, except for RDS for PostgreSQL 15+, does not force TLS. A named group (even a computed name) is
 * judged as an aws.rds.ParameterGroup / ClusterParameterGroup instead.
 */
function judgeDefaultGroup(ctx: ResourceContext<unknown>): void {
    const isInstance = ctx.type === "aws:rds/instance:Instance";
    const groupPath = isInstance ? "parameterGroupName" : "dbClusterParameterGroupName";
    const group = ctx.read(groupPath);
    if (!group.known || (typeof group.value === "string" && group.value !== "" && !group.value.startsWith("default."))) {
        return;
    }
    const engine = ctx.read("engine");
    if (!engine.known) {
        ctx.cannotVerify("engine (it decides whether the default parameter group requires TLS)");
        return;
    }
    if (typeof engine.value !== "string" || !TLS_ENGINES.test(engine.value)) {
        // No engine (a restore takes the snapshot's), legacy "aurora", Oracle, Db2, RDS Custom: not judged here.
        return;
    }
    if (isInstance) {
        const cluster = ctx.read("clusterIdentifier");
        if (engine.value.startsWith("aurora-") || !cluster.known || (typeof cluster.value === "string" && cluster.value !== "")) {
            // An Aurora member instance: TLS is a cluster-level parameter, judged on the cluster.
            return;
        }
        const source = ctx.read("replicateSourceDb");
        if (!source.known || (typeof source.value === "string" && source.value !== "" && !source.value.startsWith("arn:"))) {
            // A same-Region read replica without a group uses its source's DB parameter group (RDS API,
            // CreateDBInstanceReadReplica DBParameterGroupName); the source is judged. A cross-Region replica
            // (source given as an ARN) gets the engine's default group and is judged below.
            return;
        }
    }
    const kind = DEFAULT_GROUP_TYPES[ctx.type];
    const version = ctx.read("engineVersion");
    let tls: TlsParameter | undefined;
    let shown = engine.value;
    if (!version.known) {
        // Computed version: decide only if every version of the engine has the same default.
        const oldest = tlsForEngine(engine.value, "0");
        const newest = tlsForEngine(engine.value, NEWEST_VERSION);
        if (oldest === undefined || newest === undefined || oldest.defaultOn !== newest.defaultOn) {
            ctx.cannotVerify("engineVersion (the default parameter group's TLS setting depends on it)");
            return;
        }
        tls = newest;
    } else if (version.value === undefined || version.value === null || version.value === "") {
        tls = tlsForEngine(engine.value, NEWEST_VERSION);
    } else {
        shown = `${engine.value} ${String(version.value)}`;
        tls = typeof version.value === "string" || typeof version.value === "number" ? tlsForEngine(engine.value, String(version.value)) : undefined;
        if (tls === undefined) {
            ctx.advisory(
                `${labelOf(ctx, "Database")} (${shown}) uses the ${kind.group}, and its engineVersion names no parameter group family, so ` +
                    `whether it requires TLS cannot be verified; give it an ${kind.resource} that requires TLS.`,
            );
            return;
        }
    }
    if (tls === undefined || tls.defaultOn) {
        return;
    }
    ctx.violation(
        `${labelOf(ctx, "Database")} (${shown}) uses the ${kind.group}, which does not require TLS (${tls.name} = ${tls.defaultValue}); ` +
            `give it an ${kind.resource} with ${tls.name} = ${tls.recommended}.`,
    );
}

/** An aws.rds.ParameterGroup / ClusterParameterGroup must set the TLS parameter on (or rely on a default that is on). */
function judgeParameterGroup(ctx: ResourceContext<unknown>): void {
    const family = ctx.read("family");
    if (!family.known) {
        ctx.cannotVerify("family");
        return;
    }
    const tls = typeof family.value === "string" ? tlsParameter(family.value) : undefined;
    if (!tls) {
        return;
    }
    if (ctx.type === "aws:rds/parameterGroup:ParameterGroup" && typeof family.value === "string" && /^aurora-(postgresql|mysql)/.test(family.value)) {
        // Aurora: rds.force_ssl / require_secure_transport are cluster-level parameters. They exist only in
        // the DB cluster parameter group (judged below for aws.rds.ClusterParameterGroup); an Aurora
        // instance's DB parameter group cannot hold them, so requiring them there could never be met.
        return;
    }
    const parameters = ctx.read("parameters");
    if (!parameters.known) {
        ctx.cannotVerify("parameters");
        return;
    }
    const list = Array.isArray(parameters.value) ? parameters.value : [];
    // Every entry naming the parameter counts: listed twice ("1" then "0"), which one RDS keeps is
    // not ours to guess, so each must require TLS.
    const values = list
        .filter((p) => {
            const name = ctx.read("name", p);
            return name.known && name.value === tls.name;
        })
        .map((entry) => ctx.read("value", entry));
    const off = values.find((v) => v.known && !tls.on.includes(String(v.value)));
    const what = `Parameter group "${ctx.name}" (${family.value})`;
    if (off !== undefined || (values.length === 0 && !tls.defaultOn)) {
        const shown = off?.known ? JSON.stringify(off.value) : "unset";
        ctx.violation(`${what} does not require TLS (${tls.name} is ${shown}); set ${tls.name} to "${tls.recommended}".`);
    } else if (values.some((v) => !v.known)) {
        ctx.cannotVerify(`parameter ${tls.name}`);
    }
}

export const rdsParameterGroupRequiresTls = resourcePolicy({
    name: "rds-parameter-group-requires-tls",
    description:
        "RDS and Aurora parameter groups for PostgreSQL, MySQL, MariaDB and SQL Server must make the engine refuse " +
        "unencrypted client connections (rds.force_ssl = 1 / require_secure_transport = ON). For Aurora these are " +
        "cluster-level parameters, required on the DB cluster parameter group (an Aurora instance's DB parameter group " +
        "cannot hold them). An RDS instance or RDS/Aurora cluster that names no parameter group runs with AWS's default " +
        "group, which does not require TLS (except RDS for PostgreSQL 15 and later), so it must be given one.",
    summary: "RDS and Aurora databases refuse unencrypted connections (rds.force_ssl / require_secure_transport on)",
    severity: "high",
    controls: ["SC-8", "SC-8(1)"],
    remediationSteps:
        "Add `{ name: \"rds.force_ssl\", value: \"1\" }` (PostgreSQL, SQL Server) or " +
        "`{ name: \"require_secure_transport\", value: \"ON\" }` (MySQL, MariaDB) to the parameter group's `parameters`, " +
        "and attach the group to the instance (`parameterGroupName`) or cluster (`dbClusterParameterGroupName`; Aurora: " +
        "an aws.rds.ClusterParameterGroup). A database without a group uses AWS's default group, which cannot be edited: " +
        "create an aws.rds.ParameterGroup / ClusterParameterGroup of the engine's family and attach it.",
    resourceTypes: [
        "aws:rds/parameterGroup:ParameterGroup",
        "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
    ],
    validate: (ctx) => {
        if (ctx.type in DEFAULT_GROUP_TYPES) {
            judgeDefaultGroup(ctx);
        } else {
            judgeParameterGroup(ctx);
        }
    },
});
