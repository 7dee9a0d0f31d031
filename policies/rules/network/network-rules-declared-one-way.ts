// network-rules-declared-one-way: a stack policy, because the conflict is a relation between a
// container and the rule resources that point at it. The AWS provider manages a security group's
// rules either inline (`ingress`/`egress`) or as rule resources, never both: mixed, each update
// overwrites the other's rules, so what is deployed is not what was reviewed (CM-2, CM-6, SC-7).
// The same holds for the two kinds of rule resource on one security group (aws.ec2.SecurityGroupRule
// and aws.vpc.SecurityGroupIngressRule/EgressRule), for network ACLs (inline `ingress`/`egress` and
// aws.ec2.NetworkAclRule) and for route tables (inline `routes` and aws.ec2.Route) — the provider
// documents each. aws.ec2.DefaultNetworkAcl treats its inline rules as the whole set, so any rule
// resource on it conflicts (a rule resource on aws.ec2.DefaultSecurityGroup, which treats its rules
// the same way, is vpc-default-security-group-closed's: the default group may have no rule at all). A rule is tied to its container by
// the id it names or, during a preview, by the property dependency the engine records; a tie that
// cannot be proven is an advisory. AWSGuard: security-group-no-rule-management-conflicts.

import {
    DEFAULT_NETWORK_ACL,
    DEFAULT_ROUTE_TABLE,
    NETWORK_ACL,
    NETWORK_ACL_RULE,
    ROUTE,
    ROUTE_TABLE,
    SECURITY_GROUP,
    SECURITY_GROUP_EGRESS_RULE,
    SECURITY_GROUP_INGRESS_RULE,
    SECURITY_GROUP_RULE,
    stackPolicy,
    StackContext,
    StackResource,
} from "../../lib";

interface Family {
    /** How messages name a container: "Security group". */
    readonly noun: string;
    /** Container types → the inline properties that hold rules; `authoritative`: any rule resource conflicts. */
    readonly containers: Readonly<Record<string, { readonly inline: readonly string[]; readonly authoritative: boolean }>>;
    /** Rule resource types → the property naming their container. */
    readonly rules: Readonly<Record<string, string>>;
    /** Rule types that must not be mixed with each other on one container (the provider's warning). */
    readonly exclusiveRuleTypes?: readonly [readonly string[], readonly string[]];
}

const FAMILIES: readonly Family[] = [
    {
        noun: "Security group",
        containers: {
            // aws.ec2.DefaultSecurityGroup is left to vpc-default-security-group-closed: it may have no rule at all.
            [SECURITY_GROUP]: { inline: ["ingress", "egress"], authoritative: false },
        },
        rules: { [SECURITY_GROUP_RULE]: "securityGroupId", [SECURITY_GROUP_INGRESS_RULE]: "securityGroupId", [SECURITY_GROUP_EGRESS_RULE]: "securityGroupId" },
        exclusiveRuleTypes: [[SECURITY_GROUP_RULE], [SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_EGRESS_RULE]],
    },
    {
        noun: "Network ACL",
        containers: {
            [NETWORK_ACL]: { inline: ["ingress", "egress"], authoritative: false },
            [DEFAULT_NETWORK_ACL]: { inline: ["ingress", "egress"], authoritative: true },
        },
        rules: { [NETWORK_ACL_RULE]: "networkAclId" },
    },
    {
        noun: "Route table",
        containers: {
            [ROUTE_TABLE]: { inline: ["routes"], authoritative: false },
            [DEFAULT_ROUTE_TABLE]: { inline: ["routes"], authoritative: false },
        },
        rules: { [ROUTE]: "routeTableId" },
    },
];

const TYPE_NAMES: Readonly<Record<string, string>> = {
    [SECURITY_GROUP_RULE]: "aws.ec2.SecurityGroupRule",
    [SECURITY_GROUP_INGRESS_RULE]: "aws.vpc.SecurityGroupIngressRule",
    [SECURITY_GROUP_EGRESS_RULE]: "aws.vpc.SecurityGroupEgressRule",
    [NETWORK_ACL_RULE]: "aws.ec2.NetworkAclRule",
    [ROUTE]: "aws.ec2.Route",
};

const quoted = (rs: readonly StackResource[]) => rs.map((r) => `"${r.name}"`).join(", ");

