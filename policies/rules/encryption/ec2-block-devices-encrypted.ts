// ec2-block-devices-encrypted: the EBS devices that launch templates, EC2 instances, spot instance
// requests and launch configurations declare are encrypted under a customer-managed key
// (SC-28/SC-28(1), SC-12). Devices not declared follow the AMI's snapshots: ec2-root-volume-encrypted
// judges the root device that is not declared. A launch configuration cannot name a KMS key (its
// devices use the account's default EBS key), so only its `encrypted` flag is judged.

import {
    EC2_INSTANCE,
    labelOf,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    OBJECT,
    requireTrue,
    resourcePolicy,
    SPOT_INSTANCE_REQUEST,
} from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

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
    remediationSteps:
        "Launch templates: set `blockDeviceMappings[].ebs.encrypted: \"true\"` and `kmsKeyId`. Instances: set " +
        "`rootBlockDevice.encrypted: true` and `ebsBlockDevices[].encrypted: true` with `kmsKeyId` (spot instance requests alike; " +
        "launch configurations: `encrypted: true` on every device, keyed by the account's default EBS key, or move to a launch template).",
    // A spot instance request launches an instance from its own rootBlockDevice/ebsBlockDevices (same shape).
    resourceTypes: [
        LAUNCH_TEMPLATE,
        EC2_INSTANCE,
        SPOT_INSTANCE_REQUEST,
        // Its devices have no kmsKeyId: they use the account's default EBS key (aws.ebs.DefaultKmsKey).
        LAUNCH_CONFIGURATION,
    ],
    options: REQUIRE_CMK,
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "an instance declares no rootBlockDevice, a launch template mapping has no ebs block (instance store, noDevice), or a launch configuration's EBS device sets noDevice: true",
            why: "undeclared devices follow the AMI's snapshots (encrypted AMIs give encrypted volumes); the account's EBS encryption-by-default is the control for those, not this policy",
        },
    ],
    validate: (ctx) => {
        const devices: Array<{ path: string; value: unknown }> = [];
        const device = (value: unknown, path: string) => {
            const dev = ctx.check(value, OBJECT, path, { what: path });
            if (dev.ok && dev.value !== undefined) {
                devices.push({ path, value: dev.value });
            }
        };
        if (ctx.type === LAUNCH_TEMPLATE) {
            const mappings = ctx.readArray("blockDeviceMappings");
            (mappings.ok ? (mappings.value ?? []) : []).forEach((m, i) => {
                const path = `blockDeviceMappings[${i}]`;
                const ebs = ctx.readObject("ebs", { from: m, at: path, what: path });
                if (ebs.ok && ebs.value !== undefined) {
                    devices.push({ path: `${path}.ebs`, value: ebs.value });
                }
            });
        } else {
            const root = ctx.readObject("rootBlockDevice");
            if (root.ok && root.value !== undefined) {
                devices.push({ path: "rootBlockDevice", value: root.value });
            }
            const ebs = ctx.readArray("ebsBlockDevices");
            (ebs.ok ? (ebs.value ?? []) : []).forEach((d, i) => {
                const path = `ebsBlockDevices[${i}]`;
                // A launch configuration's `noDevice: true` suppresses the AMI's mapping for that
                // device name: no volume is created, so there is nothing to encrypt.
                const suppressed = ctx.readBoolean("noDevice", { from: d, at: path });
                if (!suppressed.ok || suppressed.value === true) {
                    return; // unknown (advisory) or malformed (mandatory): reported; true: no volume
                }
                device(d, path);
            });
        }
        const what = labelOf(ctx, "Resource");
        for (const d of devices) {
            if (requireTrue(ctx, "encrypted", `${what} ${d.path} is not encrypted; set encrypted: true.`, d.value, d.path) && ctx.type !== LAUNCH_CONFIGURATION) {
                checkCmk(ctx, "kmsKeyId", `${what} ${d.path}`, d.value, d.path);
            }
        }
    },
});
