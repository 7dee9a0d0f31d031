import * as assert from "node:assert/strict";

import { configRecorderEnabled, configRuleAutoRemediation, guarddutyDetectorEnabled, securityhubStandardSubscribed } from "../../policies/rules/detection";
import { ownerIsThisStack } from "../../policies/rules/detection/account-services";
import { resolvePolicyConfig } from "../../tools/plan/pack-config";
import { advisory, assertClean, assertNoMandatory, assertViolations, itHonoursWaivers, messages, runStackPolicy, TestResource, unknown, urnOf } from "./helpers";
import { servedPackInfo } from "../../tools/plan/served-info";
import {
    CONFIG_DELIVERY_CHANNEL,
    CONFIG_RECORDER,
    CONFIG_RECORDER_STATUS,
    CONFIG_REMEDIATION_CONFIGURATION,
    CONFIG_RETENTION_CONFIGURATION,
    CONFIG_RULE,
    GUARDDUTY_DETECTOR,
    GUARDDUTY_DETECTOR_FEATURE,
    SECURITYHUB_ACCOUNT,
    SECURITYHUB_STANDARDS_SUBSCRIPTION,
} from "../../policies/lib";

const NIST = "arn:aws-us-gov:securityhub:us-gov-west-1::standards/nist-800-53/v/5.0.0";

const db: TestResource = { type: "aws:rds/instance:Instance", name: "data-postgres", props: {} };
const DELEGATED = (service: string) =>
    `${service} for this account is declared by stack "prod" (pack config accountServicesOwner), not by this stack; it is checked in that stack.`;

