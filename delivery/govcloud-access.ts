import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { boundaryArn, boundaryPolicy, deployPermissions, previewPermissions } from "./permissions";
import type { DeliverySettings, Target } from "./settings";
import {
    boundaryPolicyName,
    DELIVERY_IAM_PATH,
    deployRoleName,
    deployTrustPolicy,
    deliveryRoleArn,
    GITHUB_AUDIENCE,
    GITHUB_ISSUER,
    PolicyDocument,
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

interface FederatedRoleArgs {
    settings: DeliverySettings;
    target: Target;
    roleName: string;
    description: string;
    trust: PolicyDocument;
    permissionsDescription: string;
    permissions: PolicyDocument;
    /** What must exist before the role: the boundary and the OIDC providers its trust names. */
    dependsOn: pulumi.Resource[];
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

        this.deployRoleArn = this.federatedRole(`${name}-deploy`, {
            settings,
            target,
            roleName: deployRoleName(target.name),
            description: `Pulumi Deployments of govstack/${target.name} only`,
            trust: deployTrustPolicy(settings, target, args.reviewStacks),
            permissionsDescription: `Deploy the govstack ${target.name} estate, nothing more`,
            permissions: deployPermissions(settings, target),
            dependsOn: [boundary, pulumiOidc],
        }, child);
        this.previewRoleArn = this.federatedRole(`${name}-preview`, {
            settings,
            target,
            roleName: previewRoleName(target.name),
            description: `Read-only previews of govstack/${target.name} (ESC environment, pull requests)`,
            trust: previewTrustPolicy(settings, target),
            permissionsDescription: `Read-only previews of govstack ${target.name}`,
            permissions: previewPermissions(target),
            dependsOn: [boundary, pulumiOidc, githubOidc],
        }, child);

        this.registerOutputs({ deployRoleArn: this.deployRoleArn, previewRoleArn: this.previewRoleArn, boundaryArn: this.boundaryArn });
    }

    /**
     * A role assumed through OIDC only, under the boundary, with short sessions, and its permissions
     * as a customer-managed policy attached to it, never an inline one (iam-no-inline-policies).
     * Returns the role's ARN, built from its name.
     */
    private federatedRole(resourceName: string, r: FederatedRoleArgs, child: pulumi.CustomResourceOptions): string {
        const role = new aws.iam.Role(
            resourceName,
            {
                name: r.roleName,
                path: DELIVERY_IAM_PATH,
                description: r.description,
                assumeRolePolicy: JSON.stringify(r.trust),
                permissionsBoundary: this.boundaryArn,
                maxSessionDuration: MAX_SESSION_SECONDS,
            },
            { ...child, dependsOn: r.dependsOn },
        );
        const policy = new aws.iam.Policy(
            `${resourceName}-permissions`,
            { name: r.roleName, path: DELIVERY_IAM_PATH, description: r.permissionsDescription, policy: JSON.stringify(r.permissions) },
            child,
        );
        new aws.iam.RolePolicyAttachment(`${resourceName}-permissions`, { role: role.name, policyArn: policy.arn }, child);
        return deliveryRoleArn(r.settings, r.target.accountId, r.roleName);
    }
}
