import * as assert from "node:assert/strict";
import * as path from "node:path";

import * as baselineRules from "../../policies/rules/baseline";
import { detectionPolicies } from "../../policies/rules/detection";
import { backupVaultCmk } from "../../policies/rules/encryption";
import { buildPolicyConfig, readPackConfig } from "../../tools/plan/pack-config";
import { openPack, PackHandle, PlanResult, providerIndex, runPlan } from "../../tools/plan/run-plan";
import { servedPackInfo } from "../../tools/plan/served-info";
import { PlannedResource } from "../../tools/plan/types";
import { MutableEstate } from "../plan/mutation-estate";
import { evaluateOnce, REAL_PACK } from "../plan/helpers";
import {
    advisory,
    assertAdvisoryOnly,
    assertClean,
    assertNoMandatory,
    assertViolations,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    messages,
    runResourcePolicy,
    runStackPolicy,
    TestResource,
    unknown,
    urnOf,
} from "./helpers";
import {
    AWS_PROVIDER,
    BACKUP_PLAN,
    BACKUP_SELECTION,
    BACKUP_VAULT,
    CLOUDTRAIL_TRAIL,
    CONFIG_RECORDER_STATUS,
    CONFIG_RETENTION_CONFIGURATION,
    GUARDDUTY_DETECTOR,
    GUARDDUTY_DETECTOR_FEATURE,
    RDS_CLUSTER,
    RDS_INSTANCE,
    SECURITYHUB_STANDARDS_SUBSCRIPTION,
} from "../../policies/lib";
import { BACKUP_VAULT_LOCK_CONFIGURATION } from "../../policies/rules/baseline/resource-types";

const DAILY = [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }];
const db = (props: Record<string, unknown> = {}, extra: Partial<TestResource> = {}): TestResource => ({
    type: RDS_INSTANCE,
    name: "data-postgres",
    props: { identifier: "govstack-prod-postgres", tags: { Backup: "daily" }, ...props },
    ...extra,
});
const plan = (rules: unknown = [{ ruleName: "daily", targetVaultName: "v" }], extra: Partial<TestResource> = {}): TestResource => ({
    type: BACKUP_PLAN,
    name: "plan",
    props: { name: "govstack-prod-backup-plan", rules },
    ...extra,
});
const selection = (props: Record<string, unknown>, extra: Partial<TestResource> = {}): TestResource => ({
    type: BACKUP_SELECTION,
    name: "selection",
    props: { planId: unknown(), ...props },
    propertyDependencies: { planId: [urnOf(BACKUP_PLAN, "plan")] },
    ...extra,
});

