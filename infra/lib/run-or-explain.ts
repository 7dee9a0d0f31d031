import * as pulumi from "@pulumi/pulumi";

import { SettingsError } from "./settings-error";

/**
 * Runs a program's `build` and turns a user mistake — a SettingsError, the one vocabulary for them
 * (delivery's RepoFileError and the plan's StackConfigError are SettingsErrors too) — into a
 * `pulumi.RunError`, which the Pulumi CLI prints as its message alone, without a stack trace. Used by
 * the entry points of the estate (infra/index.ts) and of the delivery program (delivery/index.ts).
 */
export function runOrExplain<T>(build: () => T): T {
    try {
        return build();
    } catch (err) {
        if (err instanceof SettingsError) {
            const explained = new pulumi.RunError(err.message);
            // Keeps the mistake's name: the offline plan knows a settings error by it (exit 2).
            explained.name = err.name;
            throw explained;
        }
        throw err;
    }
}
