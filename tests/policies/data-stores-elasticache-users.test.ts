import * as assert from "node:assert/strict";

import { elasticacheUserAuthentication } from "../../policies/rules/data-stores";
import { accessStringEnabled } from "../../policies/rules/data-stores/elasticache-user-authentication";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    mandatory,
    messages,
    runResourcePolicy,
    secret,
    unknown,
    waiver,
} from "./helpers";
import { ELASTICACHE_USER } from "../../policies/rules/data-stores/resource-types";

const NO_PASSWORD = (via: string) =>
    `ElastiCache user "u" is switched on by its accessString but needs no password (${via}): anyone who reaches the cache connects as it. ` +
    'Set authenticationMode.type "iam" (or "password" with passwords), or switch it off ("off" in accessString).';

describe("data stores: elasticache-user-authentication", () => {
    const p = elasticacheUserAuthentication;
    const user = (props: Record<string, unknown>) => runResourcePolicy(p, { type: ELASTICACHE_USER, name: "u", props: { userId: "u", userName: "u", engine: "redis", ...props } });

    it("reads the access string as Redis does: the last top-level on/off wins, none is off, case-insensitive", () => {
        assert.equal(accessStringEnabled("on ~* +@all"), true);
        assert.equal(accessStringEnabled("off -@all"), false);
        assert.equal(accessStringEnabled("~* +@all"), false);
        assert.equal(accessStringEnabled(""), false);
        assert.equal(accessStringEnabled("off ~* +@all on"), true);
        assert.equal(accessStringEnabled("on ~* +@all OFF"), false);
        assert.equal(accessStringEnabled("  ON\t~*  +@all "), true);
        assert.equal(accessStringEnabled("on ~* reset"), false);
        assert.equal(accessStringEnabled("off (on ~app*) -@all"), false);
        assert.equal(accessStringEnabled("only ~on +@all"), false);
    });

    it("blocks an enabled user that needs no password, by authenticationMode.type or noPasswordRequired", async () => {
        assertViolations(await user({ accessString: "on ~* +@all", authenticationMode: { type: "no-password-required" } }), [NO_PASSWORD('authenticationMode.type "no-password-required"')]);
        assertViolations(await user({ accessString: "off ~* on +@all", noPasswordRequired: true }), [NO_PASSWORD("noPasswordRequired: true")]);
        // Either field saying "no password" is enough, whatever the other says.
        assertViolations(await user({ accessString: "on ~*", authenticationMode: { type: "iam" }, noPasswordRequired: true }), [NO_PASSWORD("noPasswordRequired: true")]);
    });

    it("blocks an enabled user with password authentication but no password, or with no authentication at all", async () => {
        assertViolations(await user({ accessString: "on ~* +@all", authenticationMode: { type: "password", passwords: [] } }), [
            'ElastiCache user "u" is switched on with authenticationMode.type "password" but sets no passwords; set authenticationMode.passwords or use "iam".',
        ]);
        assertViolations(await user({ accessString: "on ~* +@all" }), [
            'ElastiCache user "u" is switched on but declares no authentication; set authenticationMode.type "iam" (or "password" with passwords).',
        ]);
    });

    it("passes the estate's users: the disabled no-password default user and the IAM app user", async () => {
        assertClean(await runResourcePolicy(p, { type: ELASTICACHE_USER, props: { userId: "govstack-prod-default", userName: "default", engine: "redis", accessString: "off -@all", authenticationMode: { type: "no-password-required" } } }));
        assertClean(await runResourcePolicy(p, { type: ELASTICACHE_USER, props: { userId: "app", userName: "app", engine: "redis", accessString: "on ~* +@all -@dangerous", authenticationMode: { type: "iam" } } }));
    });

    it("passes password users (mode passwords, top-level passwords, write-only password; secret or computed) and disabled users", async () => {
        assertClean(await user({ accessString: "on ~app:* +@read", authenticationMode: { type: "password", passwords: [secret("s3cret-long-password")] } }));
        assertClean(await user({ accessString: "on ~app:* +@read", authenticationMode: { type: "password", passwords: unknown() } }));
        assertClean(await user({ accessString: "on ~app:* +@read", passwords: secret(["s3cret-long-password"]) }));
        assertClean(await user({ accessString: "on ~app:* +@read", passwordsWo: "s3cret-long-password", passwordsWoVersion: 1 }));
        assertClean(await user({ accessString: "~* +@all", noPasswordRequired: true }));
        assertClean(await user({ accessString: "on ~* +@all off", authenticationMode: { type: "no-password-required" } }));
        // An authenticating user does not need its on/off state known.
        assertClean(await user({ accessString: unknown(), authenticationMode: { type: "iam" } }));
    });

    it("is advisory when the on/off state or the authentication is computed at preview", async () => {
        assertAdvisoryOnly(await user({ accessString: unknown(), authenticationMode: { type: "no-password-required" } }));
        assertAdvisoryOnly(await user({ accessString: "on ~*", authenticationMode: { type: unknown() } }));
        assertAdvisoryOnly(await user({ accessString: "on ~*", authenticationMode: unknown() }));
        assertAdvisoryOnly(await user({ accessString: "on ~*", authenticationMode: { type: "password" }, noPasswordRequired: unknown() }));
        // Switched off: computed authentication does not matter.
        assertClean(await user({ accessString: "off -@all", authenticationMode: { type: unknown() } }));
    });

    it("a value ElastiCache does not define is the unwaivable 'Cannot evaluate', never a pass", async () => {
        const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
            [{ accessString: "off -@all", authenticationMode: { type: "no-password" } }, 'authenticationMode.type is "no-password", expected one of "password", "no-password-required", "iam"'],
            [{ accessString: "on ~*", authenticationMode: { type: "IAM" } }, 'authenticationMode.type is "IAM", expected one of "password", "no-password-required", "iam"'],
            [{ accessString: "on ~*", authenticationMode: "iam" }, 'authenticationMode is "iam", expected an object'],
            [{ accessString: "on ~*", noPasswordRequired: "yes", authenticationMode: { type: "iam" } }, 'noPasswordRequired is "yes", expected a boolean'],
            [{ accessString: ["on"], authenticationMode: { type: "no-password-required" } }, 'accessString is an array ["on"], expected a string'],
            [{ accessString: "on ~*", authenticationMode: { type: "password", passwords: "s3cret" } }, 'authenticationMode.passwords is "s3cret", expected an array'],
        ];
        for (const [props, problem] of cases) {
            const expected = [`Cannot evaluate ElastiCache user "u": ${problem}${SUFFIX}`];
            assertViolations(await user(props), expected);
            const waived = await runResourcePolicy(p, { type: ELASTICACHE_USER, name: "u", props, config: { waivers: [waiver("u")] } });
            assert.deepEqual(messages(mandatory(waived)), expected);
            assert.deepEqual(advisory(waived), []);
        }
    });

    it("reports nothing mandatory for the provider's defaults of an IAM user", async () => {
        assertNoMandatory(await user({ accessString: "on ~* +@all", authenticationMode: { type: "iam", passwordCount: 0 } }));
    });

    itHonoursWaivers(p, { type: ELASTICACHE_USER, name: "u", props: { accessString: "on ~* +@all", authenticationMode: { type: "no-password-required" } } });
});
