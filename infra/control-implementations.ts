// Which FedRAMP rev5 Moderate controls each govstack component implements, and how: the estate's
// side of the control matrix (docs/controls.md, out/<stack>/controls.md) and of the OSCAL component
// definition (`npm run oscal`). Keyed by the component's Pulumi type token, so the reports find a
// component's entry from the resources a plan evaluates, with no import of the component itself.
//
// Honesty rules, checked by tests/infra/control-implementations.test.ts:
// - an entry whose token matches no component of either stack is stale; a component without an
//   entry is missing (the test evaluates both stacks under mocks);
// - `controls` lists only what the component does in EVERY stack that declares it. What a stack
//   setting switches (Multi-AZ, the cross-region copy) goes under `settings` instead, where the
//   reports show each stack's value and never count it as "implemented";
// - every setting named exists in at least one Pulumi.<stack>.yaml.
//
// The policy pack's side (which policy checks which control) lives with each policy (`controls`).

import type { FedrampModerateControlId } from "../policies/fedramp-moderate";

export interface ComponentControls {
    /** The component's name in reports. */
    readonly title: string;
    /** One line: how the component implements `controls`. */
    readonly how: string;
    /** Controls the component implements wherever it is declared. */
    readonly controls: readonly FedrampModerateControlId[];
    /**
     * Stack settings (`<namespace>:<key>[.<field>]`, as in Pulumi.<stack>.yaml) that decide part
     * of a control's implementation, and the controls each supports.
     */
    readonly settings?: Readonly<Record<string, readonly FedrampModerateControlId[]>>;
    /**
     * Controls the component implements only in a stack whose setting has this value (the cross-region
     * copy, runtime monitoring): counted as "implemented" there and nowhere else.
     */
    readonly when?: readonly SettingCondition[];
}

export interface SettingCondition {
    readonly setting: string;
    readonly equals: string | number | boolean;
    readonly controls: readonly FedrampModerateControlId[];
}

