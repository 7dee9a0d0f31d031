// The independent-probe harness shared by tests/policies/probes/*.test.ts: resources as the engine
// hands them to the pack (property dependencies as [type, name] pairs, one provider), judged by a
// scope of policies in-process (`judge`, `passes`, `noMandatory`, `blocks`) or by the compiled pack
// over the analyzer protocol (`servedPack`).

import * as assert from "node:assert/strict";
import * as path from "node:path";

import { AWS_PROVIDER, GovPolicy } from "../../../policies/lib";
import { openPack, PackHandle, providerIndex } from "../../../tools/plan/run-plan";
import { PackConfigFile, readPackConfig, resolvePolicyConfig } from "../../../tools/plan/pack-config";
import { JsonObject } from "../../../tools/plan/properties";
import { PlannedResource, plannedResource } from "../../../tools/plan/types";
import { REAL_PACK } from "../../plan/helpers";
import { runResourcePolicy, runStackPolicy, TestResource, urnOf } from "../helpers";

export interface Finding {
    readonly policy: string;
    readonly level: string;
    readonly resource: string;
    readonly message: string;
}

export interface ProbeProvider {
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
}

export function probeProvider(name: string, props: Record<string, unknown>): ProbeProvider {
    return { name, urn: urnOf(AWS_PROVIDER, name), props };
}

/** A stack's pack config file (policies/config/<stack>.json). */
export function packConfigOf(stack: string): PackConfigFile {
    return readPackConfig(path.join(REAL_PACK, "config", `${stack}.json`));
}

export const nameOfUrn = (urn: string | undefined): string => (urn === undefined ? "?" : urn.slice(urn.lastIndexOf("::") + 2));

