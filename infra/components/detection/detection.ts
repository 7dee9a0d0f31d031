import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { arn, ArnScope, bucketArn, roleArn } from "../../lib/arn";
import { NAME_LIMITS, physicalName } from "../../lib/naming";
import { resourceTags } from "../../lib/tags";
import { CONFIG_PREFIX } from "../audit-trail";
import { serviceRole } from "../shared/service-role";
import { conformancePackTemplate } from "./conformance-pack";

export interface DetectionArgs {
    scope: ArnScope;
    namePrefix: string;
    tags: Readonly<Record<string, string>>;
    permissionsBoundary: string;
    /** The audit bucket (AuditTrail) AWS Config delivers to, its key and what must exist first. */
    auditBucketName: string;
    auditKeyArn: pulumi.Input<string>;
    auditKeyAliasName: string;
    auditBucketReady: pulumi.Input<pulumi.Resource>[];
    /** GuardDuty Runtime Monitoring with the managed Fargate agent (see docs/baseline.md). */
    runtimeMonitoring: boolean;
    /** The NIST 800-53 conformance pack (off only where a region refuses conformance packs). */
    conformancePack: boolean;
}

/**
 * GuardDuty features the estate enables, each checked against the GovCloud documentation
 * (docs/baseline.md has the sources). The estate has no EKS cluster, EC2 instance or Lambda
 * function; EKS audit logs and Malware Protection for EC2 (EBS_MALWARE_PROTECTION, required by the
 * pack's guardduty-detector-enabled with S3_DATA_EVENTS) are on so a future cluster or instance is
 * covered from its first event; without one they scan and cost nothing.
 */
export type GuardDutyFeature = Omit<aws.guardduty.DetectorFeatureArgs, "detectorId">;

