import * as pulumi from "@pulumi/pulumi";

import { PreviewMocks } from "./preview-mocks";
import { readStackConfig, StackConfig, toRuntimeConfig } from "./stack-config";

export interface Evaluation {
    config: StackConfig;
    mocks: PreviewMocks;
    /**
     * What the program returned: its stack outputs as declared (values may be Outputs). Not the
     * engine's resolved outputs, which in preview are undefined as soon as one of them is unknown.
     */
    outputs: Record<string, unknown> | undefined;
}

/**
 * Runs `program` as stack `stack` in preview mode under `mocks`, with the stack file's settings
 * (merged with its ESC environments' `pulumiConfig`) as Pulumi config, and waits until every
 * resource registration has reached the mocks.
 */
export async function evaluateStack(
    stack: string,
    program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void,
    mocks: PreviewMocks = new PreviewMocks(),
    config: StackConfig = readStackConfig(stack),
): Promise<Evaluation> {
    pulumi.runtime.setAllConfig(toRuntimeConfig(config), config.secretKeys);
    await pulumi.runtime.setMocks(mocks, config.project, stack, /* preview */ true);
    let outputs: Record<string, unknown> | undefined;
    // The program's own error is caught inside the stack and rethrown after it: thrown through
    // runInPulumiStack, it also rejects the root Stack's output promises, which nobody awaits, and
    // Node prints those unhandled rejections with a stack trace (and exits 1) after the caller has
    // already reported the error. The language host hides them; here they must not arise.
    let failure: { error: unknown } | undefined;
    await pulumi.runtime.runInPulumiStack(async () => {
        try {
            outputs = (await program()) ?? undefined;
        } catch (error) {
            failure = { error };
        }
        return outputs;
    });
    // runInPulumiStack returns once the program has run; registrations may still be in flight.
    await pulumi.runtime.disconnect();
    if (failure) {
        throw failure.error;
    }
    return { config, mocks, outputs };
}
