// The offline plan encodes its analyzer requests straight to protobuf bytes (tools/plan/analyzer-wire.ts).
// These tests decode every encoded message with the generated classes the pack's server uses and
// compare it with the message those classes build themselves (the way this client used to build
// them), over the real prod estate and over values chosen to hit every protobuf corner.

import * as assert from "assert";
import { createRequire } from "module";

import type * as analyzerTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

import { encodeAnalyzeRequest, encodeAnalyzeStackRequest, encodeProvider, providerEncoder, WireValueError } from "../../tools/plan/analyzer-wire";
import { evaluateForPlan } from "../../tools/plan/evaluate";
import { JsonObject, UNKNOWN } from "../../tools/plan/properties";
import { providerIndex } from "../../tools/plan/run-plan";
import { PlannedResource, plannedResource } from "../../tools/plan/types";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const pb = pulumiRequire("./proto/analyzer_pb") as typeof analyzerTypes;
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;

// ---- the oracle: the same messages built with the generated classes ----

function referenceOptions(r: PlannedResource): analyzerTypes.AnalyzerResourceOptions {
    const o = new pb.AnalyzerResourceOptions();
    o.setProtect(r.protect);
    o.setIgnorechangesList(r.ignoreChanges);
    o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
    o.setAliasesList(r.aliases);
    if (r.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplacedefined(true);
        o.setDeletebeforereplace(r.deleteBeforeReplace);
    }
    if (r.parent) {
        o.setParent(r.parent);
    }
    const t = new pb.AnalyzerResourceOptions.CustomTimeouts();
    t.setCreate(r.timeouts.create);
    t.setUpdate(r.timeouts.update);
    t.setDelete(r.timeouts.delete);
    o.setCustomtimeouts(t);
    return o;
}

function referenceProvider(p: PlannedResource): analyzerTypes.AnalyzerProviderResource {
    const m = new pb.AnalyzerProviderResource();
    m.setUrn(p.urn);
    m.setType(p.type);
    m.setName(p.name);
    m.setProperties(Struct.fromJavaScript(p.inputs as Record<string, structTypes.JavaScriptValue>));
    return m;
}

function referenceStackRequest(resources: PlannedResource[], providers: Map<string, PlannedResource>): Uint8Array {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r) => {
            const ar = new pb.AnalyzerResource();
            ar.setUrn(r.urn);
            ar.setType(r.type);
            ar.setName(r.name);
            ar.setProperties(Struct.fromJavaScript(r.outputs as Record<string, structTypes.JavaScriptValue>));
            ar.setOptions(referenceOptions(r));
            const provider = r.provider ? providers.get(r.provider) : undefined;
            if (provider) {
                ar.setProvider(referenceProvider(provider));
            }
            if (r.parent) {
                ar.setParent(r.parent);
            }
            ar.setDependenciesList(r.dependencies);
            for (const [key, urns] of Object.entries(r.propertyDependencies)) {
                const d = new pb.AnalyzerPropertyDependencies();
                d.setUrnsList(urns);
                ar.getPropertydependenciesMap().set(key, d);
            }
            return ar;
        }),
    );
    return req.serializeBinary();
}

function referenceAnalyzeRequest(r: PlannedResource, provider?: PlannedResource): Uint8Array {
    const req = new pb.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(Struct.fromJavaScript(r.inputs as Record<string, structTypes.JavaScriptValue>));
    req.setOptions(referenceOptions(r));
    if (provider) {
        req.setProvider(referenceProvider(provider));
    }
    return req.serializeBinary();
}

// ---- decoded messages as plain values (maps sorted: their wire order is not significant) ----

function providerValue(p: analyzerTypes.AnalyzerProviderResource | undefined): unknown {
    return p && { type: p.getType(), urn: p.getUrn(), name: p.getName(), properties: p.getProperties()?.toJavaScript() };
}

