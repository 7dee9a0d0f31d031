import { z } from "zod";

/**
 * zod fields whose every error message says what is allowed, worded to follow the bad value:
 * `Invalid setting "<key>": <value> must be …` (see settings-error.ts). Shared by the estate's and the
 * delivery program's settings so that both speak alike.
 */

export const text = (what: string) => z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what}` });

export const pattern = (re: RegExp, what: string) => text(what).regex(re, { error: `must be ${what}` });

export const whole = (min: number, max: number) => {
    const error = `must be a whole number from ${min} to ${max}`;
    return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const flag = () => z.boolean({ error: "must be true or false" });

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of ${values.join(", ")}` });

export const oneOfNumbers = (values: readonly number[]) =>
    z.number({ error: `must be one of ${values.join(", ")}` }).refine((v) => values.includes(v), {
        error: `must be one of ${values.join(", ")}`,
    });
