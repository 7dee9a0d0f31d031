// ec2-block-devices-encrypted: the EBS devices that launch templates, EC2 instances and spot
// instance requests declare are encrypted under a customer-managed key (SC-28/SC-28(1), SC-12).
// Devices not declared follow the AMI's snapshots and are not judged here.

import { labelOf, OBJECT, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const ec2BlockDevicesEncrypted = resourcePolicy({
    name: "ec2-block-devices-encrypted",
    description:
        "EBS block devices declared by launch templates, EC2 instances and spot instance requests must be encrypted, with a " +
        "customer-managed KMS key " +
        "where config requires it (devices not declared follow the AMI's snapshots and are not judged here).",
    summary: "EBS block devices of launch templates, instances and spot requests encrypted with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    remediationSteps:
        "Launch templates: set `blockDeviceMappings[].ebs.encrypted: \"true\"` and `kmsKeyId`. Instances: set " +
        "`rootBlockDevice.encrypted: true` and `ebsBlockDevices[].encrypted: true` with `kmsKeyId` (spot instance requests alike).",
    // A spot instance request launches an instance from its own rootBlockDevice/ebsBlockDevices (same shape).
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    options: REQUIRE_CMK,
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "an instance declares no rootBlockDevice, or a launch template mapping has no ebs block (instance store, noDevice)",
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
        if (ctx.type === "aws:ec2/launchTemplate:LaunchTemplate") {
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
            (ebs.ok ? (ebs.value ?? []) : []).forEach((d, i) => device(d, `ebsBlockDevices[${i}]`));
        }
        const what = labelOf(ctx, "Resource");
        for (const d of devices) {
            if (requireTrue(ctx, "encrypted", `${what} ${d.path} is not encrypted; set encrypted: true.`, d.value, d.path)) {
                checkCmk(ctx, "kmsKeyId", `${what} ${d.path}`, d.value, d.path);
            }
        }
    },
});
