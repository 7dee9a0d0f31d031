import type { DeliverySettings, Target } from "./settings";
import { boundaryPolicyName, DELIVERY_IAM_PATH, iamArn, PolicyDocument } from "./trust";

/**
 * What the deploy and preview roles may do (AC-6 least privilege, AC-6(1), CM-5 access
 * restrictions for change). No statement grants `*` or `*:*`; IAM, KMS and STS are enumerated
 * action by action; regional services are pinned to the stack's two GovCloud regions; every role
 * the deploy role creates must carry the same permissions boundary, so it can never mint a
 * stronger principal than itself.
 */

/**
 * Regional services the estate declares (network, edge, service, data, storage, observability,
 * security baseline, backups). Service-level grants, constrained by region and the boundary.
 */
export const ESTATE_SERVICES = [
    "application-autoscaling",
    "access-analyzer",
    "backup",
    "backup-storage",
    "cloudtrail",
    "cloudwatch",
    // Only under govstack:service.deploymentController "codedeploy" (a region without ECS native blue/green).
    "codedeploy",
    "config",
    "ec2",
    "ecr",
    "ecs",
    "elasticache",
    "elasticloadbalancing",
    "events",
    "guardduty",
    "logs",
    "rds",
    "secretsmanager",
    "securityhub",
    "sns",
    "wafv2",
] as const;

/** Services whose resources are global to the partition: exempt from the region condition. */
export const GLOBAL_SERVICES = ["iam", "sts", "s3"] as const;

/**
 * Services only the estate's own roles use at run time (the task role connects to the database and
 * the cache with IAM auth; backups tag-select resources; ECS Exec, X-Ray, ACM lookups). They are
 * inside the boundary's ceiling so those roles work, but not in the deploy role's permissions.
 */
export const RUNTIME_SERVICES = ["rds-db", "tag", "acm", "ssmmessages", "xray"] as const;

const KMS_ACTIONS = [
    "kms:CreateKey",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyRotationStatus",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:ListAliases",
    "kms:ListResourceTags",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:UpdateKeyDescription",
    "kms:CreateGrant",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:RetireGrant",
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
];

/** IAM actions on the estate's own roles and policies; never users, groups or access keys. */
const IAM_ROLE_ACTIONS = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:GetRole",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePolicy",
    "iam:GetRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListInstanceProfilesForRole",
    "iam:PutRolePermissionsBoundary",
];

const IAM_POLICY_ACTIONS = [
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListPolicyVersions",
    "iam:ListEntitiesForPolicy",
    "iam:TagPolicy",
    "iam:UntagPolicy",
];

/** Services the estate hands roles to (ECS tasks, RDS monitoring, Backup, flow logs, CloudTrail). */
export const PASS_ROLE_SERVICES = [
    "ecs-tasks.amazonaws.com",
    "ecs.amazonaws.com",
    // The CodeDeploy controller's service role (docs/bluegreen.md).
    "codedeploy.amazonaws.com",
    "monitoring.rds.amazonaws.com",
    "backup.amazonaws.com",
    "vpc-flow-logs.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "application-autoscaling.amazonaws.com",
];

function regions(target: Target): string[] {
    return [target.region, target.drRegion];
}

/** Names of everything the estate creates for this stack start with its `govstack:namePrefix`. */
function estatePrefix(target: Target): string {
    return `${target.namePrefix}-`;
}

/** Every service the boundary lets a role use at all: a new AWS service in the estate goes here. */
export function boundaryServices(): string[] {
    return [...ESTATE_SERVICES, "kms", ...GLOBAL_SERVICES, ...RUNTIME_SERVICES].sort();
}

export function boundaryArn(settings: DeliverySettings, target: Target): string {
    return iamArn(settings, target.accountId, `policy${DELIVERY_IAM_PATH}${boundaryPolicyName(target.name)}`);
}

