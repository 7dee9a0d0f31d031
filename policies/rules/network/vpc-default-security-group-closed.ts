// vpc-default-security-group-closed: a stack policy, because adoption is a relation: AWS gives every
// VPC a default security group that lets its members talk to each other on every port and sends
// anything anywhere, and anything launched without a group lands in it. Only an
// aws.ec2.DefaultSecurityGroup that refers to the VPC (by its id, or — during a preview — by the
// property dependency the engine records) removes those rules; it must then declare none, and no
// standalone rule may add one (SC-7, SC-7(5), AC-4, CM-7). Security Hub EC2.2, CIS AWS Foundations,
// cdk-nag VPCDefaultSecurityGroupClosed. A tie that cannot be proven is an advisory, never assumed.

import {
    AWSX_VPC,
    DEFAULT_SECURITY_GROUP,
    DEFAULT_VPC,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    stackPolicy,
    StackResource,
    VPC,
} from "../../lib";

// awsx.ec2.Vpc is a remote component: its default group is adopted with `vpcId: vpc.vpcId`.
const VPC_TYPES = [VPC, DEFAULT_VPC, AWSX_VPC] as const;
const RULE_TYPES = [SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_EGRESS_RULE] as const;

export const vpcDefaultSecurityGroupClosed = stackPolicy({
    name: "vpc-default-security-group-closed",
    description:
        "Every VPC's default security group must be adopted with an aws.ec2.DefaultSecurityGroup that refers to the VPC " +
        "and declares no ingress and no egress rule, and no standalone rule may target it: left as AWS creates it, it " +
        "allows all traffic between its members and all egress, and anything launched without a group lands in it " +
        "(SC-7(5) deny by default).",
    summary: "Every VPC's default security group is adopted (aws.ec2.DefaultSecurityGroup) and has no rules",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "AC-4", "CM-7"],
    remediationSteps:
        "Add `new aws.ec2.DefaultSecurityGroup(name, { vpcId: vpc.id })` (awsx: `vpc.vpcId`) with no `ingress` and no " +
        "`egress`: adopting it removes AWS's default rules. Put every rule on a purpose-made aws.ec2.SecurityGroup " +
        "instead, never on the default group.",
    resourceTypes: [...VPC_TYPES, DEFAULT_SECURITY_GROUP, ...RULE_TYPES],
    noVerdict: [],
    validate: (ctx) => {
        const defaults = ctx.ofType(DEFAULT_SECURITY_GROUP);
        const vpcs = ctx.ofType(...VPC_TYPES);
        if (defaults.length === 0 && vpcs.length === 0) {
            return;
        }

        // Which VPCs have their default group adopted. No vpcId means the default VPC's group.
        const adopted = new Set<string>();
        let untied = 0;
        for (const group of defaults) {
            const vpcId = ctx.read(group.props, "vpcId");
            if (vpcId.known && (vpcId.value === undefined || vpcId.value === null)) {
                ctx.ofType(DEFAULT_VPC).forEach((v) => adopted.add(v.urn));
                continue;
            }
            const refs = ctx.resolveRefs(group, "vpcId", VPC_TYPES, ["id", "vpcId"]);
            refs.resources.forEach((v) => adopted.add(v.urn));
            if (refs.resources.length === 0 && refs.listUnknown) {
                untied++; // an unknown id with no recorded source: it may be any VPC's
            }
        }
        for (const vpc of vpcs) {
            if (adopted.has(vpc.urn)) {
                continue;
            }
            if (untied > 0) {
                ctx.cannotVerify(vpc, `whether VPC "${vpc.name}"'s default security group is adopted (a DefaultSecurityGroup's vpcId cannot be tied to a VPC)`);
            } else {
                ctx.violation(
                    vpc,
                    `VPC "${vpc.name}" leaves its default security group with AWS's rules (all traffic between members, all ` +
                        "egress); adopt it with an aws.ec2.DefaultSecurityGroup whose vpcId refers to this VPC and that declares no rules.",
                );
            }
        }

        // The adopted groups declare nothing.
        for (const group of defaults) {
            const counts: string[] = [];
            for (const direction of ["ingress", "egress"] as const) {
                // Typed: unknown → advisory; not a list → mandatory, never waived.
                const rules = ctx.readArray(group, direction, { what: `default security group "${group.name}" ${direction}` });
                if (rules.ok && rules.value !== undefined && rules.value.length > 0) {
                    counts.push(`${rules.value.length} ${direction} rule(s)`);
                }
            }
            if (counts.length > 0) {
                ctx.violation(
                    group,
                    `Default security group "${group.name}" declares ${counts.join(" and ")}; remove them: the default group ` +
                        "must allow nothing (put the rules on a purpose-made security group).",
                );
            }
        }

        // No standalone rule adds to an adopted default group (tied by id or dependency).
        if (defaults.length === 0) {
            return;
        }
        for (const rule of ctx.ofType(...RULE_TYPES)) {
            const refs = ctx.resolveRefs(rule, "securityGroupId", [DEFAULT_SECURITY_GROUP, SECURITY_GROUP]);
            const target: StackResource | undefined = refs.resources.find((r) => r.type === DEFAULT_SECURITY_GROUP);
            if (target) {
                ctx.violation(
                    rule,
                    `Security group rule "${rule.name}" adds a rule to default security group "${target.name}"; the default ` +
                        "group must allow nothing: attach the rule to a purpose-made security group.",
                );
            } else if (refs.resources.length === 0 && refs.listUnknown) {
                ctx.cannotVerify(rule, `whether security group rule "${rule.name}" targets a default security group`);
            }
        }
    },
});
