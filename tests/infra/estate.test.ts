import * as assert from "assert";

import * as pulumi from "@pulumi/pulumi";

import { SettingsError } from "../../infra/lib/settings-error";
import { evaluateStack, Evaluation } from "../../tools/lib/evaluate";
import { PreviewMocks } from "../../tools/lib/preview-mocks";
import { readStackConfig } from "../../tools/lib/stack-config";
import { beforeBothStacks, estateProgram, isSecret, one, sequentially } from "./harness";

/** Built, not written: this file must not contain the commercial-partition ARN prefix itself. */
const COMMERCIAL_ARN = ["arn", "aws", ""].join(":");
const REQUIRED_TAGS = ["Project", "Environment", "ManagedBy", "Compliance", "Owner"];
/** Input names that would hold a credential if set to a plain value. */
const SECRET_KEY = /(^|[^a-z])(password|passwords|secretstring|authtoken|token|privatekey|secretaccesskey)$/i;

/** Every (path, value) leaf of an input tree; secrets and unknowns are leaves. */
function* leaves(value: unknown, path: string): Generator<[string, unknown]> {
    if (isSecret(value) || pulumi.isUnknown(value) || value === null || typeof value !== "object") {
        yield [path, value];
        return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        yield* leaves(v, `${path}.${k}`);
    }
}

