import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";

import type { DeliverySettings, ReviewStack, Target } from "./settings";

/** Deployments install dependencies themselves with the lockfile, exactly as CI does (`npm ci`). */
export const PRE_RUN_COMMANDS = ["npm ci"];

export interface StackDeliveryArgs {
    settings: DeliverySettings;
    target: Target;
    deployRoleArn: string;
    /** `environments/<stack>.yaml`, published as ESC environment `<escProject>/<stack>`. */
    environmentYaml: string;
    /** `policies/config/<stack>.json`. */
    policyConfig: Record<string, unknown>;
    pack: { name: pulumi.Input<string>; versionTag: pulumi.Input<string> };
}

/** The operation context every deployment of the estate runs with: npm ci, OIDC to GovCloud, no static keys. */
export function operationContext(settings: DeliverySettings, target: Target, deployRoleArn: string, stack: string) {
    return {
        preRunCommands: PRE_RUN_COMMANDS,
        // preRunCommands already ran `npm ci`; skipping the default install keeps one source of truth.
        options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
        environmentVariables: { AWS_REGION: target.region, AWS_USE_FIPS_ENDPOINT: "true" },
        oidc: {
            aws: {
                roleARN: deployRoleArn,
                // Traceable in CloudTrail (AU-3): which stack and which deployment assumed the role.
                sessionName: `govstack-${stack}-\${deployment.version}`,
                duration: settings.sessionDuration,
            },
        },
    };
}

/**
 * Everything Pulumi Cloud needs to deliver one stack of the estate: its ESC environment, its
 * deployment settings (GitHub source on the branch, OIDC to its GovCloud deploy role), drift
 * detection, the policy group that enforces govstack-guard with the stack's own config on every
 * operation — from Deployments, CI or a laptop (CM-3, CM-6, SA-10) — and, for a protected stack,
 * an approval rule on changes to its environment.
 */
export class StackDelivery extends pulumi.ComponentResource {
    readonly deploymentSettings: service.DeploymentSettings;

    constructor(name: string, args: StackDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("govstack:delivery:StackDelivery", name, {}, opts);
        const { settings, target } = args;
        const child = { parent: this };
        const org = settings.organization;

        const environment = new service.Environment(
            `${name}-environment`,
            {
                organization: org,
                project: settings.escProject,
                name: target.name,
                yaml: new pulumi.asset.StringAsset(args.environmentYaml),
            },
            child,
        );

        if (target.protected) {
            // Pulumi Cloud approvals gate changes to an ESC environment: a new role ARN, region or
            // secret reference for prod needs a second person (AC-5 separation of duties, CM-3).
            new service.ApprovalRule(
                `${name}-environment-approval`,
                {
                    name: `govstack-${target.name}-environment-changes`,
                    enabled: true,
                    environmentIdentifier: { organization: org, project: settings.escProject, name: target.name },
                    targetActionTypes: [service.TargetActionType.Update],
                    approvalRuleConfig: {
                        allowSelfApproval: false,
                        requireReapprovalOnChange: true,
                        numApprovalsRequired: settings.approvers.count,
                        eligibleApprovers: [{ teamName: settings.approvers.team }],
                    },
                },
                { ...child, dependsOn: [environment] },
            );
        }

        this.deploymentSettings = new service.DeploymentSettings(
            `${name}-deployment-settings`,
            {
                organization: org,
                project: settings.project,
                stack: target.name,
                vcs: {
                    provider: "github",
                    repository: settings.repository,
                    deployCommits: target.deployCommits,
                    previewPullRequests: target.previewPullRequests,
                    pullRequestTemplate: false,
                    paths: settings.paths,
                },
                sourceContext: { git: { branch: `refs/heads/${settings.branch}` } },
                operationContext: operationContext(settings, target, args.deployRoleArn, target.name),
                cacheOptions: { enable: true },
            },
            { ...child, dependsOn: [environment] },
        );

        new service.DriftSchedule(
            `${name}-drift`,
            {
                organization: org,
                project: settings.project,
                stack: target.name,
                scheduleCron: target.driftSchedule,
                autoRemediate: target.autoRemediateDrift,
            },
            { ...child, dependsOn: [this.deploymentSettings] },
        );

        new service.PolicyGroup(
            `${name}-policy-group`,
            {
                name: `govstack-${target.name}`,
                organizationName: org,
                entityType: "stacks",
                // Preventative: a mandatory violation blocks the operation in Pulumi Cloud itself.
                mode: "preventative",
                stacks: [{ name: target.name, routingProject: settings.project }],
                policyPacks: [{ name: args.pack.name, versionTag: args.pack.versionTag, config: args.policyConfig }],
            },
            child,
        );

        this.registerOutputs({});
    }
}

/**
 * "Prod only after staging": Pulumi Cloud has no cross-stack pipeline, but a stack webhook in the
 * `pulumi_deployments` format starts a deployment of another stack. Fired on a *successful update*
 * of the source stack only (not on its previews), so a red staging never reaches prod.
 */
export function promotionWebhook(
    name: string,
    settings: DeliverySettings,
    from: string,
    to: string,
    opts: pulumi.CustomResourceOptions,
): service.Webhook {
    return new service.Webhook(
        name,
        {
            organizationName: settings.organization,
            projectName: settings.project,
            stackName: from,
            displayName: `promote-${from}-to-${to}`,
            format: service.WebhookFormat.PulumiDeployments,
            payloadUrl: `${settings.project}/${to}`,
            filters: [service.WebhookFilters.UpdateSucceeded],
            active: true,
        },
        opts,
    );
}

/**
 * A review stack: a named, owned, dated copy of the template stack deployed from a pull request's
 * branch into the template's account, destroyed and deleted by its TTL schedule.
 */
export function reviewStack(
    name: string,
    settings: DeliverySettings,
    template: Target,
    deployRoleArn: string,
    review: ReviewStack,
    opts: pulumi.CustomResourceOptions,
): void {
    // The stack must exist before settings and schedules can attach to it. forceDestroy: it is
    // throw-away by definition (its TTL destroys its resources first).
    const stack = new service.Stack(
        `${name}-stack`,
        { organizationName: settings.organization, projectName: settings.project, stackName: review.name, forceDestroy: true },
        opts,
    );
    const deployment = new service.DeploymentSettings(
        `${name}-deployment-settings`,
        {
            organization: settings.organization,
            project: settings.project,
            stack: review.name,
            vcs: {
                provider: "github",
                repository: settings.repository,
                deployCommits: true,
                previewPullRequests: false,
                pullRequestTemplate: false,
                paths: settings.paths,
            },
            sourceContext: { git: { branch: `refs/heads/${review.branch}` } },
            operationContext: operationContext(settings, template, deployRoleArn, review.name),
            cacheOptions: { enable: true },
        },
        { ...opts, dependsOn: [stack] },
    );
    new service.TtlSchedule(
        `${name}-ttl`,
        {
            organization: settings.organization,
            project: settings.project,
            stack: review.name,
            timestamp: review.expires,
            deleteAfterDestroy: true,
        },
        { ...opts, dependsOn: [deployment] },
    );
}
