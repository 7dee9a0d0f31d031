// Shared helpers for policy unit tests: run a policy's real validate function with arguments
// shaped exactly as the @pulumi/policy server builds them (props through Struct → deserialize →
// unknown-checking proxy; getConfig = schema defaults merged with overrides, as the CLI's
// `configure` does), and collect what it reports. No server, no gRPC: pure function calls.

import * as assert from "node:assert/strict";
import { createRequire } from "node:module";

import type {
    EnforcementLevel,
    Policy,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import { GovPolicy, UNKNOWN } from "../../policies/lib";
import { resolvePolicyConfig } from "../../tools/plan/pack-config";
import { servedInfoOf } from "../../tools/plan/served-info";

// The server's own (untyped, @internal) modules, and the protobuf classes @pulumi/pulumi uses.
const policyRequire = createRequire(require.resolve("@pulumi/policy/package.json"));
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const { unknownCheckingProxy, UnknownValueError } = policyRequire("./proxy") as {
    unknownCheckingProxy<T>(o: T): T;
    UnknownValueError: new (...args: unknown[]) => Error;
};
const { deserializeProperties, serializeProperties } = policyRequire("./deserialize") as {
    deserializeProperties(s: unknown, proxySecrets: boolean): Record<string, unknown>;
    serializeProperties(o: unknown): Promise<Record<string, unknown>>;
};

// How the engine marks a secret inside Struct properties (@pulumi/pulumi/runtime/rpc.js).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret property value as the engine sends it (and as remediation must hand it back). */
export function secret(value: unknown): Record<string, unknown> {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(o: Record<string, unknown>): unknown };
};

/** The value the engine sends for an unknown input during preview. */
export { UNKNOWN };
export function unknown(): string {
    return UNKNOWN;
}

export interface Diagnostic {
    readonly message: string;
    readonly urn?: string;
    /** The level the server would report: the policy's (configured) level, or the diagnostic's own (advisory). */
    readonly level: EnforcementLevel;
}

export interface ResourceInput {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly name?: string;
    readonly urn?: string;
    /** Policy config overrides, as in --policy-pack-config (may include enforcementLevel). */
    readonly config?: Record<string, unknown>;
    readonly provider?: { type?: string; name?: string; urn?: string; props: Record<string, unknown> };
    readonly opts?: Partial<PolicyResourceOptions>;
}

export interface TestResource {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly urn?: string;
    /** URN of the parent. */
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    /** Property name → URNs of the resources that input came from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: { type?: string; name?: string; urn?: string; props: Record<string, unknown> };
}

export function urnOf(type: string, name: string, stack = "test", project = "govstack"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/**
 * Props as the server hands them to a policy: through a protobuf Struct, deserialised (secrets
 * unwrapped for validation; kept behind a secrets-preserving proxy for remediation), proxied.
 */
export function serverProps(props: Record<string, unknown>, forRemediation = false): Record<string, unknown> {
    const plain = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(plain), forRemediation));
}

/**
 * Config exactly as `configure` leaves it for one policy: resolved by the plan's one resolution path
 * from what the pack serves (schema defaults, then the overrides as a pack config file would give
 * them). Mistakes are not refused here: tests configure invalid options to see the pack's own reaction.
 */
function effectiveConfig(policy: Policy, overrides?: Record<string, unknown>): { level: EnforcementLevel; config: Record<string, unknown> } {
    const file = overrides && Object.keys(overrides).length > 0 ? { [policy.name]: JSON.parse(JSON.stringify(overrides)) } : {};
    const entry = resolvePolicyConfig(servedInfoOf(policy), file).config[policy.name];
    return { level: entry.enforcement, config: entry.properties };
}

// ---------------------------------------------------------------------------------------------
// Proof ledger: which policies the suite has shown blocking a resource AND passing one
// (tests/policies/proven-both-ways.test.ts fails when a policy lacks either).

