import * as pulumi from "@pulumi/pulumi";

import { computedOutputs } from "./computed-outputs";

/** One resource as the program declared it, seen through the mocks. */
export interface DeclaredResource {
    type: string;
    name: string;
    /** Inputs exactly as declared; a value the program could not know at preview is `pulumi.unknown`. */
    inputs: Record<string, unknown>;
    provider?: string;
    custom: boolean;
}

/**
 * Pulumi mocks that behave like a real `pulumi preview`: a resource's outputs are its inputs plus
 * every output-only property of its type (ids, ARNs, endpoints) as unknown. Calls return unknowns
 * too, except the few the estate needs to be known at preview (partition, region, account from
 * the stack's settings — see `knownCalls`).
 */
export class PreviewMocks implements pulumi.runtime.Mocks {
    readonly resources: DeclaredResource[] = [];

    constructor(private readonly knownCalls: Record<string, Record<string, unknown>> = {}) {}

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        this.resources.push({
            type: args.type,
            name: args.name,
            inputs: args.inputs as Record<string, unknown>,
            provider: args.provider,
            custom: args.custom ?? true,
        });
        const state: Record<string, unknown> = { ...(args.inputs as Record<string, unknown>) };
        for (const output of computedOutputs(args.type)) {
            if (!(output in state)) {
                state[output] = pulumi.unknown;
            }
        }
        // An empty id is how the engine says "not known until the resource is created".
        return { id: undefined, state };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        const known = this.knownCalls[args.token];
        if (known) {
            return known;
        }
        throw new Error(
            `The program called ${args.token} during preview. govstack builds security-relevant inputs from ` +
                "settings, not lookups; add the call to the mocks' knownCalls only if its result is really known at preview.",
        );
    }

    /** Resources of one type token, e.g. `aws:rds/instance:Instance`. */
    ofType(type: string): DeclaredResource[] {
        return this.resources.filter((r) => r.type === type);
    }
}
