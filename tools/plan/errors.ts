import { StackConfigError } from "../lib/stack-config";

/**
 * A mistake the user can fix (bad arguments, a malformed settings or pack config file). The plan
 * prints its message without a stack trace and exits 2. Named "SettingsError" like infra/config.ts's
 * error so both are recognised by name.
 */
export class PlanSettingsError extends Error {
    override name = "SettingsError";
}

/** Settings and usage errors exit 2: infra's SettingsError, the stack file loader's StackConfigError, ours. */
export function isSettingsError(err: unknown): err is Error {
    return err instanceof StackConfigError || (err instanceof Error && (err.name === "SettingsError" || err.name === "StackConfigError"));
}
