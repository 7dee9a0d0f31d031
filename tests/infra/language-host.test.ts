// The estate under the Pulumi CLI's own runner: infra/index.ts run by @pulumi/pulumi/cmd/run as
// pulumi-language-nodejs spawns it for `pulumi preview` (flags, PULUMI_CONFIG, TypeScript through
// ts-node), against a stub engine and resource monitor (tests/infra/language-host/). It proves what
// the user sees: a settings mistake is one ERROR line from the engine's Log, naming the setting and
// what is allowed, without a stack trace, and the process exits 32 — the code with which the
// language host bails without adding a "Program exited with non-zero exit code" of its own. The
// delivery program (delivery/index.ts, run from delivery/) goes through the same runner: both
// programs compile with their own tsconfig.json as the CLI compiles them.
// Measured on an idle machine: ~3–5 s per run; the three runs go in parallel.

import * as assert from "node:assert/strict";

import { readStackConfig, StackConfig } from "../../tools/lib/stack-config";
import { DELIVERY, EXITED_AFTER_USER_ACTIONABLE_MESSAGE, ProgramRun, runUnderLanguageHost } from "./language-host/run-program";

/** A stack frame as Node prints it (err.stack, or util.inspect of an Error, whose frames may start with a colour code). */
const STACK_FRAME = /^\s+at /m;
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function staging(edit: (values: Record<string, unknown>) => void = () => undefined): StackConfig {
    const config = readStackConfig("staging");
    edit(config.values);
    return config;
}

function shown(run: ProgramRun): string {
    return JSON.stringify({ code: run.code, signal: run.signal, logs: run.logs.filter((l) => l.severity !== "DEBUG"), stderr: run.stderr.slice(0, 2000) }, null, 1);
}

describe("the programs under the CLI's language host (node @pulumi/pulumi/cmd/run, preview): infra/index.ts and delivery/index.ts", function () {
    this.timeout(120_000);

    let valid: ProgramRun;
    let mistake: ProgramRun;
    let delivery: ProgramRun;
    before(async () => {
        [valid, mistake, delivery] = await Promise.all([
            runUnderLanguageHost(staging()),
            // A value of the wrong type in Pulumi.staging.yaml: a string where a number belongs. The
            // valid run type-checks the program as the CLI does; this one need not compile it again.
            runUnderLanguageHost(
                staging((v) => {
                    v["govstack:edge"] = { ...(v["govstack:edge"] as Record<string, unknown>), wafRateLimit: "lots" };
                }),
                { typeCheck: false },
            ),
            runUnderLanguageHost(readStackConfig("govcloud", DELIVERY.projectDir), { program: DELIVERY }),
        ]);
    });

    it("valid settings: the program registers the stack and the estate with the monitor, logs no error and exits 0", () => {
        assert.equal(valid.code, 0, shown(valid));
        assert.deepEqual(valid.logs.filter((l) => l.severity === "ERROR" || l.severity === "WARNING"), []);
        assert.deepEqual(valid.unimplemented, [], "the program called engine methods the stub does not serve");
        const [first] = valid.registrations;
        assert.equal(first?.urn, "urn:pulumi:staging::govstack::pulumi:pulumi:Stack::govstack-staging");
        const types = new Set(valid.registrations.map((r) => r.type));
        for (const type of ["aws:ec2/vpc:Vpc", "aws:lb/loadBalancer:LoadBalancer", "aws:rds/instance:Instance", "aws:ecs/service:Service", "aws:kms/key:Key"]) {
            assert.ok(types.has(type), `no ${type} registered (${valid.registrations.length} registrations)`);
        }
    });

    it("a settings mistake: exit 32, exactly one ERROR log line naming the setting and what is allowed, no stack trace", () => {
        assert.equal(mistake.code, EXITED_AFTER_USER_ACTIONABLE_MESSAGE, shown(mistake));
        const errors = mistake.logs.filter((l) => l.severity === "ERROR");
        assert.deepEqual(
            errors.map((l) => l.message),
            ['Invalid setting "govstack:edge.wafRateLimit": "lots" must be a whole number from 100 to 2000000000'],
            shown(mistake),
        );
        for (const text of [...mistake.logs.map((l) => l.message), mistake.stdout, mistake.stderr]) {
            assert.doesNotMatch(text.replace(COLOUR, ""), STACK_FRAME);
        }
        // It stopped before declaring anything but the stack.
        assert.deepEqual(
            mistake.registrations.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
    });

    it("the delivery program: compiles as the CLI compiles it from delivery/, registers its stack and resources, logs no error and exits 0", () => {
        assert.equal(delivery.code, 0, shown(delivery));
        assert.deepEqual(delivery.logs.filter((l) => l.severity === "ERROR" || l.severity === "WARNING"), [], shown(delivery));
        assert.deepEqual(delivery.unimplemented, []);
        assert.equal(delivery.registrations[0]?.urn, "urn:pulumi:govcloud::govstack-delivery::pulumi:pulumi:Stack::govstack-delivery-govcloud");
        const types = new Set(delivery.registrations.map((r) => r.type));
        for (const type of ["pulumiservice:index:PolicyGroup", "pulumiservice:index:DeploymentSettings", "aws:iam/role:Role"]) {
            assert.ok(types.has(type), `no ${type} registered (${[...types].join(", ")})`);
        }
    });
});
