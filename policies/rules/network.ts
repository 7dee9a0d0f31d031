// Network boundary and edge (SC-7 boundary protection, SC-8/SC-13 TLS, AU-2/AU-12 logging,
// SI-10 input validation): what the internet can reach, how, and what is recorded about it.

import {
    describeRange,
    findGlobMatch,
    GovPolicy,
    IngressEntry,
    ingressEntries,
    INGRESS_TYPES,
    isUnknown,
    portRange,
    Read,
    read,
    resourcePolicy,
    SECURITY_GROUP,
    stackPolicy,
    StackResource,
    worldExposure,
    worldSources,
} from "../lib";

const LOAD_BALANCER_TYPES = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
const LISTENER_TYPES = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"] as const;

function ruleLabel(type: string, name: string, entry: IngressEntry): string {
    return type === SECURITY_GROUP ? `Security group "${name}" ${entry.label}` : `Security group rule "${name}"`;
}

type WorldOpen = { kind: "none" } | { kind: "possible" } | { kind: "definite"; ports: string; sources: readonly string[] };

/** Whether an entry opens any port outside `allowed` to 0.0.0.0/0 or ::/0. */
export function worldOpenBeyond(entry: IngressEntry, allowed: ReadonlySet<number>): WorldOpen {
    const sources = worldSources(entry.cidrs);
    const unknownSource = entry.cidrs.some((c) => isUnknown(c));
    if (sources.length === 0 && !unknownSource) {
        return { kind: "none" };
    }
    const range = portRange(entry);
    if (range.kind === "none") {
        // ICMP has no ports; world ICMP is not a listening service.
        return { kind: "none" };
    }
    if (range.kind === "unknown") {
        return { kind: "possible" };
    }
    if (range.kind === "range") {
        const width = range.to - range.from + 1;
        let inside = 0;
        for (const p of allowed) {
            if (p >= range.from && p <= range.to) {
                inside++;
            }
        }
        if (inside === width) {
            return { kind: "none" };
        }
    }
    if (sources.length === 0 || entry.uncertain) {
        return { kind: "possible" };
    }
    return { kind: "definite", ports: describeRange(range), sources };
}

export const securityGroupWorldIngressWebOnly = resourcePolicy({
    name: "security-group-world-ingress-web-only",
    description:
        "Security groups and rules may open only the web ports (80/443 by default) to 0.0.0.0/0 or ::/0: every other " +
        "service is reached from inside the VPC, through the load balancer, or not at all (SC-7 deny by default).",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "CM-7"],
    remediationSteps:
        "Replace the world CIDR with the security group or private CIDR that needs the port, and narrow protocol \"-1\" / " +
        "0-65535 rules to the one port the service listens on.",
    resourceTypes: INGRESS_TYPES,
    options: {
        worldOpenPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "The only ports that may be open to the whole internet (and then only on a load balancer's group).",
        },
    },
    validate: (ctx) => {
        const allowed = new Set(ctx.config.worldOpenPorts);
        const { entries, unknown } = ingressEntries(ctx.type, ctx.props);
        if (unknown) {
            ctx.cannotVerify("ingress");
        }
        for (const entry of entries) {
            const open = worldOpenBeyond(entry, allowed);
            if (open.kind === "definite") {
                ctx.violation(
                    `${ruleLabel(ctx.type, ctx.name, entry)} opens ${open.ports} to ${open.sources.join(", ")}; only ports ` +
                        `${[...allowed].join(", ")} may be open to the internet.`,
                );
            } else if (open.kind === "possible") {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports, source CIDRs or rule type`);
            }
        }
    },
});

export const securityGroupNoWorldAdminPorts = resourcePolicy({
    name: "security-group-no-world-admin-ports",
    description:
        "No security group or rule may open SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0: remote administration goes " +
        "through SSM Session Manager or a bastion reached over the VPN, never straight from the internet (AC-17, SC-7).",
    severity: "critical",
    controls: ["AC-17", "SC-7", "CM-7"],
    remediationSteps:
        "Delete the rule and use SSM Session Manager (no inbound port at all), or restrict the source to the operators' " +
        "VPN CIDR or a bastion's security group.",
    resourceTypes: INGRESS_TYPES,
    options: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 3389],
            description: "Remote-administration ports that must never be open to the internet.",
        },
    },
    validate: (ctx) => {
        const { entries, unknown } = ingressEntries(ctx.type, ctx.props);
        if (unknown) {
            ctx.cannotVerify("ingress");
        }
        for (const entry of entries) {
            const exposure = worldExposure(entry, ctx.config.adminPorts);
            if (exposure.ports.length > 0) {
                ctx.violation(
                    `${ruleLabel(ctx.type, ctx.name, entry)} opens remote-administration port(s) ${exposure.ports.join(", ")} to ` +
                        `${exposure.sources.join(", ")}; use SSM Session Manager or a VPN/bastion source instead.`,
                );
            } else if (exposure.possible) {
                ctx.cannotVerify(`${entry.label || "the rule"}'s protocol, ports, source CIDRs or rule type`);
            }
        }
    },
});

