// security-group-database-ports-not-public: judges every ingress entry of security groups and
// standalone rules for database and cache ports open to 0.0.0.0/0 or ::/0. Data stores accept
// connections only from the application tier's security group (SC-7, AC-4, CM-7).

import { ingressLabel, INGRESS_TYPES, reportedRuleEntries, resourcePolicy, worldExposure } from "../../lib";

/** Default database and cache ports (PostgreSQL, MySQL/Aurora, SQL Server, Oracle, MongoDB/DocumentDB, Redis, Memcached, OpenSearch, Redshift, Neptune, Cassandra). */
export const DEFAULT_DATABASE_PORTS = [1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 8182, 9042, 9200, 9300, 11211, 27017, 27018, 27019];

export const securityGroupDatabasePortsNotPublic = resourcePolicy({
    name: "security-group-database-ports-not-public",
    description:
        "Security groups and security group rules must not open database or cache ports to 0.0.0.0/0 or ::/0: data stores " +
        "accept connections only from the application tier's security group.",
    summary: "Security groups and rules do not open database or cache ports to 0.0.0.0/0 or ::/0",
    severity: "critical",
    controls: ["SC-7", "AC-4", "CM-7"],
    remediationSteps:
        "Replace the world CIDR with `referencedSecurityGroupId` / `securityGroups` of the application tier (or a private " +
        "CIDR), and narrow protocol \"-1\" / 0-65535 ranges to the one port the database listens on.",
    resourceTypes: INGRESS_TYPES,
    options: {
        databasePorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: DEFAULT_DATABASE_PORTS,
            description: "Ports treated as database or cache ports.",
        },
    },
    noVerdict: [],
    validate: (ctx) => {
        for (const entry of reportedRuleEntries(ctx, "ingress")) {
            const exposure = worldExposure(entry, ctx.config.databasePorts);
            if (exposure.ports.length > 0) {
                ctx.violation(
                    `${ingressLabel(ctx.type, ctx.name, entry)} opens database port(s) ${exposure.ports.join(", ")} to ${exposure.sources.join(", ")}; ` +
                        "allow only the application's security group.",
                );
            } else if (exposure.possible) {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports or source CIDRs`);
            }
        }
    },
});
