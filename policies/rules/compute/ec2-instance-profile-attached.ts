// ec2-instance-profile-attached: an instance gets AWS credentials from an instance profile (a role
// with short-lived, rotated credentials), never from access keys baked into user data or files
// (AC-2, IA-5(7); cdk-nag EC2InstanceProfileAttached, KICS "EC2 Instance Using API Keys").

import { Guard, OBJECT, resourcePolicy, STRING } from "../../lib";
import { INSTANCE, LAUNCH_CONFIGURATION, SPOT_INSTANCE_REQUEST, templateSupplies } from "./capacity";

/** The profile's name, or the aws.iam.InstanceProfile itself (the SDK takes either; a resource arrives as an object). */
const PROFILE: Guard<string | Readonly<Record<string, unknown>>> = {
    expected: "a string (the instance profile's name)",
    parse: (v) => STRING.parse(v) ?? OBJECT.parse(v),
};

export const ec2InstanceProfileAttached = resourcePolicy({
    name: "ec2-instance-profile-attached",
    description:
        "EC2 instances, spot requests and launch configurations must name an IAM instance profile: the instance's software " +
        "then gets short-lived role credentials from the metadata service instead of access keys written into user data or " +
        "files (AC-2, IA-5(7)). Launch templates are not required to name one (EKS managed node groups reject a template " +
        "that does); an instance launched from a template without its own iamInstanceProfile takes the template's.",
    summary: "EC2 instances, spot requests and launch configurations run with an IAM instance profile",
    severity: "medium",
    controls: ["AC-2", "IA-5(7)"],
    anchors: [
        "NIST.800.53.R5-EC2InstanceProfileAttached",
        "0b93729a-d882-4803-bdc3-ac429a21f158", // KICS: EC2 Instance Using API Keys
    ],
    remediationSteps:
        "Create an `aws.iam.InstanceProfile` for a least-privilege role and set `iamInstanceProfile` to it (its name) on the " +
        "instance, spot request or launch configuration.",
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_CONFIGURATION],
    noVerdict: [
        {
            when: "the instance profile is unknown at preview",
            why: "a computed profile name comes from an aws.iam.InstanceProfile of the stack, i.e. attached",
        },
        {
            when: "iamInstanceProfile is an object",
            why: "the SDK takes the profile's name or the aws.iam.InstanceProfile itself, and a resource reference may arrive as an object: it names a profile",
        },
        {
            when: "an instance or spot request sets no iamInstanceProfile and launches from a launch template",
            why: "it takes the template's profile; templates are not judged (EKS managed node groups reject one that names a profile), so such an instance may run without one",
        },
    ],
    validate: (ctx) => {
        const supplied = ctx.settle(templateSupplies(ctx.type, ctx.props, "iamInstanceProfile"));
        if (!supplied.ok || supplied.value === true) {
            return; // malformed launchTemplate (reported), or the template supplies it
        }
        // A computed profile name (from an aws.iam.InstanceProfile of the stack) counts as set.
        const profile = ctx.readAs("iamInstanceProfile", PROFILE, { quiet: true });
        if (profile.ok && (profile.value === undefined || profile.value === "")) {
            ctx.violation(`${ctx.label} has no IAM instance profile; set iamInstanceProfile to an aws.iam.InstanceProfile of a least-privilege role.`);
        }
    },
});
