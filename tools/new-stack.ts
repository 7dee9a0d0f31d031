import { allPolicies } from "../policies/rules";
import { parseCommandLine, UsageError } from "./lib/cli-args";
import { PROJECT_ROOT } from "./lib/stack-config";
import { planNewStack, writeNewStack } from "./new-stack/create-stack";

const USAGE = `usage: npm run new-stack -- <name> --from <stack> --account <id> [--prod] [options]

Writes Pulumi.<name>.yaml, environments/<name>.yaml and policies/config/<name>.json from an
existing stack: the account id replaced everywhere, the stack's own names, environment and VPC
range, and every example value (domain, certificate, CIDRs, e-mails, image digest) marked REVIEW.
A non-production stack runs the prod-scoped policies as advisory. Prints what is left to do.

options:
  --from <stack>     the stack to copy (required), e.g. staging or prod
  --account <id>     the new stack's 12-digit AWS account id (required)
  --prod             a production stack: prod's guard rails, every policy mandatory
  --prefix <prefix>  govstack:namePrefix (default: the source's prefix ending in -<name>)
  --root <dir>       project directory holding Pulumi.yaml (default: the repository)
  --force            overwrite the three files if they exist

exit codes: 0 written, 2 usage error (nothing written)`;

const OPTIONS = {
    help: { type: "boolean", short: "h" },
    from: { type: "string" },
    account: { type: "string" },
    prod: { type: "boolean" },
    prefix: { type: "string" },
    root: { type: "string" },
    force: { type: "boolean" },
} as const;

export interface CliIo {
    out: (line: string) => void;
    err: (line: string) => void;
}

/** Runs the command; returns its exit code (0 written, 2 a usage mistake, nothing written). */
export function main(argv: string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): number {
    try {
        const { values, positionals } = parseCommandLine(argv, OPTIONS, /* the stack name */ true);
        if (values.help) {
            io.out(USAGE);
            return 0;
        }
        if (positionals.length !== 1) {
            throw new UsageError(positionals.length === 0 ? "Which stack? Give the new stack's name, e.g. dev" : `Give one stack name, not ${positionals.join(" ")}`);
        }
        if (values.from === undefined) {
            throw new UsageError("--from <stack> is required: the stack to copy (e.g. staging)");
        }
        if (values.account === undefined) {
            throw new UsageError("--account <id> is required: the new stack's 12-digit AWS account id");
        }
        const root = values.root ?? PROJECT_ROOT;
        const stack = planNewStack({
            name: positionals[0],
            from: values.from,
            accountId: values.account,
            prod: values.prod ?? false,
            namePrefix: values.prefix,
            root,
            force: values.force ?? false,
            policies: allPolicies,
        });
        for (const file of writeNewStack(stack, root)) {
            io.out(`wrote ${file}`);
        }
        for (const note of stack.notes) {
            io.out(`  ${note}`);
        }
        io.out("");
        io.out("Left to do:");
        let n = 0;
        for (const line of stack.todo) {
            io.out(line.startsWith(" ") ? `   ${line}` : `${++n}. ${line}`);
        }
        return 0;
    } catch (e) {
        if (e instanceof UsageError) {
            io.err(`new-stack: ${e.message}`);
            io.err("");
            io.err(USAGE.split("\n")[0]);
            return 2;
        }
        throw e;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