const detector = (props: Record<string, unknown> = { enable: true }, name = "gd"): TestResource => ({ type: GUARDDUTY_DETECTOR, name, props });
/** A feature tied to its detector by property dependency (detectorId unknown at preview). */
const feature = (name: unknown, status: unknown = "ENABLED", of = "gd", label = `f-${String(name)}`): TestResource => ({
    type: GUARDDUTY_DETECTOR_FEATURE,
    name: label,
    props: { detectorId: unknown(), name, status },
    propertyDependencies: { detectorId: [urnOf(GUARDDUTY_DETECTOR, of)] },
});
const guardduty = () => [detector(), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION")];

describe("policies/rules/detection", () => {
    describe("the owner of the account's services", () => {
        it("names this stack by stack, project/stack or org/project/stack", () => {
            const urn = urnOf(GUARDDUTY_DETECTOR, "gd", "prod", "govstack");
            assert.deepEqual(
                ["prod", "govstack/prod", "acme/govstack/prod", "staging", "other/prod", "acme/other/prod"].map((o) => ownerIsThisStack(o, urn)),
                [true, true, true, false, false, false],
            );
        });
        it("the pack config refuses an owner that is not a stack reference", () => {
            const { problems } = resolvePolicyConfig(servedPackInfo(), {
                "guardduty-detector-enabled": { accountServicesOwner: "the prod stack" },
                "config-recorder-enabled": { accountServicesOwner: 7, minRetentionDays: 3000 },
            });
            assert.deepEqual(problems, [
                '"guardduty-detector-enabled.accountServicesOwner" is "the prod stack"; expected a string matching /^([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2})?$/',
                '"config-recorder-enabled.accountServicesOwner" is 7; expected a string matching /^([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2})?$/',
                '"config-recorder-enabled.minRetentionDays" is 3000; expected an integer from 30 to 2557',
            ]);
        });
        it("a bad owner that reaches the pack anyway is a mandatory error naming the option", async () => {
            const diags = await runStackPolicy(securityhubStandardSubscribed, [db], { accountServicesOwner: "a b" });
            assert.deepEqual(messages(diags), [
                'Invalid config for policy "securityhub-standard-subscribed": option "accountServicesOwner" expected a string matching /^([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,2})?$/, got "a b"',
            ]);
        });
    });

    describe("guardduty-detector-enabled", () => {
        const p = guarddutyDetectorEnabled;
        const NONE =
            'The stack runs aws:rds/instance:Instance "data-postgres" but declares no GuardDuty detector; declare an aws.guardduty.Detector with ' +
            "enable: true and its S3 and malware protection features, or set accountServicesOwner to the stack that declares the account's detection services.";
        const SHORT = (what: string) =>
            `GuardDuty detector "gd" does not enable ${what}; declare an aws.guardduty.DetectorFeature with detectorId: the detector's id and status: "ENABLED" for each.`;

        it("blocks a workload stack without a detector, on the workload", async () => {
            const diags = await runStackPolicy(p, [db]);
            assertViolations(diags, [NONE]);
            assert.equal(diags[0].urn, urnOf(db.type, db.name));
        });
        it("passes a detector with S3 and EBS malware protection as DetectorFeatures, and a stack without a workload", async () => {
            assertClean(await runStackPolicy(p, [db, ...guardduty()]));
            assertClean(await runStackPolicy(p, [{ type: "aws:iam/role:Role", name: "r", props: {} }]));
            // enable defaults to true; a feature tied by a known detector id.
            assertClean(
                await runStackPolicy(p, [
                    db,
                    detector({ id: "d-123" }),
                    { type: GUARDDUTY_DETECTOR_FEATURE, name: "s3", props: { detectorId: "d-123", name: "S3_DATA_EVENTS", status: "ENABLED" } },
                    { type: GUARDDUTY_DETECTOR_FEATURE, name: "ebs", props: { detectorId: "d-123", name: "EBS_MALWARE_PROTECTION", status: "ENABLED" } },
                ]),
            );
        });
        it("passes the deprecated datasources block", async () => {
            const datasources = { s3Logs: { enable: true }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: { enable: true } } } };
            assertClean(await runStackPolicy(p, [db, detector({ enable: true, datasources })]));
        });
        it("blocks a disabled detector, in any stack", async () => {
            assertViolations(await runStackPolicy(p, [detector({ enable: false })]), ['GuardDuty detector "gd" is disabled (enable: false); set enable: true.']);
            assertViolations(await runStackPolicy(p, [db, detector({ enable: false })], { accountServicesOwner: "prod" }), [
                'GuardDuty detector "gd" is disabled (enable: false); set enable: true.',
            ]);
        });
        it("blocks a detector without S3 or malware protection, or with one DISABLED", async () => {
            assertViolations(await runStackPolicy(p, [db, detector()]), [SHORT("S3_DATA_EVENTS (not declared), EBS_MALWARE_PROTECTION (not declared)")]);
            assertViolations(await runStackPolicy(p, [db, detector(), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION", "DISABLED")]), [
                SHORT("EBS_MALWARE_PROTECTION (DISABLED)"),
            ]);
            // DISABLED in the datasources block wins over an ENABLED feature resource (they fight on every deploy).
            const off = { s3Logs: { enable: false } };
            assertViolations(await runStackPolicy(p, [db, detector({ datasources: off }), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION")]), [
                SHORT("S3_DATA_EVENTS (DISABLED)"),
            ]);
        });
        it("a feature tied to another detector does not count", async () => {
            const stack = [db, detector(), detector({ enable: true }, "other"), feature("S3_DATA_EVENTS", "ENABLED", "other"), feature("EBS_MALWARE_PROTECTION")];
            assertViolations(await runStackPolicy(p, stack), [SHORT("S3_DATA_EVENTS (not declared)"), 'GuardDuty detector "other" does not enable EBS_MALWARE_PROTECTION (not declared); declare an aws.guardduty.DetectorFeature with detectorId: the detector\'s id and status: "ENABLED" for each.']);
        });
        it("the required features are configurable", async () => {
            assertViolations(await runStackPolicy(p, [db, ...guardduty()], { requiredFeatures: ["S3_DATA_EVENTS", "RDS_LOGIN_EVENTS"] }), [SHORT("RDS_LOGIN_EVENTS (not declared)")]);
            assertClean(await runStackPolicy(p, [db, detector(), feature("S3_DATA_EVENTS")], { requiredFeatures: ["S3_DATA_EVENTS"] }));
        });
        it("is advisory when enable, a status or the tie is unknown", async () => {
            for (const stack of [
                [db, detector({ enable: unknown() }), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION")],
                [db, detector(), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION", unknown())],
                // A feature whose name is unknown, even DISABLED, may be any feature: open, not a violation.
                [db, detector(), feature("S3_DATA_EVENTS"), feature(unknown(), "DISABLED", "gd", "f-unknown")],
                // detectorId names no detector here: an unresolved tie, not a violation.
                [db, detector(), feature("S3_DATA_EVENTS"), { type: GUARDDUTY_DETECTOR_FEATURE, name: "ebs", props: { detectorId: "d-elsewhere", name: "EBS_MALWARE_PROTECTION", status: "ENABLED" } }],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
                assert.match(messages(diags)[0], /^Cannot verify /);
            }
        });
        it("blocks a malformed feature name or status (a value GuardDuty does not define counts for nothing)", async () => {
            const diags = await runStackPolicy(p, [db, detector(), feature("S3_DATA_EVENTS"), feature("EBS_MALWARE", "ENABLED")]);
            assert.deepEqual(messages(diags).slice(0, 1), [
                'Cannot evaluate GuardDuty detector feature "f-EBS_MALWARE": name is "EBS_MALWARE", expected one of "S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING", "AI_PROTECTION", "AI_ANALYST"; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
            assert.equal(diags.length, 2);
        });
        it("a stack whose pack config names another owner passes with an advisory naming it", async () => {
            const diags = await runStackPolicy(p, [db], { accountServicesOwner: "prod" });
            assertNoMandatory(diags);
            assert.deepEqual(messages(diags), [DELEGATED("GuardDuty")]);
            // Naming this very stack (tests run as govstack/test) is owning it.
            assertViolations(await runStackPolicy(p, [db], { accountServicesOwner: "govstack/test" }), [NONE]);
        });
        itHonoursWaivers(p, { stack: [db], name: "data-postgres" });
    });

    describe("securityhub-standard-subscribed", () => {
        const p = securityhubStandardSubscribed;
        const hub = (props: Record<string, unknown> = { enableDefaultStandards: false }): TestResource => ({ type: SECURITYHUB_ACCOUNT, name: "hub", props });
        const sub = (standardsArn: unknown = NIST, deps: readonly string[] = [urnOf(SECURITYHUB_ACCOUNT, "hub")]): TestResource => ({
            type: SECURITYHUB_STANDARDS_SUBSCRIPTION,
            name: "nist",
            props: { standardsArn },
            dependencies: deps,
        });
        const NO_STANDARD =
            'Security Hub account "hub" subscribes no standard: enableDefaultStandards is false and no aws.securityhub.StandardsSubscription ' +
            "depends on it; subscribe one (e.g. arn:<partition>:securityhub:<region>::standards/nist-800-53/v/5.0.0) with dependsOn: [the account].";

        it("blocks a workload stack without Security Hub", async () => {
            assertViolations(await runStackPolicy(p, [db]), [
                'The stack runs aws:rds/instance:Instance "data-postgres" but does not enable Security Hub; declare an aws.securityhub.Account and a ' +
                    "StandardsSubscription (e.g. arn:<partition>:securityhub:<region>::standards/nist-800-53/v/5.0.0) that depends on it, or set " +
                    "accountServicesOwner to the stack that declares the account's detection services.",
            ]);
        });
        it("passes a hub with the NIST standard subscribed (dependsOn), or with its default standards", async () => {
            assertClean(await runStackPolicy(p, [db, hub(), sub()]));
            assertClean(await runStackPolicy(p, [db, hub({}), { type: "aws:iam/role:Role", name: "r", props: {} }]));
            assertClean(await runStackPolicy(p, [db, hub(), sub("arn:aws-us-gov:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0")]));
        });
        it("blocks a hub with default standards off and no subscription depending on it", async () => {
            assertViolations(await runStackPolicy(p, [db, hub()]), [NO_STANDARD]);
        });
        it("blocks a subscription whose standardsArn is not a Security Hub standard", async () => {
            assertViolations(await runStackPolicy(p, [db, hub(), sub("nist-800-53")]), [
                'Security Hub standards subscription "nist" has no Security Hub standards ARN in standardsArn ("nist-800-53"); use one such as arn:<partition>:securityhub:<region>::standards/nist-800-53/v/5.0.0.',
                NO_STANDARD,
            ]);
        });
        it("is advisory when the tie or the defaults are unknown", async () => {
            for (const stack of [[db, hub(), sub(NIST, [])], [db, hub({ enableDefaultStandards: unknown() })]]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.deepEqual(messages(diags).map((m) => m.split(" during preview")[0]), ['Cannot verify whether Security Hub account "hub" subscribes a standard']);
            }
            // An ARN built from outputs counts.
            assertClean(await runStackPolicy(p, [db, hub(), sub(unknown())]));
        });
        it("blocks a malformed standardsArn", async () => {
            const diags = await runStackPolicy(p, [db, hub(), sub(["arn"])]);
            assert.deepEqual(messages(diags), [
                'Cannot evaluate Security Hub standards subscription "nist": standardsArn is an array ["arn"], expected a string; set a valid value (the policy cannot judge this one, so it blocks the resource).',
                NO_STANDARD,
            ]);
        });
        it("a stack whose pack config names another owner passes with an advisory naming it", async () => {
            const diags = await runStackPolicy(p, [db], { accountServicesOwner: "prod" });
            assert.deepEqual(messages(diags), [DELEGATED("Security Hub")]);
            assertNoMandatory(diags);
        });
        itHonoursWaivers(p, { stack: [db, hub()], name: "hub" });
    });

    describe("config-recorder-enabled", () => {
        const p = configRecorderEnabled;
        const recorder = (props: Record<string, unknown> = { name: "rec", recordingGroup: { allSupported: true } }): TestResource => ({ type: CONFIG_RECORDER, name: "rec", props });
        const status = (props: Record<string, unknown> = { name: "rec", isEnabled: true }): TestResource => ({ type: CONFIG_RECORDER_STATUS, name: "status", props });
        const channel = (props: Record<string, unknown> = { s3BucketName: "audit" }): TestResource => ({ type: CONFIG_DELIVERY_CHANNEL, name: "channel", props });
        const retention = (days: unknown = 2557, props: Record<string, unknown> = {}): TestResource => ({ type: CONFIG_RETENTION_CONFIGURATION, name: "retention", props: { retentionPeriodInDays: days, ...props } });
        const full = () => [db, recorder(), status(), channel(), retention()];

        it("blocks a workload stack without a recorder", async () => {
            assertViolations(await runStackPolicy(p, [db]), [
                'The stack runs aws:rds/instance:Instance "data-postgres" but declares no AWS Config recorder; declare an aws.cfg.Recorder with a ' +
                    "RecorderStatus (isEnabled: true), a DeliveryChannel and a RetentionConfiguration, or set accountServicesOwner to the stack that " +
                    "declares the account's detection services.",
            ]);
        });
        it("passes a recorder that records everything, is started, delivers and keeps 7 years", async () => {
            assertClean(await runStackPolicy(p, full()));
            // Defaults: the recorder and status named "default", allSupported by default; an explicit list; a status tied by dependency.
            assertClean(await runStackPolicy(p, [db, recorder({}), status({ isEnabled: true }), channel(), retention()]));
            assertClean(await runStackPolicy(p, [db, recorder({ name: "rec", recordingGroup: { allSupported: false, resourceTypes: ["AWS::RDS::DBInstance"] } }), status(), channel(), retention()]));
            const byDependency: TestResource = { ...status({ name: unknown(), isEnabled: true }), propertyDependencies: { name: [urnOf(CONFIG_RECORDER, "rec")] } };
            assertClean(await runStackPolicy(p, [db, recorder({ name: unknown() }), byDependency, channel(), retention()]));
        });
        it("blocks a recorder that records nothing, is not started, has no channel or no retention", async () => {
            assertViolations(await runStackPolicy(p, [db, recorder({ name: "rec", recordingGroup: { allSupported: false } }), status(), channel(), retention()]), [
                'AWS Config recorder "rec" records no resource type (recordingGroup.allSupported is false and no resourceTypes); set recordingGroup.allSupported to true.',
            ]);
            const notStarted = (why: string) =>
                `AWS Config recorder "rec" is not started (${why}); declare an aws.cfg.RecorderStatus with name: the recorder's name and isEnabled: true.`;
            assertViolations(await runStackPolicy(p, [db, recorder(), status({ name: "rec", isEnabled: false }), channel(), retention()]), [
                notStarted("its aws.cfg.RecorderStatus has isEnabled false"),
            ]);
            // A status naming another recorder does not start this one.
            assertViolations(await runStackPolicy(p, [db, recorder(), status({ name: "other", isEnabled: true }), channel(), retention()]), [notStarted("no aws.cfg.RecorderStatus names it")]);
            assertViolations(await runStackPolicy(p, [db, recorder(), status(), retention()]), [
                'AWS Config recorder "rec" has no delivery channel in its region; declare an aws.cfg.DeliveryChannel with s3BucketName (the audit bucket) and s3KmsKeyArn.',
            ]);
            assertViolations(await runStackPolicy(p, [db, recorder(), status(), channel()]), [
                'AWS Config recorder "rec" has no aws.cfg.RetentionConfiguration in its region; declare one with retentionPeriodInDays: 2557 so the retention is explicit and reviewed.',
            ]);
        });
        it("blocks a retention shorter than 7 years (configurable), and peers in another region", async () => {
            assertViolations(await runStackPolicy(p, [db, recorder(), status(), channel(), retention(365)]), [
                'AWS Config retention configuration "retention" keeps configuration history for 365 days; set retentionPeriodInDays to at least 2557.',
            ]);
            assertClean(await runStackPolicy(p, [db, recorder(), status(), channel(), retention(365)], { minRetentionDays: 365 }));
            const east = { region: "us-gov-east-1" };
            assertViolations(await runStackPolicy(p, [db, recorder({ name: "rec", region: "us-gov-west-1" }), status({ name: "rec", isEnabled: true, region: "us-gov-west-1" }), channel({ s3BucketName: "a", ...east }), retention(2557, { region: "us-gov-west-1" })]), [
                'AWS Config recorder "rec" has no delivery channel in its region; declare an aws.cfg.DeliveryChannel with s3BucketName (the audit bucket) and s3KmsKeyArn.',
            ]);
        });
        it("is advisory when a tie or a value is unknown", async () => {
            for (const stack of [
                [db, recorder(), status({ name: unknown(), isEnabled: true }), channel(), retention()],
                [db, recorder(), status({ name: "rec", isEnabled: unknown() }), channel(), retention()],
                [db, recorder(), status(), channel({ s3BucketName: "a", region: unknown() }), retention()],
                [db, recorder({ name: "rec", recordingGroup: { allSupported: unknown() } }), status(), channel(), retention()],
            ]) {
                const diags = await runStackPolicy(p, stack);
                assertNoMandatory(diags);
                assert.equal(advisory(diags).length, 1, JSON.stringify(diags));
                assert.match(messages(diags)[0], /^Cannot verify whether AWS Config recorder "rec" /);
            }
            const diags = await runStackPolicy(p, [db, recorder(), status(), channel(), retention(unknown())]);
            assertNoMandatory(diags);
            assert.ok(messages(diags).some((m) => m.startsWith("Cannot verify retentionPeriodInDays")), JSON.stringify(diags));
        });
        it("blocks a malformed retention period or recording strategy", async () => {
            assert.deepEqual(messages(await runStackPolicy(p, [db, recorder(), status(), channel(), retention("2557")])).slice(0, 1), [
                'Cannot evaluate AWS Config retention configuration "retention": retentionPeriodInDays is "2557", expected a number; set a valid value (the policy cannot judge this one, so it blocks the resource).',
            ]);
        });
        it("a stack whose pack config names another owner passes with an advisory naming it", async () => {
            const diags = await runStackPolicy(p, [db], { accountServicesOwner: "prod" });
            assert.deepEqual(messages(diags), [DELEGATED("AWS Config")]);
            assertNoMandatory(diags);
        });
        itHonoursWaivers(p, { stack: [db, recorder(), status(), channel()], name: "rec" });
    });

    describe("config-rule-auto-remediation (advisory)", () => {
        const p = configRuleAutoRemediation;
        const rule: TestResource = { type: CONFIG_RULE, name: "s3-ssl", props: { name: "s3-ssl", source: { owner: "AWS", sourceIdentifier: "S3_BUCKET_SSL_REQUESTS_ONLY" } } };
        const remediation = (props: Record<string, unknown>): TestResource => ({ type: CONFIG_REMEDIATION_CONFIGURATION, name: "fix", props: { targetType: "SSM_DOCUMENT", targetId: "AWS-X", ...props } });
        const MSG = (why: string) => `AWS Config rule "s3-ssl" has no automatic remediation (${why}); declare one with configRuleName: the rule's name and automatic: true.`;

        it("is advisory by default and runs only in a stack with a Config rule", async () => {
            assert.equal(p.enforcementLevel, "advisory");
            const diags = await runStackPolicy(p, [rule]);
            assert.deepEqual(diags.map((d) => [d.level, d.message]), [["advisory", MSG("no aws.cfg.RemediationConfiguration names it")]]);
            assertClean(await runStackPolicy(p, [remediation({ configRuleName: "x" })]));
        });
        it("flags a rule without an automatic remediation (at the stack's level)", async () => {
            const asMandatory = { enforcementLevel: "mandatory" };
            assertViolations(await runStackPolicy(p, [rule], asMandatory), [MSG("no aws.cfg.RemediationConfiguration names it")]);
            assertViolations(await runStackPolicy(p, [rule, remediation({ configRuleName: "s3-ssl", automatic: false })], asMandatory), [MSG("its aws.cfg.RemediationConfiguration is not automatic")]);
        });
        it("passes a rule with an automatic remediation, by name or by property dependency", async () => {
            assertClean(await runStackPolicy(p, [rule, remediation({ configRuleName: "s3-ssl", automatic: true })]));
            const byDep: TestResource = { ...remediation({ configRuleName: unknown(), automatic: true }), propertyDependencies: { configRuleName: [urnOf(CONFIG_RULE, "s3-ssl")] } };
            assertClean(await runStackPolicy(p, [rule, byDep]));
        });
        it("cannot verify a rule when a remediation's rule or automatic flag is unknown", async () => {
            for (const rem of [remediation({ configRuleName: unknown(), automatic: true }), remediation({ configRuleName: "s3-ssl", automatic: unknown() })]) {
                const diags = await runStackPolicy(p, [rule, rem], { enforcementLevel: "mandatory" });
                assertNoMandatory(diags);
                assert.deepEqual(messages(diags).map((m) => m.split(" during preview")[0]), ['Cannot verify whether AWS Config rule "s3-ssl" has an automatic remediation']);
            }
        });
        itHonoursWaivers(p, { stack: [rule], name: "s3-ssl", config: { enforcementLevel: "mandatory" } });
    });
});
