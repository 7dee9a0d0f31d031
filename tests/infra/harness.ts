import * as pulumi from "@pulumi/pulumi";

import { loadSettings } from "../../infra/config";
import { buildEstate, estateOutputs } from "../../infra/estate";
import { DeclaredResource } from "../../tools/lib/preview-mocks";
import { evaluateStack, Evaluation } from "../../tools/lib/evaluate";

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
