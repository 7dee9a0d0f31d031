// ec2-root-volume-encrypted: a stack policy, because the proof can be another resource. An
// instance, spot request, launch template or launch configuration that declares no root block
// device boots from the AMI's snapshot as it is: unencrypted, unless EBS encryption by default is
// on for that account and region. So it must either declare its root device (whose encryption
// ec2-block-devices-encrypted judges) or run where this stack turns encryption by default on:
// an aws.ebs.EncryptionByDefault with enabled true under the same provider and region (SC-28).

import { read, StackResource, stackPolicy } from "../../lib";
import { ENCRYPTION_BY_DEFAULT, INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SINGLE_INSTANCE_TYPES, SPOT_INSTANCE_REQUEST, templateSupplies } from "./capacity";

// The root device of an EC2 instance is /dev/sda1 or /dev/xvda
// (https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html).
const ROOT_DEVICE_NAMES: ReadonlySet<string> = new Set(["/dev/sda1", "/dev/xvda"]);

const NOUN: Readonly<Record<string, string>> = {
    [INSTANCE]: "EC2 instance",
    [SPOT_INSTANCE_REQUEST]: "Spot instance request",
    [LAUNCH_TEMPLATE]: "Launch template",
    [LAUNCH_CONFIGURATION]: "Launch configuration",
};

type Verdict = "declared" | "undeclared" | "unknown";

/** Does the resource declare its root device (so its encryption is judged where it is declared)? */
function rootDevice(r: StackResource): Verdict {
    if (templateSupplies(r.type, r.props, "rootBlockDevice")) {
        return "declared"; // the launch template supplies it, and is judged itself
    }
    if (r.type !== LAUNCH_TEMPLATE) {
        const root = read(r.props, "rootBlockDevice");
        return !root.known ? "unknown" : root.value === undefined || root.value === null ? "undeclared" : "declared";
    }
    const mappings = read(r.props, "blockDeviceMappings");
    if (!mappings.known) {
        return "unknown";
    }
    let unknown = false;
    for (const m of Array.isArray(mappings.value) ? mappings.value : []) {
        const name = read(m, "deviceName");
        const ebs = read(m, "ebs");
        if (!name.known || !ebs.known) {
            unknown = true;
        } else if (typeof name.value === "string" && ROOT_DEVICE_NAMES.has(name.value) && ebs.value !== undefined && ebs.value !== null) {
            return "declared";
        }
    }
    return unknown ? "unknown" : "undeclared";
}

/** The region a resource is managed in: its own `region` (@pulumi/aws 7), else its provider's. */
function regionOf(r: StackResource): { known: boolean; value?: unknown } {
    const own = read(r.props, "region");
    if (!own.known || (own.value !== undefined && own.value !== null)) {
        return own;
    }
    return r.provider ? read(r.provider.props, "region") : { known: true, value: undefined };
}

function enabledOf(e: StackResource): boolean | undefined {
    const v = read(e.props, "enabled");
    if (!v.known) {
        return undefined;
    }
    return v.value === undefined || v.value === null || v.value === true || v.value === "true";
}

export const ec2RootVolumeEncrypted = stackPolicy({
    name: "ec2-root-volume-encrypted",
    description:
        "An EC2 instance, spot request, launch template or launch configuration that declares no root block device boots " +
        "from the AMI's snapshot unencrypted unless EBS encryption by default is on. It must declare its root device (encrypted, " +
        "judged by ec2-block-devices-encrypted) or run where the stack turns EBS encryption by default on: an " +
        "aws.ebs.EncryptionByDefault with enabled true under the same provider and region (SC-28, SC-28(1)). A launch " +
        "template's root device is its /dev/xvda or /dev/sda1 mapping; an instance launched from a template takes the template's.",
    summary: "Instances, templates and launch configurations declare an encrypted root device or run with EBS encryption by default on",
    severity: "high",
    controls: ["SC-28", "SC-28(1)"],
    anchors: [
        "aws-ec2-instance-disallow-unencrypted-root-block-device",
        "aws-ec2-launchconfiguration-disallow-unencrypted-root-block-device",
    ],
    remediationSteps:
        "Declare the root device encrypted (`rootBlockDevice: { encrypted: true, kmsKeyId }`; launch templates: a " +
        "`blockDeviceMappings` entry for the AMI's root device name with `ebs: { encrypted: \"true\", kmsKeyId }`), or add " +
        "`new aws.ebs.EncryptionByDefault(\"ebs-default\", { enabled: true })` to the stack with the same provider, and make " +
        "instances depend on it (`dependsOn`) so none launches before it is on.",
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, ENCRYPTION_BY_DEFAULT],
    noVerdict: [
        {
            when: "the resource declares its root block device, or uses a launch template",
            why: "ec2-block-devices-encrypted judges a declared device; a launch template is judged itself",
        },
        {
            when: "an aws.ebs.EncryptionByDefault with enabled true covers the same provider and region",
            why: "every volume the AMI's snapshot creates there is encrypted",
        },
    ],
    validate: (ctx) => {
        const capacity = ctx.ofType(INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION);
        if (capacity.length === 0) {
            return;
        }
        const defaults = ctx.ofType(ENCRYPTION_BY_DEFAULT);
        for (const r of capacity) {
            const label = `${NOUN[r.type]} "${r.name}"`;
            const root = rootDevice(r);
            if (root === "declared") {
                continue;
            }
            if (root === "unknown") {
                ctx.cannotVerify(r, `whether ${label} declares its root block device`);
                continue;
            }
            // Which EncryptionByDefault, if any, covers this resource's account and region?
            const region = regionOf(r);
            let proven: StackResource | undefined;
            let undecided = false;
            for (const e of defaults) {
                const theirs = regionOf(e);
                const sameProvider = (e.provider?.urn ?? "") === (r.provider?.urn ?? "");
                const on = enabledOf(e);
                if (!theirs.known || !region.known || on === undefined) {
                    undecided = undecided || sameProvider;
                    continue;
                }
                if (theirs.value !== region.value || on === false) {
                    continue;
                }
                if (sameProvider) {
                    proven = e;
                    break;
                }
                undecided = true; // same region through another provider: maybe the same account, maybe not
            }
            if (proven) {
                if (SINGLE_INSTANCE_TYPES.has(r.type) && !r.dependencies.includes(proven.urn)) {
                    ctx.advisory(
                        r,
                        `${label} relies on EBS encryption by default ("${proven.name}") but does not depend on it: on a first deploy it may ` +
                            `launch before encryption by default is on; add dependsOn: [${proven.name}] or declare rootBlockDevice encrypted.`,
                    );
                }
                continue;
            }
            if (undecided) {
                ctx.cannotVerify(r, `whether EBS encryption by default is on for the account and region of ${label}`);
                continue;
            }
            ctx.violation(
                r,
                `${label} declares no root block device, so its root volume comes from the AMI unencrypted unless EBS encryption by ` +
                    "default is on; declare the root device with encrypted: true and a kmsKeyId, or add an aws.ebs.EncryptionByDefault " +
                    "with enabled: true to this stack (same provider and region).",
            );
        }
    },
});