function judgeFamily(ctx: StackContext<unknown>, family: Family): void {
    const containerTypes = Object.keys(family.containers);
    const containers = ctx.ofType(...containerTypes);
    if (containers.length === 0) {
        return;
    }
    // Rule resources by the container they name (DefaultRouteTable is named by its defaultRouteTableId too).
    const rulesByContainer = new Map<string, StackResource[]>();
    const untied: StackResource[] = [];
    for (const [ruleType, prop] of Object.entries(family.rules)) {
        for (const rule of ctx.ofType(ruleType)) {
            const refs = ctx.resolveRefs(rule, prop, containerTypes, ["id", "defaultRouteTableId"]);
            for (const c of refs.resources) {
                rulesByContainer.set(c.urn, [...(rulesByContainer.get(c.urn) ?? []), rule]);
            }
            if (refs.resources.length === 0 && refs.listUnknown) {
                untied.push(rule);
            }
        }
    }
    let inlineSomewhere = false;
    for (const container of containers) {
        const spec = family.containers[container.type];
        const label = `${family.noun} "${container.name}"`;
        const inline: string[] = [];
        let inlineUnknown = false;
        for (const prop of spec.inline) {
            // Typed: inline rules are a list; anything else is the unwaivable "Cannot evaluate", not "declares inline" (issue 15).
            const v = ctx.readArray(container, prop, { quiet: true });
            if (!v.ok) {
                inlineUnknown ||= v.unknown;
            } else if ((v.value ?? []).length > 0) {
                inline.push(prop);
            }
        }
        const declaresInline = spec.authoritative || inline.length > 0;
        inlineSomewhere ||= declaresInline || inlineUnknown;
        const rules = rulesByContainer.get(container.urn) ?? [];
        if (rules.length > 0 && declaresInline) {
            const how = spec.authoritative
                ? `is managed as a whole by ${container.type.split(":").pop()}`
                : `declares inline ${inline.map((p) => `\`${p}\``).join(" and ")}`;
            ctx.violation(
                container,
                `${label} ${how} and also has rule resources ${quoted(rules)} (${[...new Set(rules.map((r) => TYPE_NAMES[r.type]))].join(", ")}); ` +
                    "the provider overwrites one with the other on every update: declare its rules one way only.",
            );
            continue;
        }
        if (rules.length > 0 && inlineUnknown) {
            ctx.cannotVerify(container, `whether ${family.noun.toLowerCase()} "${container.name}" also declares inline rules`);
            continue;
        }
        if (family.exclusiveRuleTypes) {
            const [a, b] = family.exclusiveRuleTypes.map((types) => rules.filter((r) => types.includes(r.type)));
            if (a.length > 0 && b.length > 0) {
                ctx.violation(
                    container,
                    `${label} has rules as ${TYPE_NAMES[a[0].type]} (${quoted(a)}) and as ${[...new Set(b.map((r) => TYPE_NAMES[r.type]))].join(" / ")} ` +
                        `(${quoted(b)}); the provider documents the two as conflicting: use aws.vpc.SecurityGroupIngressRule / EgressRule only.`,
                );
            }
        }
    }
    if (inlineSomewhere) {
        for (const rule of untied) {
            ctx.cannotVerify(rule, `which ${family.noun.toLowerCase()} ${TYPE_NAMES[rule.type]} "${rule.name}" belongs to (it may conflict with inline rules)`);
        }
    }
}

export const networkRulesDeclaredOneWay = stackPolicy({
    name: "network-rules-declared-one-way",
    description:
        "A security group, network ACL or route table declares its rules one way: inline (`ingress`/`egress`, `routes`) " +
        "or as rule resources (aws.vpc.SecurityGroupIngressRule/EgressRule, aws.ec2.SecurityGroupRule, " +
        "aws.ec2.NetworkAclRule, aws.ec2.Route), never both, and a security group never mixes the two kinds of rule " +
        "resource. Mixed, the provider overwrites one set with the other on every update, so the deployed boundary is " +
        "not the reviewed one (CM-2, CM-6, SC-7).",
    summary: "Security groups, network ACLs and route tables declare rules inline or as rule resources, never both",
    severity: "medium",
    controls: ["CM-2", "CM-6", "SC-7"],
    remediationSteps:
        "Move every rule of the container to one form: preferably rule resources (aws.vpc.SecurityGroupIngressRule / " +
        "EgressRule with one CIDR or peer each, aws.ec2.Route, aws.ec2.NetworkAclRule) with no inline `ingress`/`egress`/" +
        "`routes`. aws.ec2.DefaultNetworkAcl takes no rule resources at all.",
    resourceTypes: [
        SECURITY_GROUP,
        SECURITY_GROUP_RULE,
        SECURITY_GROUP_INGRESS_RULE,
        SECURITY_GROUP_EGRESS_RULE,
        NETWORK_ACL,
        DEFAULT_NETWORK_ACL,
        NETWORK_ACL_RULE,
        ROUTE_TABLE,
        DEFAULT_ROUTE_TABLE,
        ROUTE,
    ],
    noVerdict: [
        {
            when: "a rule resource targets an aws.ec2.DefaultSecurityGroup",
            why: "vpc-default-security-group-closed judges the default group: it may have no rule at all",
        },
        {
            when: "a rule resource names, by a known id, a container this stack does not declare",
            why: "no inline rule of this stack can conflict with it; the container's own inline rules are declared, and judged, in the stack that declares it",
        },
        {
            when: "a rule resource's container cannot be tied at preview, and no container of the stack declares (or may declare) inline rules",
            why: "there is no inline rule it could conflict with; a mix of the two kinds of security-group rule resource on that group is judged at the update, when the id is known",
        },
    ],
    validate: (ctx) => {
        for (const family of FAMILIES) {
            judgeFamily(ctx, family);
        }
    },
});
