// The pack's full policy list. Each area file exports its own array; add new areas here.

import { GovPolicy } from "../lib";
import { databasePolicies } from "./databases";
import { encryptionPolicies } from "./encryption";

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

export const allPolicies: GovPolicy[] = checkUnique([...databasePolicies, ...encryptionPolicies]);