/** Inline policy of `govstack-<stack>-deploy`: enough to create, update and delete the estate, nothing more. */
export function deployPermissions(settings: DeliverySettings, target: Target): PolicyDocument {
    const roles = iamArn(settings, target.accountId, `role/${estatePrefix(target)}*`);
    const policies = iamArn(settings, target.accountId, `policy/${estatePrefix(target)}*`);
    const buckets = `arn:${settings.partition}:s3:::${estatePrefix(target)}*`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EstateServicesInStackRegions",
                Effect: "Allow",
                Action: ESTATE_SERVICES.map((s) => `${s}:*`),
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": regions(target) } },
            },
            {
                Sid: "EstateKeys",
                Effect: "Allow",
                Action: KMS_ACTIONS,
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": regions(target) } },
            },
            {
                Sid: "EstateBuckets",
                Effect: "Allow",
                Action: ["s3:*"],
                Resource: [buckets, `${buckets}/*`],
            },
            {
                Sid: "EstateRolesOnlyWithBoundary",
                Effect: "Allow",
                Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
                Resource: roles,
                Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn(settings, target) } },
            },
            {
                Sid: "EstateRoles",
                Effect: "Allow",
                Action: IAM_ROLE_ACTIONS.filter((a) => a !== "iam:CreateRole" && a !== "iam:PutRolePermissionsBoundary"),
                Resource: roles,
            },
            {
                Sid: "EstatePolicies",
                Effect: "Allow",
                Action: IAM_POLICY_ACTIONS,
                Resource: policies,
            },
            {
                Sid: "PassEstateRolesToServices",
                Effect: "Allow",
                Action: "iam:PassRole",
                Resource: roles,
                Condition: { StringEquals: { "iam:PassedToService": PASS_ROLE_SERVICES } },
            },
            {
                Sid: "ServiceLinkedRoles",
                Effect: "Allow",
                Action: "iam:CreateServiceLinkedRole",
                Resource: iamArn(settings, target.accountId, "role/aws-service-role/*"),
                Condition: {
                    StringEquals: {
                        "iam:AWSServiceName": [
                            "ecs.amazonaws.com",
                            "elasticloadbalancing.amazonaws.com",
                            "rds.amazonaws.com",
                            "elasticache.amazonaws.com",
                            "ecs.application-autoscaling.amazonaws.com",
                            "guardduty.amazonaws.com",
                            "securityhub.amazonaws.com",
                            "config.amazonaws.com",
                            "config-conforms.amazonaws.com",
                            "backup.amazonaws.com",
                            "access-analyzer.amazonaws.com",
                        ],
                    },
                },
            },
            {
                Sid: "Identity",
                Effect: "Allow",
                Action: ["sts:GetCallerIdentity"],
                Resource: "*",
            },
        ],
    };
}

/**
 * Inline policy of `govstack-<stack>-preview`: what `pulumi preview` needs (the provider checks the
 * account) and no read of data (no S3 objects, no secret values). The two EC2 describes are region
 * metadata only. `ec2:DescribeAvailabilityZones` was there for awsx.ec2.Vpc's zone lookup; the
 * estate no longer looks anything up at preview (the offline plan's mocks refuse lookups, and its
 * one awsx use, the dashboard, makes none), so it can go once a real preview confirms nothing else calls it.
 */
export function previewPermissions(target: Target): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Identity", Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: "*" },
            {
                Sid: "PreviewLookups",
                Effect: "Allow",
                Action: ["ec2:DescribeAvailabilityZones", "ec2:DescribeRegions"],
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": regions(target) } },
            },
        ],
    };
}

/**
 * The permissions boundary on every role this program creates and every role the deploy role
 * creates: the ceiling no policy can lift. It allows the estate's services only in the stack's
 * regions, and denies what would let a deploy escape it: long-lived credentials (IA-5), editing or
 * removing the boundary, blinding the audit trail (AU-9), and work outside GovCloud's two regions.
 */
export function boundaryPolicy(settings: DeliverySettings, target: Target): PolicyDocument {
    const self = boundaryArn(settings, target);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CeilingEstateServices",
                Effect: "Allow",
                Action: boundaryServices().map((s) => `${s}:*`),
                Resource: "*",
            },
            {
                Sid: "DenyOutsideStackRegions",
                Effect: "Deny",
                NotAction: GLOBAL_SERVICES.map((s) => `${s}:*`),
                Resource: "*",
                Condition: { StringNotEquals: { "aws:RequestedRegion": regions(target) } },
            },
            {
                Sid: "DenyLongLivedCredentials",
                Effect: "Deny",
                Action: [
                    "iam:CreateUser",
                    "iam:CreateAccessKey",
                    "iam:CreateLoginProfile",
                    "iam:UpdateLoginProfile",
                    "iam:CreateServiceSpecificCredential",
                ],
                Resource: "*",
            },
            {
                Sid: "DenyBoundaryTampering",
                Effect: "Deny",
                Action: [
                    "iam:CreatePolicyVersion",
                    "iam:DeletePolicy",
                    "iam:DeletePolicyVersion",
                    "iam:SetDefaultPolicyVersion",
                    "iam:DeleteRolePermissionsBoundary",
                ],
                Resource: [self, iamArn(settings, target.accountId, `role${DELIVERY_IAM_PATH}*`)],
            },
            {
                Sid: "DenyRolesWithoutThisBoundary",
                Effect: "Deny",
                Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
                Resource: "*",
                Condition: { StringNotEquals: { "iam:PermissionsBoundary": self } },
            },
            {
                Sid: "DenyAuditTrailTampering",
                Effect: "Deny",
                Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "guardduty:DeleteDetector", "config:StopConfigurationRecorder"],
                Resource: "*",
            },
        ],
    };
}