const PREFIX_LIST_TYPES = ["aws:ec2/managedPrefixList:ManagedPrefixList", "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry"] as const;

/**
 * A security group rule can name a managed prefix list instead of CIDRs (`prefixListIds`,
 * `prefixListId`), and the world-ingress policies above only see CIDRs: a prefix list that holds
 * the whole internet would open a group to everyone unseen. So the list itself is judged.
 */
export const managedPrefixListNoWorldCidr = resourcePolicy({
    name: "managed-prefix-list-no-world-cidr",
    description:
        "Managed prefix lists must not contain 0.0.0.0/0, ::/0 or CIDRs that together cover every address: a security " +
        "group rule that references such a list is open to the whole internet, and the world-ingress policies only see " +
        "CIDRs written in the rule (SC-7, AC-4).",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps:
        "List the specific source ranges in the prefix list. For internet-facing web traffic, open 443 with a CIDR on the load " +
        "balancer's security group instead (security-group-world-web-only-load-balancer judges it).",
    resourceTypes: PREFIX_LIST_TYPES,
    validate: (ctx) => {
        const single = ctx.type === PREFIX_LIST_TYPES[1];
        const label = single ? `Managed prefix list entry "${ctx.name}"` : `Managed prefix list "${ctx.name}"`;
        const reads: Read[] = [];
        if (single) {
            reads.push(ctx.read("cidr"));
        } else {
            const entries = ctx.read("entries");
            if (!entries.known) {
                return ctx.cannotVerify("entries");
            }
            for (const entry of Array.isArray(entries.value) ? entries.value : []) {
                reads.push(read(entry, "cidr"));
            }
        }
        const world = worldSources(reads.map((r) => (r.known ? r.value : undefined)));
        if (world.length > 0) {
            ctx.violation(`${label} contains ${world.join(", ")} (every address): a security group rule that references it is open to the internet; list the specific ranges instead.`);
        } else if (reads.some((r) => !r.known)) {
            ctx.cannotVerify(single ? "cidr" : "entries' cidr");
        }
    },
});

export const securityGroupWorldWebOnlyLoadBalancer = stackPolicy({
    name: "security-group-world-web-only-load-balancer",
    description:
        "World-open web ports (80/443) are allowed only on a load balancer's security group: instances and tasks are never " +
        "addressable from the internet, only the load balancer (and its WAF) is (SC-7, SC-7(3)).",
    severity: "high",
    controls: ["SC-7", "SC-7(3)", "AC-4"],
    remediationSteps:
        "Move the world-open rule to the load balancer's security group and let the targets accept traffic only from that " +
        "group (`referencedSecurityGroupId`).",
    resourceTypes: [...INGRESS_TYPES, ...LOAD_BALANCER_TYPES],
    options: {
        worldOpenPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [80, 443],
            description: "The web ports that may be open to the internet on a load balancer's group.",
        },
    },
    validate: (ctx) => {
        const ports = ctx.config.worldOpenPorts;
        // Index once: the security groups any load balancer uses (by id, or by dependency at preview).
        const lbGroups = new Set<string>();
        let lbUnresolved = 0;
        for (const lb of ctx.ofType(...LOAD_BALANCER_TYPES)) {
            const refs = ctx.resolveRefs(lb, "securityGroups", [SECURITY_GROUP]);
            refs.resources.forEach((g) => lbGroups.add(g.urn));
            lbUnresolved += refs.unresolved;
        }
        const judge = (owner: StackResource, group: StackResource, where: string, open: string) => {
            if (lbGroups.has(group.urn)) {
                return;
            }
            if (lbUnresolved > 0) {
                ctx.cannotVerify(owner, `whether security group "${group.name}" belongs to a load balancer`);
                return;
            }
            ctx.violation(owner, `${where} opens ${open} to the internet, but security group "${group.name}" is not a load balancer's; only a load balancer may be world-reachable.`);
        };
        for (const r of ctx.ofType(...INGRESS_TYPES)) {
            const { entries } = ingressEntries(r.type, r.props);
            for (const entry of entries) {
                const exposure = worldExposure(entry, ports);
                if (exposure.ports.length === 0) {
                    continue;
                }
                const open = `port(s) ${exposure.ports.join(", ")}`;
                const where = ruleLabel(r.type, r.name, entry);
                if (r.type === SECURITY_GROUP) {
                    judge(r, r, where, open);
                    continue;
                }
                const groups = ctx.resolveRefs(r, "securityGroupId", [SECURITY_GROUP]);
                groups.resources.forEach((g) => judge(r, g, where, open));
                if (groups.unresolved > 0) {
                    ctx.cannotVerify(r, `which security group rule "${r.name}" belongs to`);
                }
            }
        }
    },
});