export const show = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.level} ${f.policy} [${f.resource}]: ${f.message}`);

/** Property dependencies: prop → [type, name] pairs. */
export type Deps = Record<string, readonly (readonly [string, string])[]>;

export interface ProbeKit {
    /** A resource as the engine hands it to the pack; `dependsOn` are extra URNs (resource option). */
    r(type: string, name: string, props: Record<string, unknown>, deps?: Deps, dependsOn?: readonly string[]): TestResource;
    /** Every policy of the scope (or `policies`) over the resources: resource policies on each, stack policies on all. */
    judge(resources: readonly TestResource[], policies?: readonly GovPolicy[]): Promise<Finding[]>;
    /** Compliant: nothing reported at all, by any policy in scope. */
    passes(resources: readonly TestResource[]): Promise<void>;
    /** Compliant where some value is unknown at preview: no mandatory finding (advisories returned). */
    noMandatory(resources: readonly TestResource[]): Promise<Finding[]>;
    /** Violating: `policy` blocks `resource` (mandatory) with a message naming every string in `names`. */
    blocks(resources: readonly TestResource[], policy: string, resource: string, names: readonly string[]): Promise<void>;
    readonly scope: readonly GovPolicy[];
    readonly provider: ProbeProvider;
}

/**
 * A kit for one scope of policies, one provider and one pack config (a stack's file: a policy's
 * options, or its enforcement level as a string), applied as `configure` would apply it.
 */
export function probeKit(scope: readonly GovPolicy[], provider: ProbeProvider, packConfig: PackConfigFile = {}): ProbeKit {
    const overrides = (p: GovPolicy): Record<string, unknown> | undefined => {
        const entry = (packConfig as Record<string, unknown>)[p.name];
        return entry === undefined ? undefined : typeof entry === "string" ? { enforcementLevel: entry } : (entry as Record<string, unknown>);
    };
    const r: ProbeKit["r"] = (type, name, props, deps = {}, dependsOn = []) => {
        const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(([t, n]) => urnOf(t, n))]));
        return {
            type,
            name,
            props,
            urn: urnOf(type, name),
            provider,
            propertyDependencies,
            dependencies: [...new Set([...Object.values(propertyDependencies).flat(), ...dependsOn])],
        };
    };
    const judge: ProbeKit["judge"] = async (resources, policies = scope) => {
        const out: Finding[] = [];
        for (const p of policies) {
            if (p.govstack.kind === "resource") {
                for (const res of resources) {
                    const diags = await runResourcePolicy(p, { type: res.type, name: res.name, urn: res.urn, props: res.props, provider: res.provider, config: overrides(p) });
                    out.push(...diags.map((d) => ({ policy: p.name, level: d.level, resource: res.name, message: d.message })));
                }
            } else {
                const diags = await runStackPolicy(p, resources, overrides(p));
                out.push(...diags.map((d) => ({ policy: p.name, level: d.level, resource: nameOfUrn(d.urn), message: d.message })));
            }
        }
        return out;
    };
    return {
        r,
        judge,
        scope,
        provider,
        passes: async (resources) => {
            assert.deepEqual(show(await judge(resources)), []);
        },
        noMandatory: async (resources) => {
            const found = await judge(resources);
            assert.deepEqual(show(found.filter((f) => f.level === "mandatory")), []);
            return found;
        },
        blocks: async (resources, policy, resource, names) => {
            const found = await judge(resources, scope.filter((p) => p.name === policy));
            assert.ok(scope.some((p) => p.name === policy), `no policy "${policy}" in scope`);
            const hit = found.filter((f) => f.level === "mandatory" && f.resource === resource);
            assert.ok(hit.length > 0, `${policy} did not block ${resource}; reported: ${JSON.stringify(show(found))}`);
            assert.ok(
                hit.some((f) => names.every((n) => f.message.includes(n))),
                `${policy} blocked ${resource} without naming ${names.join(", ")}: ${JSON.stringify(show(hit))}`,
            );
        },
    };
}

/** The compiled pack over the analyzer protocol, configured with a stack's pack config: what it reports for resources. */
export interface ServedPack {
    open(): Promise<void>;
    close(): Promise<void>;
    /** "<level> <policy> [<resource>]: <message>" for each diagnostic of the policies in scope (each resource `analyze`d, then `analyzeStack`). */
    served(resources: readonly TestResource[]): Promise<string[]>;
}

export function servedPack(kit: ProbeKit, packConfig: PackConfigFile = {}): ServedPack {
    let pack: PackHandle | undefined;
    const ours = new Set(kit.scope.map((p) => p.name));
    const provider = kit.provider;
    const planned = (rs: readonly TestResource[]): PlannedResource[] => [
        plannedResource({ urn: provider.urn, type: AWS_PROVIDER, name: provider.name, inputs: provider.props as JsonObject, outputs: provider.props as JsonObject }),
        ...rs.map((x) =>
            plannedResource({
                urn: x.urn ?? urnOf(x.type, x.name),
                type: x.type,
                name: x.name,
                provider: provider.urn,
                inputs: x.props as JsonObject,
                outputs: x.props as JsonObject,
                dependencies: [...(x.dependencies ?? [])],
                propertyDependencies: Object.fromEntries(Object.entries(x.propertyDependencies ?? {}).map(([k, v]) => [k, [...v]])),
            }),
        ),
    ];
    return {
        open: async () => {
            pack = await openPack(REAL_PACK);
            await pack.session.configure(resolvePolicyConfig(pack.info, packConfig).config);
            await pack.session.configureStack({ stack: "probe", project: "govstack", organization: "organization", dryRun: true, config: {}, secretKeys: [] });
        },
        close: async () => {
            await pack?.close();
        },
        served: async (rs) => {
            assert.ok(pack);
            const resources = planned(rs);
            const providers = providerIndex(resources);
            const diags = [
                ...(await pack.session.analyzeAll(resources.filter((x) => x.type !== AWS_PROVIDER), providers)),
                ...(await pack.session.analyzeStack(resources, providers)),
            ];
            return diags.filter((d) => ours.has(d.policy)).map((d) => `${d.enforcement} ${d.policy} [${nameOfUrn(d.urn)}]: ${d.message}`);
        },
    };
}
