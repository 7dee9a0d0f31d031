// Reading an ECS task definition's containers, shared by every container policy.
//
// An ECS task definition's `containerDefinitions` is one JSON string. During a preview it is
// either fully known (built only from other resources' inputs, e.g. prod's promoted digest) or
// wholly unknown (an `apply` over a docker-built digest). Unknown JSON → advisory "cannot
// verify"; known JSON whose image (or any other field) holds the unknown sentinel → every other
// field is still checked, and only that field is "cannot verify".

import { Checked, describeValue, Guard, isUnknown, OBJECT, Read, readJsonDocument, ReadOptions, ResourceContext, STRING, Typed, typed, UNKNOWN_READ } from "../../lib";

/** Go's encoding/json folds case by Unicode simple folding: "ſ" matches "s", "K" (Kelvin) matches "k". */
function foldKey(key: string): string {
    return key.toUpperCase().toLowerCase();
}

/** The value of `obj`'s key that matches `segment` case-folded (the last such key, as encoding/json decodes duplicates). */
function foldedValue(obj: object, segment: string): unknown {
    const want = foldKey(segment);
    let found: unknown = undefined;
    for (const [key, value] of Object.entries(obj)) {
        if (foldKey(key) === want) {
            found = value;
        }
    }
    return found;
}

/**
 * Reads a field of a container definition ("a.b.c") the way the AWS provider does: it decodes the
 * JSON with Go's encoding/json into the SDK's untagged structs, which matches keys
 * case-insensitively (and, for duplicate keys, the last one wins). So `{"User": "0"}` or
 * `{"Privileged": true}` (CloudFormation's PascalCase, pasted in) take effect and must be judged.
 */
export function containerField(def: unknown, path: string): Read {
    let cur: unknown = def;
    for (const segment of path.split(".")) {
        if (isUnknown(cur)) {
            return UNKNOWN_READ;
        }
        if (cur === null || typeof cur !== "object" || Array.isArray(cur)) {
            return { known: true, value: undefined };
        }
        cur = foldedValue(cur, segment);
    }
    return isUnknown(cur) ? UNKNOWN_READ : { known: true, value: cur };
}

/**
 * A container field ("a.b.c") typed by `guard`, read with the provider's case-folded keys. A value
 * of the wrong type on the way (a string where an object belongs) is malformed; `at` names `def`.
 */
export function containerTyped<T>(def: unknown, path: string, guard: Guard<T>, at: string): Typed<T> {
    let cur: unknown = def;
    let shown = at;
    for (const segment of path.split(".")) {
        if (isUnknown(cur)) {
            return { kind: "unknown" };
        }
        if (cur === undefined || cur === null) {
            return { kind: "ok", value: undefined };
        }
        if (typeof cur !== "object" || Array.isArray(cur)) {
            return { kind: "malformed", path: shown, got: describeValue(cur), expected: "an object" };
        }
        cur = foldedValue(cur, segment);
        shown = `${shown}.${segment}`;
    }
    return typed(cur, guard, shown);
}

export interface Container {
    /** For messages: `container "app"` (or `container #0` when unnamed). */
    readonly label: string;
    /** Where it is, for "Cannot evaluate" messages: `containerDefinitions[0]`. */
    readonly at: string;
    readonly def: unknown;
}

/** A container's field typed by `guard` (case-folded keys): unknown → "cannot verify <label> <path>", malformed → mandatory. */
export function containerRead<T>(ctx: ResourceContext<unknown>, c: Container, path: string, guard: Guard<T>, opts: Pick<ReadOptions, "quiet" | "what"> = {}): Checked<T> {
    return ctx.settle(containerTyped(c.def, path, guard, c.at), { what: `${c.label} ${path}`, ...opts });
}

const CONTAINER_DEFINITIONS = "a JSON array of container definitions (JSON.stringify([...]) of the containers)";

/**
 * The task definition's containers, or undefined after reporting why they cannot be checked
 * (unknown JSON → advisory; malformed JSON → the unwaivable "Cannot evaluate": a known value
 * that proves nothing must not pass, and no waiver covers it). Parsed once per document text for the whole pack (lib/json memo).
 */
export function containersOf(ctx: ResourceContext<unknown>, concern: string): Container[] | undefined {
    const raw = ctx.read("containerDefinitions");
    const doc = raw.known ? readJsonDocument(raw.value) : undefined;
    if (doc === undefined) {
        ctx.cannotVerify(`containerDefinitions (${concern})`);
        return undefined;
    }
    if (!doc.ok || !Array.isArray(doc.value)) {
        // Malformed, not a finding a waiver could accept: the unwaivable "Cannot evaluate" (issue 15).
        ctx.settle({ kind: "malformed", path: "containerDefinitions", got: describeValue(raw.known ? raw.value : undefined), expected: CONTAINER_DEFINITIONS });
        return undefined;
    }
    const containers: Container[] = [];
    doc.value.forEach((def: unknown, i: number) => {
        const at = `containerDefinitions[${i}]`;
        // A container that is not an object cannot be judged: a mandatory "Cannot evaluate" (not an unnamed pass).
        if (!ctx.check(def, OBJECT, at).ok) {
            return;
        }
        const name = containerTyped(def, "name", STRING, at);
        containers.push({ label: name.kind === "ok" && name.value !== undefined ? `container "${name.value}"` : `container #${i}`, at, def });
    });
    return containers;
}

/** For messages: `Task definition "<name>" container "app"` (or `container #0` when unnamed). */
export function what(ctx: ResourceContext<unknown>, c: Container): string {
    return `Task definition "${ctx.name}" ${c.label}`;
}
