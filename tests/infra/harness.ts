import * as pulumi from "@pulumi/pulumi";

import { loadSettings } from "../../infra/config";
import { buildEstate, estateOutputs } from "../../infra/estate";
import { evaluateStack, Evaluation } from "../../tools/lib/evaluate";
import { DeclaredResource, PreviewMocks } from "../../tools/lib/preview-mocks";
import { PROJECT_ROOT, StackConfig } from "../../tools/lib/stack-config";
import { ResourceRecorder } from "../../tools/plan/recorder";
import { PlannedResource } from "../../tools/plan/types";

/**
 * One evaluation per stack, shared by every infra test file. Pulumi's runtime state is global, so
 * stacks are evaluated one after the other (a promise chain), never concurrently.
 */
const cache = new Map<string, Promise<Evaluation>>();
let queue: Promise<unknown> = Promise.resolve();

/** The program infra/index.ts runs, as a function: load settings, build the estate, return its outputs. */
export function estateProgram(): Record<string, unknown> {
    return estateOutputs(buildEstate(loadSettings())) as unknown as Record<string, unknown>;
}

/** The estate evaluated for a stack from its real stack file (cached: once per test run). */
export function evaluated(stack: "staging" | "prod"): Promise<Evaluation> {
    let evaluation = cache.get(stack);
    if (!evaluation) {
        evaluation = sequentially(() => evaluateStack(stack, estateProgram));
        cache.set(stack, evaluation);
    }
    return evaluation;
}

/**
 * Registers a mocha `before` hook that hands both stacks' evaluations to `use`, e.g.
 * `beforeBothStacks((s) => ({ staging, prod } = s));` in a describe block.
 */
export function beforeBothStacks(use: (stacks: { staging: Evaluation; prod: Evaluation }) => void): void {
    before(async () => use({ staging: await evaluated("staging"), prod: await evaluated("prod") }));
}

/** Runs an evaluation after every evaluation already queued (never two at once). */
export function sequentially<T>(run: () => Promise<T>): Promise<T> {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
}

/** The one resource of a type (optionally whose logical name ends with `suffix`); fails if not exactly one. */
export function one(ev: Pick<Evaluation, "mocks">, type: string, suffix?: string): DeclaredResource {
    const found = ev.mocks.ofType(type).filter((r) => suffix === undefined || r.name.endsWith(suffix));
    if (found.length !== 1) {
        throw new Error(
            `expected exactly one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`,
        );
    }
    return found[0];
}

/** A resource by exact logical name and type. */
export function named(ev: Pick<Evaluation, "mocks">, type: string, name: string): DeclaredResource {
    const found = ev.mocks.ofType(type).find((r) => r.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}; have: ${ev.mocks.ofType(type).map((r) => r.name).join(", ")}`);
    }
    return found;
}

/** Parses a JSON policy input (fails the test if it is unknown or not a string). */
export function json<T = Record<string, unknown>>(value: unknown): T {
    if (typeof value !== "string") {
        throw new Error(`expected a known JSON string, got ${pulumi.isUnknown(value) ? "an unknown" : typeof value}`);
    }
    return JSON.parse(value) as T;
}

export interface PolicyStatement {
    Sid: string;
    Effect: string;
    Principal?: unknown;
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

/** The statement with a Sid in a JSON policy input. */
export function statement(policy: unknown, sid: string): PolicyStatement {
    const doc = json<{ Statement: PolicyStatement[] }>(policy);
    const found = doc.Statement.find((s) => s.Sid === sid);
    if (!found) {
        throw new Error(`no statement ${sid}; have ${doc.Statement.map((s) => s.Sid).join(", ")}`);
    }
    return found;
}

/** Pulumi's signature key/value for a secret value in serialised inputs. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** Whether an input arrived as a Pulumi secret (encrypted in state, never printed). */
export function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE;
}

// Component tests build one component in a program of their own, not the estate: a placeholder
// account (never a real stack's) and a stack config that holds only the region.

/** The partition, region and placeholder account component tests build in. */
export const TEST_SCOPE = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "111122223333" };

/** A KMS key ARN in TEST_SCOPE whose key id is `purpose` (readable in assertions). */
export function testKeyArn(purpose: string): string {
    return `arn:aws-us-gov:kms:${TEST_SCOPE.region}:${TEST_SCOPE.accountId}:key/${purpose}`;
}

/** A stack config with nothing but the GovCloud region: a component test passes every setting as an argument. */
export function componentConfig(stack: "staging" | "prod"): StackConfig {
    return { project: "govstack", stack, values: { "aws:region": TEST_SCOPE.region }, secretKeys: [], environments: [] };
}

/** An output unknown at preview, as another resource's output is in a real one. */
export function unknownOutput<T>(): pulumi.Output<pulumi.Unwrap<T>> {
    return pulumi.output(pulumi.unknown as unknown as T);
}

/** Runs `program` (components built with TEST_SCOPE) as `stack` under fresh mocks, after any evaluation queued. */
export function evaluateComponents(stack: "staging" | "prod", program: () => void): Promise<Evaluation> {
    return sequentially(() => evaluateStack(stack, program, new PreviewMocks(), componentConfig(stack)));
}

/** evaluateComponents, also recording the registrations as the offline plan sees them (parents, dependencies). */
export async function recordComponents(
    stack: "staging" | "prod",
    program: () => void,
): Promise<{ mocks: PreviewMocks; recorded: PlannedResource[] }> {
    const recorder = new ResourceRecorder(PROJECT_ROOT);
    // Queued outside the recording, so that only this program's registrations are recorded.
    const { mocks } = await sequentially(() =>
        recorder.record(() => evaluateStack(stack, program, new PreviewMocks(), componentConfig(stack))),
    );
    return { mocks, recorded: recorder.resources };
}