describe("infra/estate: both stacks from their real stack files", () => {
    let staging: Evaluation;
    let prod: Evaluation;
    beforeBothStacks((s) => ({ staging, prod } = s));

    it("composes every component once, with govstack:<area>:<Name> type tokens", () => {
        for (const ev of [staging, prod]) {
            const components = ev.mocks.resources.filter((r) => !r.custom && r.type.startsWith("govstack:")).map((r) => r.type);
            for (const token of ["govstack:keys:Keys", "govstack:network:Network", "govstack:data:Data", "govstack:storage:Storage", "govstack:edge:Edge"]) {
                assert.strictEqual(components.filter((t) => t === token).length, 1, token);
            }
            for (const t of components) {
                assert.match(t, /^govstack:[a-z-]+:[A-Z][A-Za-z]+$/);
            }
        }
    });

    // @pulumi/awsx is used only where it hides nothing (docs/architecture.md, "Where awsx is used"):
    // its classic Dashboard IS an aws.cloudwatch.Dashboard. A remote awsx component (awsx:ec2:Vpc,
    // awsx:lb:*, awsx:ecs:*) or a classic component (awsx:x:*) would show up here.
    it("declares only govstack components and plain provider resources: no awsx component, whose children a guard could miss", () => {
        for (const ev of [staging, prod]) {
            const foreign = ev.mocks.resources.filter((r) => !r.custom && !r.type.startsWith("govstack:") && r.type !== "pulumi:pulumi:Stack");
            assert.deepStrictEqual(foreign.map((r) => `${r.type} ${r.name}`), []);
            assert.deepStrictEqual(ev.mocks.resources.filter((r) => r.type.startsWith("awsx:")).map((r) => r.type), []);
            assert.strictEqual(ev.mocks.ofType("aws:cloudwatch/dashboard:Dashboard").length, 1, "the awsx dashboard registers as the plain AWS type");
        }
    });

    it("exports the service URL, ALB DNS name and database endpoint, and no password", () => {
        const out = prod.outputs as Record<string, unknown>;
        assert.strictEqual(out.serviceUrl, "https://govstack.example.com");
        assert.ok("albDnsName" in out && "databaseEndpoint" in out);
        assert.ok(!Object.keys(out).some((k) => /password|secret/i.test(k)));
        assert.strictEqual(out.backupsBucket, "govstack-prod-backups-318920475611-us-gov-west-1");
    });

    it("no input anywhere holds a commercial-partition ARN", () => {
        for (const ev of [staging, prod]) {
            for (const r of ev.mocks.resources) {
                for (const [path, v] of leaves(r.inputs, r.name)) {
                    assert.ok(!(typeof v === "string" && v.includes(COMMERCIAL_ARN)), `${r.type} ${path}: ${String(v)}`);
                }
            }
        }
    });

    it("every GovCloud ARN in an input names this stack's account or an AWS-owned one", () => {
        const owned = new Set(["318920475611", "aws", "", "048591011584"]);
        for (const r of prod.mocks.resources) {
            for (const [path, v] of leaves(r.inputs, r.name)) {
                for (const m of typeof v === "string" ? v.matchAll(/arn:aws-us-gov:[a-z0-9-]+:[a-z0-9-]*:([a-z0-9]*):/g) : []) {
                    assert.ok(owned.has(m[1]), `${path}: ${m[0]}`);
                }
            }
        }
    });

    it("no input anywhere holds a plaintext credential (only secrets or values unknown until deploy)", () => {
        let checked = 0;
        for (const ev of [staging, prod]) {
            for (const r of ev.mocks.resources) {
                for (const [path, v] of leaves(r.inputs, r.name)) {
                    const key = path.split(".").filter((p) => !/^\d+$/.test(p)).pop() ?? "";
                    if (SECRET_KEY.test(key)) {
                        checked++;
                        assert.ok(isSecret(v) || pulumi.isUnknown(v), `${r.type} ${path} is a plain value`);
                    }
                }
            }
        }
        // The estate holds no credential input at all: RDS generates its master password, the
        // Redis default user is disabled without one, the service uses IAM tokens. The scan itself
        // is proven on credential-shaped inputs below, so "0 seen" is not a blind scan.
        assert.strictEqual(checked, 0, `credential inputs in the estate: ${checked}`);
        const probe = [...leaves({ authenticationMode: { passwords: ["plain"] }, password: "p", description: "x" }, "probe")].filter(([path]) =>
            SECRET_KEY.test(path.split(".").filter((p) => !/^\d+$/.test(p)).pop() ?? ""),
        );
        assert.deepStrictEqual(
            probe.map(([path]) => path),
            ["probe.authenticationMode.passwords.0", "probe.password"],
        );
    });

    it("puts the required tags, with this stack's Environment, on every tagged resource", () => {
        for (const [ev, env] of [
            [staging, "staging"],
            [prod, "prod"],
        ] as const) {
            const tagged = ev.mocks.resources.filter((r) => r.inputs.tags !== undefined && !pulumi.isUnknown(r.inputs.tags));
            assert.ok(tagged.length > 40, `${tagged.length} tagged resources`);
            for (const r of tagged) {
                const tags = r.inputs.tags as Record<string, string>;
                for (const t of REQUIRED_TAGS) {
                    assert.ok(tags[t], `${r.type} ${r.name} lacks ${t}`);
                }
                assert.strictEqual(tags.Environment, env, r.name);
            }
        }
    });

    it("names every physical resource with the stack's prefix (stacks can share an account)", () => {
        const physical = (ev: Evaluation) =>
            ev.mocks.resources
                // A GuardDuty detector feature's `name` is the feature (S3_DATA_EVENTS), not a physical name.
                .filter((r) => r.type !== "aws:guardduty/detectorFeature:DetectorFeature")
                .map((r) => r.inputs.name ?? r.inputs.bucket ?? r.inputs.identifier ?? r.inputs.replicationGroupId)
                .filter((n): n is string => typeof n === "string" && !n.startsWith("alias/") && !n.startsWith("/"));
        for (const n of physical(prod)) {
            assert.ok(n.startsWith("govstack-prod") || ["write-flow-logs"].includes(n) || /^[a-z-]+$/.test(n), n);
        }
        assert.ok(physical(staging).filter((n) => n.startsWith("govstack-stg")).length > 15);
    });

    it("differs between prod and staging exactly where the guard rails say", () => {
        const fact = (ev: Evaluation) => {
            const db = one(ev, "aws:rds/instance:Instance").inputs;
            const redis = one(ev, "aws:elasticache/replicationGroup:ReplicationGroup").inputs;
            const alb = one(ev, "aws:lb/loadBalancer:LoadBalancer").inputs;
            return {
                natGateways: ev.mocks.ofType("aws:ec2/natGateway:NatGateway").length,
                dbMultiAz: db.multiAz,
                dbDeletionProtection: db.deletionProtection,
                dbBackups: db.backupRetentionPeriod,
                dbFinalSnapshot: !db.skipFinalSnapshot,
                cacheFailover: redis.automaticFailoverEnabled,
                cacheMultiAz: redis.multiAzEnabled,
                albDeletionProtection: alb.enableDeletionProtection,
            };
        };
        assert.deepStrictEqual(fact(prod), {
            natGateways: 3,
            dbMultiAz: true,
            dbDeletionProtection: true,
            dbBackups: 30,
            dbFinalSnapshot: true,
            cacheFailover: true,
            cacheMultiAz: true,
            albDeletionProtection: true,
        });
        assert.deepStrictEqual(fact(staging), {
            natGateways: 1,
            dbMultiAz: false,
            dbDeletionProtection: false,
            dbBackups: 7,
            dbFinalSnapshot: false,
            cacheFailover: false,
            cacheMultiAz: false,
            albDeletionProtection: false,
        });
        const retention = (ev: Evaluation) =>
            new Set(ev.mocks.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.retentionInDays));
        assert.deepStrictEqual([...retention(prod)], [400]);
        assert.deepStrictEqual([...retention(staging)], [90]);
    });

    it("encrypts every log group with a KMS key", () => {
        for (const g of prod.mocks.ofType("aws:cloudwatch/logGroup:LogGroup")) {
            assert.ok(g.inputs.kmsKeyId !== undefined, g.name);
        }
    });

    it("stops on an invalid setting before declaring any resource", async () => {
        const config = readStackConfig("prod");
        config.values["govstack:database"] = { ...(config.values["govstack:database"] as object), multiAz: false };
        const mocks = new PreviewMocks();
        await assert.rejects(
            sequentially(() => evaluateStack("prod", estateProgram, mocks, config)),
            (e: unknown) =>
                e instanceof SettingsError &&
                e.message === 'Invalid setting "govstack:database.multiAz": false must be true in prod (a standby in a second AZ)',
        );
        assert.deepStrictEqual(
            mocks.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type),
            [],
        );
    });

    it("rejects a misspelt govstack key in the Pulumi config itself", async () => {
        const config = readStackConfig("staging");
        config.values["govstack:netwrok"] = { cidr: "10.0.0.0/16" };
        await assert.rejects(
            sequentially(() => evaluateStack("staging", estateProgram, new PreviewMocks(), config)),
            /^SettingsError: Unknown setting "govstack:netwrok" \(did you mean "govstack:network"\?\)$/,
        );
    });
});
