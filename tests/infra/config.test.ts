import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { EDGE_DEFAULTS } from "../../infra/components/edge";
import { SERVICE_DEFAULTS } from "../../infra/components/service";
import { parseSettings } from "../../infra/config";
import { PROJECT_ROOT } from "../../infra/lib/project-root";
import { SettingsError } from "../../infra/lib/settings-error";
import { readStackConfig } from "../../tools/lib/stack-config";

/** A copy of a stack's real settings with one key path changed (`undefined` removes it). */
function withSetting(stack: "staging" | "prod", path: string[], value: unknown): Record<string, unknown> {
    const raw = structuredClone(readStackConfig(stack).values);
    let node = raw as Record<string, unknown>;
    for (const part of path.slice(0, -1)) {
        node = node[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (value === undefined) {
        delete node[last];
    } else {
        node[last] = value;
    }
    return raw;
}

function messageOf(stack: string, raw: Record<string, unknown>, projectRoot?: string): string {
    try {
        parseSettings(stack, raw, { projectRoot });
    } catch (e) {
        assert.ok(e instanceof SettingsError, `expected a SettingsError, got ${String(e)}`);
        return e.message;
    }
    return assert.fail("expected the settings to be rejected");
}

describe("infra/config: the real stack files", () => {
    it("staging parses to the settings its stack file states", () => {
        const s = parseSettings("staging", readStackConfig("staging").values);
        assert.strictEqual(s.isProd, false);
        assert.strictEqual(s.partition, "aws-us-gov");
        assert.strictEqual(s.region, "us-gov-west-1");
        assert.strictEqual(s.accountId, "204718392650");
        assert.strictEqual(s.network.natGateways, "Single");
        assert.deepStrictEqual(s.service.image, { kind: "build", context: "app" });
        assert.strictEqual(s.tags.Compliance, "FedRAMP-Moderate");
        assert.strictEqual(s.tags.Environment, "staging");
    });

    it("prod parses with every guard rail satisfied and the image pinned by digest", () => {
        const s = parseSettings("prod", readStackConfig("prod").values);
        assert.strictEqual(s.isProd, true);
        assert.strictEqual(s.database.multiAz, true);
        assert.strictEqual(s.database.deletionProtection, true);
        assert.ok(s.database.backupRetentionDays >= 30);
        assert.strictEqual(s.cache.multiAz, true);
        assert.strictEqual(s.network.natGateways, "OnePerAz");
        assert.ok(s.service.minCount >= s.network.availabilityZones.length);
        assert.ok(s.observability.logRetentionDays >= 365);
        assert.strictEqual(s.service.image.kind, "digest");
        assert.match(s.service.image.kind === "digest" ? s.service.image.digest : "", /^sha256:[a-f0-9]{64}$/);
    });

    it("fills defaults in one place (schema), e.g. the cache engine and storage lifecycle", () => {
        const raw = withSetting("staging", ["govstack:storage"], undefined);
        const s = parseSettings("staging", raw);
        assert.deepStrictEqual(s.storage, {
            backupsGlacierAfterDays: 90,
            backupsExpireAfterDays: 2555,
            accessLogsExpireAfterDays: 365,
            auditObjectLock: false,
        });
    });

    it("fills an omitted service or edge setting from the component's own default (declared once, beside its args)", () => {
        const raw = structuredClone(readStackConfig("staging").values);
        const service = raw["govstack:service"] as Record<string, unknown>;
        const edge = raw["govstack:edge"] as Record<string, unknown>;
        const serviceKeys = [
            "containerPort",
            "healthCheckPath",
            "bakeTimeMinutes",
            "healthCheckGracePeriodSeconds",
            "deploymentController",
            "cpuTargetPercent",
            "memoryTargetPercent",
        ] as const;
        const edgeKeys = ["internal", "sslPolicy", "testListenerPort", "wafRateLimit"] as const;
        serviceKeys.forEach((key) => delete service[key]);
        edgeKeys.forEach((key) => delete edge[key]);
        const s = parseSettings("staging", raw);
        for (const key of serviceKeys) {
            assert.strictEqual(s.service[key], SERVICE_DEFAULTS[key], `service.${key}`);
        }
        for (const key of edgeKeys) {
            assert.strictEqual(s.edge[key], EDGE_DEFAULTS[key], `edge.${key}`);
        }
    });

    it("derives maxAllocatedStorage (4x) when it is not set", () => {
        const raw = withSetting("staging", ["govstack:database", "maxAllocatedStorage"], undefined);
        assert.strictEqual(parseSettings("staging", raw).database.maxAllocatedStorage, 80);
    });
});

describe("infra/config: invalid settings fail with the key, the value and what is allowed", () => {
    const cases: Array<{ name: string; stack: "staging" | "prod"; path: string[]; value: unknown; message: string }> = [
        {
            name: "a burstable database class in prod",
            stack: "prod",
            path: ["govstack:database", "instanceClass"],
            value: "db.t2.micro",
            message:
                'Invalid setting "govstack:database.instanceClass": "db.t2.micro" is not allowed in prod; use one of ' +
                "db.m6g.large, db.m6g.xlarge, db.m6i.large, db.m6i.xlarge, db.m7g.large, db.m7g.xlarge, db.r6g.large, " +
                "db.r6g.xlarge, db.r6i.large, db.r6i.xlarge, db.r7g.large, db.r7g.xlarge",
        },
        {
            name: "a single-AZ database in prod",
            stack: "prod",
            path: ["govstack:database", "multiAz"],
            value: false,
            message: 'Invalid setting "govstack:database.multiAz": false must be true in prod (a standby in a second AZ)',
        },
        {
            name: "database deletion protection off in prod",
            stack: "prod",
            path: ["govstack:database", "deletionProtection"],
            value: false,
            message: 'Invalid setting "govstack:database.deletionProtection": false must be true in prod',
        },
        {
            name: "7-day backups in prod",
            stack: "prod",
            path: ["govstack:database", "backupRetentionDays"],
            value: 7,
            message: 'Invalid setting "govstack:database.backupRetentionDays": 7 must be at least 30 in prod',
        },
        {
            name: "a single-AZ cache in prod",
            stack: "prod",
            path: ["govstack:cache", "multiAz"],
            value: false,
            message: 'Invalid setting "govstack:cache.multiAz": false must be true in prod (automatic failover to another AZ)',
        },
        {
            name: "a single NAT gateway in prod",
            stack: "prod",
            path: ["govstack:network", "natGateways"],
            value: "Single",
            message:
                'Invalid setting "govstack:network.natGateways": "Single" must be OnePerAz in prod (no single NAT gateway as a single point of failure)',
        },
        {
            name: "the whole internet allowed in prod",
            stack: "prod",
            path: ["govstack:edge", "allowedCidrs"],
            value: ["192.0.2.0/24", "0.0.0.0/0"],
            message:
                'Invalid setting "govstack:edge.allowedCidrs[1]": "0.0.0.0/0" is not allowed in prod; list the networks that may reach the service',
        },
        {
            name: "all of IPv6 allowed in prod",
            stack: "prod",
            path: ["govstack:edge", "allowedCidrs"],
            value: ["::/0"],
            message:
                'Invalid setting "govstack:edge.allowedCidrs[0]": "::/0" is not allowed in prod; list the networks that may reach the service',
        },
        {
            name: "too few tasks in prod",
            stack: "prod",
            path: ["govstack:service", "minCount"],
            value: 1,
            message: 'Invalid setting "govstack:service.minCount": 1 must be at least 3 in prod (2 or more tasks, one per AZ at least)',
        },
        {
            name: "no image digest in prod",
            stack: "prod",
            path: ["govstack:service", "imageDigest"],
            value: undefined,
            message:
                'Missing setting "govstack:service.imageDigest": is required in prod: run the exact image staging built and tested (sha256:…)',
        },
        {
            name: "an image tag instead of a digest",
            stack: "prod",
            path: ["govstack:service", "imageDigest"],
            value: "latest",
            message:
                'Invalid setting "govstack:service.imageDigest": "latest" must be an image digest: sha256: followed by 64 lowercase hex digits',
        },
        {
            name: "short log retention in prod",
            stack: "prod",
            path: ["govstack:observability", "logRetentionDays"],
            value: 90,
            message: 'Invalid setting "govstack:observability.logRetentionDays": 90 must be at least 365 in prod',
        },
        {
            name: "a commercial region",
            stack: "staging",
            path: ["aws:region"],
            value: "us-east-1",
            message: 'Invalid setting "aws:region": "us-east-1" must be one of us-gov-west-1, us-gov-east-1',
        },
        {
            name: "FIPS endpoints off",
            stack: "staging",
            path: ["aws:useFipsEndpoint"],
            value: false,
            message: 'Invalid setting "aws:useFipsEndpoint": false must be true: GovCloud workloads call FIPS 140-validated endpoints (SC-13)',
        },
        {
            name: "a certificate from another partition",
            stack: "staging",
            path: ["govstack:edge", "certificateArn"],
            value: ["arn", "aws", "acm", "us-gov-west-1", "204718392650", "certificate/3f2c1a9e-8b47-4d6a-9e21-5c0d7b8a4f13"].join(":"),
            message:
                'Invalid setting "govstack:edge.certificateArn": "arn:aws:acm:us-gov-west-1:204718392650:certificate/3f2c1a9e-8b47-4d6a-9e21-5c0d7b8a4f13" ' +
                "must be a certificate of partition aws-us-gov, region us-gov-west-1 and account 204718392650",
        },
        {
            name: "the test listener open to the world (any stack)",
            stack: "staging",
            path: ["govstack:edge", "operatorCidrs"],
            value: ["0.0.0.0/0"],
            message:
                'Invalid setting "govstack:edge.operatorCidrs[0]": "0.0.0.0/0" opens the test listener to the whole internet; list operator networks only',
        },
        {
            name: "a malformed CIDR",
            stack: "staging",
            path: ["govstack:edge", "allowedCidrs"],
            value: ["10.0.0.0/33"],
            message: 'Invalid setting "govstack:edge.allowedCidrs[0]": "10.0.0.0/33" must be an IPv4 or IPv6 CIDR such as 203.0.113.0/24',
        },
        {
            name: "an AZ of another region",
            stack: "staging",
            path: ["govstack:network", "availabilityZones"],
            value: ["us-gov-west-1a", "us-gov-west-1b", "us-gov-east-1c"],
            message:
                'Invalid setting "govstack:network.availabilityZones[2]": "us-gov-east-1c" is not an availability zone of us-gov-west-1 (e.g. us-gov-west-1a)',
        },
        {
            name: "two AZs only",
            stack: "staging",
            path: ["govstack:network", "availabilityZones"],
            value: ["us-gov-west-1a", "us-gov-west-1b"],
            message:
                'Invalid setting "govstack:network.availabilityZones": ["us-gov-west-1a","us-gov-west-1b"] must list exactly 3 availability zones (one subnet of each tier per AZ)',
        },
        {
            name: "a Fargate memory size the CPU does not offer",
            stack: "staging",
            path: ["govstack:service", "memory"],
            value: 8192,
            message: 'Invalid setting "govstack:service.memory": 8192 is not a Fargate size for cpu 512; use one of 1024, 2048, 3072, 4096',
        },
        {
            name: "an account id as a number",
            stack: "staging",
            path: ["govstack:accountId"],
            value: 204718392650,
            message: 'Invalid setting "govstack:accountId": 204718392650 must be a 12-digit AWS account id in quotes',
        },
        {
            name: "a stack's account not in allowedAccountIds",
            stack: "staging",
            path: ["aws:allowedAccountIds"],
            value: ["318920475611"],
            message: 'Invalid setting "aws:allowedAccountIds": ["318920475611"] must contain govstack:accountId "204718392650"',
        },
        {
            name: "a wrong Compliance tag",
            stack: "staging",
            path: ["aws:defaultTags", "tags", "Compliance"],
            value: "none",
            message: 'Invalid setting "aws:defaultTags.tags.Compliance": "none" must be "FedRAMP-Moderate"',
        },
        {
            name: "a missing required tag",
            stack: "staging",
            path: ["aws:defaultTags", "tags", "Owner"],
            value: undefined,
            message:
                'Invalid setting "aws:defaultTags.tags": {"Project":"govstack","Environment":"staging","ManagedBy":"Pulumi","Compliance":"FedRAMP-Moderate"} ' +
                "must set the required tag Owner (required: Project, Environment, ManagedBy, Compliance, Owner)",
        },
        {
            name: "a misspelt key inside a group",
            stack: "staging",
            path: ["govstack:database", "multiAZ"],
            value: true,
            message: 'Unknown setting "govstack:database.multiAZ"; see docs/settings.md for the keys allowed',
        },
        {
            name: "a CloudWatch retention CloudWatch does not offer",
            stack: "staging",
            path: ["govstack:observability", "logRetentionDays"],
            value: 100,
            message:
                'Invalid setting "govstack:observability.logRetentionDays": 100 must be one of ' +
                "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        },
        {
            name: "a deployment controller ECS does not have",
            stack: "staging",
            path: ["govstack:service", "deploymentController"],
            value: "CODE_DEPLOY",
            message: 'Invalid setting "govstack:service.deploymentController": "CODE_DEPLOY" must be one of ecs, codedeploy',
        },
        {
            name: "a pinned PostgreSQL minor (AWS upgrades minors; the next up would ask for a downgrade)",
            stack: "prod",
            path: ["govstack:database", "engineVersion"],
            value: "16.4",
            message:
                'Invalid setting "govstack:database.engineVersion": "16.4" names a minor version; name only the major ("16"): ' +
                "RDS upgrades minors itself (autoMinorVersionUpgrade), and a pinned minor would make a later pulumi up ask RDS for a downgrade",
        },
        {
            name: "a PostgreSQL major the estate does not accept",
            stack: "staging",
            path: ["govstack:database", "engineVersion"],
            value: "13",
            message:
                'Invalid setting "govstack:database.engineVersion": "13" must be a PostgreSQL major version in quotes: one of "14", "15", "16", "17"',
        },
        {
            name: "an unquoted PostgreSQL version (YAML reads a number)",
            stack: "staging",
            path: ["govstack:database", "engineVersion"],
            value: 16,
            message:
                'Invalid setting "govstack:database.engineVersion": 16 must be a PostgreSQL major version in quotes: one of "14", "15", "16", "17"',
        },
        {
            name: "a multi-AZ cache with one node",
            stack: "staging",
            path: ["govstack:cache", "multiAz"],
            value: true,
            message:
                'Invalid setting "govstack:cache.nodes": 1 must be at least 2 when multiAz is true (a primary and a replica in another AZ)',
        },
    ];

    for (const c of cases) {
        it(`rejects ${c.name}`, () => {
            assert.strictEqual(messageOf(c.stack, withSetting(c.stack, c.path, c.value)), c.message);
        });
    }

    it("rejects an unknown top-level govstack key", () => {
        const raw = { ...readStackConfig("staging").values, "govstack:dbPassword": "x" };
        assert.match(messageOf("staging", raw), /^Unknown setting "govstack:dbPassword"; known govstack settings: govstack:accountId, /);
    });

    it("reports every problem at once, one per line", () => {
        let raw = withSetting("prod", ["govstack:database", "multiAz"], false);
        raw = { ...raw, "govstack:cache": { ...(raw["govstack:cache"] as object), multiAz: false } };
        const message = messageOf("prod", raw);
        assert.strictEqual(message.split("\n")[0], '2 invalid settings for stack "prod":');
        assert.match(message, /\n {2}- Invalid setting "govstack:database.multiAz"/);
        assert.match(message, /\n {2}- Invalid setting "govstack:cache.multiAz"/);
    });

    it("names a missing group as missing", () => {
        assert.strictEqual(
            messageOf("staging", withSetting("staging", ["govstack:edge"], undefined)),
            'Missing setting "govstack:edge": must be a mapping (see docs/settings.md)',
        );
    });

    it("takes the PostgreSQL major alone and derives the parameter group's major from it", () => {
        const s = parseSettings("prod", withSetting("prod", ["govstack:database", "engineVersion"], "17"));
        assert.strictEqual(s.database.engineVersion, "17");
        assert.strictEqual(s.database.engineMajor, 17);
        assert.strictEqual(s.database.allowMajorVersionUpgrade, false, "a major upgrade is allowed only when asked for");
    });

    it("applies prod's guard rails to any stack marked govstack:production, and not to one marked false", () => {
        const staging = { ...readStackConfig("staging").values, "govstack:production": true };
        assert.match(messageOf("staging", staging), /Invalid setting "govstack:database.multiAz": false must be true in prod/);
        const prod = { ...readStackConfig("prod").values, "govstack:production": false };
        assert.strictEqual(parseSettings("prod", prod).isProd, false);
        const renamed: Record<string, unknown> = { ...readStackConfig("prod").values, "govstack:production": true };
        const tags = (renamed["aws:defaultTags"] as { tags: Record<string, string> }).tags;
        renamed["aws:defaultTags"] = { tags: { ...tags, Environment: "prod-west" } };
        assert.strictEqual(parseSettings("prod-west", renamed).isProd, true);
        assert.strictEqual(parseSettings("staging", readStackConfig("staging").values).isProd, false);
    });

    it("the same values that prod rejects are accepted in staging", () => {
        const raw = withSetting("staging", ["govstack:database", "backupRetentionDays"], 7);
        assert.strictEqual(parseSettings("staging", raw).database.backupRetentionDays, 7);
    });
});

describe("infra/config: the image build context is checked before anything is declared", () => {
    const allowed = (root: string) =>
        `must be a directory holding a Dockerfile, relative to the project root ${root} (the directory of Pulumi.yaml), ` +
        "or set govstack:service.imageDigest to run an image already built";
    const withContext = (value: unknown) => withSetting("staging", ["govstack:service", "buildContext"], value);

    it("names the setting, the path it resolved to and what is allowed: a folder that does not exist", () => {
        assert.strictEqual(
            messageOf("staging", withContext("ap")),
            `Invalid setting "govstack:service.buildContext": "ap" resolves to ${path.join(PROJECT_ROOT, "ap")}, which does not exist; ${allowed(PROJECT_ROOT)}`,
        );
    });

    it("a file, or a folder without a Dockerfile, is not a build context either", () => {
        assert.strictEqual(
            messageOf("staging", withContext("app/Dockerfile")),
            `Invalid setting "govstack:service.buildContext": "app/Dockerfile" resolves to ${path.join(PROJECT_ROOT, "app", "Dockerfile")}, which is not a directory; ${allowed(PROJECT_ROOT)}`,
        );
        assert.strictEqual(
            messageOf("staging", withContext("docs")),
            `Invalid setting "govstack:service.buildContext": "docs" resolves to ${path.join(PROJECT_ROOT, "docs")}, which has no Dockerfile; ${allowed(PROJECT_ROOT)}`,
        );
    });

    it("says when the folder is the default, and resolves against the project root, not the working directory", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-root-"));
        try {
            assert.strictEqual(
                messageOf("staging", withContext(undefined), root),
                `Invalid setting "govstack:service.buildContext": "app" (the default) resolves to ${path.join(root, "app")}, which does not exist; ${allowed(root)}`,
            );
            fs.mkdirSync(path.join(root, "app"));
            fs.writeFileSync(path.join(root, "app", "Dockerfile"), "FROM scratch\n");
            const s = parseSettings("staging", withContext(undefined), { projectRoot: root });
            assert.deepStrictEqual(s.service.image, { kind: "build", context: "app" });
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("is not read when a pinned digest means nothing is built (prod)", () => {
        const prod = withSetting("prod", ["govstack:service", "buildContext"], "no/such/folder");
        assert.strictEqual(parseSettings("prod", prod).service.image.kind, "digest");
    });

    it("is reported with the other mistakes, as one SettingsError", () => {
        const raw = withContext("nowhere");
        (raw["govstack:service"] as Record<string, unknown>).minCount = 50;
        const message = messageOf("staging", raw);
        assert.match(message, /^\d+ invalid settings for stack "staging":/);
        assert.match(message, /- Invalid setting "govstack:service.minCount": 50 must not exceed maxCount/);
        assert.match(message, /- Invalid setting "govstack:service.buildContext": "nowhere" resolves to .*nowhere, which does not exist;/);
    });
});
