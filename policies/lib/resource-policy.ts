// The resource policy builder: type dispatch (a Set of type tokens checked first), the resource
// context (unknown-safe reads, waivers, advisories), and remediation through the server's
// secrets-preserving props.

import type { ReportViolation, ResourceRemediation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

import type { ConfigOf, OptionSpecs } from "./config";
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
    Resolved,
} from "./policy-common";
import type { GovResourcePolicy, ResourceContext, ResourcePolicySpec } from "./policy-types";
import { typeMatcher } from "./type-match";
import { typedReads } from "./typed-reads";
import { read, unwrap } from "./unknowns";
import { findActiveWaiver, todayUtc, waivedMessage } from "./waivers";

/** Builds a ResourceValidationPolicy that follows the pack's contract. */
export function resourcePolicy<const O extends OptionSpecs = Record<never, never>>(spec: ResourcePolicySpec<O>): GovResourcePolicy {
    checkCommon(spec);
    if (spec.resourceTypes.length === 0) {
        throw new Error(`Policy "${spec.name}" must name at least one resource type`);
    }
    const applies = typeMatcher(spec.resourceTypes);
    const options = (spec.options ?? {}) as O;
    const resolve = makeResolver(spec.name, options);

    /** The last property path a context read, for the safety net's message (one call at a time: validate is synchronous). */
    let lastRead: string | undefined;
    const trace = (path: string, type: string) => {
        lastRead = path;
        readObserver.current?.(spec.name, type, path);
    };

    const makeContext = (args: ResourceValidationArgs, resolved: Resolved<O>, report?: ReportViolation): ResourceContext<ConfigOf<O>> => {
        const props = unwrap(args.props) as Record<string, unknown>;
        const label = labelFor(args.type, args.name);
        let today: string | undefined;
        return {
            type: args.type,
            urn: args.urn,
            name: args.name,
            label,
            props,
            config: resolved.config,
            args,
            read: <T>(path: string, from?: unknown) => {
                trace(path, args.type);
                return read<T>(from === undefined ? props : from, path);
            },
            // A malformed value is not a risk anyone accepted: reported at the policy's level, never waived.
            ...typedReads({
                props,
                label,
                trace: (path) => trace(path, args.type),
                cannotVerify: (what) => report && reportAdvisory(report, cannotVerifyMessage(what), args.urn),
                malformed: (message) => report?.(message, args.urn),
            }),
            violation: (message: string) => {
                if (!report) {
                    return;
                }
                const waiver = resolved.waivers.length > 0 ? findActiveWaiver(resolved.waivers, args, (today ??= todayUtc())) : undefined;
                if (waiver) {
                    reportAdvisory(report, waivedMessage(waiver, message), args.urn);
                } else {
                    report(message, args.urn);
                }
            },
            cannotVerify: (what: string) => {
                if (report) {
                    reportAdvisory(report, cannotVerifyMessage(what), args.urn);
                }
            },
            advisory: (message: string) => {
                if (report) {
                    reportAdvisory(report, message, args.urn);
                }
            },
        };
    };

    const validateResource: ResourceValidation = (args, serverReport) => {
        if (!applies(args.type)) {
            return;
        }
        const report = capMessages(serverReport);
        lastRead = undefined;
        try {
            const resolved = resolve(args.getConfig<Record<string, unknown>>());
            for (const e of resolved.errors) {
                report(e, args.urn);
            }
            if (resolved.fatal) {
                return;
            }
            spec.validate(makeContext(args, resolved, report));
        } catch (e) {
            // The safety net: the preview goes on, every other policy still reports, this resource is blocked.
            if (isServerSignal(e)) {
                throw e;
            }
            report(internalErrorMessage(spec.name, labelFor(args.type, args.name), lastRead, e), args.urn);
        }
    };

    let remediateResource: ResourceRemediation | undefined;
    if (spec.remediate) {
        const remediate = spec.remediate;
        remediateResource = (args) => {
            if (!applies(args.type)) {
                return undefined;
            }
            const resolved = resolve(args.getConfig<Record<string, unknown>>());
            if (resolved.fatal || findActiveWaiver(resolved.waivers, args)) {
                return undefined;
            }
            // The remediation RPC's props are a secrets-preserving proxy (behind the unknown-checking
            // one): writing through it keeps secret inputs secret in what the engine receives.
            const target = unwrap(args.props) as Record<string, unknown>;
            const update = (changes: Readonly<Record<string, unknown>>) => {
                for (const [k, v] of Object.entries(changes)) {
                    target[k] = v;
                }
                return target;
            };
            try {
                return remediate({ ...makeContext(args, resolved), update });
            } catch (e) {
                if (isServerSignal(e)) {
                    throw e;
                }
                // No change rather than a failed update; validate reports the same input through its own net.
                return undefined;
            }
        };
        attachType(remediateResource, spec.resourceTypes);
    }

    return {
        ...commonFields(spec, "resource", spec.resourceTypes),
        // No __pulumiType here: see attachType.
        validateResource,
        ...(remediateResource ? { remediateResource } : {}),
    };
}
