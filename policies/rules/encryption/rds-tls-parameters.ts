// What AWS documents about the parameter that makes an RDS / Aurora engine refuse non-TLS
// connections, per parameter group family: its name, accepted values and its value in AWS's default
// group (the facts rds-parameter-group-requires-tls judges against; each with its source).

/** The TLS-forcing parameter of a parameter group family: its name, accepted values, and its value in AWS's default group. */
export interface TlsParameter {
    readonly name: string;
    readonly on: readonly string[];
    readonly recommended: string;
    /** The value AWS's default parameter group of the family holds. */
    readonly defaultValue: string;
    readonly defaultOn: boolean;
}

/** The parameter that makes an engine refuse non-TLS connections, by parameter group family. */
export function tlsParameter(family: string): TlsParameter | undefined {
    const pg = /^postgres(\d+)/.exec(family);
    if (pg) {
        // RDS for PostgreSQL 15 and later default rds.force_ssl to 1.
        const defaultOn = Number(pg[1]) >= 15;
        return { name: "rds.force_ssl", on: ["1"], recommended: "1", defaultValue: defaultOn ? "1" : "0", defaultOn };
    }
    if (family.startsWith("aurora-postgresql") || family.startsWith("sqlserver")) {
        // Aurora PostgreSQL: "By default, the rds.force_ssl parameter is set to 0 (off)" (Aurora User Guide,
        // ssl-certificate-rotation-aurora-postgresql); RDS for SQL Server defaults it to 0 as well.
        return { name: "rds.force_ssl", on: ["1"], recommended: "1", defaultValue: "0", defaultOn: false };
    }
    if (family.startsWith("mysql") || family.startsWith("aurora-mysql") || family.startsWith("mariadb")) {
        // RDS for MySQL / MariaDB default require_secure_transport to OFF; no documented Aurora MySQL default
        // forces TLS, so it is treated as OFF too.
        return { name: "require_secure_transport", on: ["1", "ON", "on"], recommended: "ON", defaultValue: "OFF", defaultOn: false };
    }
    return undefined;
}

/** Engines whose default parameter group the policy can judge (the others' families are unknown to tlsParameter). */
export const TLS_ENGINES = /^(postgres|aurora-postgresql|mysql|mariadb|aurora-mysql|sqlserver-(ee|se|ex|web))$/;

/**
 * Stands in for an engineVersion that is not given: RDS then "defaults to an available version, usually the most
 * recent" (RDS for PostgreSQL release notes), so the newest family decides (for PostgreSQL: 15+, TLS forced).
 */
export const NEWEST_VERSION = "9999";

/** RDS's parameter group family for an engine (one of TLS_ENGINES) and engine version, e.g. postgres16, mysql8.0, sqlserver-se-15.0. */
function engineFamily(engine: string, version: string): string | undefined {
    const v = /^(\d+)(?:\.(\d+))?/.exec(version);
    if (!v) {
        return undefined;
    }
    const major = v[1];
    const minor = v[2] ?? "0";
    if (engine === "postgres" || engine === "aurora-postgresql") {
        // PostgreSQL families name the major version from 10 on (postgres16), major.minor before (postgres9.6).
        return `${engine}${Number(major) >= 10 ? major : `${major}.${minor}`}`;
    }
    if (engine.startsWith("sqlserver-")) {
        return `${engine}-${major}.0`;
    }
    // mysql8.0, mariadb10.11, aurora-mysql8.0 (from "8.0.mysql_aurora.3.05.2").
    return `${engine}${major}.${minor}`;
}

/** The TLS parameter a family would hold: undefined when the version cannot be read. */
export function tlsForEngine(engine: string, version: string): TlsParameter | undefined {
    const family = engineFamily(engine, version);
    return family === undefined ? undefined : tlsParameter(family);
}
