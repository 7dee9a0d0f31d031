// rds-log-exports-enabled: RDS, Aurora, DocumentDB and Neptune publish the engine's audit and error
// logs to CloudWatch Logs (AU-2, AU-3, AU-12), where they are kept, encrypted and alarmed on
// independently of the database (AU-9, AU-6).

import { DOCDB_CLUSTER, isUnknown, NEPTUNE_CLUSTER, RDS_CLUSTER, RDS_INSTANCE, resourcePolicy, STRING } from "../../lib";
import { RDS_CLUSTER_ENGINES, RDS_INSTANCE_ENGINES, RdsClusterEngine, RdsInstanceEngine } from "./resource-types";

/**
 * The engines AWS defines for each type (resource-types.ts; DocumentDB "docdb", Neptune
 * "neptune"), each with the logs it must export, or why it has none to judge. The required sets
 * follow cdk-nag's RDSLoggingEnabled (NIST 800-53 rev5 pack) — every audit and error log the engine
 * can export — and the log types AWS lists as valid per engine (EnableCloudwatchLogsExports):
 * - RDS for PostgreSQL: postgresql, upgrade. RDS for MySQL and MariaDB: audit, error, general,
 *   slowquery (audit needs the MARIADB_AUDIT_PLUGIN option, general/slow the parameters).
 * - RDS for Oracle: alert, audit, listener, trace (oemagent, the OEM agent's own log, exists only
 *   with the OEM_AGENT option and is not required). RDS for SQL Server: agent, error.
 *   RDS for Db2: diag.log, notify.log.
 * - Aurora MySQL ("aurora" is its 5.6-compatible name): audit, error, general, slowquery. Aurora
 *   PostgreSQL: postgresql. Multi-AZ DB clusters (RDS Cluster with engine mysql or postgres): the
 *   logs AWS offers them — MySQL error, general, slowquery (no audit); PostgreSQL postgresql, upgrade.
 * - DocumentDB: audit, profiler (KICS "DocDB Logging Is Disabled"). Neptune: audit (KICS
 *   "Neptune Logging Is Disabled"; slowquery is optional).
 */
type Requirement = { readonly logs: readonly string[] } | { readonly none: string };

const MYSQL_LOGS = ["audit", "error", "general", "slowquery"];
const POSTGRES_LOGS = ["postgresql", "upgrade"];
const ORACLE_LOGS = ["alert", "audit", "listener", "trace"];
const SQLSERVER_LOGS = ["agent", "error"];
const DB2_LOGS = ["diag.log", "notify.log"];
const NEPTUNE_LOGS = ["audit"];
const AURORA_INSTANCE = { none: "an Aurora instance's logs are exported by its cluster (aws.rds.Cluster), which this policy judges" };
const RDS_CUSTOM = { none: "RDS Custom does not export logs through enabledCloudwatchLogsExports (AWS: \"This setting doesn't apply to RDS Custom\")" };

const INSTANCE_ENGINES: Readonly<Record<RdsInstanceEngine, Requirement>> = {
    postgres: { logs: POSTGRES_LOGS },
    mysql: { logs: MYSQL_LOGS },
    mariadb: { logs: MYSQL_LOGS },
    "oracle-ee": { logs: ORACLE_LOGS },
    "oracle-ee-cdb": { logs: ORACLE_LOGS },
    "oracle-se2": { logs: ORACLE_LOGS },
    "oracle-se2-cdb": { logs: ORACLE_LOGS },
    "sqlserver-ee": { logs: SQLSERVER_LOGS },
    "sqlserver-se": { logs: SQLSERVER_LOGS },
    "sqlserver-ex": { logs: SQLSERVER_LOGS },
    "sqlserver-web": { logs: SQLSERVER_LOGS },
    "sqlserver-dev-ee": { logs: SQLSERVER_LOGS },
    "db2-ae": { logs: DB2_LOGS },
    "db2-ce": { logs: DB2_LOGS },
    "db2-se": { logs: DB2_LOGS },
    "aurora-mysql": AURORA_INSTANCE,
    "aurora-postgresql": AURORA_INSTANCE,
    "custom-oracle-ee": RDS_CUSTOM,
    "custom-oracle-ee-cdb": RDS_CUSTOM,
    "custom-oracle-se2": RDS_CUSTOM,
    "custom-oracle-se2-cdb": RDS_CUSTOM,
    "custom-sqlserver-ee": RDS_CUSTOM,
    "custom-sqlserver-se": RDS_CUSTOM,
    "custom-sqlserver-web": RDS_CUSTOM,
    "custom-sqlserver-dev": RDS_CUSTOM,
};

const CLUSTER_ENGINES: Readonly<Record<RdsClusterEngine, Requirement>> = {
    aurora: { logs: MYSQL_LOGS },
    "aurora-mysql": { logs: MYSQL_LOGS },
    "aurora-postgresql": { logs: ["postgresql"] },
    mysql: { logs: ["error", "general", "slowquery"] },
    postgres: { logs: POSTGRES_LOGS },
    neptune: { logs: NEPTUNE_LOGS },
};

