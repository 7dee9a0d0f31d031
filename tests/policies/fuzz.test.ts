// Property-based tests (fast-check) for the whole pack, run through the server's own path
// (Struct → deserialize → unknown-checking proxy, tests/policies/helpers.ts):
//  1. no policy throws, or reaches the builders' safety net, whatever hostile value sits at any
//     property path it reads (paths from each type's compliant fixtures and from the reads the
//     policy reports), for every type it judges; the same for stack policies over a compliant
//     stack, with dangling URNs in parent, dependencies and property dependencies;
//  2. a known-bad resource (or stack) stays blocked — still has a mandatory diagnostic — when
//     garbage of the wrong JSON type is put into its OTHER fields. An advisory-only policy (its
//     default level is "advisory") is run at "mandatory" for this: its findings are reported at
//     the policy's level, so "blocked" means "reported at that level".
// `npm test` runs a fixed seed and a modest run count; `npm run fuzz` runs long (FUZZ_RUNS,
// FUZZ_SEED; see docs/testing.md).

import * as assert from "node:assert/strict";

import fc from "fast-check";

import { GovPolicy, GovResourcePolicy, GovStackPolicy, INTERNAL_ERROR_PREFIX, isStackPolicy } from "../../policies/lib";
import { readObserver } from "../../policies/lib/policy-common";
import { allPolicies } from "../../policies/rules";
import { TAGGABLE_TYPES } from "../../policies/rules/governance";
import { ALWAYS_VIOLATES, BAD, COMPLIANT, compliantStack, FIXTURE_PROVIDER, STACK_BAD, StackBadCase, StackFixture, TAGS } from "./fuzz/fixtures";
import { danglingUrn, hostile, TRAPS, wrongTypeFor } from "./fuzz/hostile";
import { materialize, parseShownPath, Path, pathsOf, related, showPath, valueAt, withValueAt } from "./fuzz/paths";
import { Diagnostic, mandatory, messages, runResourcePolicy, runStackPolicy, TestResource, urnOf } from "./helpers";

/** Fixed in `npm test`; `FUZZ_SEED=random` (npm run fuzz's default) draws one, and fast-check prints it with any failure. */
const SEED = process.env.FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20_251_015);
/** Runs per property; `npm run fuzz` raises it (FUZZ_RUNS). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const params = (runs = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs, endOnFailure: true });

const resourcePolicies = allPolicies.filter((p): p is GovResourcePolicy => !isStackPolicy(p));
const stackPolicies = allPolicies.filter((p): p is GovStackPolicy => isStackPolicy(p));

/** Types judged by a policy that the fuzz covers: all of them, except required-tags' long list, sampled. */
function judgedTypes(p: GovPolicy): string[] {
    if (p.name === "required-tags") {
        // Every taggable type reads the same `tags`: the fixture types, plus a sample of the rest.
        const sample = TAGGABLE_TYPES.filter((_, i) => i % 40 === 0);
        return [...new Set([...p.govstack.resourceTypes.filter((t) => COMPLIANT.has(t)), ...sample])];
    }
    return [...p.govstack.resourceTypes];
}

function fixturesOf(type: string): readonly Record<string, unknown>[] {
    return COMPLIANT.get(type) ?? [{ tags: { ...TAGS } }];
}

function internalErrors(diags: readonly Diagnostic[]): string[] {
    return diags.filter((d) => d.message.startsWith(INTERNAL_ERROR_PREFIX)).map((d) => d.message);
}

/** For the known-bad checks: an advisory-only policy runs at "mandatory", so its findings count as blocking. */
function atPolicyLevel(policy: GovPolicy): Record<string, unknown> | undefined {
    return policy.enforcementLevel === "advisory" ? { enforcementLevel: "mandatory" } : undefined;
}

/** Runs a resource policy on a fixture; the paths it reports reading are collected into `seen`. */
async function observeResource(policy: GovResourcePolicy, type: string, props: Record<string, unknown>, seen?: Set<string>, config?: Record<string, unknown>): Promise<Diagnostic[]> {
    readObserver.current = seen ? (name, _type, path) => name === policy.name && seen.add(path) : undefined;
    try {
        return await runResourcePolicy(policy, { type, name: "fuzzed", props: materialize(props) as Record<string, unknown>, provider: FIXTURE_PROVIDER, config });
    } finally {
        readObserver.current = undefined;
    }
}

function toTestResources(stack: readonly StackFixture[]): TestResource[] {
    return stack.map((r) => ({ ...r, props: materialize(r.props) as Record<string, unknown> }));
}

async function observeStack(policy: GovStackPolicy, stack: readonly StackFixture[], seen?: Set<string>, config?: Record<string, unknown>): Promise<Diagnostic[]> {
    readObserver.current = seen ? (name, _type, path) => name === policy.name && seen.add(path) : undefined;
    try {
        return await runStackPolicy(policy, toTestResources(stack), config);
    } finally {
        readObserver.current = undefined;
    }
}

