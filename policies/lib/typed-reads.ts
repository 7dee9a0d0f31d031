// The typed reads both contexts offer (ResourceContext and StackContext): a guard's verdict turned
// into what the caller may judge, with the unknown and malformed cases reported for it. One
// implementation, parameterised by how the context reports and where it reads from.

import {
    ARRAY,
    BOOLEAN,
    Guard,
    malformedMessage,
    NUMBER,
    OBJECT,
    oneOf,
    readTyped,
    STRING,
    Typed,
    typed,
} from "./guards";
import type { Checked, EnumReadOptions, ReadOptions, TypedReads } from "./policy-types";

/** How one context reports and reads, for the typed reads bound to one resource. */
export interface ReadSink {
    /** The props reads are relative to (unless `from` is given). */
    readonly props: unknown;
    /** How messages name the resource. */
    readonly label: string;
    /** Records the path being read, for the safety net's message. */
    trace(path: string): void;
    cannotVerify(what: string): void;
    /** Reports a mandatory, unwaivable violation. */
    malformed(message: string): void;
}

const enumGuards = new WeakMap<readonly string[], Map<string, Guard<string>>>();

function enumGuard(values: readonly string[], opts: EnumReadOptions): Guard<string> {
    let byFlags = enumGuards.get(values);
    if (!byFlags) {
        byFlags = new Map();
        enumGuards.set(values, byFlags);
    }
    const key = `${opts.ignoreCase ? "i" : ""}${opts.trim ? "t" : ""}`;
    let guard = byFlags.get(key);
    if (!guard) {
        guard = oneOf(values, opts);
        byFlags.set(key, guard);
    }
    return guard;
}

const OK_ABSENT: Checked<never> = Object.freeze({ ok: true, value: undefined });
const NOT_OK_UNKNOWN: Checked<never> = Object.freeze({ ok: false, unknown: true });
const NOT_OK_MALFORMED: Checked<never> = Object.freeze({ ok: false, unknown: false });

function shownPath(path: string, at: string | undefined): string {
    const p = path
        .split(".")
        .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
        .join("");
    if (at === undefined || at === "") {
        return p;
    }
    return p === "" ? at : p.startsWith("[") ? `${at}${p}` : `${at}.${p}`;
}

/** Settles a typed result: reports unknown (unless quiet) and malformed (once per message), returns what may be judged. */
export function settle<T>(
    sink: ReadSink,
    result: Typed<T>,
    shown: string,
    opts: Pick<ReadOptions, "quiet" | "what"> & { readonly label?: string },
    reported: Set<string>,
): Checked<T> {
    switch (result.kind) {
        case "ok":
            return result.value === undefined ? OK_ABSENT : { ok: true, value: result.value };
        case "unknown":
            if (!opts.quiet) {
                sink.cannotVerify(opts.what ?? shown);
            }
            return NOT_OK_UNKNOWN;
        default: {
            const message = malformedMessage(opts.label ?? sink.label, result);
            if (!reported.has(message)) {
                reported.add(message);
                sink.malformed(message);
            }
            return NOT_OK_MALFORMED;
        }
    }
}

/** The typed reads over one resource's props. */
export function typedReads(sink: ReadSink): TypedReads {
    const reported = new Set<string>();
    const readAs = <T>(path: string, guard: Guard<T>, opts: ReadOptions = {}): Checked<T> => {
        const shown = shownPath(path, opts.at);
        sink.trace(shown);
        const result = readTyped(opts.from === undefined ? sink.props : opts.from, path, guard, opts.at ?? "");
        return settle(sink, result, shown, opts, reported);
    };
    return {
        readString: (path, opts) => readAs(path, STRING, opts),
        readBoolean: (path, opts) => readAs(path, BOOLEAN, opts),
        readNumber: (path, opts) => readAs(path, NUMBER, opts),
        readEnum: <const V extends string>(path: string, values: readonly V[], opts: EnumReadOptions = {}) =>
            readAs(path, enumGuard(values, opts), opts) as Checked<V>,
        readArray: (path, opts) => readAs(path, ARRAY, opts),
        readObject: (path, opts) => readAs(path, OBJECT, opts),
        readAs,
        check: (value, guard, path, opts = {}) => {
            sink.trace(path);
            return settle(sink, typed(value, guard, path), path, opts, reported);
        },
        settle: (result, opts = {}) => settle(sink, result, result.kind === "malformed" ? result.path : "a value", opts, reported),
    };
}
