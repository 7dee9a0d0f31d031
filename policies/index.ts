// The CrossGuard pack. Constructing a PolicyPack starts the gRPC server, so this file does nothing
// else: policies live in rules/, the pack's name and arguments in pack-args.ts (tests import both
// without a server).

import { PolicyPack } from "@pulumi/policy";

import { shareDeserializedProperties } from "./lib/shared-deserialize";
import { PACK_ARGS, PACK_NAME } from "./pack-args";

// Before the server handles a request: one deserialisation per resource per call, not per policy.
shareDeserializedProperties();

new PolicyPack(PACK_NAME, PACK_ARGS);
