import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CustomerManagedKeyArgs {
    description: string;
    /** The key policy, built from settings so it is known at preview and the pack can read it. */
    policy: string;
    /** `alias/<name>`: how operators and services that accept an alias find the key. */
    aliasName: string;
    tags: Record<string, string>;
    /** Waiting period before a scheduled key deletion completes (7–30 days). @default 30 */
    deletionWindowInDays?: number;
}

/**
 * A customer-managed symmetric KMS key and its alias, both named `resourceName`: the one way the
 * estate's components create keys, so every key gets the same settings — yearly automatic rotation
 * of the key material (SC-12), a 30-day deletion window unless told otherwise, and one region only.
 */
export function customerManagedKey(resourceName: string, args: CustomerManagedKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
    const key = new aws.kms.Key(
        resourceName,
        {
            description: args.description,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            // SC-12: yearly automatic rotation of the key material.
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: args.deletionWindowInDays ?? 30,
            multiRegion: false,
            policy: args.policy,
            tags: args.tags,
        },
        opts,
    );
    new aws.kms.Alias(resourceName, { name: args.aliasName, targetKeyId: key.keyId }, opts);
    return key;
}