describe("policies/rules/baseline", () => {
    describe("cloudtrail-log-file-validation", () => {
        const p = baselineRules.cloudtrailLogFileValidation;
        it("blocks a trail without log file validation", async () => {
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogFileValidation: false } }), [
                'CloudTrail trail "trail" does not validate its log files; set enableLogFileValidation to true.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "trail", props: {} }), [
                'CloudTrail trail "trail" does not validate its log files; set enableLogFileValidation to true.',
            ]);
        });
        it("passes a validating trail", async () => {
            assertClean(await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogFileValidation: true } }));
        });
        it("an unknown flag is only advisory", async () => {
            const diags = await runResourcePolicy(p, { type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogFileValidation: unknown() } });
            assertNoMandatory(diags);
            assert.match(messages(advisory(diags))[0], /^Cannot verify enableLogFileValidation during preview/);
        });
        itIsAdvisoryOnly("is advisory where the stack's config says so (staging)", p, { type: CLOUDTRAIL_TRAIL, name: "t", props: {}, config: { enforcementLevel: "advisory" } });
        itHonoursWaivers(p, { type: CLOUDTRAIL_TRAIL, name: "trail", props: {} });
    });

    describe("cloudtrail-trail-present", () => {
        const p = baselineRules.cloudtrailTrailPresent;
        it("blocks a stack that runs a database but declares no trail, on the database", async () => {
            const diags = await runStackPolicy(p, [db(), { type: "aws:s3/bucket:Bucket", name: "b", props: {} }]);
            assertViolations(diags, [
                'The stack runs aws:rds/instance:Instance "data-postgres" but declares no CloudTrail trail; add a multi-region trail with log file validation.',
            ]);
            assert.equal(diags[0].urn, urnOf(RDS_INSTANCE, "data-postgres"));
        });
        it("passes a stack with a trail, and a stack without any workload", async () => {
            assertClean(await runStackPolicy(p, [db(), { type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogFileValidation: unknown(), isMultiRegionTrail: true } }]));
            assertClean(await runStackPolicy(p, [{ type: "aws:iam/role:Role", name: "deploy", props: {} }]));
        });
        it("counts a trail whose every input is unknown (first deploy) as present", async () => {
            assertClean(await runStackPolicy(p, [db({ identifier: unknown() }), { type: CLOUDTRAIL_TRAIL, name: "t", props: { name: unknown(), isMultiRegionTrail: true } }]));
        });
        it("the workload types are configurable", async () => {
            assertClean(await runStackPolicy(p, [db()], { workloadTypes: ["aws:ecs/service:Service"] }));
        });
        it("blocks a stack whose only trail records no management API calls (logging off, selectors excluding them)", async () => {
            const msg = (why: string) =>
                `The stack runs aws:rds/instance:Instance "data-postgres" but no CloudTrail trail records its API calls (trail "trail": ${why}); ` +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.";
            const trail = (props: Record<string, unknown>): TestResource => ({ type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogFileValidation: true, ...props } });
            assertViolations(await runStackPolicy(p, [db(), trail({ enableLogging: false })]), [msg("enableLogging is false")]);
            assertViolations(await runStackPolicy(p, [db(), trail({ eventSelectors: [{ includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws-us-gov:s3"] }] }] })]), [
                msg("its event selectors select no management events"),
            ]);
            assertViolations(await runStackPolicy(p, [db(), trail({ eventSelectors: [{ readWriteType: "ReadOnly" }] })]), [msg("its event selectors select only read management events")]);
            const dataOnly = [{ name: "s3", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }];
            assertViolations(await runStackPolicy(p, [db(), trail({ advancedEventSelectors: dataOnly })]), [msg("its advanced event selectors select no management events")]);
            const readsOnly = [{ fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, { field: "readOnly", equals: ["true"] }] }];
            assertViolations(await runStackPolicy(p, [db(), trail({ advancedEventSelectors: readsOnly })]), [msg("its advanced event selectors select only read management events")]);
        });
        it("passes trails recording every management event: default, All selectors, split read/write selectors, advanced Management selector", async () => {
            const trail = (props: Record<string, unknown>): TestResource => ({ type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogging: true, isMultiRegionTrail: true, ...props } });
            assertClean(await runStackPolicy(p, [db(), trail({})]));
            assertClean(await runStackPolicy(p, [db(), trail({ eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] })]));
            assertClean(await runStackPolicy(p, [db(), trail({ eventSelectors: [{ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }] })]));
            const mgmt = [{ name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, { field: "eventSource", notEquals: ["kms.amazonaws.com"] }] }];
            assertClean(await runStackPolicy(p, [db(), trail({ advancedEventSelectors: mgmt })]));
            // One recording trail is enough next to one that does not.
            assertClean(await runStackPolicy(p, [db(), trail({}), { type: CLOUDTRAIL_TRAIL, name: "off", props: { enableLogging: false } }]));
        });
        it("is advisory when a trail's logging or selectors are unknown", async () => {
            for (const props of [{ enableLogging: unknown() }, { eventSelectors: unknown() }, { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: unknown() }] }] }]) {
                assertAdvisoryOnly(await runStackPolicy(p, [db(), { type: CLOUDTRAIL_TRAIL, name: "trail", props: { isMultiRegionTrail: true, ...props } }]));
            }
        });
        it("blocks a stack whose only trail is single-region or drops global service events (IAM, STS)", async () => {
            const msg = (why: string) =>
                `The stack runs aws:rds/instance:Instance "data-postgres" but no CloudTrail trail records its API calls (trail "trail": ${why}); ` +
                "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.";
            const trail = (props: Record<string, unknown>): TestResource => ({ type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogging: true, enableLogFileValidation: true, ...props } });
            const singleRegion = msg("it records only its home region (isMultiRegionTrail is not true)");
            assertViolations(await runStackPolicy(p, [db(), trail({})]), [singleRegion]);
            assertViolations(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: false, includeGlobalServiceEvents: true })]), [singleRegion]);
            assertViolations(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: true, includeGlobalServiceEvents: false })]), [
                msg("includeGlobalServiceEvents is false (IAM and STS calls are not recorded)"),
            ]);
            // A known shortfall decides even when another setting is still unknown.
            assertViolations(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: false, enableLogging: unknown(), eventSelectors: unknown() })]), [singleRegion]);
            // Two trails that each miss something do not add up to one that records everything.
            assertViolations(
                await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: false }), { type: CLOUDTRAIL_TRAIL, name: "global", props: { isMultiRegionTrail: true, includeGlobalServiceEvents: false } }]),
                [
                    "The stack runs aws:rds/instance:Instance \"data-postgres\" but no CloudTrail trail records its API calls (trail \"trail\": it records only its home region (isMultiRegionTrail is not true); " +
                        "trail \"global\": includeGlobalServiceEvents is false (IAM and STS calls are not recorded)); " +
                        "enable logging, record all (read and write) management events, set isMultiRegionTrail to true and keep includeGlobalServiceEvents on.",
                ],
            );
        });
        it("passes a multi-region trail with global service events on (explicitly or by default)", async () => {
            const trail = (props: Record<string, unknown>): TestResource => ({ type: CLOUDTRAIL_TRAIL, name: "trail", props: { enableLogging: true, ...props } });
            assertClean(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: true, includeGlobalServiceEvents: true })]));
            assertClean(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: true })]));
            // One complete trail is enough next to a single-region one.
            assertClean(await runStackPolicy(p, [db(), trail({ isMultiRegionTrail: true }), { type: CLOUDTRAIL_TRAIL, name: "local", props: {} }]));
        });
        it("is advisory when the trail's region scope or global service events are unknown", async () => {
            for (const props of [{ isMultiRegionTrail: unknown() }, { isMultiRegionTrail: true, includeGlobalServiceEvents: unknown() }]) {
                const diags = await runStackPolicy(p, [db(), { type: CLOUDTRAIL_TRAIL, name: "trail", props }]);
                assertNoMandatory(diags);
                assert.deepEqual(messages(advisory(diags)).map((m) => m.split(" during preview")[0]), [
                    'Cannot verify whether CloudTrail trail "trail" records management events in every region',
                ]);
            }
        });
        itHonoursWaivers(p, { stack: [db()], name: "data-postgres" });
    });

    describe("backup-plan-covers-database", () => {
        const p = baselineRules.backupPlanCoversDatabase;
        const NOT_COVERED =
            'RDS instance "data-postgres" is in no AWS Backup plan: no aws.backup.Selection\'s selectionTags or resources cover it; ' +
            "tag it (e.g. Backup=daily) and select that tag in a backup plan.";

        it("passes a database whose tag a selection selects", async () => {
            assertClean(await runStackPolicy(p, [db(), plan(), selection({ selectionTags: DAILY })]));
        });
        it("reads the tag from the provider's defaultTags too", async () => {
            const viaProvider = db({ tags: {} }, { provider: { props: { defaultTags: JSON.stringify({ tags: { Backup: "daily" } }) } } });
            assertClean(await runStackPolicy(p, [viaProvider, plan(), selection({ selectionTags: DAILY })]));
        });
        it("passes a database named by ARN, by pattern, or by property dependency", async () => {
            const arn = "arn:aws-us-gov:rds:us-gov-west-1:318920475611:db:govstack-prod-postgres";
            assertClean(await runStackPolicy(p, [db(), plan(), selection({ resources: [arn] })]));
            assertClean(await runStackPolicy(p, [db(), plan(), selection({ resources: ["arn:aws-us-gov:rds:*:*:db:govstack-prod-*"] })]));
            assertClean(
                await runStackPolicy(p, [
                    db(),
                    plan(),
                    selection({ resources: [unknown()] }, { propertyDependencies: { planId: [urnOf(BACKUP_PLAN, "plan")], resources: [urnOf(RDS_INSTANCE, "data-postgres")] } }),
                ]),
            );
        });
        it("passes `resources: [\"*\"]` only when the conditions hold", async () => {
            const cond = (value: string) => [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value }] }];
            assertClean(await runStackPolicy(p, [db(), plan(), selection({ resources: ["*"], conditions: cond("daily") })]));
            assertViolations(await runStackPolicy(p, [db(), plan(), selection({ resources: ["*"], conditions: cond("weekly") })]), [NOT_COVERED]);
        });
        it("blocks a database no selection covers: no selection, another tag, another database, excluded, or a plan without rules", async () => {
            assertViolations(await runStackPolicy(p, [db()]), [NOT_COVERED]);
            assertViolations(await runStackPolicy(p, [db({ tags: { Backup: "none" } }), plan(), selection({ selectionTags: DAILY })]), [NOT_COVERED]);
            assertViolations(
                await runStackPolicy(p, [db(), plan(), selection({ resources: ["arn:aws-us-gov:rds:us-gov-west-1:318920475611:db:other"] })]),
                [NOT_COVERED],
            );
            assertViolations(
                await runStackPolicy(p, [
                    db(),
                    plan(),
                    selection({ selectionTags: DAILY, notResources: ["arn:aws-us-gov:rds:us-gov-west-1:318920475611:db:govstack-prod-postgres"] }),
                ]),
                [NOT_COVERED],
            );
            assertViolations(await runStackPolicy(p, [db(), plan([]), selection({ selectionTags: DAILY })]), [NOT_COVERED]);
        });
        it("notResources excludes a database with a generated name (a pattern over every DB) or one whose ARN it takes by dependency", async () => {
            const generated = db({ identifier: undefined });
            assertViolations(await runStackPolicy(p, [generated, plan(), selection({ selectionTags: DAILY, notResources: ["arn:aws-us-gov:rds:*:*:db:*"] })]), [NOT_COVERED]);
            const fromDb = { propertyDependencies: { planId: [urnOf(BACKUP_PLAN, "plan")], notResources: [urnOf(RDS_INSTANCE, "data-postgres")] } };
            assertViolations(await runStackPolicy(p, [db(), plan(), selection({ selectionTags: DAILY, notResources: [unknown()] }, fromDb)]), [NOT_COVERED]);
        });
        it("notResources from another resource, or naming other databases, leaves the database covered; unknown exclusions are advisory", async () => {
            const param: TestResource = { type: "aws:ssm/parameter:Parameter", name: "excluded-arns", props: { name: "excluded", type: "StringList", value: "x" } };
            const fromOther = { propertyDependencies: { planId: [urnOf(BACKUP_PLAN, "plan")], notResources: [urnOf(param.type, param.name)] } };
            assertClean(await runStackPolicy(p, [db(), param, plan(), selection({ selectionTags: DAILY, notResources: [unknown()] }, fromOther)]));
            assertClean(await runStackPolicy(p, [db({ identifier: undefined }), plan(), selection({ selectionTags: DAILY, notResources: ["arn:aws-us-gov:dynamodb:*:*:table/*"] })]));
            for (const [props, notResources] of [
                [{}, unknown()],
                [{}, [unknown()]],
                [{ identifier: unknown() }, ["arn:aws-us-gov:rds:us-gov-west-1:318920475611:db:scratch"]],
            ] as const) {
                assertAdvisoryOnly(await runStackPolicy(p, [db(props), plan(), selection({ selectionTags: DAILY, notResources })]));
            }
        });
        it("judges clusters by clusterIdentifier and skips read replicas", async () => {
            const cluster: TestResource = { type: RDS_CLUSTER, name: "aurora", props: { clusterIdentifier: "c1", tags: {} } };
            assertViolations(await runStackPolicy(p, [cluster]), [
                'RDS cluster "aurora" is in no AWS Backup plan: no aws.backup.Selection\'s selectionTags or resources cover it; tag it (e.g. Backup=daily) and select that tag in a backup plan.',
            ]);
            assertClean(await runStackPolicy(p, [cluster, plan(), selection({ resources: ["arn:aws-us-gov:rds:us-gov-west-1:1:cluster:c1"] })]));
            assertClean(await runStackPolicy(p, [db({ replicateSourceDb: "govstack-prod-postgres", tags: {} })]));
        });
        it("unknown selection tags or database tags are only advisory", async () => {
            for (const stack of [
                [db(), plan(), selection({ selectionTags: unknown() })],
                [db({ tags: unknown() }), plan(), selection({ selectionTags: DAILY })],
                [db(), plan(), selection({ selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: unknown() }] })],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.match(messages(advisory(diags))[0], /Cannot verify whether an AWS Backup selection covers RDS instance "data-postgres"/);
            }
        });
        itHonoursWaivers(p, { stack: [db()], name: "data-postgres" });
    });

    describe("backup-vault-locked", () => {
        const p = baselineRules.backupVaultLocked;
        const vault = (name = "vault"): TestResource => ({ type: BACKUP_VAULT, name, props: { name: `govstack-prod-${name}`, kmsKeyArn: unknown() } });
        const lock = (props: Record<string, unknown>, vaultName = "govstack-prod-vault"): TestResource => ({
            type: BACKUP_VAULT_LOCK_CONFIGURATION,
            name: `${vaultName}-lock`,
            props: { backupVaultName: vaultName, minRetentionDays: 7, maxRetentionDays: 365, ...props },
        });

        it("passes a vault locked in compliance mode (matched by vault name)", async () => {
            assertClean(await runStackPolicy(p, [vault(), lock({ changeableForDays: 3 })]));
        });
        it("blocks an unlocked vault", async () => {
            assertViolations(await runStackPolicy(p, [vault(), lock({ changeableForDays: 3 }, "govstack-prod-other")]), [
                'Backup vault "vault" is not locked; add an aws.backup.VaultLockConfiguration (compliance mode: set changeableForDays).',
            ]);
        });
        it("blocks a governance-mode lock unless config accepts it", async () => {
            assertViolations(await runStackPolicy(p, [vault(), lock({})]), [
                'Backup vault "vault" is locked in governance mode only (no changeableForDays); set changeableForDays for compliance mode.',
            ]);
            assertClean(await runStackPolicy(p, [vault(), lock({})], { requireComplianceMode: false }));
        });
        it("blocks a lock without a minimum retention (minRetentionDays unset or below 1), in either mode", async () => {
            const msg = (what: string) =>
                `Backup vault "vault" is locked with ${what}: the lock enforces no minimum retention, so recovery points can be deleted early; ` +
                "set minRetentionDays (at least 1) on its aws.backup.VaultLockConfiguration.";
            assertViolations(await runStackPolicy(p, [vault(), lock({ changeableForDays: 3, minRetentionDays: undefined })]), [msg("no minRetentionDays")]);
            assertViolations(await runStackPolicy(p, [vault(), lock({ changeableForDays: 3, minRetentionDays: 0 })]), [msg("minRetentionDays 0")]);
            assertViolations(await runStackPolicy(p, [vault(), lock({ minRetentionDays: undefined })], { requireComplianceMode: false }), [msg("no minRetentionDays")]);
            // AWS keeps one lock per vault (the last applied): every lock declared for it must set the minimum.
            assertViolations(
                await runStackPolicy(p, [vault(), lock({ changeableForDays: 3 }), { ...lock({ changeableForDays: 3, minRetentionDays: undefined }), name: "second-lock" }]),
                [msg("no minRetentionDays")],
            );
        });
        it("passes a lock with minRetentionDays of at least 1", async () => {
            assertClean(await runStackPolicy(p, [vault(), lock({ changeableForDays: 3, minRetentionDays: 1 })]));
            assertClean(await runStackPolicy(p, [vault(), lock({ minRetentionDays: 7 })], { requireComplianceMode: false }));
        });
        it("an unknown minRetentionDays is only advisory", async () => {
            const diags = await runStackPolicy(p, [vault(), lock({ changeableForDays: 3, minRetentionDays: unknown() })]);
            assertNoMandatory(diags);
            assert.deepEqual(messages(advisory(diags)).map((m) => m.split(" during preview")[0]), [
                'Cannot verify the minimum retention (minRetentionDays) of the vault lock of backup vault "vault"',
            ]);
        });
        it("an unknown vault reference or lock mode is only advisory", async () => {
            const unresolved = await runStackPolicy(p, [vault(), { type: BACKUP_VAULT_LOCK_CONFIGURATION, name: "l", props: { backupVaultName: unknown() } }]);
            assertNoMandatory(unresolved);
            assert.match(messages(advisory(unresolved))[0], /Cannot verify the vault lock of backup vault "vault"/);
            const mode = await runStackPolicy(p, [vault(), lock({ changeableForDays: unknown() })]);
            assertNoMandatory(mode);
            assert.match(messages(advisory(mode))[0], /Cannot verify the lock mode/);
        });
        itHonoursWaivers(p, { stack: [vault()], name: "vault" });
    });

    describe("backup-plan-cross-region-copy", () => {
        const p = baselineRules.backupPlanCrossRegionCopy;
        const WEST = { props: { region: "us-gov-west-1" } };
        const copyTo = (region: string) => [
            { ruleName: "daily", copyActions: [{ destinationVaultArn: `arn:aws-us-gov:backup:${region}:318920475611:backup-vault:dr` }] },
        ];
        it("passes a plan copying to a vault in the other region", async () => {
            assertClean(await runStackPolicy(p, [plan(copyTo("us-gov-east-1"), { provider: WEST })]));
        });
        it("falls back to the stack's default provider for the plan's region", async () => {
            const provider: TestResource = { type: AWS_PROVIDER, name: "default_7_48_0", props: { region: "us-gov-west-1" } };
            assertClean(await runStackPolicy(p, [provider, plan(copyTo("us-gov-east-1"))]));
            assertViolations(await runStackPolicy(p, [provider, plan(copyTo("us-gov-west-1"))]), [
                'Backup plan "plan" copies no recovery point to another region; add a copyAction to a vault in the second GovCloud region.',
            ]);
        });
        it("blocks a plan without copies or copying within its own region", async () => {
            const message = 'Backup plan "plan" copies no recovery point to another region; add a copyAction to a vault in the second GovCloud region.';
            assertViolations(await runStackPolicy(p, [plan(undefined, { provider: WEST })]), [message]);
            assertViolations(await runStackPolicy(p, [plan(copyTo("us-gov-west-1"), { provider: WEST })]), [message]);
        });
        it("unknown rules, destinations or region are only advisory", async () => {
            for (const stack of [
                [plan(unknown(), { provider: WEST })],
                [plan([{ ruleName: "r", copyActions: [{ destinationVaultArn: unknown() }] }], { provider: WEST })],
                [plan(copyTo("us-gov-east-1"), { provider: { props: { region: unknown() } } })],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
            }
        });
        itHonoursWaivers(p, { stack: [plan(undefined, { provider: WEST })], name: "plan" });
    });

    describe("unencrypted vaults (encryption.ts's backup-vault-cmk guards them)", () => {
        it("blocks a vault without kmsKeyArn and passes one with a key", async () => {
            assert.ok(messages(await runResourcePolicy(backupVaultCmk, { type: BACKUP_VAULT, name: "v", props: { name: "v" } })).length > 0);
            assertNoMandatory(await runResourcePolicy(backupVaultCmk, { type: BACKUP_VAULT, name: "v", props: { name: "v", kmsKeyArn: unknown() } }));
        });
    });

    describe("prod-only through the pack config", () => {
        // The levels each stack's file gives, resolved from what the pack serves as the CLI resolves them.
        const levels = (stack: string) =>
            buildPolicyConfig(servedPackInfo(), readPackConfig(path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`)));
        const prodOnly = baselineRules.baselinePolicies.filter((p) => p.govstack.scope === "prod");
        it("every prod-scoped baseline policy is mandatory in prod and advisory in staging", () => {
            assert.ok(prodOnly.length > 0);
            for (const p of prodOnly) {
                assert.equal(levels("prod")[p.name].enforcement, "mandatory", p.name);
                assert.equal(levels("staging")[p.name].enforcement, "advisory", p.name);
            }
        });
        it("the same violation blocks prod and only advises staging", async () => {
            const stack = [plan(undefined, { provider: { props: { region: "us-gov-west-1" } } })];
            for (const [stackName, level] of [["prod", "mandatory"], ["staging", "advisory"]] as const) {
                const diags = await runStackPolicy(baselineRules.backupPlanCrossRegionCopy, stack, { enforcementLevel: levels(stackName)[baselineRules.backupPlanCrossRegionCopy.name].enforcement });
                assert.deepEqual(diags.map((d) => d.level), [level]);
            }
        });
    });

    describe("the real prod plan through the real pack: each baseline property removed is blocked", function () {
        this.timeout(120000);
        let pack: PackHandle;
        let prod: PlanResult;
        before(async () => {
            const handle = openPack(REAL_PACK);
            handle.catch(() => undefined);
            prod = await runPlan("prod", { pack: handle, evaluation: await evaluateOnce("prod") });
            pack = await handle;
        });
        after(async () => {
            await pack?.close();
        });

        it("the compliant prod plan passes every baseline and detection policy", () => {
            const baseline = new Set([...baselineRules.baselinePolicies.map((p) => p.name), ...detectionPolicies.map((p) => p.name), backupVaultCmk.name]);
            assert.deepEqual(prod.violations.filter((v) => baseline.has(v.policy)), []);
        });

        const cases: Array<{ name: string; policy: string; stack: boolean; edit: (e: MutableEstate) => void }> = [
            { name: "no trail", policy: "cloudtrail-trail-present", stack: true, edit: (e) => e.remove(CLOUDTRAIL_TRAIL) },
            { name: "single-region trail", policy: "cloudtrail-trail-present", stack: true, edit: (e) => e.set(e.one(CLOUDTRAIL_TRAIL), ["isMultiRegionTrail"], false) },
            { name: "trail without global service events", policy: "cloudtrail-trail-present", stack: true, edit: (e) => e.set(e.one(CLOUDTRAIL_TRAIL), ["includeGlobalServiceEvents"], false) },
            { name: "trail without log file validation", policy: "cloudtrail-log-file-validation", stack: false, edit: (e) => e.set(e.one(CLOUDTRAIL_TRAIL), ["enableLogFileValidation"], false) },
            { name: "no backup selection", policy: "backup-plan-covers-database", stack: true, edit: (e) => e.remove(BACKUP_SELECTION) },
            { name: "database without the Backup tag", policy: "backup-plan-covers-database", stack: true, edit: (e) => e.set(e.one(RDS_INSTANCE), ["tags", "Backup"], undefined) },
            { name: "primary vault unlocked", policy: "backup-vault-locked", stack: true, edit: (e) => e.remove(BACKUP_VAULT_LOCK_CONFIGURATION, /backups-vault-lock$/) },
            { name: "primary vault lock without minRetentionDays", policy: "backup-vault-locked", stack: true, edit: (e) => e.set(e.one(BACKUP_VAULT_LOCK_CONFIGURATION, /backups-vault-lock$/), ["minRetentionDays"], undefined) },
            { name: "DR vault in governance mode", policy: "backup-vault-locked", stack: true, edit: (e) => e.set(e.one(BACKUP_VAULT_LOCK_CONFIGURATION, /backups-dr-vault-lock$/), ["changeableForDays"], undefined) },
            {
                name: "plan without copy actions",
                policy: "backup-plan-cross-region-copy",
                stack: true,
                edit: (e) => {
                    const plan = e.one(BACKUP_PLAN);
                    const rules = (plan.inputs.rules as Array<Record<string, unknown>>).map(({ copyActions: _drop, ...rule }) => rule);
                    e.set(plan, ["rules"], rules as PlannedResource["inputs"][string]);
                },
            },
            { name: "unencrypted vault", policy: "backup-vault-cmk", stack: false, edit: (e) => e.set(e.one(BACKUP_VAULT, /backups-vault$/), ["kmsKeyArn"], undefined) },
            // The detection area (issue 17 item 10), against the estate's own Detection component.
            { name: "no GuardDuty detector", policy: "guardduty-detector-enabled", stack: true, edit: (e) => e.remove(GUARDDUTY_DETECTOR) },
            {
                name: "EBS malware protection disabled",
                policy: "guardduty-detector-enabled",
                stack: true,
                edit: (e) => e.set(e.one(GUARDDUTY_DETECTOR_FEATURE, /ebs-malware-protection$/), ["status"], "DISABLED"),
            },
            { name: "no Security Hub standard", policy: "securityhub-standard-subscribed", stack: true, edit: (e) => e.remove(SECURITYHUB_STANDARDS_SUBSCRIPTION) },
            { name: "Config recorder stopped", policy: "config-recorder-enabled", stack: true, edit: (e) => e.set(e.one(CONFIG_RECORDER_STATUS), ["isEnabled"], false) },
            { name: "Config history kept 1 year", policy: "config-recorder-enabled", stack: true, edit: (e) => e.set(e.one(CONFIG_RETENTION_CONFIGURATION), ["retentionPeriodInDays"], 365) },
        ];
        for (const c of cases) {
            it(`${c.name} → blocked by ${c.policy}`, async () => {
                const estate = new MutableEstate(prod.evaluation.resources);
                c.edit(estate);
                const providers = providerIndex(estate.resources);
                const diagnostics = c.stack
                    ? await pack.session.analyzeStack(estate.resources, providers)
                    : (await Promise.all(estate.changedResources.map((r) => pack.session.analyze(r, r.provider ? providers.get(r.provider) : undefined)))).flat();
                const mandatory = diagnostics.filter((d) => d.enforcement === "mandatory").map((d) => d.policy);
                assert.ok(mandatory.includes(c.policy), `mandatory: ${mandatory.join(", ") || "none"}`);
            });
        }
    });
});
