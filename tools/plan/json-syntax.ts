// Where a JSON text first goes wrong, and why, in a user's words. JSON.parse says *that* a file is
// invalid, but its message depends on the engine and often gives no position ("Unexpected token 'm',
// ..."b": mandatory"... is not valid JSON"); a config file's mistake should be reported as
// `file:line:column: invalid JSON: <what>`. This scanner follows RFC 8259's grammar just far enough
// to find the first error; it is only called after JSON.parse has failed.

export interface JsonSyntaxError {
    /** 1-based. */
    line: number;
    /** 1-based, in characters. */
    column: number;
    message: string;
}

class Stop extends Error {
    constructor(
        readonly at: number,
        message: string,
    ) {
        super(message);
    }
}

/**
 * The first syntax error of a JSON text, or with `duplicateKeys`, also the first key repeated in one
 * object (valid JSON, but JSON.parse and the Pulumi CLI both keep only the last: the first is ignored
 * without a word).
 */
export function findJsonSyntaxError(text: string, options: { duplicateKeys?: boolean } = {}): JsonSyntaxError | undefined {
    let i = 0;
    const shownAt = (at: number): string => (at >= text.length ? "the end of the file" : /\s/.test(text[at]) ? JSON.stringify(text[at]) : `'${text[at]}'`);
    const fail = (message: string, at = i): never => {
        throw new Stop(at, message);
    };
    const space = (): void => {
        while (i < text.length && " \t\n\r".includes(text[i])) {
            i++;
        }
    };
    const notAValue = (): never =>
        fail(`unexpected ${shownAt(i)}; a value is a string in double quotes, a number, true, false, null, [ … ] or { … }`);
    /** After an object's member or an array's element: true past a ',' (another follows), false past `close`. */
    const another = (close: "}" | "]"): boolean => {
        space();
        if (text[i] === ",") {
            i++;
            return true;
        }
        if (text[i] === close) {
            i++;
            return false;
        }
        return fail(`expected ',' or '${close}' after a value, found ${shownAt(i)}`);
    };
    const literal = (word: string): void => {
        if (text.startsWith(word, i)) {
            i += word.length;
        } else {
            notAValue();
        }
    };
    const string = (): void => {
        const start = i++;
        while (i < text.length && text[i] !== '"') {
            if (text[i] === "\\") {
                i++;
                if (text[i] === "u") {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
                        fail("a \\u escape needs four hex digits");
                    }
                    i += 4;
                } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) {
                    fail(`invalid escape \\${text[i] ?? ""} in a string`, i - 1);
                }
            } else if (text.charCodeAt(i) < 0x20) {
                fail("a string cannot span lines (end it with \" on the same line)");
            }
            i++;
        }
        if (i >= text.length) {
            fail("unterminated string", start);
        }
        i++;
    };
    const number = (): void => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!m || m[0] === "-") {
            notAValue();
        }
        i += m![0].length;
    };
    const value = (): void => {
        space();
        const c = text[i];
        if (c === "{") {
            i++;
            space();
            if (text[i] === "}") {
                i++;
                return;
            }
            const keys = new Map<string, number>();
            do {
                space();
                if (text[i] !== '"') {
                    fail(text[i] === "}" ? "a trailing comma before }" : `expected a key in double quotes, found ${shownAt(i)}`);
                }
                const keyAt = i;
                string();
                if (options.duplicateKeys) {
                    const key = JSON.parse(text.slice(keyAt, i)) as string;
                    const first = keys.get(key);
                    if (first !== undefined) {
                        const line = text.slice(0, first).split("\n").length;
                        fail(`duplicate key ${JSON.stringify(key)} (first on line ${line}): JSON keeps only the last value; keep one`, keyAt);
                    }
                    keys.set(key, keyAt);
                }
                space();
                if (text[i] !== ":") {
                    fail(`expected ':' after the key, found ${shownAt(i)}`);
                }
                i++;
                value();
            } while (another("}"));
            return;
        }
        if (c === "[") {
            i++;
            space();
            if (text[i] === "]") {
                i++;
                return;
            }
            do {
                space();
                if (text[i] === "]") {
                    fail("a trailing comma before ]");
                }
                value();
            } while (another("]"));
            return;
        }
        if (c === '"') {
            string();
        } else if (c === "t") {
            literal("true");
        } else if (c === "f") {
            literal("false");
        } else if (c === "n") {
            literal("null");
        } else {
            number();
        }
    };
    try {
        value();
        space();
        if (i < text.length) {
            fail(`unexpected ${shownAt(i)} after the end of the JSON value`);
        }
        return undefined;
    } catch (e) {
        if (!(e instanceof Stop)) {
            throw e;
        }
        const before = text.slice(0, e.at).split("\n");
        return { line: before.length, column: before[before.length - 1].length + 1, message: e.message };
    }
}