/** Per policy name: a mandatory violation asserted by `assertViolations`, a clean pass asserted by `assertClean`. */
export const proofs = new Map<string, { violation: boolean; cleanPass: boolean }>();
const producedBy = new WeakMap<readonly Diagnostic[], string>();

function tagged(diags: Diagnostic[], policyName: string): Diagnostic[] {
    producedBy.set(diags, policyName);
    return diags;
}

function recordProof(diags: readonly Diagnostic[], kind: "violation" | "cleanPass"): void {
    const name = producedBy.get(diags);
    if (name !== undefined) {
        const entry = proofs.get(name) ?? { violation: false, cleanPass: false };
        entry[kind] = true;
        proofs.set(name, entry);
    }
}

/** A filtered view of `diags` that keeps its policy tag. */
function filterTagged(diags: readonly Diagnostic[], keep: (d: Diagnostic) => boolean): Diagnostic[] {
    const out = diags.filter(keep);
    const name = producedBy.get(diags);
    return name === undefined ? out : tagged(out, name);
}

type Collector = ((message: unknown, urn?: string) => void) & { diagnostics: Diagnostic[] };

function collector(level: EnforcementLevel): Collector {
    const diagnostics: Diagnostic[] = [];
    // Mirrors makeReportViolationFun in @pulumi/policy/server.js, except that the string form keeps
    // the policy's own message (the server prefixes the description and a newline).
    const fn = ((message: unknown, urn?: string) => {
        const effective = level === "remediate" ? "mandatory" : level;
        if (message !== null && typeof message === "object") {
            const d = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            diagnostics.push({ message: d.message ?? "", urn: d.urn, level: d.enforcementLevel ?? effective });
        } else {
            diagnostics.push({ message: String(message), urn, level: effective });
        }
    }) as Collector;
    fn.diagnostics = diagnostics;
    return fn;
}

function rethrowUnknownRead(policyName: string, e: unknown): never {
    if (e instanceof UnknownValueError) {
        // The server would turn this into an advisory "can't run policy during preview"; our
        // policies read through lib/unknowns and must never trip the proxy.
        throw new Error(`Policy "${policyName}" read an unknown value through the proxy: ${(e as Error).message}`);
    }
    throw e;
}

const noopNotApplicable = (reason?: string): never => {
    throw new Error(`notApplicable: ${reason ?? ""}`);
};

function providerOf(p: ResourceInput["provider"]) {
    if (!p) {
        return undefined;
    }
    return {
        type: p.type ?? "pulumi:providers:aws",
        name: p.name ?? "default",
        urn: p.urn ?? urnOf("pulumi:providers:aws", p.name ?? "default"),
        props: serverProps(p.props),
    };
}

function resourceOptions(opts: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...opts,
    };
}

