// The analyzer protocol's resource messages, encoded straight to protobuf wire format.
//
// Why not the generated google-protobuf classes (@pulumi/pulumi/proto/analyzer_pb): building a
// Struct object tree per resource and serialising it is ~10× slower than writing the same bytes
// directly — for one analyzeStack of 10,000 prod-mix resources (14.8 MB) it was most of this
// client's ~3 s (docs/performance.md). The Pulumi CLI encodes these messages in Go; this is the
// offline plan's stand-in for it, so its cost should not hide the pack's. protobufjs's Writer is
// the encoder gRPC's own proto-loader uses. Field numbers are those of pulumi's analyzer.proto and
// google/protobuf/struct.proto (mirrored from the generated serializers); tests/plan/analyzer-wire
// decodes every message with the generated classes and compares it with what they would build.

import { Writer } from "protobufjs";

import { JsonObject } from "./properties";
import { PlannedResource } from "./types";

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;

function tag(field: number, wireType: number): number {
    return (field << 3) | wireType;
}

/** google.protobuf.Value's oneof: null_value = 1, number_value = 2, string_value = 3, bool_value = 4, struct_value = 5, list_value = 6. */
const VALUE = { null: tag(1, VARINT), number: tag(2, FIXED64), string: tag(3, LEN), bool: tag(4, VARINT), struct: tag(5, LEN), list: tag(6, LEN) };
/** google.protobuf.Struct.fields = 1 (map entries: key = 1, value = 2); ListValue.values = 1. */
const STRUCT_ENTRY = tag(1, LEN);
const ENTRY_KEY = tag(1, LEN);
const ENTRY_VALUE = tag(2, LEN);
const LIST_ITEM = tag(1, LEN);

/** A value Struct.fromJavaScript would also refuse (undefined, a function, a bigint, a symbol). */
export class WireValueError extends Error {}

function writeValue(w: Writer, value: unknown, path: string): void {
    if (value === null) {
        w.uint32(VALUE.null).uint32(0);
        return;
    }
    switch (typeof value) {
        case "string":
            w.uint32(VALUE.string).string(value);
            return;
        case "number":
            w.uint32(VALUE.number).double(value);
            return;
        case "boolean":
            w.uint32(VALUE.bool).bool(value);
            return;
        case "object":
            if (Array.isArray(value)) {
                w.uint32(VALUE.list).fork();
                value.forEach((item, i) => {
                    w.uint32(LIST_ITEM).fork();
                    writeValue(w, item, `${path}[${i}]`);
                    w.ldelim();
                });
                w.ldelim();
            } else {
                w.uint32(VALUE.struct).fork();
                writeStructFields(w, value as Record<string, unknown>, path);
                w.ldelim();
            }
            return;
        default:
            throw new WireValueError(`Property "${path}" is ${typeof value}; the analyzer protocol carries only JSON values (string, number, boolean, null, list, object)`);
    }
}

function writeStructFields(w: Writer, object: Record<string, unknown>, path: string): void {
    for (const key of Object.keys(object)) {
        w.uint32(STRUCT_ENTRY).fork();
        w.uint32(ENTRY_KEY).string(key);
        w.uint32(ENTRY_VALUE).fork();
        writeValue(w, object[key], path ? `${path}.${key}` : key);
        w.ldelim();
        w.ldelim();
    }
}

/** A google.protobuf.Struct of `object`, as a field of the enclosing message. */
function writeStruct(w: Writer, field: number, object: JsonObject): void {
    w.uint32(tag(field, LEN)).fork();
    writeStructFields(w, object, "");
    w.ldelim();
}

function writeString(w: Writer, field: number, value: string | undefined): void {
    // proto3: an empty string is the default and is not sent (as the generated serializers do).
    if (value) {
        w.uint32(tag(field, LEN)).string(value);
    }
}

function writeStrings(w: Writer, field: number, values: readonly string[]): void {
    for (const v of values) {
        w.uint32(tag(field, LEN)).string(v);
    }
}

function writeBool(w: Writer, field: number, value: boolean): void {
    if (value) {
        w.uint32(tag(field, VARINT)).bool(true);
    }
}

function writeDouble(w: Writer, field: number, value: number): void {
    if (value !== 0) {
        w.uint32(tag(field, FIXED64)).double(value);
    }
}