/** A listener's protocol, upper-cased; undefined for a Gateway LB listener (neither protocol nor port). */
function listenerProtocol(readProp: (path: string) => Read): Read<string | undefined> {
    const protocol = readProp("protocol");
    if (!protocol.known) {
        return protocol;
    }
    if (typeof protocol.value === "string") {
        return { known: true, value: protocol.value.toUpperCase() };
    }
    // No protocol: HTTP for an ALB listener (the provider's default); a Gateway LB listener has
    // neither protocol nor port, and is not a client-facing listener at all.
    const port = readProp("port");
    return { known: true, value: port.known && port.value === undefined ? undefined : "HTTP" };
}

/** Which actions are not a redirect to HTTPS (`field[i]` labels), and whether an unknown hides one. */
function judgeRedirectActions(list: readonly unknown[], field: string): { bad: string[]; unknown: boolean } {
    const bad: string[] = [];
    let unknown = false;
    list.forEach((action: unknown, i: number) => {
        const type = read(action, "type");
        const target = read(action, "redirect.protocol");
        if (!type.known) {
            unknown = true;
        } else if (type.value !== "redirect") {
            bad.push(`${field}[${i}] is "${String(type.value)}"`);
        } else if (!target.known) {
            unknown = true;
        } else if (typeof target.value !== "string" || target.value.toUpperCase() !== "HTTPS") {
            // Without a protocol the redirect keeps "#{protocol}", i.e. stays on HTTP.
            bad.push(`${field}[${i}] redirects to protocol ${JSON.stringify(target.value ?? "#{protocol}")}`);
        }
    });
    return { bad, unknown };
}

export const albHttpRedirectsToHttps = resourcePolicy({
    name: "alb-http-redirects-to-https",
    description:
        "Load balancer listeners on plain HTTP may only redirect to HTTPS: every default action must be a redirect with " +
        "protocol HTTPS, so no request or response crosses the network unencrypted (SC-8, SC-8(1)).",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-23"],
    remediationSteps:
        'Set the HTTP listener\'s `defaultActions` to `[{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", ' +
        'statusCode: "HTTP_301" } }]` and serve the application on an HTTPS listener.',
    resourceTypes: LISTENER_TYPES,
    validate: (ctx) => {
        const protocol = listenerProtocol((path) => ctx.read(path));
        if (!protocol.known) {
            ctx.cannotVerify("protocol");
            return;
        }
        if (protocol.value !== "HTTP") {
            return;
        }
        const actions = ctx.read("defaultActions");
        if (!actions.known) {
            ctx.cannotVerify("defaultActions");
            return;
        }
        const list = Array.isArray(actions.value) ? actions.value : [];
        if (list.length === 0) {
            ctx.violation(`HTTP listener "${ctx.name}" has no default action; make it a redirect to HTTPS.`);
            return;
        }
        const { bad, unknown } = judgeRedirectActions(list, "defaultActions");
        if (bad.length > 0) {
            ctx.violation(`HTTP listener "${ctx.name}" does not only redirect to HTTPS: ${bad.join("; ")}; use a redirect with protocol HTTPS.`);
        } else if (unknown) {
            ctx.cannotVerify("defaultActions");
        }
    },
});

const LISTENER_RULE_TYPES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"] as const;

