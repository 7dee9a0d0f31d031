// At-rest and in-transit encryption of storage services (SC-28, SC-8, SC-12, SC-13).

import { GovPolicy } from "../lib";

export const encryptionPolicies: GovPolicy[] = [];
