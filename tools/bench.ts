import * as path from "path";

import { parseCommandLine, UsageError } from "./lib/cli-args";
import { PROJECT_ROOT } from "./lib/stack-config";
import { stopAllPacksSync } from "./plan/pack-process";

const USAGE = `usage: npm run bench [-- options]

Measures the offline plan and the policy pack (issue 8; method in docs/performance.md), prints a
table with PASS/FAIL per target and writes out/bench.json. Each figure is the median of --runs runs.

options:
  --runs <n>        samples per figure (default 5)
  --sizes <a,b,…>   synthetic estate sizes in resources (default 1000,10000)
  --in-flight <n>   analyze calls outstanding at once (default 32, as the plan sends them)
  --quick           --runs 1 --sizes 100,1000 (a smoke run, not figures to quote)
  --no-plan         skip timing \`npm run plan -- prod\` (wall time and peak memory)
  --evidence        also measure what docs/performance.md claims (module loads, TypeScript start-up, in-flight sweep)
  --out <file>      where to write the JSON (default out/bench.json)
  --check           exit 1 when a target fails`;

export interface Args {
    runs: number;
    sizes: number[];
    inFlight: number;
    plan: boolean;
    evidence: boolean;
    out: string;
    check: boolean;
}

/** The flags the benchmark takes, for node:util parseArgs (USAGE above says what each does). */
const OPTIONS = {
    help: { type: "boolean", short: "h" },
    runs: { type: "string" },
    sizes: { type: "string" },
    "in-flight": { type: "string" },
    quick: { type: "boolean" },
    "no-plan": { type: "boolean" },
    evidence: { type: "boolean" },
    out: { type: "string" },
    check: { type: "boolean" },
} as const;

function positiveInt(option: string, value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
        throw new UsageError(`Invalid ${option} ${JSON.stringify(value)}: use a positive whole number`);
    }
    return n;
}

/** @throws UsageError for a command line the benchmark cannot run with (printed with USAGE, exit 2). */
export function parseArgs(argv: string[]): Args | "help" {
    const { values } = parseCommandLine(argv, OPTIONS);
    if (values.help) {
        return "help";
    }
    // --quick gives a smoke run's sample count and sizes; an explicit --runs or --sizes still wins.
    return {
        runs: values.runs === undefined ? (values.quick ? 1 : 5) : positiveInt("--runs", values.runs),
        sizes:
            values.sizes === undefined
                ? values.quick
                    ? [100, 1000]
                    : [1000, 10000]
                : values.sizes.split(",").map((s) => positiveInt("--sizes entry", s.trim())),
        inFlight: values["in-flight"] === undefined ? 32 : positiveInt("--in-flight", values["in-flight"]),
        plan: !values["no-plan"],
        evidence: values.evidence ?? false,
        out: values.out === undefined ? path.join(PROJECT_ROOT, "out", "bench.json") : path.resolve(values.out),
        check: values.check ?? false,
    };
}

async function main(argv: string[]): Promise<number> {
    let args: Args | "help";
    try {
        args = parseArgs(argv);
    } catch (e) {
        if (e instanceof UsageError) {
            process.stderr.write(`bench: ${e.message}\n\n${USAGE}\n`);
            return 2;
        }
        throw e;
    }
    if (args === "help") {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const log = (line: string): void => void process.stderr.write(`bench ${line}\n`);
    // Loaded after argument checks: the SDK and the program take a second to import.
    const { runBench } = await import("./bench/run-bench");
    const { formatTable, writeResult } = await import("./bench/report");
    const result = await runBench({
        runs: args.runs,
        sizes: args.sizes,
        inFlight: args.inFlight,
        planStacks: args.plan ? undefined : [],
        log,
    });
    if (args.evidence) {
        const { gatherEvidence } = await import("./bench/evidence");
        // At most 3 samples each: the evidence is a dozen extra 10,000-resource passes.
        result.evidence = await gatherEvidence({ runs: Math.min(args.runs, 3), log });
    }
    writeResult(result, args.out);
    process.stdout.write(`${formatTable(result)}\n\nwrote ${path.relative(process.cwd(), args.out) || args.out}\n`);
    return args.check && result.targets.some((t) => t.status === "FAIL") ? 1 : 0;
}

if (require.main === module) {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
        process.once(signal, () => {
            stopAllPacksSync(); // the packs this process started, by pid
            process.exit(code);
        });
    }
    main(process.argv.slice(2)).then(
        (code) => process.stdout.write("", () => process.exit(code)),
        (e: Error) => {
            process.stderr.write(`bench failed: ${e?.message ?? String(e)}\n`);
            if (process.env.BENCH_DEBUG && e?.stack) {
                process.stderr.write(`${e.stack}\n`);
            }
            process.exit(3);
        },
    );
}
