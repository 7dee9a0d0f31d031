// ec2-block-devices-encrypted: the EBS devices that launch templates, EC2 instances and spot
// instance requests declare are encrypted under a customer-managed key (SC-28/SC-28(1), SC-12).
// Devices not declared follow the AMI's snapshots and are not judged here.

import { isUnknown, labelOf, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, REQUIRE_CMK } from "./cmk";

export const ec2BlockDevicesEncrypted = resourcePolicy({
    name: "ec2-block-devices-encrypted",
    description:
        "EBS block devices declared by launch templates, EC2 instances and spot instance requests must be encrypted, with a " +
        "customer-managed KMS key " +
        "where config requires it (devices not declared follow the AMI's snapshots and are not judged here).",
    summary: "EBS block devices of launch templates, instances and spot requests encrypted with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12"],
    anchors: [
        "aws-ec2-instance-disallow-unencrypted-block-device",
        "aws-ec2-instance-disallow-unencrypted-root-block-device",
        "aws-ec2-launchtemplate-configure-customer-managed-key",
        "aws-ec2-launchtemplate-disallow-unencrypted-block-device",
    ],
    remediationSteps:
        "Launch templates: set `blockDeviceMappings[].ebs.encrypted: \"true\"` and `kmsKeyId`. Instances: set " +
        "`rootBlockDevice.encrypted: true` and `ebsBlockDevices[].encrypted: true` with `kmsKeyId` (spot instance requests alike).",
    // A spot instance request launches an instance from its own rootBlockDevice/ebsBlockDevices (same shape).
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
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
            if (requireTrue(ctx, "encrypted", `${what} ${d.path} is not encrypted; set encrypted: true.`, d.value)) {
                checkCmk(ctx, "kmsKeyId", `${what} ${d.path}`, d.value);
            }
        }
    },
});
