// rds-parameter-group-requires-tls: the database engine itself must refuse unencrypted client
// connections (SC-8/SC-8(1)); a security group cannot. Judged on parameter groups (the TLS parameter
// must be on) and on databases that name no group: AWS's default group cannot be edited and, except
// for RDS for PostgreSQL 15+, does not force TLS. Which parameter, and its default, per engine family
// is in rds-tls-parameters.ts.

import { labelOf, RDS_CLUSTER, RDS_INSTANCE, ResourceContext, resourcePolicy, STRING_OR_NUMBER } from "../../lib";
import { NEWEST_VERSION, TLS_ENGINES, TlsParameter, tlsForEngine, tlsParameter } from "./rds-tls-parameters";
import { RDS_CLUSTER_PARAMETER_GROUP, RDS_PARAMETER_GROUP } from "./resource-types";

const DEFAULT_GROUP_TYPES: Readonly<Record<string, { group: string; resource: string }>> = {
    [RDS_INSTANCE]: { group: "default parameter group", resource: "aws.rds.ParameterGroup" },
    [RDS_CLUSTER]: { group: "default cluster parameter group", resource: "aws.rds.ClusterParameterGroup" },
};

/**
 * A database that names no parameter group runs with AWS's default group (default.<family>), which cannot be
 * edited and, except for RDS for PostgreSQL 15+, does not force TLS. A named group (even a computed name) is
 * judged as an aws.rds.ParameterGroup / ClusterParameterGroup instead.
 */
