/**
 * Property values as they travel over Pulumi's gRPC protocols (a `google.protobuf.Struct` turned into
 * plain JSON), and the two forms the plan derives from them: what it writes to plan.json and what it
 * sends to the pack. Neither form ever carries a secret's plain text (NIST SC-28, IA-5: the plan is
 * an artifact CI uploads; a secret in it would be a leak).
 */

/** The key under which Pulumi marks special values (secrets, resource references, assets). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** Pulumi's "not known until the resource is created" value. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What the plan writes (and sends) in place of a secret's value. */
export const SECRET_PLACEHOLDER = "[secret]";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A resource reference as the engine hands it to an analyzer: the CLI marshals analyzer properties
 * without resource references, so a custom resource becomes its id (unknown during a preview of a
 * resource not yet created) and a component becomes its URN.
 */
function referenceValue(ref: JsonObject): Json {
    const id = ref.id;
    if (id !== undefined) {
        return typeof id === "string" && id !== "" ? id : UNKNOWN;
    }
    return ref.urn ?? UNKNOWN;
}

function convert(value: Json, secret: (inner: Json) => Json): Json {
    if (Array.isArray(value)) {
        return value.map((v) => convert(v, secret));
    }
    if (!isObject(value)) {
        return value;
    }
    switch (value[SIG_KEY]) {
        case SECRET_SIG:
            return secret(value.value ?? null);
        case RESOURCE_SIG:
            return referenceValue(value);
        case OUTPUT_VALUE_SIG:
            if (value.secret === true) {
                return secret(value.value ?? null);
            }
            return value.value === undefined ? UNKNOWN : convert(value.value, secret);
        default:
            // Assets and archives keep their signature: the pack knows how to read them.
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, secret)]));
    }
}

/** plan.json form: secrets become `"[secret]"`, unknowns stay Pulumi's sentinel. */
export function toPlanValue(value: Json): Json {
    return convert(value, () => SECRET_PLACEHOLDER);
}

/**
 * Pack form: a secret stays marked as a secret (the pack unwraps it, as it would the CLI's), but its
 * value is the placeholder: the pack sees that a value is there and that it is secret, never what it is.
 */
export function toPackValue(value: Json): Json {
    return convert(value, () => ({ [SIG_KEY]: SECRET_SIG, value: SECRET_PLACEHOLDER }));
}

/** Converts a plan.json value back to the pack form (a replayed plan keeps its secrets secret). */
export function planToPackValue(value: Json): Json {
    if (value === SECRET_PLACEHOLDER) {
        return { [SIG_KEY]: SECRET_SIG, value: SECRET_PLACEHOLDER };
    }
    if (Array.isArray(value)) {
        return value.map(planToPackValue);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, planToPackValue(v)]));
    }
    return value;
}

/** Object-level helpers: properties are always a map. */
export function toPlanProperties(props: JsonObject): JsonObject {
    return toPlanValue(props) as JsonObject;
}

export function toPackProperties(props: JsonObject): JsonObject {
    return toPackValue(props) as JsonObject;
}