export const CONTROL_IMPLEMENTATIONS: Readonly<Record<string, ComponentControls>> = {
    "govstack:keys:Keys": {
        title: "KMS keys",
        how:
            "Customer-managed KMS keys per purpose (data, logs, storage, containers, messaging), yearly automatic rotation, " +
            "used only through their own services in this account; the account root keeps administration only.",
        controls: ["SC-12", "SC-13", "SC-28", "SC-28(1)"],
    },
    "govstack:network:Network": {
        title: "Network",
        how:
            "Three-tier VPC over three AZs (public, private, isolated); deny-by-default security groups chained tier to tier; " +
            "VPC endpoints instead of internet egress; ALL-traffic flow logs to a KMS-encrypted log group.",
        controls: ["SC-7", "SC-7(5)", "AC-4", "AC-4(21)", "CA-9", "AU-2", "AU-3", "AU-3(1)", "AU-12", "SI-4", "SI-4(4)"],
        settings: {
            "govstack:edge.allowedCidrs": ["SC-7", "AC-4"],
            "govstack:edge.operatorCidrs": ["SC-7", "AC-17"],
            "govstack:network.availabilityZones": ["CP-10", "SC-5"],
            "govstack:network.natGateways": ["CP-10"],
        },
    },
    "govstack:data:Data": {
        title: "Data",
        how:
            "RDS PostgreSQL and ElastiCache Redis in isolated subnets: encrypted at rest with the data key, TLS required, " +
            "IAM authentication for the service, the RDS master password (the one credential) in Secrets Manager, RDS-rotated, " +
            "automated backups with " +
            "point-in-time restore, engine logs to KMS log groups.",
        controls: ["AC-3", "SC-8", "SC-8(1)", "SC-28", "SC-28(1)", "IA-5", "IA-5(6)", "CP-9", "CP-10", "CP-10(2)", "AU-2", "AU-12"],
        settings: {
            "govstack:database.multiAz": ["CP-7", "CP-10"],
            "govstack:database.backupRetentionDays": ["CP-9"],
            "govstack:database.deletionProtection": ["CP-9", "CM-5"],
            "govstack:cache.multiAz": ["CP-7", "CP-10"],
            "govstack:cache.nodes": ["CP-10"],
            "govstack:cache.snapshotRetentionDays": ["CP-9"],
        },
    },
    "govstack:storage:Storage": {
        title: "Storage",
        how:
            "Access-log and backup buckets with every public-access block, owner-enforced objects, TLS-only bucket policies, " +
            "SSE-KMS (SSE-S3 only where ALB log delivery requires it), versioning, lifecycle to Glacier and expiry.",
        controls: ["AC-3", "AC-21", "SC-8", "SC-28", "AU-9", "CP-9", "SI-12"],
        settings: {
            "govstack:storage.backupsGlacierAfterDays": ["SI-12"],
            "govstack:storage.backupsExpireAfterDays": ["SI-12", "AU-11"],
            "govstack:storage.accessLogsExpireAfterDays": ["AU-11"],
        },
    },
    "govstack:edge:Edge": {
        title: "Edge",
        how:
            "The one internet access point: an ALB whose HTTP listener only redirects to HTTPS, FIPS TLS 1.2/1.3 listeners, " +
            "invalid headers dropped, WAFv2 managed rules and a per-client rate limit, access and WAF logs.",
        controls: ["SC-7", "SC-7(3)", "SC-5", "SC-8", "SC-8(1)", "SC-13", "SC-23", "SI-10", "SI-4", "AU-2", "AU-12"],
        settings: {
            "govstack:edge.sslPolicy": ["SC-8", "SC-13"],
            "govstack:edge.certificateArn": ["SC-8", "SC-17"],
            "govstack:edge.wafRateLimit": ["SC-5", "SI-4"],
            "govstack:edge.deletionProtection": ["CM-5", "CP-10"],
            "govstack:edge.internal": ["SC-7"],
        },
    },
    "govstack:service:BlueGreenService": {
        title: "Blue-green service",
        how:
            "ECS Fargate tasks run an image pinned by digest (verified on every pull) from a KMS-encrypted, immutable, " +
            "scan-on-push ECR repository: non-root, read-only, no capabilities, least-privilege roles; blue/green deployments " +
            "roll back on failed health checks or alarms.",
        controls: ["CM-2", "CM-3", "CM-7", "SI-2", "SI-7", "SI-7(1)", "SR-11", "RA-5", "AC-6", "AC-6(10)", "SC-39", "CP-10"],
        settings: {
            "govstack:service.imageDigest": ["CM-2", "CM-3", "SI-7", "SR-11"],
            "govstack:service.minCount": ["CP-10"],
            "govstack:service.bakeTimeMinutes": ["CM-3", "SI-2"],
        },
    },
    "govstack:service:BlueGreenTargetGroups": {
        title: "Blue/green target groups",
        how:
            "Two interchangeable ALB target groups (blue, green) of IP targets on the container port with the same health " +
            "check: a release is tested on one and rolled back by switching back to the other.",
        controls: ["CM-3", "CP-10"],
        settings: {
            "govstack:service.healthCheckPath": ["CP-10"],
        },
    },
    "govstack:observability:Observability": {
        title: "Observability",
        how:
            "CloudWatch alarms on the ALB, target groups, ECS, RDS and Redis notifying a KMS-encrypted SNS topic with " +
            "e-mail subscriptions (some roll a deployment back), KMS log groups with finite retention, one dashboard.",
        controls: ["AU-6", "SI-4", "SI-4(5)"],
        settings: {
            "govstack:observability.alertEmails": ["SI-4(5)", "IR-6"],
            "govstack:observability.logRetentionDays": ["AU-11"],
        },
    },
    "govstack:audit:AuditTrail": {
        title: "Audit trail",
        how:
            "Multi-region CloudTrail with global service events and log file validation, to a KMS-encrypted audit bucket and " +
            "log group; CIS metric-filter alarms on root use and IAM-policy and security-group changes.",
        controls: ["AU-2", "AU-3", "AU-6", "AU-9", "AU-12", "AC-2(4)", "AC-6(9)", "AC-17(1)", "CM-5(1)"],
        settings: {
            "govstack:baseline.auditTrail": ["AU-2", "AU-12"],
        },
    },
    "govstack:detection:Detection": {
        title: "Detection",
        how:
            "GuardDuty, Security Hub with the NIST SP 800-53 rev5 standard, IAM Access Analyzer, and AWS Config recording " +
            "every supported resource with a NIST 800-53 conformance pack.",
        controls: ["SI-4", "SI-4(1)", "SI-4(2)", "SI-4(16)", "CA-7", "CM-2(2)", "CM-6(1)", "CM-8", "CM-8(1)", "AC-2(12)", "AC-6"],
        settings: {
            "govstack:baseline.detection": ["SI-4", "CA-7", "CM-8"],
            "govstack:baseline.guardDutyRuntimeMonitoring": ["SI-4(23)"],
        },
        when: [{ setting: "govstack:baseline.guardDutyRuntimeMonitoring", equals: true, controls: ["SI-4(23)"] }],
    },
    "govstack:backups:Backups": {
        title: "Backups",
        how:
            "AWS Backup: a KMS-encrypted, locked vault and a plan with continuous backups (point-in-time restore) of every " +
            "resource tagged for it.",
        controls: ["CP-9", "CP-9(8)", "CP-10", "CP-10(2)"],
        settings: {
            "govstack:baseline.vaultLock": ["CP-9", "AU-9"],
            "govstack:baseline.crossRegionCopy": ["CP-6", "CP-6(1)", "CP-9"],
            "govstack:baseline.drRegion": ["CP-6(1)"],
        },
        when: [{ setting: "govstack:baseline.crossRegionCopy", equals: true, controls: ["CP-6", "CP-6(1)"] }],
    },
};
