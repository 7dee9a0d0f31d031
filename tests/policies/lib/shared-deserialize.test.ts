// The pack shares one deserialised copy of a request's properties between all its policies
// (policies/lib/shared-deserialize.ts). That is only sound if the memo really returns one copy per
// Struct, never shares the secrets-preserving copy remediation needs, and no policy ever writes to
// what it is given — checked here over the whole prod estate, every resource and stack policy.

import * as assert from "node:assert/strict";
import { createRequire } from "node:module";

import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { shareDeserializedProperties } from "../../../policies/lib/shared-deserialize";
import { allPolicies } from "../../../policies/rules";
import { evaluateOnce } from "../../plan/helpers";

const policyRequire = createRequire(require.resolve("@pulumi/policy/package.json"));
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const { unknownCheckingProxy } = policyRequire("./proxy") as { unknownCheckingProxy<T>(o: T): T };
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(o: unknown): object };
};

function defaults(policy: { configSchema?: ResourceValidationPolicy["configSchema"] }): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (typeof schema === "object" && schema.default !== undefined) {
            config[k] = schema.default;
        }
    }
    return config;
}

describe("policies/lib/shared-deserialize", () => {
    const mod = shareDeserializedProperties();

    it("deserialises a Struct once and hands every policy the same copy", () => {
        const struct = Struct.fromJavaScript({ storageEncrypted: true, tags: { Project: "govstack" } });
        const first = mod.deserializeProperties(struct, false);
        assert.equal(mod.deserializeProperties(struct, false), first);
        assert.deepEqual(first, { storageEncrypted: true, tags: { Project: "govstack" } });
        assert.notEqual(mod.deserializeProperties(Struct.fromJavaScript({ storageEncrypted: true }), false), first);
    });

    it("never shares the secrets-preserving copy remediation asks for", () => {
        const struct = Struct.fromJavaScript({ tags: {} });
        const shared = mod.deserializeProperties(struct, false);
        assert.notEqual(mod.deserializeProperties(struct, true), shared);
        assert.notEqual(mod.deserializeProperties(struct, true), mod.deserializeProperties(struct, true));
    });

    it("is installed once however often the pack is loaded", () => {
        const fn = mod.deserializeProperties;
        assert.equal(shareDeserializedProperties().deserializeProperties, fn);
    });

    it("no policy writes to the properties it is given (whole prod estate, every policy)", async () => {
        const plan = await evaluateOnce("prod");
        const shared = plan.resources.map((r) => ({
            r,
            props: mod.deserializeProperties(Struct.fromJavaScript(r.outputs), false),
        }));
        const before = JSON.stringify(shared.map((s) => s.props));
        const report = (): void => undefined;
        const notApplicable = (): never => {
            throw new Error("not applicable");
        };
        const resources: PolicyResource[] = shared.map(({ r, props }) => ({
            type: r.type,
            urn: r.urn,
            name: r.name,
            props: unknownCheckingProxy(props),
            opts: {
                protect: r.protect,
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
            },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        }));
        let calls = 0;
        for (const policy of allPolicies) {
            const config = defaults(policy);
            const resourcePolicy = policy as ResourceValidationPolicy;
            const stackPolicy = policy as StackValidationPolicy;
            if (resourcePolicy.validateResource) {
                const validations = [resourcePolicy.validateResource].flat();
                for (const resource of resources) {
                    for (const validate of validations) {
                        calls++;
                        const args: ResourceValidationArgs = {
                            type: resource.type,
                            props: resource.props,
                            urn: resource.urn,
                            name: resource.name,
                            opts: resource.opts,
                            stackTags: new Map(),
                            isType: () => false,
                            asType: () => undefined,
                            getConfig: <T>() => ({ ...config }) as T,
                            notApplicable,
                        };
                        await validate(args, report);
                    }
                }
            } else if (stackPolicy.validateStack) {
                calls++;
                await stackPolicy.validateStack(
                    { resources, stackTags: new Map(), getConfig: <T>() => ({ ...config }) as T, notApplicable },
                    report,
                );
            }
        }
        assert.ok(calls > allPolicies.length, "every policy ran");
        assert.equal(JSON.stringify(shared.map((s) => s.props)), before);
    });
});
