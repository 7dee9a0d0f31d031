// Public databases: database endpoints reachable from the internet (SC-7 boundary protection,
// AC-3/AC-4 access and flow enforcement, CM-7 least functionality).
//
// One file per policy. This index only imports: a new policy is one new file plus one line below.

import { GovPolicy } from "../../lib";
import { dbSubnetGroupPrivate } from "./db-subnet-group-private";
import { opensearchInVpc } from "./opensearch-in-vpc";
import { rdsNotPubliclyAccessible } from "./rds-not-publicly-accessible";
import { redshiftNotPubliclyAccessible } from "./redshift-not-publicly-accessible";
import { DEFAULT_DATABASE_PORTS, securityGroupDatabasePortsNotPublic } from "./security-group-database-ports-not-public";

export const databasePolicies: GovPolicy[] = [
    rdsNotPubliclyAccessible,
    redshiftNotPubliclyAccessible,
    opensearchInVpc,
    securityGroupDatabasePortsNotPublic,
    dbSubnetGroupPrivate,
];

export {
    dbSubnetGroupPrivate,
    DEFAULT_DATABASE_PORTS,
    opensearchInVpc,
    rdsNotPubliclyAccessible,
    redshiftNotPubliclyAccessible,
    securityGroupDatabasePortsNotPublic,
};
