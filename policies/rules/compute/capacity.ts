// EC2 capacity as the compute policies see it: which types launch a single instance, and the rule
// that settings a launch template supplies are judged on the template.
// (A boolean flag is read with ctx.readBoolean, which also takes the "true"/"false" strings the
// provider bridge sends for some template fields.)

import { EC2_INSTANCE, Guard, OBJECT, readTyped, SPOT_INSTANCE_REQUEST, STRING, Typed } from "../../lib";

/** Instances and spot requests: they launch one instance, optionally from a launch template. */
export const SINGLE_INSTANCE_TYPES: ReadonlySet<string> = new Set([EC2_INSTANCE, SPOT_INSTANCE_REQUEST]);

const SUPPLIED: Typed<boolean> = Object.freeze({ kind: "ok", value: true });
const NOT_SUPPLIED: Typed<boolean> = Object.freeze({ kind: "ok", value: false });
// Any value: only whether the field is set (an unknown counts as set, and the caller then reads it typed).
const ANY: Guard<unknown> = { expected: "a value", parse: (v) => ({ value: v }) };

/**
 * Whether an instance or spot request launches from a launch template and does not set `field`
 * itself: the template supplies it, and the template is judged on its own (a template outside the
 * stack is outside the guard's view). `launchTemplate` is a block (`{ id | name, version }`): a
 * computed one counts as a template; a value of another type, or an id or name that is not a
 * string, is malformed (an array used to pass as "a template"). Settle the result
 * (`ctx.settle`): `ok` with `true` means the template supplies the field.
 */
export function templateSupplies(type: string, props: Readonly<Record<string, unknown>>, field: string): Typed<boolean> {
    if (!SINGLE_INSTANCE_TYPES.has(type)) {
        return NOT_SUPPLIED;
    }
    const own = readTyped(props, field, ANY);
    if (own.kind !== "ok" || own.value !== undefined) {
        return NOT_SUPPLIED; // set (or computed) on the resource itself: judged there
    }
    const template = readTyped(props, "launchTemplate", OBJECT);
    if (template.kind === "unknown") {
        return SUPPLIED;
    }
    if (template.kind === "malformed") {
        return template;
    }
    if (template.value === undefined) {
        return NOT_SUPPLIED;
    }
    for (const key of ["id", "name"]) {
        const ref = readTyped(template.value, key, STRING, "launchTemplate");
        if (ref.kind === "malformed") {
            return ref;
        }
    }
    return SUPPLIED;
}
