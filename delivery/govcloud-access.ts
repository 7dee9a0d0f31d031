import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { boundaryArn, boundaryPolicy, deployPermissions, previewPermissions } from "./permissions";
import type { DeliverySettings, Target } from "./settings";
import {
    boundaryPolicyName,
    DELIVERY_IAM_PATH,
    deployRoleName,
    deployTrustPolicy,
    GITHUB_AUDIENCE,
    GITHUB_ISSUER,
    iamArn,
    previewRoleName,
    previewTrustPolicy,
    PULUMI_ISSUER,
} from "./trust";

export interface GovCloudAccessArgs {
    settings: DeliverySettings;
    target: Target;
    /** Review stacks that borrow this stack's account: their Deployments may assume the deploy role too. */
    reviewStacks: string[];
}

/** One hour: the STS default, and the longest session an OIDC-federated role should hand out here. */
const MAX_SESSION_SECONDS = 3600;

/**
 * The GovCloud side of trust for one stack, in that stack's account: the OIDC identity providers
 * (Pulumi Cloud, GitHub Actions), the permissions boundary, the deploy role (Pulumi Deployments
 * only) and the read-only preview role (ESC environment, pull-request previews). No long-lived key
 * exists anywhere (IA-2(1), IA-5); every ARN is built from settings in the `aws-us-gov` partition.
 */
export class GovCloudAccess extends pulumi.ComponentResource {
    /** Known at preview: built from settings, not read back from AWS. */
    readonly deployRoleArn: string;
    readonly previewRoleArn: string;
    readonly boundaryArn: string;

    constructor(name: string, args: GovCloudAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:delivery:GovCloudAccess", name, {}, opts);
        const { settings, target } = args;
        const tags = { Project: "govstack", Environment: target.name, ManagedBy: "Pulumi", Component: "delivery" };

        // One explicit provider per account: the delivery stack spans two accounts, and
        // allowedAccountIds makes a wrong profile fail before anything is touched.
        const provider = new aws.Provider(
            `${name}-aws`,
            {
                region: target.region,
                allowedAccountIds: [target.accountId],
                useFipsEndpoint: true,
                ...(target.awsProfile ? { profile: target.awsProfile } : {}),
                defaultTags: { tags },
            },
            { parent: this },
        );
        const child = { parent: this, provider };

        const pulumiOidc = new aws.iam.OpenIdConnectProvider(
            `${name}-pulumi-oidc`,
            // Deployments present `aud = <org>`, ESC presents `aud = aws:<org>`.
            { url: `https://${PULUMI_ISSUER}`, clientIdLists: [settings.organization, `aws:${settings.organization}`] },
            child,
        );
        const githubOidc = new aws.iam.OpenIdConnectProvider(
            `${name}-github-oidc`,
            { url: `https://${GITHUB_ISSUER}`, clientIdLists: [GITHUB_AUDIENCE] },
            child,
        );

        this.boundaryArn = boundaryArn(settings, target);
        const boundary = new aws.iam.Policy(
            `${name}-boundary`,
            {
                name: boundaryPolicyName(target.name),
                path: DELIVERY_IAM_PATH,
                description: `Permissions boundary of govstack ${target.name} delivery roles and every role they create`,
                policy: JSON.stringify(boundaryPolicy(settings, target)),
            },
            child,
        );

        const deployName = deployRoleName(target.name);
        this.deployRoleArn = iamArn(settings, target.accountId, `role${DELIVERY_IAM_PATH}${deployName}`);
        const deployRole = new aws.iam.Role(
            `${name}-deploy`,
            {
                name: deployName,
                path: DELIVERY_IAM_PATH,
                description: `Pulumi Deployments of govstack/${target.name} only`,
                assumeRolePolicy: JSON.stringify(deployTrustPolicy(settings, target, args.reviewStacks)),
                permissionsBoundary: this.boundaryArn,
                maxSessionDuration: MAX_SESSION_SECONDS,
            },
            { ...child, dependsOn: [boundary, pulumiOidc] },
        );
        // A customer-managed policy attached to the role, never an inline one (iam-no-inline-policies).
        const deployRolePolicy = new aws.iam.Policy(
            `${name}-deploy-permissions`,
            { name: deployName, path: DELIVERY_IAM_PATH, description: `Deploy the govstack ${target.name} estate, nothing more`, policy: JSON.stringify(deployPermissions(settings, target)) },
            child,
        );
        new aws.iam.RolePolicyAttachment(`${name}-deploy-permissions`, { role: deployRole.name, policyArn: deployRolePolicy.arn }, child);

        const previewName = previewRoleName(target.name);
        this.previewRoleArn = iamArn(settings, target.accountId, `role${DELIVERY_IAM_PATH}${previewName}`);
        const previewRole = new aws.iam.Role(
            `${name}-preview`,
            {
                name: previewName,
                path: DELIVERY_IAM_PATH,
                description: `Read-only previews of govstack/${target.name} (ESC environment, pull requests)`,
                assumeRolePolicy: JSON.stringify(previewTrustPolicy(settings, target)),
                permissionsBoundary: this.boundaryArn,
                maxSessionDuration: MAX_SESSION_SECONDS,
            },
            { ...child, dependsOn: [boundary, pulumiOidc, githubOidc] },
        );
        // A customer-managed policy attached to the role, never an inline one (iam-no-inline-policies).
        const previewRolePolicy = new aws.iam.Policy(
            `${name}-preview-permissions`,
            { name: previewName, path: DELIVERY_IAM_PATH, description: `Read-only previews of govstack ${target.name}`, policy: JSON.stringify(previewPermissions(target)) },
            child,
        );
        new aws.iam.RolePolicyAttachment(`${name}-preview-permissions`, { role: previewRole.name, policyArn: previewRolePolicy.arn }, child);

        this.registerOutputs({ deployRoleArn: this.deployRoleArn, previewRoleArn: this.previewRoleArn, boundaryArn: this.boundaryArn });
    }
}