function propertyDependenciesValue(map: ReturnType<analyzerTypes.AnalyzerResource["getPropertydependenciesMap"]>): [string, string[]][] {
    const entries: [string, string[]][] = [];
    map.forEach((v, k) => entries.push([k, v.getUrnsList()]));
    return entries.sort(([a], [b]) => a.localeCompare(b));
}

function stackRequestValue(bytes: Uint8Array): unknown[] {
    return pb.AnalyzeStackRequest.deserializeBinary(bytes)
        .getResourcesList()
        .map((r) => ({
            type: r.getType(),
            urn: r.getUrn(),
            name: r.getName(),
            properties: r.getProperties()?.toJavaScript(),
            options: r.getOptions()?.toObject(),
            provider: providerValue(r.getProvider()),
            parent: r.getParent(),
            dependencies: r.getDependenciesList(),
            propertyDependencies: propertyDependenciesValue(r.getPropertydependenciesMap()),
        }));
}

function analyzeRequestValue(bytes: Uint8Array): unknown {
    const r = pb.AnalyzeRequest.deserializeBinary(bytes);
    return {
        type: r.getType(),
        urn: r.getUrn(),
        name: r.getName(),
        properties: r.getProperties()?.toJavaScript(),
        options: r.getOptions()?.toObject(),
        provider: providerValue(r.getProvider()),
    };
}

// ---- resources that hit the corners ----

const provider = plannedResource({
    urn: "urn:pulumi:s::p::pulumi:providers:aws::default_7_48_0",
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    custom: true,
    inputs: { region: "us-gov-west-1", defaultTags: { tags: { "data-classification": "moderate" } }, skipCredentialsValidation: "true" },
});

const corners: JsonObject = {
    text: "plain",
    empty: "",
    unicode: "ü ✓ 😀 \u0000 end",
    zero: 0,
    negative: -1.5,
    huge: 1e300,
    tiny: 5e-324,
    integer: 2 ** 53,
    yes: true,
    no: false,
    nothing: null,
    unknown: UNKNOWN,
    "": "empty key",
    "dotted.key[0]": "keys are opaque",
    emptyObject: {},
    emptyList: [],
    nested: [[1, [2, [3]]], { deep: { deeper: [null, false, "x"] } }],
};

const cornerResource = plannedResource({
    urn: "urn:pulumi:s::p::app:index:Thing$aws:s3/bucket:Bucket::corner",
    type: "aws:s3/bucket:Bucket",
    name: "corner",
    custom: true,
    parent: "urn:pulumi:s::p::app:index:Thing::thing",
    provider: provider.urn,
    dependencies: ["urn:a", "urn:b"],
    propertyDependencies: { zeta: ["urn:a"], alpha: ["urn:b", "urn:a"], none: [] },
    inputs: corners,
    outputs: { ...corners, arn: UNKNOWN },
});

const optionsResource: PlannedResource = {
    ...plannedResource({ urn: "urn:pulumi:s::p::aws:rds/instance:Instance::db", type: "aws:rds/instance:Instance", name: "db", custom: true }),
    protect: true,
    ignoreChanges: ["password", "tags.owner"],
    additionalSecretOutputs: ["endpoint"],
    aliases: ["urn:pulumi:s::p::aws:rds/instance:Instance::old-db"],
    deleteBeforeReplace: false,
    timeouts: { create: 3600, update: 1.5, delete: 0 },
};

const replaceFirst: PlannedResource = { ...optionsResource, urn: `${optionsResource.urn}-2`, deleteBeforeReplace: true, protect: false };

