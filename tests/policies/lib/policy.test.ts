import * as assert from "node:assert/strict";

import { resourcePolicy, stackPolicy } from "../../../policies/lib/policy";
import { assertViolations, runRemediation, runResourcePolicy, runStackPolicy, secret, UNKNOWN, urnOf, waiver } from "../helpers";

const base = {
    description: "Things must be fine.",
    summary: "Things are fine.",
    severity: "high",
    controls: ["SC-28", "SC-12"],
    remediationSteps: "Make it fine.",
    noVerdict: [],
} as const;

describe("lib/policy", () => {
    const single = resourcePolicy({
        ...base,
        name: "thing-fine",
        resourceTypes: ["aws:x/thing:Thing"],
        options: { limit: { type: "integer", default: 3, description: "max" } },
        validate: (ctx) => {
            const n = ctx.read<number>("count");
            if (!n.known) {
                return ctx.cannotVerify("count");
            }
            if ((n.value ?? 0) > ctx.config.limit) {
                ctx.violation(`count ${n.value} > ${ctx.config.limit}`);
            }
        },
    });

    it("carries the contract metadata", () => {
        assert.equal(single.enforcementLevel, "mandatory");
        assert.deepEqual(single.tags, ["SC-28", "SC-12"]);
        assert.deepEqual(single.framework, {
            name: "NIST SP 800-53",
            version: "rev5",
            reference: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
            specification: "SC-28, SC-12",
        });
        assert.deepEqual(Object.keys(single.configSchema?.properties ?? {}), ["waivers", "limit"]);
        // Measured (docs/performance.md): the server's per-type skip costs more than our Set check.
        assert.equal((single.validateResource as { __pulumiType?: string }).__pulumiType, undefined);
    });

    it("attaches no single type to a multi-type policy and ignores other types", async () => {
        const multi = resourcePolicy({ ...base, name: "multi", resourceTypes: ["aws:a/a:A", "aws:b/b:B"], validate: (ctx) => ctx.violation("hit") });
        assert.equal((multi.validateResource as { __pulumiType?: string }).__pulumiType, undefined);
        assert.equal((await runResourcePolicy(multi, { type: "aws:b/b:B", props: {} })).length, 1);
        assert.equal((await runResourcePolicy(multi, { type: "aws:c/c:C", props: {} })).length, 0);
    });

    it("uses options with defaults and overrides, and reports bad options instead of evaluating", async () => {
        assertViolations(await runResourcePolicy(single, { type: "aws:x/thing:Thing", props: { count: 4 } }), ["count 4 > 3"]);
        assertViolations(await runResourcePolicy(single, { type: "aws:x/thing:Thing", props: { count: 4 }, config: { limit: 5 } }), []);
        assertViolations(await runResourcePolicy(single, { type: "aws:x/thing:Thing", props: { count: 9 }, config: { limit: "5" } }), [
            'Invalid config for policy "thing-fine": option "limit" expected an integer, got "5"',
        ]);
    });

    it("reports unknowns as advisory and honours the configured level", async () => {
        const diags = await runResourcePolicy(single, { type: "aws:x/thing:Thing", props: { count: UNKNOWN } });
        assert.deepEqual(diags.map((d) => d.level), ["advisory"]);
        assert.match(diags[0].message, /^Cannot verify count during preview/);
        const adv = await runResourcePolicy(single, { type: "aws:x/thing:Thing", props: { count: 4 }, config: { enforcementLevel: "advisory" } });
        assert.deepEqual(adv.map((d) => d.level), ["advisory"]);
    });

    it("rejects bad names, unknown controls and empty descriptions", () => {
        assert.throws(() => resourcePolicy({ ...base, name: "Bad_Name", resourceTypes: ["t"], validate: () => undefined }), /kebab-case/);
        assert.throws(
            () => resourcePolicy({ ...base, controls: ["XX-1"] as unknown as ["SC-28"], name: "x", resourceTypes: ["t"], validate: () => undefined }),
            /unknown control "XX-1"/,
        );
        assert.throws(() => resourcePolicy({ ...base, description: " ", name: "x", resourceTypes: ["t"], validate: () => undefined }), /non-empty description/);
    });

    it("refuses a description that cites a control the policy does not list (controls is the one home of the mapping)", () => {
        const spec = { ...base, name: "x", controls: ["SC-28", "SC-12"] as ["SC-28", "SC-12"], resourceTypes: ["t"] as [string], validate: () => undefined };
        assert.throws(
            () => resourcePolicy({ ...spec, description: "Encrypt it at rest (SC-28, SC-28(1), CM-7); AES-256 keys." }),
            (e: Error) => e.message === 'Policy "x" cites SC-28(1), CM-7 in its description but not in controls; list it in controls or drop it from the description',
        );
        // Citing a subset is fine: the description explains, controls maps.
        assert.doesNotThrow(() => resourcePolicy({ ...spec, description: "Encrypt it at rest with AES-256 (SC-28)." }));
    });

    it("stack policies resolve references by known id and by property dependency", async () => {
        const seen: string[] = [];
        const sp = stackPolicy({
            ...base,
            name: "refs",
            resourceTypes: ["aws:x/group:Group"],
            triggerType: "aws:x/group:Group",
            validate: (ctx) => {
                for (const g of ctx.ofType("aws:x/group:Group")) {
                    const r = ctx.resolveRefs(g, "memberIds", ["aws:x/member:Member"]);
                    seen.push(`${g.name}:${r.resources.map((m) => m.name).join(",")}:${r.unresolved}`);
                }
            },
        });
        const m1 = urnOf("aws:x/member:Member", "m1");
        await runStackPolicy(sp, [
            { type: "aws:x/member:Member", name: "m1", props: {} },
            { type: "aws:x/member:Member", name: "m2", props: { id: "m-2" } },
            { type: "aws:x/group:Group", name: "g", props: { memberIds: [UNKNOWN, "m-2", "m-9"] }, propertyDependencies: { memberIds: [m1] } },
        ]);
        assert.deepEqual(seen, ["g:m2,m1:1"]);
        assert.deepEqual(await runStackPolicy(sp, [{ type: "aws:x/member:Member", name: "m1", props: {} }]), []);
    });

    it("offers remediation: typed to its resource, skipped for waived resources", async () => {
        const tagged = resourcePolicy({
            ...base,
            name: "has-owner-tag",
            resourceTypes: ["aws:x/thing:Thing"],
            validate: (ctx) => {
                const owner = ctx.read("tags.Owner");
                if (owner.known && !owner.value) {
                    ctx.violation("missing Owner tag");
                }
            },
            remediate: (ctx) => {
                const tags = ctx.read<Record<string, string>>("tags");
                return tags.known ? ctx.update({ tags: { ...tags.value, Owner: "platform" } }) : undefined;
            },
        });
        assert.equal((tagged.remediateResource as { __pulumiType?: string }).__pulumiType, "aws:x/thing:Thing");
        assert.deepEqual(await runRemediation(tagged, { type: "aws:x/thing:Thing", props: { size: 1, password: secret("hunter2"), tags: { App: "a" } } }), {
            size: 1,
            password: secret("hunter2"),
            tags: { App: "a", Owner: "platform" },
        });
        assert.equal(await runRemediation(tagged, { type: "aws:x/other:Other", props: {} }), undefined);
        assert.equal(await runRemediation(tagged, { type: "aws:x/thing:Thing", name: "legacy", props: {}, config: { waivers: [waiver("legacy")] } }), undefined);
    });
});
