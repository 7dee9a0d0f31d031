import * as fs from "fs";
import * as path from "path";

import { displayPath, PROJECT_ROOT, toRuntimeConfig } from "../lib/stack-config";
import { AnalyzerSession, Diagnostic, PolicyConfigEntry } from "./analyzer-client";
import { providerEncoder } from "./analyzer-wire";
import { evaluateForPlan, EvaluateOptions, PlanEvaluation } from "./evaluate";
import { isSettingsError, SettingsError } from "./errors";
import { configProblemsMessage, packConfigPath, PackConfigFile, readPackConfig, resolvePolicyConfig } from "./pack-config";
import { LaunchedPack, launchPack, LaunchOptions } from "./pack-launch";
import { PackProcess } from "./pack-process";
import { PackInfo, PlannedResource, Violation } from "./types";
import { waiverWarnings } from "./waivers-report";

/** A running pack and the session talking to it; reusable across stacks (`configure` is per stack). */
export interface PackHandle {
    process: PackProcess;
    session: AnalyzerSession;
    info: PackInfo;
    packDir: string;
    /** Milliseconds spent compiling a stale pack before starting it (0 when it was current). */
    buildMs: number;
    close(): Promise<void>;
}

export interface OpenPackOptions extends LaunchOptions {
    /** A pack process already being launched (the CLI starts it before loading the SDK). */
    launched?: Promise<LaunchedPack>;
}

/** Starts the pack (compiling it first if its JavaScript is missing or stale), connects, and reads its info. */
export async function openPack(packDir: string, options: OpenPackOptions = {}): Promise<PackHandle> {
    const dir = path.resolve(packDir);
    const log = options.log ?? (() => undefined);
    const { process: child, buildMs } = await (options.launched ?? launchPack(dir, options));
    try {
        const session = await AnalyzerSession.connect(child.address);
        const info = await session.info();
        log(`pack ${info.name}@${info.version} (${info.policies.length} policies) ready in ${child.startMs} ms (pid ${child.pid})`);
        return {
            process: child,
            session,
            info,
            packDir: dir,
            buildMs,
            close: async () => {
                session.close();
                await child.stop();
            },
        };
    } catch (e) {
        await child.stop();
        throw e;
    }
}

export interface RunPlanOptions extends EvaluateOptions, OpenPackOptions {
    /** The policy pack directory (default: <repo>/policies). */
    packDir?: string;
    /** The pack's config for this stack (default: <packDir>/config/<stack>.json, optional). */
    packConfig?: string;
    /** A pack already running (for `--all` and the benchmark); otherwise one is started and stopped. */
    pack?: Promise<PackHandle>;
    /** Organization sent in configureStack (the CLI sends the stack's org). */
    organization?: string;
    /** `analyze` calls in flight. */
    inFlight?: number;
    /** An evaluation already made (tests, the benchmark): skip evaluating the program again. */
    evaluation?: PlanEvaluation;
}

export interface PlanTimings {
    evaluateMs: number;
    /** From spawn until the pack printed its port (0 when a running pack was reused). */
    packStartMs: number;
    packBuildMs: number;
    analyzeMs: number;
    analyzeStackMs: number;
    totalMs: number;
}

export interface PlanResult {
    evaluation: PlanEvaluation;
    pack: PackInfo;
    /** What was sent in `configure`. */
    policyConfig: Record<string, PolicyConfigEntry>;
    /** The config file that was read, if any (for the report's "waivers in effect"). */
    packConfigFile: string | undefined;
    packConfig: PackConfigFile;
    /** Not mistakes, but said on stderr: a waiver that names no resource of the stack, a schema the check could not read. */
    warnings: string[];
    violations: Violation[];
    mandatory: number;
    advisory: number;
    timings: PlanTimings;
    /** When the plan started and when the pack's last answer came (the assessment results' start and end). */
    startedAt?: Date;
    finishedAt?: Date;
}

const ORDER = { mandatory: 0, remediate: 1, advisory: 2 } as const;

function sortViolations(violations: Violation[]): Violation[] {
    return violations.sort(
        (a, b) =>
            ORDER[a.enforcement] - ORDER[b.enforcement] || a.policy.localeCompare(b.policy) || (a.urn ?? "").localeCompare(b.urn ?? ""),
    );
}

/**
 * The CLI's first pass when a policy runs at enforcement "remediate": `remediate` each resource,
 * and carry the fixed property bag (the last remediation's) into `analyze` and `analyzeStack`.
 * Each applied fix is reported with enforcement "remediate" (it does not block).
 */
