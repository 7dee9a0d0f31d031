// The stack policy builder: plain views of the stack's resources (converted lazily), per-type and
// per-URN indexes built once per call, and reference resolution by known id/ARN/name or, at
// preview, by property dependency.

import type { PolicyResource, ReportViolation, StackValidation, StackValidationArgs } from "@pulumi/policy";

import type { OptionSpecs } from "./config";
import { Guard, STRING, STRING_OR_LIST, Typed, typed } from "./guards";
import { labelFor } from "./nouns";
import {
    attachType,
    cannotVerifyMessage,
    capMessages,
    checkCommon,
    commonFields,
    internalErrorMessage,
    isServerSignal,
    makeResolver,
    readObserver,
    reportAdvisory,
} from "./policy-common";
import type { EnumReadOptions, GovStackPolicy, ReadOptions, ResolvedRefs, StackContext, StackPolicySpec, StackResource, TypedReads } from "./policy-types";
import { typedReads } from "./typed-reads";
import { ownValue, read, UNKNOWN, unwrap } from "./unknowns";
import { findActiveWaiver, todayUtc, waivedMessage, Waiver } from "./waivers";

function toStackResource(r: PolicyResource): StackResource {
    const propertyDependencies: Record<string, readonly string[]> = {};
    for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[k] = deps.map((d) => d.urn);
    }
    return {
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: unwrap(r.props) as Record<string, unknown>,
        parent: r.parent?.urn,
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
        provider: r.provider
            ? { type: r.provider.type, urn: r.provider.urn, name: r.provider.name, props: unwrap(r.provider.props) as Record<string, unknown> }
            : undefined,
    };
}

const DEFAULT_KEY_PROPS: readonly string[] = ["id", "arn", "name"];
const NO_REFS: ResolvedRefs = Object.freeze({ resources: [], unresolved: 0, listUnknown: false });

/** What a reference property with `blocks` may hold: a string, a list, or a block (an object) that holds the reference. */
const REFERENCES: Guard<readonly unknown[]> = {
    expected: "a string, an array of strings or a block",
    parse: (v) => (typeof v === "string" ? { value: [v] } : Array.isArray(v) ? { value: v as readonly unknown[] } : v !== null && typeof v === "object" ? { value: [v] } : undefined),
};

/** What a stack policy read last: the net names it. */
interface StackTrace {
    path?: string;
    resource?: StackResource;
}

