// Property paths in fixtures: enumerate them, parse the ones policies report reading, put a value
// at one (inside JSON documents too), and turn a fixture into the props a program would send.

import { JsonDoc } from "./fixtures";

export type Segment = string | number;
export type Path = readonly Segment[];

/** Every path in a fixture (intermediate ones too), descending into JSON documents. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
    const v = value instanceof JsonDoc ? value.value : value;
    const out: Path[] = [];
    if (Array.isArray(v)) {
        v.forEach((e, i) => {
            out.push([...prefix, i], ...pathsOf(e, [...prefix, i]));
        });
    } else if (v !== null && typeof v === "object") {
        for (const [k, e] of Object.entries(v)) {
            out.push([...prefix, k], ...pathsOf(e, [...prefix, k]));
        }
    }
    return out;
}

/** The value at a path (undefined when absent), looking through JSON documents. */
export function valueAt(root: unknown, path: Path): unknown {
    let cur: unknown = root;
    for (const seg of path) {
        if (cur instanceof JsonDoc) {
            cur = cur.value;
        }
        if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, seg)) {
            return undefined;
        }
        cur = (cur as Record<Segment, unknown>)[seg];
    }
    return cur instanceof JsonDoc ? cur.value : cur;
}

/**
 * A path as a policy reports reading it ("a.b[0].c", "containerDefinitions[0].user") as segments;
 * undefined for what is not a plain path (a "cannot verify" text, a key with spaces).
 */
export function parseShownPath(shown: string): Path | undefined {
    if (!/^[A-Za-z0-9_:$@-]+(\.[A-Za-z0-9_:$@-]+|\[\d+\])*$/.test(shown)) {
        return undefined;
    }
    const out: Segment[] = [];
    for (const m of shown.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
        out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    }
    return out;
}

/** A deep copy that keeps JSON documents boxed (values inside are copied too). */
export function clone<T>(value: T): T {
    if (value instanceof JsonDoc) {
        return new JsonDoc(clone(value.value)) as T;
    }
    if (Array.isArray(value)) {
        return value.map(clone) as T;
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            // defineProperty keeps an own "__proto__" key a key, not a prototype.
            Object.defineProperty(out, k, { value: clone(v), enumerable: true, writable: true, configurable: true });
        }
        return out as T;
    }
    return value;
}

/** Returns a copy of `root` with `value` at `path`, creating objects/arrays on the way (through JSON documents). */
export function withValueAt<T>(root: T, path: Path, value: unknown): T {
    const copy = clone(root);
    if (path.length === 0) {
        return value as T;
    }
    let cur: unknown = copy;
    for (let i = 0; i < path.length; i++) {
        if (cur instanceof JsonDoc) {
            cur = cur.value;
        }
        const seg = path[i];
        const container = cur as Record<Segment, unknown>;
        if (i === path.length - 1) {
            Object.defineProperty(container, seg, { value, enumerable: true, writable: true, configurable: true });
            break;
        }
        let next = Object.prototype.hasOwnProperty.call(container, seg) ? container[seg] : undefined;
        const inner = next instanceof JsonDoc ? next.value : next;
        if (inner === null || typeof inner !== "object") {
            next = typeof path[i + 1] === "number" ? [] : {};
            Object.defineProperty(container, seg, { value: next, enumerable: true, writable: true, configurable: true });
        }
        cur = next;
    }
    return copy;
}

/** The props a program sends: JSON documents as JSON text (a document replaced by a non-object stays as it is). */
export function materialize(value: unknown): unknown {
    if (value instanceof JsonDoc) {
        return JSON.stringify(materialize(value.value));
    }
    if (Array.isArray(value)) {
        return value.map(materialize);
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            Object.defineProperty(out, k, { value: materialize(v), enumerable: true, writable: true, configurable: true });
        }
        return out;
    }
    return value;
}

/** Whether two paths are the same, or one lies inside the other. */
export function related(a: Path, b: Path): boolean {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) {
            return false;
        }
    }
    return true;
}

export function showPath(path: Path): string {
    return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}
