import * as assert from "assert";

import { parseSettings, SettingsError } from "../../delivery/settings";
import { readStackConfig } from "../../tools/lib/stack-config";
import { committedSettings, SettingsFixture, settingsWith } from "./harness";

function rejects(change: (s: SettingsFixture) => void, message: string): void {
    assert.throws(
        () => parseSettings(settingsWith(change)),
        (err: Error) => {
            assert.ok(err instanceof SettingsError, "a SettingsError, printed without a stack trace");
            assert.ok(err.problems.includes(message), `got:\n${err.message}`);
            return true;
        },
    );
}

describe("delivery settings (delivery/settings.ts)", () => {
    it("accepts the committed delivery stack file", () => {
        const s = parseSettings(committedSettings());
        assert.deepStrictEqual(s.targets.map((t) => t.name), ["staging", "prod"]);
    });

    it("agrees with each root stack file on account, region and name prefix", () => {
        for (const target of parseSettings(committedSettings()).targets) {
            const stack = readStackConfig(target.name).values;
            assert.deepStrictEqual(stack["aws:allowedAccountIds"], [target.accountId], `${target.name}: aws:allowedAccountIds`);
            assert.strictEqual(stack["aws:region"], target.region, `${target.name}: aws:region`);
            assert.strictEqual(stack["govstack:namePrefix"], target.namePrefix, `${target.name}: govstack:namePrefix`);
        }
    });

    it("refuses automatic drift remediation on a protected stack", () => {
        rejects(
            (s) => (s.targets[1].autoRemediateDrift = true),
            'Invalid setting "settings.targets[1].autoRemediateDrift": true is not allowed for protected stack "prod"; use false (drift is reviewed, not overwritten)',
        );
    });

    it("refuses deploy-on-commit for a protected stack", () => {
        rejects(
            (s) => (s.targets[1].deployCommits = true),
            'Invalid setting "settings.targets[1].deployCommits": true is not allowed for protected stack "prod"; it deploys only by promotion (set promoteFrom)',
        );
    });

    it("requires a protected stack to be promoted from an earlier stack", () => {
        rejects(
            (s) => delete s.targets[1].promoteFrom,
            'Missing setting "settings.targets[1].promoteFrom": is required for protected stack "prod"; name the stack that must succeed first, e.g. "staging"',
        );
        rejects(
            (s) => (s.targets[1].promoteFrom = "qa"),
            'Invalid setting "settings.targets[1].promoteFrom": "qa" must be a stack listed before "prod"; allowed: staging',
        );
    });

    it("allows only GovCloud regions", () => {
        rejects(
            (s) => (s.targets[0].region = "us-east-1"),
            'Invalid setting "settings.targets[0].region": "us-east-1" must be one of us-gov-west-1, us-gov-east-1',
        );
    });

    it("names a malformed account id", () => {
        rejects(
            (s) => (s.targets[0].accountId = "20471839265"),
            'Invalid setting "settings.targets[0].accountId": "20471839265" must be a 12-digit AWS account id',
        );
    });

    it("keeps sessions at one hour or less", () => {
        rejects(
            (s) => (s.sessionDuration = "12h"),
            'Invalid setting "settings.sessionDuration": "12h" must be between 15m and 1h (the role\'s MaxSessionDuration)',
        );
    });

    it("never lets a review stack borrow the protected stack's account", () => {
        rejects(
            (s) => (s.reviewStacks.template = "prod"),
            'Invalid setting "settings.reviewStacks.template": "prod" is protected; review stacks must borrow a non-protected stack\'s account',
        );
    });

    it("wants a dated expiry on every review stack", () => {
        rejects(
            (s) => (s.reviewStacks.stacks = [{ name: "pr-7", branch: "x", expires: "next week", owner: "bob" }]),
            'Invalid setting "settings.reviewStacks.stacks[0].expires": "next week" must be an ISO 8601 UTC timestamp, e.g. 2026-12-01T00:00:00Z',
        );
    });

    it("reports a missing key by name", () => {
        rejects((s) => delete s.repository, 'Missing setting "settings.repository": must be owner/name');
    });
});