export const albHttpListenerRulesRedirectOnly = stackPolicy({
    name: "alb-http-listener-rules-redirect-only",
    description:
        "Listener rules on a plain-HTTP listener may only redirect to HTTPS: a forward or fixed-response rule there would " +
        "serve traffic unencrypted even though the listener's default action redirects (SC-8, SC-8(1)).",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-23"],
    remediationSteps: "Attach the rule to the HTTPS listener instead, or make its action a redirect with protocol HTTPS.",
    resourceTypes: [...LISTENER_RULE_TYPES, ...LISTENER_TYPES],
    validate: (ctx) => {
        const rules = ctx.ofType(...LISTENER_RULE_TYPES);
        if (rules.length === 0) {
            return;
        }
        for (const rule of rules) {
            const refs = ctx.resolveRefs(rule, "listenerArn", LISTENER_TYPES);
            for (const listener of refs.resources) {
                const protocol = listenerProtocol((path) => ctx.read(listener.props, path));
                if (protocol.known && protocol.value !== "HTTP") {
                    continue;
                }
                const actions = ctx.read(rule.props, "actions");
                const judged = actions.known ? judgeRedirectActions(Array.isArray(actions.value) ? actions.value : [], "actions") : { bad: [], unknown: true };
                if (!protocol.known) {
                    if (judged.bad.length > 0 || judged.unknown) {
                        ctx.cannotVerify(rule, `the protocol of listener "${listener.name}"`);
                    }
                } else if (judged.bad.length > 0) {
                    ctx.violation(rule, `Listener rule "${rule.name}" on HTTP listener "${listener.name}" does not only redirect to HTTPS: ${judged.bad.join("; ")}; redirect to HTTPS or move the rule to the HTTPS listener.`);
                } else if (judged.unknown) {
                    ctx.cannotVerify(rule, `the actions of listener rule "${rule.name}"`);
                }
            }
            if (refs.unresolved > 0) {
                ctx.cannotVerify(rule, `which listener rule "${rule.name}" belongs to`);
            }
        }
    },
});

/**
 * FIPS 140 TLS 1.2/1.3 ELB policies. The Ext0/Ext1/Ext2 variants (CBC and SHA-1 suites for
 * legacy clients) and the TLS 1.0/1.1 FIPS policies are left out; add them per stack if needed.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export const DEFAULT_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

export const albListenerTlsPolicy = resourcePolicy({
    name: "alb-listener-tls-policy",
    description:
        "HTTPS and TLS listeners must use an allowed TLS policy (by default the FIPS 140 TLS 1.2/1.3 ELB policies): a " +
        "listener without one gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and non-FIPS ciphers (SC-8, SC-13).",
    severity: "high",
    controls: ["SC-8", "SC-8(1)", "SC-13"],
    remediationSteps: "Set `sslPolicy` to ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04 (or another policy in this policy's `allowedTlsPolicies`).",
    resourceTypes: LISTENER_TYPES,
    options: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_TLS_POLICIES,
            description: "ELB security policies HTTPS/TLS listeners may use.",
        },
    },
    validate: (ctx) => {
        const protocol = listenerProtocol((path) => ctx.read(path));
        if (!protocol.known) {
            ctx.cannotVerify("protocol");
            return;
        }
        if (protocol.value !== "HTTPS" && protocol.value !== "TLS") {
            return;
        }
        const policy = ctx.read("sslPolicy");
        const allowed = ctx.config.allowedTlsPolicies;
        if (!policy.known) {
            ctx.cannotVerify("sslPolicy");
        } else if (policy.value === undefined || policy.value === "") {
            ctx.violation(
                `${protocol.value} listener "${ctx.name}" has no sslPolicy, so AWS applies ELBSecurityPolicy-2016-08; ` +
                    `set sslPolicy to one of ${allowed.join(", ")}.`,
            );
        } else if (typeof policy.value !== "string" || !allowed.includes(policy.value)) {
            ctx.violation(`${protocol.value} listener "${ctx.name}" uses TLS policy "${String(policy.value)}"; use one of ${allowed.join(", ")}.`);
        }
    },
});

/** An ALB is what `loadBalancerType` says, "application" when absent (the provider's default). */
function albKind(read: (path: string) => { known: boolean; value?: unknown }): "alb" | "other" | "unknown" {
    const t = read("loadBalancerType");
    if (!t.known) {
        return "unknown";
    }
    return t.value === undefined || t.value === "application" ? "alb" : "other";
}

