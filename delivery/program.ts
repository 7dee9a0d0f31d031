import * as path from "path";

import * as service from "@pulumi/pulumiservice";

import { GovCloudAccess } from "./govcloud-access";
import { readEnvironmentYaml, readPackIdentity, readPolicyConfig } from "./repo-files";
import type { DeliverySettings } from "./settings";
import { promotionWebhook, reviewStack, StackDelivery } from "./stack-delivery";

export interface DeliveryOutputs {
    deployRoles: Record<string, string>;
    previewRoles: Record<string, string>;
    policyPack: { name: string; version: string };
}

/**
 * Declares delivery for every target stack: the GovCloud trust (OIDC providers, boundary, roles)
 * in the stack's account, and in Pulumi Cloud the published pack, the stack's environment,
 * deployment settings, drift schedule, policy group and, for protected stacks, the approval rule
 * and the promotion from the stack before it. Every repository file is read before the first
 * resource is declared, so a missing file fails the run with nothing half-done.
 */
export function buildDelivery(settings: DeliverySettings, root: string): DeliveryOutputs {
    const pack = readPackIdentity(root, settings.policyPack.sourceDir, settings.policyPack.name);
    const inputs = settings.targets.map((target) => ({
        target,
        environmentYaml: readEnvironmentYaml(root, target.name),
        policyConfig: readPolicyConfig(root, settings.policyPack.configDir, target.name, pack.name),
    }));

    // Versions are immutable in Pulumi Cloud: bump policies/package.json to publish a new one.
    const policyPack = new service.PolicyPack("govstack-guard", {
        organization: settings.organization,
        name: pack.name,
        displayName: "govstack-guard (NIST SP 800-53 rev5, FedRAMP Moderate)",
        // Relative to the program's working directory (delivery/ under the CLI): an absolute path
        // would differ between a laptop and Deployments and show as a change of the pack.
        sourcePath: path.relative(process.cwd(), path.join(root, settings.policyPack.sourceDir)) || ".",
        versionTag: pack.version,
    });

    const template = settings.reviewStacks.template;
    const reviewNames = settings.reviewStacks.stacks.map((r) => r.name);
    const deployRoles: Record<string, string> = {};
    const previewRoles: Record<string, string> = {};
    const deliveries: Record<string, StackDelivery> = {};

    for (const { target, environmentYaml, policyConfig } of inputs) {
        const access = new GovCloudAccess(target.name, {
            settings,
            target,
            reviewStacks: target.name === template ? reviewNames : [],
        });
        deployRoles[target.name] = access.deployRoleArn;
        previewRoles[target.name] = access.previewRoleArn;

        const upstream = target.promoteFrom ? deliveries[target.promoteFrom] : undefined;
        const delivery = new StackDelivery(
            target.name,
            {
                settings,
                target,
                deployRoleArn: access.deployRoleArn,
                environmentYaml,
                policyConfig,
                pack: { name: pack.name, versionTag: policyPack.versionTag },
            },
            { dependsOn: upstream ? [access, upstream] : [access] },
        );
        deliveries[target.name] = delivery;

        if (target.promoteFrom && upstream) {
            promotionWebhook(`${target.promoteFrom}-to-${target.name}`, settings, target.promoteFrom, target.name, {
                dependsOn: [upstream.deploymentSettings, delivery.deploymentSettings],
            });
        }
    }

    const templateTarget = settings.targets.find((t) => t.name === template);
    const templateDelivery = deliveries[template];
    if (templateTarget && templateDelivery) {
        for (const review of settings.reviewStacks.stacks) {
            reviewStack(review.name, settings, templateTarget, deployRoles[template], review, { dependsOn: [templateDelivery] });
        }
    }

    return { deployRoles, previewRoles, policyPack: pack };
}
