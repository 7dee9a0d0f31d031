// ec2-root-volume-encrypted: a stack policy, because the proof can be another resource. An
// instance, spot request, launch template or launch configuration that declares no root block
// device boots from the AMI's snapshot as it is: unencrypted, unless EBS encryption by default is
// on for that account and region. So it must either declare its root device (whose encryption
// ec2-block-devices-encrypted judges) or run where this stack turns encryption by default on:
// an aws.ebs.EncryptionByDefault with enabled true under the same provider and region (SC-28).

import {
    EBS_ENCRYPTION_BY_DEFAULT,
    EC2_INSTANCE,
    labelFor,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    readTyped,
    SPOT_INSTANCE_REQUEST,
    StackContext,
    stackPolicy,
    StackResource,
    STRING,
} from "../../lib";
import { SINGLE_INSTANCE_TYPES, templateSupplies } from "./capacity";

// The root device of an EC2 instance is /dev/sda1 or /dev/xvda
// (https://docs.aws.amazon.com/ebs/latest/userguide/device_naming.html).
const ROOT_DEVICE_NAMES: ReadonlySet<string> = new Set(["/dev/sda1", "/dev/xvda"]);

type Verdict = "declared" | "undeclared" | "unknown" | "malformed";

/**
 * Does the resource declare its root device (so its encryption is judged where it is declared)?
 * A root device or mapping of the wrong type is reported (mandatory) and ends the check.
 */
function rootDevice(ctx: StackContext<unknown>, r: StackResource): Verdict {
    const supplied = ctx.settle(r, templateSupplies(r.type, r.props, "rootBlockDevice"));
    if (!supplied.ok) {
        return "malformed";
    }
    if (supplied.value === true) {
        return "declared"; // the launch template supplies it, and is judged itself
    }
    if (r.type !== LAUNCH_TEMPLATE) {
        const root = ctx.readObject(r, "rootBlockDevice", { quiet: true });
        return !root.ok ? (root.unknown ? "unknown" : "malformed") : root.value === undefined ? "undeclared" : "declared";
    }
    const mappings = ctx.readArray(r, "blockDeviceMappings", { quiet: true });
    if (!mappings.ok) {
        return mappings.unknown ? "unknown" : "malformed";
    }
    let verdict: Verdict = "undeclared";
    for (const [i, m] of (mappings.value ?? []).entries()) {
        const at = `blockDeviceMappings[${i}]`;
        const name = ctx.readString(r, "deviceName", { from: m, at, quiet: true });
        const ebs = ctx.readObject(r, "ebs", { from: m, at, quiet: true });
        if ((!name.ok && !name.unknown) || (!ebs.ok && !ebs.unknown)) {
            verdict = "malformed";
        } else if (!name.ok || !ebs.ok) {
            verdict = verdict === "malformed" ? verdict : "unknown";
        } else if (name.value !== undefined && ROOT_DEVICE_NAMES.has(name.value) && ebs.value !== undefined) {
            return "declared";
        }
    }
    return verdict;
}

/** A region as judged: a string, or undefined when neither the resource nor its provider sets one. */
type Region = { readonly known: true; readonly value: string | undefined } | { readonly known: false; readonly malformed: boolean };

/** The region a resource is managed in: its own `region` (@pulumi/aws 7), else its provider's. */
function regionOf(ctx: StackContext<unknown>, r: StackResource): Region {
    const own = ctx.readString(r, "region", { quiet: true });
    if (!own.ok) {
        return { known: false, malformed: !own.unknown };
    }
    if (own.value !== undefined || !r.provider) {
        return { known: true, value: own.value };
    }
    const theirs = ctx.settle(r, readTyped(r.provider.props, "region", STRING), { quiet: true, label: `AWS provider "${r.provider.name}"` });
    return theirs.ok ? { known: true, value: theirs.value } : { known: false, malformed: !theirs.unknown };
}

/** Whether an EncryptionByDefault is on: `enabled` absent means on (AWS's default); undefined when unknown or malformed. */
function enabledOf(ctx: StackContext<unknown>, e: StackResource): boolean | "malformed" | undefined {
    const v = ctx.readBoolean(e, "enabled", { quiet: true });
    return !v.ok ? (v.unknown ? undefined : "malformed") : v.value !== false;
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
    remediationSteps:
        "Declare the root device encrypted (`rootBlockDevice: { encrypted: true, kmsKeyId }`; launch templates: a " +
        "`blockDeviceMappings` entry for the AMI's root device name with `ebs: { encrypted: \"true\", kmsKeyId }`), or add " +
        "`new aws.ebs.EncryptionByDefault(\"ebs-default\", { enabled: true })` to the stack with the same provider, and make " +
        "instances depend on it (`dependsOn`) so none launches before it is on.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, EBS_ENCRYPTION_BY_DEFAULT],
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
        const capacity = ctx.ofType(EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION);
        if (capacity.length === 0) {
            return;
        }
        // Each EncryptionByDefault read once: a malformed region or flag is reported against it and proves nothing.
        const defaults = ctx.ofType(EBS_ENCRYPTION_BY_DEFAULT).flatMap((e) => {
            const region = regionOf(ctx, e);
            const on = enabledOf(ctx, e);
            return (!region.known && region.malformed) || on === "malformed" ? [] : [{ e, region, on }];
        });
        for (const r of capacity) {
            const label = labelFor(r.type, r.name);
            const root = rootDevice(ctx, r);
            if (root === "declared" || root === "malformed") {
                continue; // malformed: reported (mandatory, unwaivable)
            }
            if (root === "unknown") {
                ctx.cannotVerify(r, `whether ${label} declares its root block device`);
                continue;
            }
            // Which EncryptionByDefault, if any, covers this resource's account and region?
            const region: Region = defaults.length === 0 ? { known: true, value: undefined } : regionOf(ctx, r);
            if (!region.known && region.malformed) {
                continue; // reported
            }
            let proven: StackResource | undefined;
            let undecided = false;
            for (const { e, region: theirs, on } of defaults) {
                const sameProvider = (e.provider?.urn ?? "") === (r.provider?.urn ?? "");
                if (!theirs.known || !region.known || on === undefined) {
                    undecided = undecided || sameProvider;
                    continue;
                }
                if (theirs.value !== region.value || !on) {
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
