import * as assert from "node:assert/strict";

import { findActiveWaiver, isWaiverActive, parseWaivers, todayUtc, Waiver, waiverMatches } from "../../../policies/lib/waivers";

const w = (resource: string, expires = "2030-06-30"): Waiver => ({ resource, reason: "r", approvedBy: "a", expires });
const res = { urn: "urn:pulumi:prod::govstack::aws:s3/bucket:Bucket::alb-logs", name: "alb-logs" };

describe("lib/waivers", () => {
    it("matches an exact URN, an exact name, a name glob and a URN glob", () => {
        assert.ok(waiverMatches(w(res.urn), res));
        assert.ok(waiverMatches(w("alb-logs"), res));
        assert.ok(waiverMatches(w("alb-*"), res));
        assert.ok(waiverMatches(w("alb-log?"), res));
        assert.ok(waiverMatches(w("urn:pulumi:prod::govstack::aws:s3/bucket:Bucket::*"), res));
        assert.ok(!waiverMatches(w("urn:pulumi:staging::*"), res));
        assert.ok(!waiverMatches(w("alb"), res));
        assert.ok(!waiverMatches(w("*.logs"), res), "dots are literal");
    });

    it("is active through its expiry day (UTC) and not after", () => {
        assert.ok(isWaiverActive(w("x", "2030-06-30"), "2030-06-30"));
        assert.ok(!isWaiverActive(w("x", "2030-06-30"), "2030-07-01"));
        assert.equal(todayUtc(new Date("2030-06-30T23:59:59Z")), "2030-06-30");
        assert.equal(findActiveWaiver([w("alb-logs", "2020-01-01"), w("alb-*")], res, "2030-01-01")?.resource, "alb-*");
        assert.equal(findActiveWaiver([w("alb-logs", "2020-01-01")], res, "2030-01-01"), undefined);
    });

    it("reports malformed entries naming the policy and field, and drops them", () => {
        const parsed = parseWaivers("p", [
            w("ok"),
            { resource: "", reason: "r", approvedBy: "a", expires: "2030-02-30" },
            "nope",
            { resource: "x", reason: "r", approvedBy: "a", expires: "2030-01-01", policy: "p" },
        ]);
        assert.deepEqual(parsed.waivers, [w("ok")]);
        assert.deepEqual(parsed.errors, [
            'Invalid waiver config for policy "p": waivers[1].resource must be a non-empty string, got ""',
            'Invalid waiver config for policy "p": waivers[1].expires must be a date as YYYY-MM-DD, got "2030-02-30"',
            'Invalid waiver config for policy "p": waivers[2] must be an object with resource, reason, approvedBy and expires, got "nope"',
            'Invalid waiver config for policy "p": waivers[3] has unknown field(s) policy; allowed: resource, reason, approvedBy, expires',
        ]);
        assert.deepEqual(parseWaivers("p", { a: 1 }).errors, ['Invalid waiver config for policy "p": "waivers" must be an array, got {"a":1}']);
        assert.deepEqual(parseWaivers("p", undefined), { waivers: [], errors: [] });
    });
});