export const albWafAssociated = stackPolicy({
    name: "alb-waf-associated",
    description:
        "Internet-facing application load balancers must have a WAFv2 web ACL associated: managed rule groups and rate " +
        "limits filter attacks before they reach the application (SC-7, SI-4, SC-5).",
    severity: "high",
    controls: ["SC-7", "SI-4", "SC-5"],
    remediationSteps:
        "Add an aws.wafv2.WebAclAssociation with `resourceArn: alb.arn` and a REGIONAL web ACL (AWS managed common, known-bad-" +
        "inputs and IP reputation rule groups plus a rate-based rule).",
    resourceTypes: [...LOAD_BALANCER_TYPES, "aws:wafv2/webAclAssociation:WebAclAssociation"],
    validate: (ctx) => {
        const albs = ctx.ofType(...LOAD_BALANCER_TYPES);
        if (albs.length === 0) {
            return;
        }
        const protectedLbs = new Set<string>();
        let unresolved = 0;
        for (const assoc of ctx.ofType("aws:wafv2/webAclAssociation:WebAclAssociation")) {
            const refs = ctx.resolveRefs(assoc, "resourceArn", LOAD_BALANCER_TYPES);
            refs.resources.forEach((lb) => protectedLbs.add(lb.urn));
            unresolved += refs.unresolved;
        }
        for (const lb of albs) {
            if (protectedLbs.has(lb.urn)) {
                continue;
            }
            const internal = ctx.read(lb.props, "internal");
            const kind = albKind((p) => ctx.read(lb.props, p));
            if ((internal.known && internal.value === true) || kind === "other") {
                continue;
            }
            if (!internal.known || kind === "unknown" || unresolved > 0) {
                ctx.cannotVerify(lb, `whether load balancer "${lb.name}" is internet-facing and has a WAF association`);
                continue;
            }
            ctx.violation(lb, `Internet-facing load balancer "${lb.name}" has no WAFv2 web ACL association; associate a web ACL with it.`);
        }
    },
});

export const albAccessLogsEnabled = resourcePolicy({
    name: "alb-access-logs-enabled",
    description:
        "Application load balancers must write access logs to S3 (internal ones too): every request's client, path, TLS " +
        "version and outcome is the record incident response needs (AU-2, AU-3, AU-12).",
    severity: "medium",
    controls: ["AU-2", "AU-3", "AU-12"],
    remediationSteps: "Set `accessLogs: { bucket: <log bucket>, prefix: <name>, enabled: true }` (the bucket policy must let the regional ELB account write).",
    resourceTypes: LOAD_BALANCER_TYPES,
    validate: (ctx) => {
        const kind = albKind((p) => ctx.read(p));
        if (kind === "other") {
            return;
        }
        const enabled = ctx.read("accessLogs.enabled");
        const bucket = ctx.read("accessLogs.bucket");
        if (!enabled.known) {
            ctx.cannotVerify("accessLogs");
            return;
        }
        // A computed (unknown) bucket name counts as set.
        const off = enabled.value !== true || (bucket.known && (bucket.value === undefined || bucket.value === ""));
        if (!off) {
            return;
        }
        if (kind === "unknown") {
            ctx.cannotVerify("loadBalancerType");
        } else {
            ctx.violation(`Load balancer "${ctx.name}" does not write access logs; set accessLogs.enabled to true with an S3 bucket.`);
        }
    },
});

export const albDropsInvalidHeaders = resourcePolicy({
    name: "alb-drops-invalid-headers",
    description:
        "Application load balancers must drop invalid HTTP header fields, so malformed headers (a request-smuggling and " +
        "header-injection vector) never reach the application (SI-10, SC-7).",
    severity: "medium",
    controls: ["SI-10", "SC-7"],
    remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
    resourceTypes: LOAD_BALANCER_TYPES,
    validate: (ctx) => {
        const kind = albKind((p) => ctx.read(p));
        if (kind === "other") {
            return;
        }
        const drop = ctx.read("dropInvalidHeaderFields");
        if (!drop.known) {
            ctx.cannotVerify("dropInvalidHeaderFields");
        } else if (drop.value !== true) {
            if (kind === "unknown") {
                ctx.cannotVerify("loadBalancerType");
            } else {
                ctx.violation(`Load balancer "${ctx.name}" does not drop invalid header fields; set dropInvalidHeaderFields to true.`);
            }
        }
    },
});