function resourceArgs(policy: GovPolicy | ResourceValidationPolicy, input: ResourceInput, proxied: Record<string, unknown>): ResourceValidationArgs {
    const name = input.name ?? "test";
    const { config } = effectiveConfig(policy, input.config);
    const args: ResourceValidationArgs = {
        type: input.type,
        props: proxied,
        urn: input.urn ?? urnOf(input.type, name),
        name,
        opts: resourceOptions(input.opts),
        stackTags: new Map<string, string>(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: noopNotApplicable,
    };
    const provider = providerOf(input.provider);
    if (provider) {
        args.provider = provider;
    }
    return args;
}

/** Runs a resource policy on one resource; returns what it reported. Throws if the policy throws. */
export async function runResourcePolicy(policy: GovPolicy | ResourceValidationPolicy, input: ResourceInput): Promise<Diagnostic[]> {
    const p = policy as ResourceValidationPolicy;
    assert.ok(p.validateResource, `policy "${policy.name}" is not a resource policy`);
    const { level } = effectiveConfig(policy, input.config);
    if (level === "disabled") {
        return tagged([], policy.name);
    }
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
    // The server's fast path: a function carrying __pulumiType is skipped for other types.
    const only = (validations[0] as { __pulumiType?: string }).__pulumiType;
    if (validations.length === 1 && only && only !== input.type) {
        return tagged([], policy.name);
    }
    const report = collector(level);
    for (const validate of validations) {
        const args = resourceArgs(policy, input, serverProps(input.props));
        try {
            await validate(args, report as unknown as Parameters<typeof validate>[1]);
        } catch (e) {
            rethrowUnknownRead(policy.name, e);
        }
    }
    return tagged(report.diagnostics, policy.name);
}

/**
 * Runs a policy's remediateResource as the server does when its level is "remediate", and
 * returns the props serialised as the engine would receive them (secrets as `secret(value)`).
 */
export async function runRemediation(policy: GovPolicy | ResourceValidationPolicy, input: ResourceInput): Promise<Record<string, unknown> | undefined> {
    const p = policy as ResourceValidationPolicy;
    assert.ok(p.remediateResource, `policy "${policy.name}" has no remediateResource`);
    const only = (p.remediateResource as { __pulumiType?: string }).__pulumiType;
    if (only && only !== input.type) {
        return undefined;
    }
    try {
        const result = await p.remediateResource(resourceArgs(policy, input, serverProps(input.props, true)));
        return result ? await serializeProperties(result) : undefined;
    } catch (e) {
        return rethrowUnknownRead(policy.name, e);
    }
}

/** Runs a stack policy over resources, linked by parent/dependencies as the server links them. */
export async function runStackPolicy(
    policy: GovPolicy | StackValidationPolicy,
    resources: readonly TestResource[],
    configOverrides?: Record<string, unknown>,
): Promise<Diagnostic[]> {
    const p = policy as StackValidationPolicy;
    assert.ok(p.validateStack, `policy "${policy.name}" is not a stack policy`);
    const { level, config } = effectiveConfig(policy, configOverrides);
    if (level === "disabled") {
        return tagged([], policy.name);
    }
    const only = (p.validateStack as { __pulumiType?: string }).__pulumiType;
    if (only && !resources.some((r) => r.type === only)) {
        return tagged([], policy.name);
    }
    const built = resources.map((r) => {
        const props = serverProps(r.props);
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn ?? urnOf(r.type, r.name),
            name: r.name,
            opts: resourceOptions(r.parent ? { parent: r.parent } : {}),
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
        const provider = providerOf(r.provider);
        if (provider) {
            resource.provider = provider;
        }
        return { resource, source: r };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
    const lookup = (urns: readonly string[] = []) => urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    for (const { resource, source } of built) {
        if (source.parent && byUrn.has(source.parent)) {
            resource.parent = byUrn.get(source.parent);
        }
        resource.dependencies = lookup(source.dependencies);
        for (const [k, urns] of Object.entries(source.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = lookup(urns);
        }
    }
    const args: StackValidationArgs = {
        resources: built.map((b) => b.resource),
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: noopNotApplicable,
    };
    const report = collector(level);
    try {
        await p.validateStack(args, report as unknown as Parameters<StackValidationPolicy["validateStack"]>[1]);
    } catch (e) {
        rethrowUnknownRead(policy.name, e);
    }
    return tagged(report.diagnostics, policy.name);
}

export function mandatory(diags: readonly Diagnostic[]): Diagnostic[] {
    return filterTagged(diags, (d) => d.level === "mandatory");
}

export function advisory(diags: readonly Diagnostic[]): Diagnostic[] {
    return filterTagged(diags, (d) => d.level === "advisory");
}

export function messages(diags: readonly Diagnostic[]): string[] {
    return diags.map((d) => d.message);
}

/** Asserts exactly these mandatory messages (in order) and nothing else mandatory. */
export function assertViolations(diags: readonly Diagnostic[], expected: readonly string[]): void {
    assert.deepEqual(messages(mandatory(diags)), expected);
    if (expected.length > 0) {
        recordProof(diags, "violation");
    }
}

/** Asserts the policy reported nothing at all. */
export function assertClean(diags: readonly Diagnostic[]): void {
    assert.deepEqual(diags, []);
    recordProof(diags, "cleanPass");
}

/** Asserts no mandatory diagnostic (unknown inputs may yield advisory "cannot verify"). */
export function assertNoMandatory(diags: readonly Diagnostic[]): void {
    assert.deepEqual(messages(mandatory(diags)), []);
}

/** Exactly one advisory and nothing mandatory: what a policy reports when it cannot verify a resource. */
export function assertAdvisoryOnly(diags: readonly Diagnostic[]): void {
    assertNoMandatory(diags);
    assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
}

/** An IAM policy document holding these statements, as a program passes it to AWS: a JSON string. */
export function policyDoc(...Statement: unknown[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement });
}

/** An IAM account password policy that meets iam-password-policy-strength's defaults (IA-5(1)). */
export const STRONG_PASSWORD_POLICY = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    maxPasswordAge: 90,
} as const;

/**
 * How every unwaivable "Cannot evaluate …" finding ends (lib/guards.ts words it; the tests spell it
 * out once here, so a change to the wording is a deliberate change to one expectation).
 */
export const CANNOT_EVALUATE_SUFFIX = "; set a valid value (the policy cannot judge this one, so it blocks the resource).";

export const ACTIVE_UNTIL = "2999-12-31";
export const EXPIRED_ON = "2020-01-01";

export function waiver(resource: string, expires = ACTIVE_UNTIL): Record<string, string> {
    return { resource, reason: "risk accepted for the test", approvedBy: "ciso@example.gov", expires };
}

/** A stack policy's input for the `it…` helpers: the resources, and config overrides if any. */
export interface StackInput {
    readonly stack: readonly TestResource[];
    readonly config?: Record<string, unknown>;
}

/**
 * Registers one test, `title`: on `input` (a value unknown at preview, or a violation under a config
 * that makes the policy advisory) the policy reports exactly one advisory and nothing mandatory.
 */
export function itIsAdvisoryOnly(title: string, policy: GovPolicy, input: ResourceInput | StackInput): void {
    it(title, async () => {
        assertAdvisoryOnly("stack" in input ? await runStackPolicy(policy, input.stack, input.config) : await runResourcePolicy(policy, input));
    });
}

/**
 * Registers the three waiver cases for a policy, given a resource input it flags: an active
 * waiver turns the violation into an advisory, an expired one does not, a malformed one is an
 * error naming the policy and the field. For a stack policy pass `{ stack: resources, name }`
 * where `name` is the flagged resource's name.
 */
export function itHonoursWaivers(
    policy: GovPolicy,
    input: ResourceInput | (StackInput & { readonly name: string }),
): void {
    const run = (waivers: unknown[]) =>
        "stack" in input
            ? runStackPolicy(policy, input.stack, { ...input.config, waivers })
            : runResourcePolicy(policy, { ...input, config: { ...input.config, waivers } });
    const name = "stack" in input ? input.name : (input.name ?? "test");

    it("an active waiver for the resource turns its violation into an advisory", async () => {
        const before = mandatory(await run([]));
        assert.ok(before.length > 0, "the input must violate the policy without a waiver");
        const diags = await run([waiver(name)]);
        assertNoMandatory(diags);
        assert.ok(advisory(diags).some((d) => d.message.startsWith(`Waived until ${ACTIVE_UNTIL}`)), JSON.stringify(diags));
    });

    it("an expired waiver no longer applies", async () => {
        const diags = await run([waiver(name, EXPIRED_ON)]);
        assert.ok(mandatory(diags).length > 0);
    });

    it("a malformed waiver is an error naming the policy and the field", async () => {
        const diags = await run([{ resource: name, reason: "x", approvedBy: "y", expires: "next year" }]);
        assert.ok(
            messages(mandatory(diags)).includes(
                `Invalid waiver config for policy "${policy.name}": waivers[0].expires must be a date as YYYY-MM-DD, got "next year"`,
            ),
            JSON.stringify(diags),
        );
    });
}
