// ebs-encryption-by-default-enabled: a stack that manages the account's EBS encryption-by-default
// setting keeps it on. Turning it off lets every new volume and snapshot copy in the region be
// created unencrypted (SC-28; KICS "EBS Default Encryption Disabled").

import { EBS_ENCRYPTION_BY_DEFAULT, resourcePolicy } from "../../lib";

export const ebsEncryptionByDefaultEnabled = resourcePolicy({
    name: "ebs-encryption-by-default-enabled",
    description:
        "`aws.ebs.EncryptionByDefault` must keep EBS encryption by default on (`enabled` true, the provider's default): " +
        "turned off, every new EBS volume of the account and region that does not ask for encryption is created unencrypted, " +
        "including root volumes that come from an AMI (SC-28, SC-28(1)).",
    summary: "EBS encryption by default is never turned off (aws.ebs.EncryptionByDefault enabled: false is blocked)",
    severity: "high",
    controls: ["SC-28", "SC-28(1)"],
    remediationSteps: "Set `enabled: true` on the aws.ebs.EncryptionByDefault (or remove `enabled`: true is the default).",
    resourceTypes: [EBS_ENCRYPTION_BY_DEFAULT],
    noVerdict: [
        {
            when: "an aws.ebs.EncryptionByDefault sets no `enabled`",
            why: "the provider's default is true",
        },
    ],
    validate: (ctx) => {
        const enabled = ctx.readBoolean("enabled");
        // Absent: the provider's default is true.
        if (enabled.ok && enabled.value === false) {
            ctx.violation(`${ctx.label} turns EBS encryption by default off for the account and region; set enabled: true.`);
        }
    },
});
