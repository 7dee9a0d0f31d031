// The pack's full policy list. Each area file exports its own array; add a new area to
// `policyAreas` (the docs generator groups docs/policies.md by it).

import { GovPolicy } from "../lib";
import { baselinePolicies } from "./baseline";
import { computePolicies } from "./compute";
import { containerPolicies } from "./containers";
import { databasePolicies } from "./databases";
import { detectionPolicies } from "./detection";
import { dataStorePolicies } from "./data-stores";
import { encryptionPolicies } from "./encryption";
import { governancePolicies } from "./governance";
import { identityPolicies } from "./identity";
import { keyPolicies } from "./keys";
import { loggingPolicies } from "./logging";
import { networkPolicies } from "./network";
import { serverlessPolicies } from "./serverless";
import { storageHygienePolicies } from "./storage-hygiene";

export interface PolicyArea {
    /** Heading in docs/policies.md. */
    readonly title: string;
    /** The rules/ folder that holds the area's policies, one file per policy. */
    readonly file: string;
    readonly policies: readonly GovPolicy[];
}

export const policyAreas: readonly PolicyArea[] = [
    { title: "Public databases", file: "databases/", policies: databasePolicies },
    { title: "Encryption at rest and in transit", file: "encryption/", policies: encryptionPolicies },
    { title: "Data store logging, monitoring, patching and recovery", file: "data-stores/", policies: dataStorePolicies },
    { title: "Root and privileged containers", file: "containers/", policies: containerPolicies },
    { title: "Network boundary and edge", file: "network/", policies: networkPolicies },
    { title: "Compute, load balancing, certificates and EKS", file: "compute/", policies: computePolicies },
    { title: "Serverless and API front doors", file: "serverless/", policies: serverlessPolicies },
    { title: "Identity and keys", file: "identity/", policies: identityPolicies },
    { title: "Key management", file: "keys/", policies: keyPolicies },
    { title: "Storage hygiene", file: "storage-hygiene/", policies: storageHygienePolicies },
    { title: "Governance and production resilience", file: "governance/", policies: governancePolicies },
    { title: "Security baseline, backups and DR", file: "baseline/", policies: baselinePolicies },
    { title: "Logging, monitoring and detection", file: "logging/", policies: loggingPolicies },
    { title: "Detection services: GuardDuty, Security Hub, AWS Config", file: "detection/", policies: detectionPolicies },
];

function checkUnique(policies: readonly GovPolicy[]): GovPolicy[] {
    const seen = new Set<string>();
    for (const p of policies) {
        if (seen.has(p.name)) {
            throw new Error(`Duplicate policy name "${p.name}": policy names are unique and never reused`);
        }
        seen.add(p.name);
    }
    return [...policies];
}

export const allPolicies: GovPolicy[] = checkUnique(policyAreas.flatMap((a) => a.policies));
