// Runs the estate program the way `pulumi preview` runs it, minus the CLI: the Node.js language
// host (pulumi-language-nodejs) spawns `node <@pulumi/pulumi/cmd/run> <flags> <entry point>` with
// the stack's config in PULUMI_CONFIG; here that child is spawned the same way, against the stub
// engine (./stub-engine.ts). What pulumi-language-nodejs does, and this copies
// (sdk/nodejs/cmd/pulumi-language-nodejs/main.go, constructArguments/constructConfig/execRuntime):
//  - flags --monitor, --engine, --sync, --organization, --project, --root-directory, --stack,
//    --pwd <program directory>, --dry-run (preview), --parallel, then the entry point; for
//    Pulumi.yaml `main: infra/index.ts` the CLI passes program directory <root>/infra and entry
//    point index.ts (a file main splits into its directory and base name);
//  - PULUMI_CONFIG: a JSON object `"<namespace>:config:<key>": "<value>"`, every value a string
//    (structured values as JSON text), PULUMI_CONFIG_SECRET_KEYS: a JSON array of keys;
//  - PULUMI_NODEJS_TYPESCRIPT=true from Pulumi.yaml's `runtime.options.typescript: true`, which
//    makes cmd/run register ts-node itself, with the program directory's tsconfig.json
//    (infra/tsconfig.json), type-checking as the CLI does. (An earlier copy always set
//    PULUMI_NODEJS_TRANSPILE_ONLY to save the seconds; it hid that, with no tsconfig.json in infra/,
//    ts-node used TypeScript's ES5 defaults and a real preview did not compile.) A caller may ask for
//    `typeCheck: false` once another run has proven the program compiles.

import { spawn } from "child_process";
import * as path from "path";

import { PROJECT_ROOT, StackConfig, toRuntimeConfig } from "../../../tools/lib/stack-config";
import { LoggedLine, Registration, startStubEngine } from "./stub-engine";

/** cmd/run's exit code for "the error was already shown to the user": the language host then bails without adding anything. */
export const EXITED_AFTER_USER_ACTIONABLE_MESSAGE = 32;

export interface ProgramRun {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
    /** Every Log call the engine received, in order. */
    readonly logs: readonly LoggedLine[];
    readonly registrations: readonly Registration[];
    readonly unimplemented: readonly string[];
    readonly ms: number;
}

/** The config environment the language host builds from a stack's settings. */
export function languageHostConfig(config: StackConfig): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    const entries = Object.entries(toRuntimeConfig(config)).map(([key, value]) => {
        const at = key.indexOf(":");
        return [`${key.slice(0, at)}:config:${key.slice(at + 1)}`, value] as const;
    });
    return { PULUMI_CONFIG: JSON.stringify(Object.fromEntries(entries)), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys) };
}

/** A Pulumi project as the CLI runs it: the folder of its Pulumi.yaml, and the folder of its `main`. */
export interface ProgramLocation {
    readonly projectDir: string;
    readonly programDir: string;
}

/** The estate: Pulumi.yaml at the root, `main: infra/index.ts`. */
export const ESTATE: ProgramLocation = { projectDir: PROJECT_ROOT, programDir: path.join(PROJECT_ROOT, "infra") };
/** The delivery program: delivery/Pulumi.yaml, `main: index.ts`. */
export const DELIVERY: ProgramLocation = { projectDir: path.join(PROJECT_ROOT, "delivery"), programDir: path.join(PROJECT_ROOT, "delivery") };

/**
 * Runs a program (the estate unless `program` says otherwise) in preview for `config` (a stack's
 * settings, as tools/lib/stack-config reads them) and returns how the process ended and what the
 * engine received. The child is killed (by its pid) if it runs longer than `timeoutMs`.
 */
export async function runUnderLanguageHost(
    config: StackConfig,
    options: { readonly timeoutMs?: number; readonly typeCheck?: boolean; readonly program?: ProgramLocation } = {},
): Promise<ProgramRun> {
    const { timeoutMs = 60_000, typeCheck = true, program = ESTATE } = options;
    const engine = await startStubEngine(config.project, config.stack);
    const started = Date.now();
    try {
        const runPath = path.dirname(require.resolve("@pulumi/pulumi/cmd/run/index.js"));
        const args = [
            runPath,
            "--monitor", engine.address,
            "--engine", engine.address,
            "--organization", "organization", // what a DIY backend passes
            "--project", config.project,
            "--root-directory", program.projectDir,
            "--stack", config.stack,
            "--pwd", program.programDir,
            "--dry-run",
            "--parallel", "16",
            "index.ts",
        ];
        // The test runner's own Pulumi and ts-node settings (mocks set PULUMI_NODEJS_*) must not leak in.
        const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_") && !k.startsWith("TS_NODE_")));
        Object.assign(env, languageHostConfig(config), { PULUMI_NODEJS_TYPESCRIPT: "true" }, typeCheck ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), timeoutMs);
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
            child.on("error", reject);
            child.on("close", (c, s) => resolve([c, s]));
        }).finally(() => clearTimeout(timer));
        return { code, signal, stdout, stderr, logs: [...engine.logs], registrations: [...engine.registrations], unimplemented: [...engine.unimplemented], ms: Date.now() - started };
    } finally {
        await engine.close();
    }
}
