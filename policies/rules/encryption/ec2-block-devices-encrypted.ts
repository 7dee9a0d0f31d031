// ec2-block-devices-encrypted: the EBS devices that launch templates, EC2 instances, spot instance
// requests and launch configurations declare are encrypted under a customer-managed key
// (SC-28/SC-28(1), SC-12). Devices not declared follow the AMI's snapshots: ec2-root-volume-encrypted
// judges the root device that is not declared. A launch configuration cannot name a KMS key (its
// devices use the account's default EBS key), so only its `encrypted` flag is judged.

import { isUnknown, labelOf, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, REQUIRE_CMK } from "./cmk";

// Its devices have no kmsKeyId: they use the account's default EBS key (aws.ebs.DefaultKmsKey).
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

export const ec2BlockDevicesEncrypted = resourcePolicy({
    name: "ec2-block-devices-encrypted",
    description:
        "EBS block devices declared by launch templates, EC2 instances, spot instance requests and launch configurations " +
        "must be encrypted, with a customer-managed KMS key where config requires it (launch configurations cannot name a key: " +
        "their devices use the account's default EBS key). Devices not declared follow the AMI's snapshots " +
        "(ec2-root-volume-encrypted judges an undeclared root device).",
    summary: "EBS block devices of instances, spot requests, launch templates and configurations encrypted (CMK where they can)",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    anchors: [
        "aws-ec2-instance-disallow-unencrypted-block-device",
        "aws-ec2-instance-disallow-unencrypted-root-block-device",
        "aws-ec2-launchconfiguration-disallow-unencrypted-block-device",
        "aws-ec2-launchconfiguration-disallow-unencrypted-root-block-device",
        "aws-ec2-launchtemplate-configure-customer-managed-key",
        "aws-ec2-launchtemplate-disallow-unencrypted-block-device",
        "4de9de27-254e-424f-bd70-4c1e95790838", // KICS: Launch Configuration Is Not Encrypted
    ],
    remediationSteps:
        "Launch templates: set `blockDeviceMappings[].ebs.encrypted: \"true\"` and `kmsKeyId`. Instances: set " +
        "`rootBlockDevice.encrypted: true` and `ebsBlockDevices[].encrypted: true` with `kmsKeyId` (spot instance requests alike; " +
        "launch configurations: `encrypted: true` on every device, keyed by the account's default EBS key, or move to a launch template).",
    // A spot instance request launches an instance from its own rootBlockDevice/ebsBlockDevices (same shape).
    resourceTypes: [
        "aws:ec2/launchTemplate:LaunchTemplate",
        "aws:ec2/instance:Instance",
        "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
        LAUNCH_CONFIGURATION,
    ],
    options: REQUIRE_CMK,
    validate: (ctx) => {
        const devices: Array<{ path: string; value: unknown }> = [];
        const collect = (path: string, isList: boolean, inner: string) => {
            const r = ctx.read(path);
            if (!r.known) {
                ctx.cannotVerify(path);
                return;
            }
            const list = isList ? (Array.isArray(r.value) ? r.value : []) : r.value === undefined || r.value === null ? [] : [r.value];
            list.forEach((d, i) => {
                const devicePath = isList ? `${path}[${i}]` : path;
                const dev = inner ? ctx.read(inner, d) : { known: true as const, value: d };
                if (!dev.known || isUnknown(d)) {
                    ctx.cannotVerify(devicePath);
                } else if (dev.value !== undefined && dev.value !== null) {
                    devices.push({ path: inner ? `${devicePath}.${inner}` : devicePath, value: dev.value });
                }
            });
        };
        if (ctx.type === "aws:ec2/launchTemplate:LaunchTemplate") {
            collect("blockDeviceMappings", true, "ebs");
        } else {
            collect("rootBlockDevice", false, "");
            collect("ebsBlockDevices", true, "");
        }
        const what = labelOf(ctx, "Resource");
        for (const d of devices) {
            if (requireTrue(ctx, "encrypted", `${what} ${d.path} is not encrypted; set encrypted: true.`, d.value) && ctx.type !== LAUNCH_CONFIGURATION) {
                checkCmk(ctx, "kmsKeyId", `${what} ${d.path}`, d.value);
            }
        }
    },
});