async function remediateAll(
    session: AnalyzerSession,
    resources: PlannedResource[],
    providers: Map<string, PlannedResource>,
    controls: Map<string, string[]>,
    inFlight: number,
): Promise<{ resources: PlannedResource[]; remediations: Violation[] }> {
    const out: PlannedResource[] = new Array(resources.length);
    const remediations: Violation[][] = new Array(resources.length);
    const encoded = providerEncoder(); // each provider encoded once for the whole pass
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < resources.length) {
            const i = next++;
            const r = resources[i];
            const fixes = await session.remediate(r, r.provider ? providers.get(r.provider) : undefined, encoded);
            const applied = fixes.filter((f) => f.properties !== undefined);
            const last = applied[applied.length - 1]?.properties;
            out[i] = last ? { ...r, inputs: last, outputs: { ...r.outputs, ...last } } : r;
            remediations[i] = fixes.map((f) => ({
                policy: f.policy,
                urn: r.urn,
                enforcement: f.properties ? ("remediate" as const) : ("advisory" as const),
                message: f.diagnostic || `Remediated: ${f.description}`,
                controls: controls.get(f.policy) ?? [],
            }));
        }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, resources.length) }, worker));
    return { resources: out, remediations: remediations.flat() };
}

function toViolations(diagnostics: Diagnostic[], controls: Map<string, string[]>): Violation[] {
    return diagnostics
        .filter((d) => d.enforcement !== "disabled")
        .map((d) => ({
            policy: d.policy,
            urn: d.urn,
            // The pack reports a remediate-level policy that still fails as mandatory; keep its word.
            enforcement: d.enforcement as Violation["enforcement"],
            message: d.message,
            controls: controls.get(d.policy) ?? [],
        }));
}

export function providerIndex(resources: PlannedResource[]): Map<string, PlannedResource> {
    return new Map(resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]));
}

/**
 * Configures a pack session for one stack and sends the estate through it the way the CLI does:
 * `configure` → `configureStack` → `analyze` per resource (several in flight) → `analyzeStack`.
 */
export async function analyzeEstate(
    handle: PackHandle,
    evaluation: PlanEvaluation,
    policyConfig: Record<string, PolicyConfigEntry>,
    options: { organization?: string; inFlight?: number; onAnalyzed?: () => void } = {},
): Promise<{ violations: Violation[]; resources: PlannedResource[]; analyzeMs: number; analyzeStackMs: number }> {
    const { session, info } = handle;
    await session.configure(policyConfig);
    await session.configureStack({
        stack: evaluation.stack,
        project: evaluation.project,
        organization: options.organization ?? process.env.PULUMI_ORGANIZATION ?? "organization",
        dryRun: true,
        config: toRuntimeConfig(evaluation.config),
        secretKeys: evaluation.config.secretKeys,
        tags: { "pulumi:project": evaluation.project, "pulumi:runtime": "nodejs" },
    });
    const providers = providerIndex(evaluation.resources);
    const controls = new Map(info.policies.map((p) => [p.name, p.controls]));
    const inFlight = options.inFlight ?? 32;
    const t0 = Date.now();
    let resources = evaluation.resources;
    let remediations: Violation[] = [];
    if (Object.values(policyConfig).some((c) => c.enforcement === "remediate")) {
        ({ resources, remediations } = await remediateAll(session, resources, providers, controls, inFlight));
    }
    const perResource = await session.analyzeAll(resources, providers, inFlight);
    const t1 = Date.now();
    options.onAnalyzed?.(); // between the two phases (the benchmark reads the pack's CPU time here)
    const stackLevel = await session.analyzeStack(resources, providers);
    const t2 = Date.now();
    const violations = sortViolations([...remediations, ...toViolations([...perResource, ...stackLevel], controls)]);
    return { violations, resources, analyzeMs: t1 - t0, analyzeStackMs: t2 - t1 };
}

interface StackPackConfig {
    policyConfig: Record<string, PolicyConfigEntry>;
    packConfig: PackConfigFile;
    packConfigFile: string | undefined;
    /** The file as the user would type it (messages name it). */
    shownAs: string;
    warnings: string[];
}

/**
 * The stack's pack config, read and checked against what the pack serves (the CLI's check, before
 * anything runs): a missing explicit file, a JSON syntax error or any mistake in it is a
 * SettingsError naming the file and every key at fault.
 */