/** The fixture's own paths plus the paths the policy reads (parsed from what it reports), without duplicates. */
function fuzzPaths(fixture: unknown, seen: Iterable<string>): Path[] {
    const all = new Map<string, Path>();
    for (const p of pathsOf(fixture)) {
        all.set(JSON.stringify(p), p);
    }
    for (const shown of seen) {
        const p = parseShownPath(shown);
        if (p !== undefined && p.length > 0) {
            all.set(JSON.stringify(p), p);
        }
    }
    return [...all.values()];
}

describe("property-based: the pack on hostile input", function () {
    this.timeout(0);

    describe("the fixtures", () => {
        it("every compliant fixture passes every policy that judges its type (the ground the properties stand on)", async () => {
            const failures: string[] = [];
            for (const p of resourcePolicies) {
                for (const type of judgedTypes(p)) {
                    for (const [i, props] of fixturesOf(type).entries()) {
                        const diags = await observeResource(p, type, props);
                        const expected = [...(ALWAYS_VIOLATES[type] ?? []), ...(ALWAYS_VIOLATES[`${type}#${i}`] ?? [])];
                        if (diags.length > 0 && !expected.includes(p.name)) {
                            failures.push(`${p.name} on ${type}#${i}: ${messages(diags).join(" | ")}`);
                        }
                    }
                }
            }
            for (const p of stackPolicies) {
                const diags = await observeStack(p, compliantStack());
                if (diags.length > 0) {
                    failures.push(`${p.name} on the compliant stack: ${messages(diags).join(" | ")}`);
                }
            }
            assert.deepEqual(failures, []);
        });

        it("every known-bad case is blocked, and every policy has one", async () => {
            const failures: string[] = [];
            for (const p of resourcePolicies) {
                const cases = BAD[p.name] ?? [];
                if (cases.length === 0) {
                    failures.push(`${p.name}: no known-bad case`);
                }
                for (const c of cases) {
                    const props = withValueAt(fixturesOf(c.type)[c.fixture ?? 0], c.path, c.value);
                    if (mandatory(await observeResource(p, c.type, props, undefined, atPolicyLevel(p))).length === 0) {
                        failures.push(`${p.name}: ${c.type} ${showPath(c.path)} = ${JSON.stringify(c.value)} is not blocked`);
                    }
                }
            }
            for (const p of stackPolicies) {
                const cases = STACK_BAD[p.name] ?? [];
                if (cases.length === 0) {
                    failures.push(`${p.name}: no known-bad stack`);
                }
                for (const c of cases) {
                    if (mandatory(await observeStack(p, badStack(c), undefined, atPolicyLevel(p))).length === 0) {
                        failures.push(`${p.name}: ${c.resource} ${c.path ? showPath(c.path) : "removed"} is not blocked`);
                    }
                }
            }
            assert.deepEqual(failures, []);
        });
    });

    describe("no resource policy throws or reaches the safety net, at any path it reads", () => {
        for (const p of resourcePolicies) {
            it(p.name, async () => {
                for (const type of judgedTypes(p)) {
                    for (const fixture of fixturesOf(type)) {
                        const seen = new Set<string>();
                        await observeResource(p, type, fixture, seen);
                        const paths = fuzzPaths(fixture, seen);
                        await fc.assert(
                            fc.asyncProperty(fc.constantFrom(...paths), hostile, async (path, value) => {
                                const diags = await observeResource(p, type, withValueAt(fixture, path, value));
                                assert.deepEqual(internalErrors(diags), [], `${type} ${showPath(path)}`);
                            }),
                            params(),
                        );
                        // Whole props replaced, and several fields at once.
                        await fc.assert(
                            fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...paths), hostile), { minLength: 2, maxLength: 5 }), async (edits) => {
                                const props = edits.reduce<Record<string, unknown>>((acc, [path, value]) => withValueAt(acc, path, value), fixture);
                                assert.deepEqual(internalErrors(await observeResource(p, type, props)), []);
                            }),
                            params(Math.max(2, Math.ceil(RUNS / 3))),
                        );
                    }
                }
            });
        }
    });

    describe("every path a resource policy reads × the values that tripped policies (a deterministic sweep)", () => {
        for (const p of resourcePolicies) {
            it(p.name, async () => {
                const failures: string[] = [];
                for (const type of judgedTypes(p)) {
                    for (const fixture of fixturesOf(type)) {
                        const seen = new Set<string>();
                        await observeResource(p, type, fixture, seen);
                        for (const path of fuzzPaths(fixture, seen)) {
                            for (const trap of TRAPS) {
                                const errors = internalErrors(await observeResource(p, type, withValueAt(fixture, path, trap)));
                                if (errors.length > 0) {
                                    failures.push(`${type} ${showPath(path)} = ${JSON.stringify(trap)}: ${errors[0]}`);
                                }
                            }
                        }
                    }
                }
                assert.deepEqual(failures, []);
            });
        }
    });

    describe("no stack policy throws or reaches the safety net, with hostile values and dangling URNs", () => {
        for (const p of stackPolicies) {
            it(p.name, async () => {
                const stack = compliantStack();
                const seen = new Set<string>();
                await observeStack(p, stack, seen);
                const judged = new Set(p.govstack.resourceTypes);
                const targets = stack.flatMap((r, i) => (judged.has(r.type) || judged.has("aws:*") ? [i] : []));
                // The compliant stack holds something every stack policy judges (else it is fuzzed for nothing).
                assert.ok(targets.length > 0, `the compliant stack has no resource of a type ${p.name} judges: add one (tests/policies/fuzz/fixtures.ts)`);
                const edit = fc
                    .tuple(fc.constantFrom(...targets), hostile)
                    .chain(([i, value]) => fc.constantFrom(...fuzzPaths(stack[i].props, seen)).map((path) => ({ i, path, value })));
                const links = fc.record({
                    i: fc.constantFrom(...stack.keys()),
                    parent: fc.option(danglingUrn, { nil: undefined }),
                    dependencies: fc.array(fc.oneof(danglingUrn, fc.constantFrom(...stack.map((r) => urnOf(r.type, r.name)))), { maxLength: 3 }),
                    key: fc.constantFrom("subnetIds", "routeTableId", "gatewayId", "bucket", "vpcId", "resourceArn", "listenerArn", "securityGroupId", "routes", "resources", "notResources", "__proto__", "constructor"),
                    deps: fc.array(fc.oneof(danglingUrn, fc.constantFrom(...stack.map((r) => urnOf(r.type, r.name)))), { maxLength: 3 }),
                });
                await fc.assert(
                    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.array(links, { maxLength: 3 }), async (edits, linkEdits) => {
                        const fuzzed = stack.map((r) => ({ ...r }));
                        for (const e of edits) {
                            fuzzed[e.i] = { ...fuzzed[e.i], props: withValueAt(fuzzed[e.i].props, e.path, e.value) };
                        }
                        for (const l of linkEdits) {
                            const propertyDependencies: Record<string, readonly string[]> = {};
                            Object.defineProperty(propertyDependencies, l.key, { value: l.deps, enumerable: true });
                            fuzzed[l.i] = { ...fuzzed[l.i], parent: l.parent, dependencies: l.dependencies, propertyDependencies };
                        }
                        const diags = await observeStack(p, fuzzed);
                        assert.deepEqual(internalErrors(diags), [], JSON.stringify(edits.map((e) => [fuzzed[e.i].name, showPath(e.path)])));
                    }),
                    params(),
                );
            });
        }
    });

    describe("a known-bad resource stays blocked with garbage in its other fields", () => {
        for (const p of resourcePolicies) {
            for (const c of BAD[p.name] ?? []) {
                it(`${p.name}: ${c.type} ${showPath(c.path)}`, async () => {
                    const bad = withValueAt(fixturesOf(c.type)[c.fixture ?? 0], c.path, c.value);
                    const others = pathsOf(bad).filter((path) => !related(path, c.path));
                    await fc.assert(
                        fc.asyncProperty(
                            fc.constantFrom(...others).chain((path) => wrongTypeFor(valueAt(bad, path)).map((value) => ({ path, value }))),
                            async ({ path, value }) => {
                                const diags = await observeResource(p, c.type, withValueAt(bad, path, value), undefined, atPolicyLevel(p));
                                assert.deepEqual(internalErrors(diags), []);
                                assert.ok(mandatory(diags).length > 0, `${showPath(path)} = ${JSON.stringify(value)} unblocked it: ${JSON.stringify(messages(diags))}`);
                            },
                        ),
                        params(),
                    );
                });
            }
        }
        for (const p of stackPolicies) {
            for (const c of STACK_BAD[p.name] ?? []) {
                it(`${p.name}: ${c.resource} ${c.path ? showPath(c.path) : "removed"}`, async () => {
                    const bad = badStack(c);
                    const others = bad.flatMap((r, i) => pathsOf(r.props).flatMap((path) => (r.name === c.resource && c.path && related(path, c.path) ? [] : [{ i, path }])));
                    await fc.assert(
                        fc.asyncProperty(
                            fc.constantFrom(...others).chain(({ i, path }) => wrongTypeFor(valueAt(bad[i].props, path)).map((value) => ({ i, path, value }))),
                            async ({ i, path, value }) => {
                                const fuzzed = bad.map((r, j) => (j === i ? { ...r, props: withValueAt(r.props, path, value) } : r));
                                const diags = await observeStack(p, fuzzed, undefined, atPolicyLevel(p));
                                assert.deepEqual(internalErrors(diags), []);
                                assert.ok(mandatory(diags).length > 0, `${bad[i].name} ${showPath(path)} = ${JSON.stringify(value)} unblocked it: ${JSON.stringify(messages(diags))}`);
                            },
                        ),
                        params(),
                    );
                });
            }
        }
    });
});

function badStack(c: StackBadCase): StackFixture[] {
    const stack = compliantStack().filter((r) => !(c.without ?? []).includes(r.name));
    if (c.path === undefined) {
        return stack.filter((r) => r.name !== c.resource);
    }
    return stack.map((r) => (r.name === c.resource ? { ...r, props: withValueAt(r.props, c.path as Path, c.value) } : r));
}