function judgeDefaultGroup(ctx: ResourceContext<unknown>): void {
    const isInstance = ctx.type === RDS_INSTANCE;
    const groupPath = isInstance ? "parameterGroupName" : "dbClusterParameterGroupName";
    const group = ctx.readString(groupPath, { quiet: true });
    if (!group.ok || (group.value !== undefined && group.value !== "" && !group.value.startsWith("default."))) {
        return;
    }
    const engine = ctx.readString("engine", { what: "engine (it decides whether the default parameter group requires TLS)" });
    if (!engine.ok) {
        return;
    }
    if (engine.value === undefined || !TLS_ENGINES.test(engine.value)) {
        // No engine (a restore takes the snapshot's), legacy "aurora", Oracle, Db2, RDS Custom: not judged here.
        return;
    }
    const engineName = engine.value;
    if (isInstance) {
        const cluster = ctx.readString("clusterIdentifier", { quiet: true });
        if (engineName.startsWith("aurora-") || !cluster.ok || (cluster.value !== undefined && cluster.value !== "")) {
            // An Aurora member instance: TLS is a cluster-level parameter, judged on the cluster.
            return;
        }
        const source = ctx.readString("replicateSourceDb", { quiet: true });
        if (!source.ok || (source.value !== undefined && source.value !== "" && !source.value.startsWith("arn:"))) {
            // A same-Region read replica without a group uses its source's DB parameter group (RDS API,
            // CreateDBInstanceReadReplica DBParameterGroupName); the source is judged. A cross-Region replica
            // (source given as an ARN) gets the engine's default group and is judged below.
            return;
        }
    }
    const kind = DEFAULT_GROUP_TYPES[ctx.type];
    const version = ctx.readAs("engineVersion", STRING_OR_NUMBER, { quiet: true });
    if (!version.ok && !version.unknown) {
        return; // malformed: reported
    }
    let tls: TlsParameter | undefined;
    let shown = engineName;
    if (!version.ok) {
        // Computed version: decide only if every version of the engine has the same default.
        const oldest = tlsForEngine(engineName, "0");
        const newest = tlsForEngine(engineName, NEWEST_VERSION);
        if (oldest === undefined || newest === undefined || oldest.defaultOn !== newest.defaultOn) {
            ctx.cannotVerify("engineVersion (the default parameter group's TLS setting depends on it)");
            return;
        }
        tls = newest;
    } else if (version.value === undefined || version.value === "") {
        tls = tlsForEngine(engineName, NEWEST_VERSION);
    } else {
        const text = typeof version.value === "number" ? version.value.toString() : version.value;
        shown = `${engineName} ${text}`;
        tls = tlsForEngine(engineName, text);
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
    const family = ctx.readString("family");
    if (!family.ok) {
        return;
    }
    const tls = family.value === undefined ? undefined : tlsParameter(family.value);
    if (!tls) {
        return;
    }
    if (ctx.type === RDS_PARAMETER_GROUP && family.value !== undefined && /^aurora-(postgresql|mysql)/.test(family.value)) {
        // Aurora: rds.force_ssl / require_secure_transport are cluster-level parameters. They exist only in
        // the DB cluster parameter group (judged below for aws.rds.ClusterParameterGroup); an Aurora
        // instance's DB parameter group cannot hold them, so requiring them there could never be met.
        return;
    }
    const parameters = ctx.readArray("parameters");
    if (!parameters.ok) {
        return;
    }
    // Every entry naming the parameter counts: listed twice ("1" then "0"), which one RDS keeps is
    // not ours to guess, so each must require TLS. A value is a string; a number ("1" written as 1)
    // is read as its decimal text.
    const values: Array<{ readonly known: true; readonly value: string | undefined } | { readonly known: false }> = [];
    let unknownName = false;
    for (const [i, p] of (parameters.value ?? []).entries()) {
        const at = `parameters[${i}]`;
        const name = ctx.readString("name", { from: p, at, quiet: true });
        if (!name.ok) {
            unknownName ||= name.unknown;
            continue;
        }
        if (name.value !== tls.name) {
            continue;
        }
        const value = ctx.readAs("value", STRING_OR_NUMBER, { from: p, at, quiet: true });
        if (value.ok) {
            values.push({ known: true, value: typeof value.value === "number" ? value.value.toString() : value.value });
        } else if (value.unknown) {
            values.push({ known: false });
        } else {
            return; // malformed: reported
        }
    }
    const off = values.find((v) => v.known && (v.value === undefined || !tls.on.includes(v.value)));
    const what = `Parameter group "${ctx.name}" (${family.value})`;
    if (off !== undefined || (values.length === 0 && !tls.defaultOn && !unknownName)) {
        const shown = off === undefined ? "unset" : off.known && off.value !== undefined ? JSON.stringify(off.value) : "undefined";
        ctx.violation(`${what} does not require TLS (${tls.name} is ${shown}); set ${tls.name} to "${tls.recommended}".`);
    } else if (values.some((v) => !v.known) || unknownName) {
        // An entry whose name is computed may be the TLS parameter, set either way.
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
        RDS_PARAMETER_GROUP,
        RDS_CLUSTER_PARAMETER_GROUP,
        RDS_INSTANCE,
        RDS_CLUSTER,
    ],
    noVerdict: [
        {
            when: "a database names a parameter group (parameterGroupName / dbClusterParameterGroupName other than default.*), even a computed one",
            why: "the named group is an aws.rds.ParameterGroup / ClusterParameterGroup, judged on its own",
        },
        {
            when: "the engine is not PostgreSQL, MySQL, MariaDB or SQL Server (Oracle, Db2, RDS Custom, legacy aurora), or not given (a restore)",
            why: "the policy knows no TLS-forcing parameter for those engines; a restored database takes the snapshot's engine and its group is judged when named",
        },
        {
            when: "an instance is an Aurora cluster member or a same-Region read replica (clusterIdentifier / replicateSourceDb set or unknown)",
            why: "Aurora TLS is a cluster-level parameter judged on the cluster; a same-Region replica uses its source's parameter group, judged on the source",
        },
        {
            when: "a parameter group's family has no TLS parameter known to the policy, or it is an Aurora DB (instance) parameter group",
            why: "Aurora's rds.force_ssl / require_secure_transport exist only in the DB cluster parameter group, which is judged",
        },
        {
            when: "a database without a group runs an engine version whose default group forces TLS (RDS for PostgreSQL 15+)",
            why: "that default group already refuses unencrypted connections",
        },
    ],
    validate: (ctx) => {
        if (ctx.type in DEFAULT_GROUP_TYPES) {
            judgeDefaultGroup(ctx);
        } else {
            judgeParameterGroup(ctx);
        }
    },
});
