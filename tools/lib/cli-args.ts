import { parseArgs, ParseArgsConfig } from "node:util";

/** A command line the tool cannot run with: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * `node:util` parseArgs in strict mode, with its refusals worded for the user and naming the
 * argument: `Unknown option --frob`, `--out needs a value`, `--check takes no value`,
 * `Unexpected argument staging`.
 */
export function parseCommandLine<const T extends Options>(argv: readonly string[], options: T, allowPositionals = false) {
    try {
        return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
    } catch (err) {
        throw new UsageError(explain(argv, options, allowPositionals) ?? (err as Error).message);
    }
}

/** The first argument strict parsing refuses, as the tools have always named it. */
function explain(argv: readonly string[], options: Options, allowPositionals: boolean): string | undefined {
    const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
    for (const token of tokens) {
        if (token.kind === "positional" && !allowPositionals) {
            return `Unexpected argument ${token.value}`;
        }
        if (token.kind !== "option") {
            continue;
        }
        const spec = options[token.name];
        if (spec === undefined) {
            return `Unknown option ${token.rawName}`;
        }
        if (spec.type === "boolean" && token.value !== undefined) {
            return `${token.rawName} takes no value`;
        }
        // Strict parsing also refuses `--out --all`: a value that looks like an option is a forgotten one.
        if (spec.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) {
            return `${token.rawName} needs a value`;
        }
    }
    return undefined;
}
