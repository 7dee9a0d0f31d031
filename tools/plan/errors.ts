import { StackConfigError } from "../lib/stack-config";

/**
 * A mistake the user can fix (bad arguments, a malformed settings or pack config file). The plan
 * prints its message without a stack trace and exits 2. Named "SettingsError" like infra/config.ts's
 * error so both are recognised by name.
 */
export class PlanSettingsError extends Error {
    override name = "SettingsError";
}

/** @pulumi/pulumi's Config errors (`config.require` of a missing key, a non-boolean …): settings mistakes too. */
const PULUMI_CONFIG_ERRORS = new Set(["ConfigMissingError", "ConfigTypeError", "ConfigEnumError", "ConfigRangeError", "ConfigPatternError"]);

/**
 * Settings and usage errors exit 2: infra's SettingsError (recognised by name: the plan never imports
 * infra/), the stack file loader's StackConfigError, Pulumi's Config errors, ours.
 */
export function isSettingsError(err: unknown): err is Error {
    if (err instanceof StackConfigError) {
        return true;
    }
    if (!(err instanceof Error)) {
        return false;
    }
    return err.name === "SettingsError" || err.name === "StackConfigError" || PULUMI_CONFIG_ERRORS.has(err.constructor.name);
}