export const subnetPrivateTierNoPublicIp = resourcePolicy({
    name: "subnet-private-tier-no-public-ip",
    description:
        "Subnets of the private tiers (tagged Tier=private/isolated, or so named) must not map public IPs on launch: an " +
        "instance or task there must never get an internet-routable address (SC-7).",
    severity: "high",
    controls: ["SC-7", "AC-4"],
    remediationSteps: "Set `mapPublicIpOnLaunch: false` (the default) on private and isolated subnets.",
    resourceTypes: ["aws:ec2/subnet:Subnet"],
    options: {
        tierTagKey: { type: "string", default: "Tier", description: "Tag whose value names the subnet's tier." },
        privateTierValues: {
            type: "array",
            items: { type: "string" },
            default: ["private", "isolated"],
            description: "Tier tag values (case-insensitive) that mark a private subnet.",
        },
        privateNamePatterns: {
            type: "array",
            items: { type: "string" },
            default: ["*private*", "*isolated*"],
            description: "Globs over the resource name and the Name tag that mark a private subnet.",
        },
    },
    validate: (ctx) => {
        const mapPublic = ctx.read("mapPublicIpOnLaunch");
        if (mapPublic.known && mapPublic.value !== true) {
            return;
        }
        const tier = ctx.read(`tags.${ctx.config.tierTagKey}`);
        const nameTag = ctx.read("tags.Name");
        const names = [ctx.name, nameTag.known && typeof nameTag.value === "string" ? nameTag.value : ""];
        const byTag = tier.known && typeof tier.value === "string" && ctx.config.privateTierValues.some((v) => v.toLowerCase() === (tier.value as string).toLowerCase());
        const byName = findGlobMatch(ctx.config.privateNamePatterns, names) !== undefined;
        if (!byTag && !byName) {
            if (!tier.known || !nameTag.known) {
                ctx.cannotVerify("the subnet's tier tags");
            }
            return;
        }
        if (!mapPublic.known) {
            ctx.cannotVerify("mapPublicIpOnLaunch");
            return;
        }
        ctx.violation(`Private-tier subnet "${ctx.name}" maps public IPs on launch; set mapPublicIpOnLaunch to false.`);
    },
});

const VPC_TYPES = ["aws:ec2/vpc:Vpc", "awsx:ec2:Vpc"] as const;
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

export const vpcFlowLogsEnabled = stackPolicy({
    name: "vpc-flow-logs-enabled",
    description:
        "Every VPC (aws.ec2.Vpc and awsx.ec2.Vpc) must have a VPC flow log: accepted and rejected connections at the " +
        "boundary are the record for monitoring and incident response (AU-2, AU-12, SI-4).",
    severity: "medium",
    controls: ["AU-2", "AU-12", "SI-4"],
    remediationSteps:
        "Add an aws.ec2.FlowLog with `vpcId: vpc.id` (awsx: `vpc.vpcId`), `trafficType: \"ALL\"` and a KMS-encrypted " +
        "CloudWatch log group or S3 destination.",
    resourceTypes: [...VPC_TYPES, FLOW_LOG],
    validate: (ctx) => {
        const vpcs = ctx.ofType(...VPC_TYPES);
        if (vpcs.length === 0) {
            return;
        }
        const logged = new Set<string>();
        let unresolved = 0;
        for (const flowLog of ctx.ofType(FLOW_LOG)) {
            const vpcId = ctx.read(flowLog.props, "vpcId");
            if (vpcId.known && vpcId.value === undefined) {
                continue; // a subnet- or ENI-level flow log
            }
            const refs = ctx.resolveRefs(flowLog, "vpcId", VPC_TYPES, ["id", "vpcId"]);
            refs.resources.forEach((v) => logged.add(v.urn));
            unresolved += refs.unresolved;
        }
        for (const vpc of vpcs) {
            if (logged.has(vpc.urn)) {
                continue;
            }
            if (unresolved > 0) {
                ctx.cannotVerify(vpc, `whether VPC "${vpc.name}" has a flow log`);
            } else {
                ctx.violation(vpc, `VPC "${vpc.name}" has no flow log; add an aws.ec2.FlowLog with vpcId referring to it.`);
            }
        }
    },
});

export const networkPolicies: GovPolicy[] = [
    securityGroupWorldIngressWebOnly,
    securityGroupNoWorldAdminPorts,
    securityGroupWorldWebOnlyLoadBalancer,
    managedPrefixListNoWorldCidr,
    albHttpRedirectsToHttps,
    albHttpListenerRulesRedirectOnly,
    albListenerTlsPolicy,
    albWafAssociated,
    albAccessLogsEnabled,
    albDropsInvalidHeaders,
    subnetPrivateTierNoPublicIp,
    vpcFlowLogsEnabled,
];