/** Per type: the engine table, the engine when unset (the provider's default, if any), the exports property. */
const TYPES: Readonly<Record<string, { engines: Readonly<Record<string, Requirement>>; defaultEngine?: string; exports: string }>> = {
    [RDS_INSTANCE]: { engines: INSTANCE_ENGINES, exports: "enabledCloudwatchLogsExports" },
    [RDS_CLUSTER]: { engines: CLUSTER_ENGINES, exports: "enabledCloudwatchLogsExports" },
    [DOCDB_CLUSTER]: { engines: { docdb: { logs: ["audit", "profiler"] } }, defaultEngine: "docdb", exports: "enabledCloudwatchLogsExports" },
    // Neptune names the input enableCloudwatchLogsExports.
    [NEPTUNE_CLUSTER]: { engines: { neptune: { logs: NEPTUNE_LOGS } }, defaultEngine: "neptune", exports: "enableCloudwatchLogsExports" },
};

const ENGINE_NAMES: Readonly<Record<string, readonly string[]>> = {
    [RDS_INSTANCE]: RDS_INSTANCE_ENGINES,
    [RDS_CLUSTER]: RDS_CLUSTER_ENGINES,
    [DOCDB_CLUSTER]: ["docdb"],
    [NEPTUNE_CLUSTER]: ["neptune"],
};

export const rdsLogExportsEnabled = resourcePolicy({
    name: "rds-log-exports-enabled",
    description:
        "RDS instances, Aurora and Multi-AZ DB clusters, DocumentDB and Neptune clusters must export the engine's audit and error logs " +
        "to CloudWatch Logs (PostgreSQL: postgresql, upgrade; MySQL and MariaDB: audit, error, general, slowquery; Aurora PostgreSQL: " +
        "postgresql; Oracle: alert, audit, listener, trace; SQL Server: agent, error; Db2: diag.log, notify.log; DocumentDB: audit, " +
        "profiler; Neptune: audit). Logs left on the instance rotate away within days and share the database's fate; exported, they are " +
        "retained, encrypted and reviewable (AU-2, AU-3, AU-12, AU-6). An engine AWS does not define is never an exemption.",
    summary: "RDS, Aurora, DocumentDB and Neptune export the engine's audit and error logs to CloudWatch Logs",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12", "AU-6"],
    remediationSteps:
        "Set `enabledCloudwatchLogsExports` (Neptune: `enableCloudwatchLogsExports`) to the engine's log types, e.g. " +
        '["postgresql", "upgrade"] for PostgreSQL; create the /aws/rds/... log groups first with a KMS key and a retention, and turn ' +
        "the logs on in the engine where AWS needs it (MySQL: a parameter group with general_log/slow_query_log and an option group " +
        "with MARIADB_AUDIT_PLUGIN; DocumentDB: audit_logs and profiler parameters).",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, DOCDB_CLUSTER, NEPTUNE_CLUSTER],
    noVerdict: [
        { when: "an RDS instance's engine is aurora-mysql or aurora-postgresql", why: "an Aurora instance's logs are exported by its cluster, which is judged" },
        { when: "the engine is an RDS Custom engine (custom-*)", why: "AWS: enabledCloudwatchLogsExports does not apply to RDS Custom" },
    ],
    validate: (ctx) => {
        const spec = TYPES[ctx.type];
        const engine = ctx.readEnum("engine", ENGINE_NAMES[ctx.type], { ignoreCase: true });
        if (!engine.ok) {
            return;
        }
        const name = engine.value ?? spec.defaultEngine;
        if (name === undefined) {
            // A read replica or snapshot restore inherits its engine; without it the required logs are unknown.
            ctx.advisory(
                `Cannot verify ${ctx.label}'s log exports: it sets no engine (a replica or restore inherits it); set engine so the ` +
                    "required log types can be checked.",
            );
            return;
        }
        const requirement = spec.engines[name];
        if ("none" in requirement) {
            return;
        }
        const exports = ctx.readArray(spec.exports);
        if (!exports.ok) {
            return;
        }
        const listed = exports.value ?? [];
        if (listed.some((e) => isUnknown(e))) {
            ctx.cannotVerify(spec.exports);
            return;
        }
        const present = new Set<string>();
        listed.forEach((e, i) => {
            const v = ctx.check(e, STRING, `${spec.exports}[${i}]`);
            if (v.ok && v.value !== undefined) {
                present.add(v.value);
            }
        });
        const missing = requirement.logs.filter((l) => !present.has(l));
        if (missing.length > 0) {
            ctx.violation(
                `${ctx.label} (${name}) does not export ${missing.map((m) => `"${m}"`).join(", ")} to CloudWatch Logs; add ` +
                    `${missing.length === 1 ? "it" : "them"} to ${spec.exports}.`,
            );
        }
    },
});
