// The pack's name and arguments, apart from index.ts: constructing the PolicyPack starts its gRPC
// server, so tests that need what the pack serves in GetAnalyzerInfo (names, levels, config schemas)
// build it from these in process, and a test pins that the running pack serves the same.

import type { PolicyPackArgs } from "@pulumi/policy";

import { allPolicies } from "./rules";

export const PACK_NAME = "govstack-guard";

export const PACK_ARGS: PolicyPackArgs = {
    policies: allPolicies,
    description:
        "govstack's guard rails for AWS GovCloud: public databases, unencrypted storage, root containers, open networks, " +
        "weak identities and missing governance, each mapped to NIST SP 800-53 rev5 controls.",
    displayName: "govstack guard (NIST SP 800-53 rev5)",
    enforcementLevel: "mandatory",
    tags: ["nist-800-53-rev5", "fedramp-moderate", "aws-govcloud"],
};
