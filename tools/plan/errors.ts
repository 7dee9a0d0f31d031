import { SettingsError } from "../../infra/lib/settings-error";

/**
 * A mistake in what the plan is given (an unknown stack, a malformed settings or pack config file) is
 * the repository's one SettingsError: the plan prints its message without a stack trace and exits 2.
 * A bad command line is a UsageError (tools/lib/cli-args.ts), also exit 2, printed with the usage.
 */
export { SettingsError };

/** @pulumi/pulumi's Config errors (`config.require` of a missing key, a non-boolean …): settings mistakes too. */
const PULUMI_CONFIG_ERRORS = new Set(["ConfigMissingError", "ConfigTypeError", "ConfigEnumError", "ConfigRangeError", "ConfigPatternError"]);

/**
 * Settings errors exit 2: a SettingsError, also the one a program throws (recognised by
 * name: the plan forgets the program's modules between stacks, so that class is not ours, and
 * infra/index.ts hands it on as a pulumi.RunError that keeps the name) — the stack file loader's
 * StackConfigError is one — and Pulumi's Config errors.
 */
export function isSettingsError(err: unknown): err is Error {
    if (err instanceof SettingsError) {
        return true;
    }
    if (!(err instanceof Error)) {
        return false;
    }
    return err.name === "SettingsError" || PULUMI_CONFIG_ERRORS.has(err.constructor.name);
}