describe("offline plan: analyzer requests on the wire", () => {
    const providers = providerIndex([provider]);
    const providerOf = (encode = providerEncoder()) => (r: PlannedResource) => {
        const p = r.provider ? providers.get(r.provider) : undefined;
        return p && encode(p);
    };

    it("analyzeStack: every field, option and value corner decodes to what the generated classes build", () => {
        const resources = [provider, cornerResource, optionsResource, replaceFirst];
        const wire = encodeAnalyzeStackRequest(resources, providerOf());
        assert.deepStrictEqual(stackRequestValue(wire), stackRequestValue(referenceStackRequest(resources, providers)));
        // And the corners really are on the wire (the comparison above cannot pass by both being empty).
        const [, corner, options, replace] = stackRequestValue(wire) as Record<string, unknown>[];
        assert.deepStrictEqual(corner.properties, cornerResource.outputs);
        assert.deepStrictEqual((corner.provider as { properties: unknown }).properties, provider.inputs);
        assert.deepStrictEqual(corner.propertyDependencies, [["alpha", ["urn:b", "urn:a"]], ["none", []], ["zeta", ["urn:a"]]]);
        assert.deepStrictEqual(options.options, {
            protect: true,
            ignorechangesList: ["password", "tags.owner"],
            deletebeforereplace: false,
            deletebeforereplacedefined: true,
            additionalsecretoutputsList: ["endpoint"],
            aliasesList: ["urn:pulumi:s::p::aws:rds/instance:Instance::old-db"],
            customtimeouts: { create: 3600, update: 1.5, pb_delete: 0, read: 0 },
            parent: "",
        });
        assert.strictEqual((replace.options as { deletebeforereplace: boolean }).deletebeforereplace, true);
    });

    it("analyze (and remediate): the declared inputs, options and provider decode to what the generated classes build", () => {
        for (const r of [cornerResource, optionsResource, replaceFirst]) {
            const p = r.provider ? providers.get(r.provider) : undefined;
            const wire = encodeAnalyzeRequest(r, p && encodeProvider(p));
            assert.deepStrictEqual(analyzeRequestValue(wire), analyzeRequestValue(referenceAnalyzeRequest(r, p)));
        }
        assert.deepStrictEqual((analyzeRequestValue(encodeAnalyzeRequest(cornerResource)) as { properties: unknown }).properties, corners);
    });

    it("the real prod estate encodes to the same request as the generated classes build", async function () {
        this.timeout(120000);
        const plan = await evaluateForPlan("prod");
        const estateProviders = providerIndex(plan.resources);
        const encode = providerEncoder();
        const wire = encodeAnalyzeStackRequest(plan.resources, (r) => {
            const p = r.provider ? estateProviders.get(r.provider) : undefined;
            return p && encode(p);
        });
        const decoded = stackRequestValue(wire);
        assert.strictEqual(decoded.length, plan.resources.length);
        assert.deepStrictEqual(decoded, stackRequestValue(referenceStackRequest(plan.resources, estateProviders)));
        for (const r of plan.resources.slice(0, 40)) {
            const p = r.provider ? estateProviders.get(r.provider) : undefined;
            assert.deepStrictEqual(analyzeRequestValue(encodeAnalyzeRequest(r, p && encode(p))), analyzeRequestValue(referenceAnalyzeRequest(r, p)), r.urn);
        }
    });

    it("a provider is encoded once per batch, and a new batch sees a changed provider", () => {
        const encode = providerEncoder();
        assert.strictEqual(encode(provider), encode(provider));
        const changed = { ...provider, inputs: { region: "us-gov-east-1" } };
        const again = providerEncoder();
        const decoded = pb.AnalyzerProviderResource.deserializeBinary(again(changed));
        assert.deepStrictEqual(decoded.getProperties()?.toJavaScript(), { region: "us-gov-east-1" });
    });

    it("a value JSON cannot carry is refused with the property's path, before anything is sent", () => {
        const bad = (value: unknown, path: RegExp) =>
            assert.throws(
                () => encodeAnalyzeRequest({ ...optionsResource, inputs: { tags: { owner: "x", list: [1, value] } } as unknown as JsonObject }),
                (e: Error) => e instanceof WireValueError && path.test(e.message),
            );
        bad(undefined, /Property "tags\.list\[1\]" is undefined; .*JSON values/);
        bad(() => 1, /Property "tags\.list\[1\]" is function/);
        bad(BigInt(1), /Property "tags\.list\[1\]" is bigint/);
    });
});