function stackPackConfig(handle: PackHandle, stack: string, options: RunPlanOptions): StackPackConfig {
    const log = options.log ?? (() => undefined);
    const configFile = options.packConfig ?? packConfigPath(handle.packDir, stack);
    const shownAs = displayPath(configFile);
    let packConfig: PackConfigFile = {};
    let packConfigFile: string | undefined;
    if (fs.existsSync(configFile)) {
        packConfig = readPackConfig(configFile, shownAs);
        packConfigFile = configFile;
    } else if (options.packConfig) {
        throw new SettingsError(`Policy config ${shownAs} does not exist`);
    } else {
        log(
            `${stack}: no ${shownAs}; using the pack's defaults (every policy mandatory, the prod-scoped ones too). ` +
                "`npm run new-stack` writes one; a non-production stack runs those as advisory",
        );
    }
    const { config, problems, warnings } = resolvePolicyConfig(handle.info, packConfig);
    if (problems.length > 0) {
        throw new SettingsError(configProblemsMessage(shownAs, problems));
    }
    return { policyConfig: config, packConfig, packConfigFile, shownAs, warnings: warnings.map((w) => `${shownAs}: ${w}`) };
}

/**
 * Settles the evaluation and the pack config together: the user's mistakes in both (settings and
 * pack config) are reported at once, in one SettingsError; otherwise the first failure is thrown.
 */
function bothOrThrow<A, B>(a: PromiseSettledResult<A>, b: PromiseSettledResult<B>): [A, B] {
    const failures = [a, b].filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown);
    const mistakes = failures.filter(isSettingsError);
    if (mistakes.length > 1) {
        throw new SettingsError(mistakes.map((m) => m.message).join("\n"), { cause: mistakes[0] });
    }
    if (mistakes.length === 1) {
        throw mistakes[0];
    }
    if (failures.length > 0) {
        throw failures[0];
    }
    return [(a as PromiseFulfilledResult<A>).value, (b as PromiseFulfilledResult<B>).value];
}

/**
 * The offline plan for one stack: evaluates the program under preview mocks while the pack starts
 * (in parallel: the pack is a separate process) and, as soon as it answers, checks the stack's pack
 * config against what it serves; then runs the estate through the pack.
 */
export async function runPlan(stack: string, options: RunPlanOptions = {}): Promise<PlanResult> {
    const started = Date.now();
    const log = options.log ?? (() => undefined);
    const packDir = path.resolve(options.packDir ?? path.join(PROJECT_ROOT, "policies"));
    const ownPack = options.pack === undefined;
    // Start the pack first: it boots in its own process while this one evaluates the program.
    const packPromise = options.pack ?? openPack(packDir, options);
    packPromise.catch(() => undefined); // surfaced below; never an unhandled rejection meanwhile
    let handle: PackHandle | undefined;
    try {
        const configured = packPromise.then((h) => stackPackConfig(h, stack, options));
        let evaluating: Promise<PlanEvaluation>;
        if (options.evaluation) {
            evaluating = Promise.resolve(options.evaluation);
        } else {
            log(`${stack}: evaluating ${options.entry ?? "the program"} in preview mode…`);
            evaluating = evaluateForPlan(stack, options).then((e) => {
                log(`${stack}: ${e.resources.length} resources evaluated in ${e.evaluateMs} ms`);
                return e;
            });
        }
        // Both settle before anything is reported: no evaluation is left running behind an error.
        const [evaluation, cfg] = bothOrThrow(...(await Promise.allSettled([evaluating, configured])));
        handle = await packPromise;
        const { policyConfig, packConfig, packConfigFile } = cfg;
        const warnings = [...cfg.warnings, ...waiverWarnings(policyConfig, evaluation.resources).map((w) => `${cfg.shownAs}: ${w}`)];
        for (const w of warnings) {
            log(`${stack}: warning: ${w}`);
        }
        log(`${stack}: analyzing ${evaluation.resources.length} resources…`);
        const analysis = await analyzeEstate(handle, evaluation, policyConfig, options);
        const violations = analysis.violations;
        return {
            // Remediated inputs are what would be deployed: the report and plan.json show those.
            evaluation: { ...evaluation, resources: analysis.resources },
            pack: handle.info,
            policyConfig,
            packConfigFile,
            packConfig,
            warnings,
            violations,
            mandatory: violations.filter((v) => v.enforcement === "mandatory").length,
            advisory: violations.filter((v) => v.enforcement === "advisory").length,
            timings: {
                evaluateMs: options.evaluation ? 0 : evaluation.evaluateMs,
                packStartMs: ownPack ? handle.process.startMs : 0,
                packBuildMs: ownPack ? handle.buildMs : 0,
                analyzeMs: analysis.analyzeMs,
                analyzeStackMs: analysis.analyzeStackMs,
                totalMs: Date.now() - started,
            },
            startedAt: new Date(started),
            finishedAt: new Date(),
        };
    } finally {
        if (ownPack) {
            // Stop the pack whether the plan succeeded or not; if it never started there is nothing to stop.
            const h = handle ?? (await packPromise.catch(() => undefined));
            await h?.close();
        }
    }
}