export function guardDutyFeatures(runtimeMonitoring: boolean): GuardDutyFeature[] {
    const features: GuardDutyFeature[] = [
        { name: "S3_DATA_EVENTS", status: "ENABLED" },
        { name: "EKS_AUDIT_LOGS", status: "ENABLED" },
        { name: "EBS_MALWARE_PROTECTION", status: "ENABLED" },
    ];
    if (runtimeMonitoring) {
        features.push({
            name: "RUNTIME_MONITORING",
            status: "ENABLED",
            additionalConfigurations: [
                { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
                { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
                { name: "EC2_AGENT_MANAGEMENT", status: "DISABLED" },
            ],
        });
    }
    return features;
}

/** How long AWS Config keeps configuration history: 7 years, the most AWS allows (2557 days). */
export const CONFIG_RETENTION_DAYS = 2557;

/** Security Hub's NIST SP 800-53 rev5 standard in a region (the ARN has no account). */
export function nist80053StandardArn(scope: ArnScope): string {
    return arn(scope, "securityhub", "standards/nist-800-53/v/5.0.0", { account: "" });
}

/**
 * Detection (SI-4, CA-7, RA-5, CM-8): a GuardDuty detector with the features GovCloud supports,
 * Security Hub with the NIST SP 800-53 rev5 standard only (default standards off), an IAM Access
 * Analyzer for the account (AC-6, AC-3), and AWS Config recording every supported resource (CM-8
 * inventory, CM-3 change history) to the audit bucket, with a NIST 800-53 conformance pack (CA-7).
 * These are account- and region-wide services: one stack per account and region declares them.
 */
export class Detection extends pulumi.ComponentResource {
    readonly detectorId: pulumi.Output<string>;
    readonly recorderName: string;
    readonly conformancePackName?: string;

    constructor(name: string, args: DetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:detection:Detection", name, {}, opts);
        const { scope } = args;
        const parent = { parent: this };
        const tags = (n?: string) => resourceTags(args.tags, "detection", n);

        const detector = new aws.guardduty.Detector(
            `${name}-guardduty`,
            { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags: tags(`${args.namePrefix}-guardduty`) },
            parent,
        );
        for (const feature of guardDutyFeatures(args.runtimeMonitoring)) {
            new aws.guardduty.DetectorFeature(
                `${name}-guardduty-${String(feature.name).toLowerCase().replace(/_/g, "-")}`,
                { ...feature, detectorId: detector.id },
                parent,
            );
        }
        this.detectorId = detector.id;

        const hub = new aws.securityhub.Account(
            `${name}-securityhub`,
            // Only the standard the authorization maps to; consolidated control findings.
            { enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL", autoEnableControls: true },
            parent,
        );
        new aws.securityhub.StandardsSubscription(
            `${name}-securityhub-nist-800-53`,
            { standardsArn: nist80053StandardArn(scope) },
            { parent: this, dependsOn: [hub] },
        );

        const analyzerName = physicalName(args.namePrefix, ["access-analyzer"]);
        new aws.accessanalyzer.Analyzer(
            `${name}-access-analyzer`,
            { analyzerName, type: "ACCOUNT", tags: tags(analyzerName) },
            parent,
        );

        const roleName = physicalName(args.namePrefix, ["config"], NAME_LIMITS.iamRole);
        const auditBucket = bucketArn(scope, args.auditBucketName);
        const role = serviceRole(
            `${name}-config`,
            {
                scope,
                roleName,
                service: "config",
                description: "Lets AWS Config record the account's resources and deliver to the audit bucket",
                permissionsBoundary: args.permissionsBoundary,
                tags: tags(roleName),
                managedPolicies: ["service-role/AWS_ConfigRole"],
                statements: [
                    { Sid: "CheckAuditBucket", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: auditBucket },
                    {
                        Sid: "DeliverToAuditBucket",
                        Effect: "Allow",
                        Action: "s3:PutObject",
                        // Same account, bucket-owner-enforced: no ACL condition needed (or honoured).
                        Resource: `${auditBucket}/${CONFIG_PREFIX}/AWSLogs/${scope.accountId}/Config/*`,
                    },
                    {
                        // The key by its alias (known at preview); only through S3.
                        Sid: "EncryptWithAuditKeyViaS3",
                        Effect: "Allow",
                        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                        Resource: arn(scope, "kms", "key/*"),
                        Condition: {
                            "ForAnyValue:StringEquals": { "kms:ResourceAliases": args.auditKeyAliasName },
                            StringEquals: { "kms:ViaService": `s3.${scope.region}.amazonaws.com` },
                        },
                    },
                ],
            },
            parent,
        );

        this.recorderName = physicalName(args.namePrefix, ["recorder"]);
        const recorder = new aws.cfg.Recorder(
            `${name}-config`,
            {
                name: this.recorderName,
                roleArn: roleArn(scope, roleName),
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
            },
            { parent: this, dependsOn: role.ready },
        );
        const channel = new aws.cfg.DeliveryChannel(
            `${name}-config`,
            {
                name: physicalName(args.namePrefix, ["config-delivery"]),
                s3BucketName: args.auditBucketName,
                s3KeyPrefix: CONFIG_PREFIX,
                s3KmsKeyArn: args.auditKeyArn,
                snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
            },
            { parent: this, dependsOn: [recorder, ...args.auditBucketReady] },
        );
        // Configuration history kept 7 years (AU-11; the pack's config-recorder-enabled), explicit
        // although it is AWS's default, so a change is reviewed. One per account and region.
        new aws.cfg.RetentionConfiguration(`${name}-config`, { retentionPeriodInDays: CONFIG_RETENTION_DAYS }, parent);
        const status = new aws.cfg.RecorderStatus(
            `${name}-config`,
            { name: this.recorderName, isEnabled: true },
            { parent: this, dependsOn: [channel] },
        );
        if (args.conformancePack) {
            this.conformancePackName = physicalName(args.namePrefix, ["nist-800-53"]);
            new aws.cfg.ConformancePack(
                `${name}-nist-800-53`,
                { name: this.conformancePackName, templateBody: conformancePackTemplate() },
                { parent: this, dependsOn: [status] },
            );
        }

        this.registerOutputs({ detectorId: this.detectorId, recorderName: this.recorderName });
    }
}
