// The CrossGuard pack. Constructing a PolicyPack starts the gRPC server, so this file does nothing
// else: policies live in rules/ (tests import them without a server).

import { PolicyPack } from "@pulumi/policy";

import { shareDeserializedProperties } from "./lib/shared-deserialize";
import { allPolicies } from "./rules";

// Before the server handles a request: one deserialisation per resource per call, not per policy.
shareDeserializedProperties();

new PolicyPack("govstack-guard", {
    policies: allPolicies,
    description:
        "govstack's guard rails for AWS GovCloud: public databases, unencrypted storage, root containers, open networks, " +
        "weak identities and missing governance, each mapped to NIST SP 800-53 rev5 controls.",
    displayName: "govstack guard (NIST SP 800-53 rev5)",
    enforcementLevel: "mandatory",
    tags: ["nist-800-53-rev5", "fedramp-moderate", "aws-govcloud"],
});