function makeStackContext<C>(
    policy: string,
    args: StackValidationArgs,
    config: C,
    waivers: readonly Waiver[],
    report: ReportViolation,
    last: StackTrace,
): StackContext<C> {
    // Conversion is lazy: a policy that only looks at a few types never touches the rest.
    const converted = new Map<PolicyResource, StackResource>();
    // Props object → its resource, so a read of `r.props` can name the resource it read.
    const owners = new WeakMap<object, StackResource>();
    const view = (r: PolicyResource): StackResource => {
        let v = converted.get(r);
        if (!v) {
            v = toStackResource(r);
            converted.set(r, v);
            owners.set(v.props, v);
        }
        return v;
    };
    const trace = (path: string, resource: StackResource | undefined) => {
        last.path = path;
        last.resource = resource;
        readObserver.current?.(policy, resource?.type ?? "", path);
    };
    const readers = new Map<StackResource, TypedReads>();
    const readerOf = (resource: StackResource): TypedReads => {
        let r = readers.get(resource);
        if (!r) {
            const label = labelFor(resource.type, resource.name);
            r = typedReads({
                props: resource.props,
                label,
                trace: (path) => trace(path, resource),
                cannotVerify: (what) => reportAdvisory(report, cannotVerifyMessage(what), resource.urn),
                // A malformed value is not a risk anyone accepted: reported at the policy's level, never waived.
                malformed: (message) => report(message, resource.urn),
            });
            readers.set(resource, r);
        }
        return r;
    };
    let all: StackResource[] | undefined;
    let byType: Map<string, PolicyResource[]> | undefined;
    let byUrnMap: Map<string, PolicyResource> | undefined;
    const refIndex = new Map<string, Map<string, StackResource>>();
    let today: string | undefined;

    const ofType = (...types: string[]): readonly StackResource[] => {
        if (!byType) {
            byType = new Map();
            for (const r of args.resources) {
                const list = byType.get(r.type);
                if (list) {
                    list.push(r);
                } else {
                    byType.set(r.type, [r]);
                }
            }
        }
        return types.flatMap((t) => (byType?.get(t) ?? []).map(view));
    };
    const byUrn = (urn: string): StackResource | undefined => {
        byUrnMap ??= new Map(args.resources.map((r) => [r.urn, r]));
        const r = byUrnMap.get(urn);
        return r ? view(r) : undefined;
    };
    // id/arn/name → resource, per target type set, built once.
    const refsOf = (targetTypes: readonly string[], keyProps: readonly string[]): Map<string, StackResource> => {
        const key = `${targetTypes.join("|")}#${keyProps.join("|")}`;
        let index = refIndex.get(key);
        if (!index) {
            index = new Map();
            for (const r of ofType(...targetTypes)) {
                for (const field of keyProps) {
                    // A key (id, ARN, name) of the wrong type is reported against its resource: the
                    // references to it cannot resolve, and that must not pass as "unresolved" only.
                    const key = typed(ownValue(r.props, field), STRING, field);
                    if (key.kind === "malformed") {
                        readerOf(r).settle(key);
                    } else if (key.kind === "ok" && key.value !== undefined && !index.has(key.value)) {
                        index.set(key.value, r);
                    }
                }
            }
            refIndex.set(key, index);
        }
        return index;
    };

    return {
        config,
        args,
        get resources() {
            all ??= args.resources.map(view);
            return all;
        },
        ofType,
        byUrn,
        resolveRefs: (from, prop, targetTypes, keyProps = DEFAULT_KEY_PROPS, opts = {}) => {
            // A string or a list of strings; with `blocks`, an object (a block such as an instance's
            // `launchTemplate: { id }`) holds the reference inside it and is resolved by the property's
            // dependencies, as an unknown is. Anything else is malformed, reported against `from`, and
            // refers to nothing: a garbage reference must not pass as merely "unresolved".
            trace(prop, from);
            const value = read(from.props, prop);
            const checked = value.known ? readerOf(from).check(value.value, opts.blocks ? REFERENCES : STRING_OR_LIST, prop) : undefined;
            if (checked !== undefined && !checked.ok) {
                return NO_REFS;
            }
            const list = value.known && Array.isArray(value.value);
            const refs: readonly unknown[] = checked === undefined ? [UNKNOWN] : (checked.value ?? []);
            const index = refsOf(targetTypes, keyProps);
            const found = new Map<string, StackResource>();
            let unknownRefs = 0;
            let unresolved = 0;
            refs.forEach((ref, i) => {
                if (opts.blocks && ref !== null && typeof ref === "object" && !Array.isArray(ref)) {
                    unknownRefs++; // a block: resolved by dependency
                    return;
                }
                const r = readerOf(from).check(ref, STRING, list ? `${prop}[${i}]` : prop, { quiet: true });
                if (r.ok && r.value !== undefined) {
                    const target = index.get(r.value);
                    if (target) {
                        found.set(target.urn, target);
                    } else {
                        unresolved++;
                    }
                } else if (!r.ok && r.unknown) {
                    unknownRefs++;
                }
            });
            if (unknownRefs > 0) {
                const types = new Set(targetTypes);
                const deps = (from.propertyDependencies[prop] ?? []).map(byUrn).filter((r): r is StackResource => !!r && types.has(r.type));
                for (const d of deps) {
                    found.set(d.urn, d);
                }
                // Each unknown ref is matched by one dependency at best; the rest stay unresolved.
                unresolved += Math.max(0, unknownRefs - deps.length);
            }
            return { resources: [...found.values()], unresolved, listUnknown: !value.known };
        },
        read: <T>(from: unknown, path: string) => {
            trace(path, from !== null && typeof from === "object" ? owners.get(from) : undefined);
            return read<T>(from, path);
        },
        label: (resource) => labelFor(resource.type, resource.name),
        readString: (resource: StackResource, path: string, opts?: ReadOptions) => readerOf(resource).readString(path, opts),
        readBoolean: (resource: StackResource, path: string, opts?: ReadOptions) => readerOf(resource).readBoolean(path, opts),
        readNumber: (resource: StackResource, path: string, opts?: ReadOptions) => readerOf(resource).readNumber(path, opts),
        readEnum: <const V extends string>(resource: StackResource, path: string, values: readonly V[], opts?: EnumReadOptions) =>
            readerOf(resource).readEnum(path, values, opts),
        readArray: (resource: StackResource, path: string, opts?: ReadOptions) => readerOf(resource).readArray(path, opts),
        readObject: (resource: StackResource, path: string, opts?: ReadOptions) => readerOf(resource).readObject(path, opts),
        readAs: <T>(resource: StackResource, path: string, guard: Guard<T>, opts?: ReadOptions) => readerOf(resource).readAs(path, guard, opts),
        check: <T>(resource: StackResource, value: unknown, guard: Guard<T>, path: string, opts?: Pick<ReadOptions, "quiet" | "what">) =>
            readerOf(resource).check(value, guard, path, opts),
        settle: <T>(resource: StackResource, result: Typed<T>, opts?: Pick<ReadOptions, "quiet" | "what"> & { readonly label?: string }) =>
            readerOf(resource).settle(result, opts),
        violation: (resource, message) => {
            const waiver = waivers.length > 0 ? findActiveWaiver(waivers, resource, (today ??= todayUtc())) : undefined;
            if (waiver) {
                reportAdvisory(report, waivedMessage(waiver, message), resource.urn);
            } else {
                report(message, resource.urn);
            }
        },
        cannotVerify: (resource, what) => reportAdvisory(report, cannotVerifyMessage(what), resource.urn),
        advisory: (resource, message) => reportAdvisory(report, message, resource.urn),
    };
}

/** Builds a StackValidationPolicy that follows the pack's contract. */
export function stackPolicy<const O extends OptionSpecs = Record<never, never>>(spec: StackPolicySpec<O>): GovStackPolicy {
    checkCommon(spec);
    const options = (spec.options ?? {}) as O;
    const resolve = makeResolver(spec.name, options);
    const validateStack: StackValidation = (args, serverReport) => {
        const report = capMessages(serverReport);
        const last: StackTrace = {};
        try {
            const resolved = resolve(args.getConfig<Record<string, unknown>>());
            for (const e of resolved.errors) {
                report(e);
            }
            if (resolved.fatal) {
                return;
            }
            spec.validate(makeStackContext(spec.name, args, resolved.config, resolved.waivers, report, last));
        } catch (e) {
            // The safety net: the preview goes on and every other policy still reports; the stack is blocked.
            if (isServerSignal(e)) {
                throw e;
            }
            const subject = last.resource ? `the stack (at ${labelFor(last.resource.type, last.resource.name)})` : "the stack";
            const path = last.path === undefined ? undefined : last.path;
            report(internalErrorMessage(spec.name, subject, path, e), last.resource?.urn);
        }
    };
    return {
        ...commonFields(spec, "stack", spec.resourceTypes),
        validateStack: spec.triggerType ? attachType(validateStack, [spec.triggerType]) : validateStack,
    };
}