/**
 * pulumirpc.AnalyzerResourceOptions: protect = 1, ignoreChanges = 2, deleteBeforeReplace = 3,
 * deleteBeforeReplaceDefined = 4, additionalSecretOutputs = 5, aliases = 6, customTimeouts = 7
 * (create = 1, update = 2, delete = 3), parent = 8.
 */
function writeOptions(w: Writer, field: number, r: PlannedResource): void {
    w.uint32(tag(field, LEN)).fork();
    writeBool(w, 1, r.protect);
    writeStrings(w, 2, r.ignoreChanges);
    if (r.deleteBeforeReplace !== undefined) {
        writeBool(w, 3, r.deleteBeforeReplace);
        writeBool(w, 4, true);
    }
    writeStrings(w, 5, r.additionalSecretOutputs);
    writeStrings(w, 6, r.aliases);
    // Always present: without CustomTimeouts the pack answers "A more recent version of the Pulumi
    // CLI is required" (ANALYZER-PROTOCOL.md).
    w.uint32(tag(7, LEN)).fork();
    writeDouble(w, 1, r.timeouts.create);
    writeDouble(w, 2, r.timeouts.update);
    writeDouble(w, 3, r.timeouts.delete);
    w.ldelim();
    writeString(w, 8, r.parent);
    w.ldelim();
}

/** pulumirpc.AnalyzerProviderResource: type = 1, properties = 2, urn = 3, name = 4. */
export function encodeProvider(p: PlannedResource): Uint8Array {
    const w = Writer.create();
    writeString(w, 1, p.type);
    writeStruct(w, 2, p.inputs);
    writeString(w, 3, p.urn);
    writeString(w, 4, p.name);
    return w.finish();
}

/**
 * Encoded providers for one batch of requests. An estate has a handful of providers and thousands
 * of resources: each provider is encoded once per batch, never globally, so a caller that changes a
 * provider between batches (the mutation suite) is always sent the change.
 */
export type ProviderEncoder = (p: PlannedResource) => Uint8Array;
export function providerEncoder(): ProviderEncoder {
    const built = new Map<PlannedResource, Uint8Array>();
    return (p) => {
        let bytes = built.get(p);
        if (!bytes) {
            bytes = encodeProvider(p);
            built.set(p, bytes);
        }
        return bytes;
    };
}

/** The fields AnalyzeRequest and AnalyzerResource share: type = 1, properties = 2, urn = 3, name = 4, options = 5, provider = 6. */
function writeResourceHead(w: Writer, r: PlannedResource, properties: JsonObject, provider: Uint8Array | undefined): void {
    writeString(w, 1, r.type);
    writeStruct(w, 2, properties);
    writeString(w, 3, r.urn);
    writeString(w, 4, r.name);
    writeOptions(w, 5, r);
    if (provider) {
        w.uint32(tag(6, LEN)).bytes(provider);
    }
}

/** pulumirpc.AnalyzeRequest (also Remediate's request): the resource's declared inputs. */
export function encodeAnalyzeRequest(r: PlannedResource, provider?: Uint8Array): Buffer {
    const w = Writer.create();
    writeResourceHead(w, r, r.inputs, provider);
    return asBuffer(w.finish());
}

/**
 * pulumirpc.AnalyzeStackRequest: resources = 1, each a pulumirpc.AnalyzerResource with the
 * resource's outputs, then parent = 7, dependencies = 8 and propertyDependencies = 9 (map entries:
 * key = 1, value = 2 an AnalyzerPropertyDependencies with urns = 1).
 */
export function encodeAnalyzeStackRequest(resources: readonly PlannedResource[], providerOf: (r: PlannedResource) => Uint8Array | undefined): Buffer {
    const w = Writer.create();
    for (const r of resources) {
        w.uint32(tag(1, LEN)).fork();
        writeResourceHead(w, r, r.outputs, providerOf(r));
        writeString(w, 7, r.parent);
        writeStrings(w, 8, r.dependencies);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
            w.uint32(tag(9, LEN)).fork();
            w.uint32(ENTRY_KEY).string(key);
            w.uint32(ENTRY_VALUE).fork();
            writeStrings(w, 1, urns);
            w.ldelim();
            w.ldelim();
        }
        w.ldelim();
    }
    return asBuffer(w.finish());
}

/** grpc-js sends Buffers; protobufjs returns one under Node already (a Uint8Array elsewhere). */
function asBuffer(bytes: Uint8Array): Buffer {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
