import { JsonObject } from "./properties";

/** The custom timeouts a resource declared, in seconds (0 = provider default), as the analyzer takes them. */
export interface Timeouts {
    create: number;
    update: number;
    delete: number;
}

/**
 * One resource as the engine would know it during a preview: what the program registered, with the
 * URN the monitor assigned. Properties are already in the pack's form (secrets masked, resource
 * references resolved, unknowns as the sentinel).
 */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    /** A custom resource (a cloud object) rather than a component or the stack. */
    custom: boolean;
    /** A component a provider plugin constructs (awsx v3): the engine gives it a provider, like a custom resource. */
    remote: boolean;
    parent: string | undefined;
    /** URN of the provider that manages it (a synthesized default provider when the program named none). */
    provider: string | undefined;
    protect: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    timeouts: Timeouts;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    deleteBeforeReplace: boolean | undefined;
    aliases: string[];
    /** Inputs exactly as declared (what `analyze` sees). */
    inputs: JsonObject;
    /** Inputs plus the outputs the cloud would compute, unknown during a preview (what `analyzeStack` sees). */
    outputs: JsonObject;
    /** Where the program declared it (file relative to the project root, 1-based line), when the SDK knew. */
    source?: { file: string; line: number };
}

export type Enforcement = "advisory" | "mandatory" | "disabled" | "remediate";

/** A policy as the pack describes itself through GetAnalyzerInfo: the only source of report metadata. */
export interface PolicyMeta {
    name: string;
    displayName: string;
    description: string;
    enforcement: Enforcement;
    /** "low" | "medium" | "high" | "critical" | "" */
    severity: string;
    remediation: string;
    /** NIST SP 800-53 control ids the pack tags the policy with (e.g. "SC-28"). */
    controls: string[];
    framework: { name: string; version: string; reference: string } | undefined;
    kind: "resource" | "stack" | "unknown";
    url: string;
    configSchema: { properties: JsonObject; required: string[] } | undefined;
}

export interface PackInfo {
    name: string;
    version: string;
    description: string;
    policies: PolicyMeta[];
    /** Config the pack declares in code (`new PolicyPack(name, args, initialConfig)`). */
    initialConfig: Record<string, { enforcement: Enforcement | undefined; properties: JsonObject }>;
}

/** One diagnostic the pack returned. */
export interface Violation {
    policy: string;
    urn: string | undefined;
    enforcement: Exclude<Enforcement, "disabled">;
    message: string;
    controls: string[];
}

/**
 * A PlannedResource with the engine's defaults for everything not given: a custom resource with
 * no parent, provider, dependencies, options or properties. One place for the defaults, so
 * synthesized providers, replayed plans and test fixtures agree with the recorder.
 */
export function plannedResource(
    fields: Pick<PlannedResource, "urn" | "type" | "name"> & Partial<PlannedResource>,
): PlannedResource {
    return {
        custom: true,
        remote: false,
        parent: undefined,
        provider: undefined,
        protect: false,
        dependencies: [],
        propertyDependencies: {},
        timeouts: { create: 0, update: 0, delete: 0 },
        ignoreChanges: [],
        additionalSecretOutputs: [],
        deleteBeforeReplace: undefined,
        aliases: [],
        inputs: {},
        outputs: {},
        ...fields,
    };
}
