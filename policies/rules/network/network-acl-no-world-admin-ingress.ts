// network-acl-no-world-admin-ingress: network ACLs are the subnet-level boundary. An inbound allow
// rule from the whole internet to SSH (22) or RDP (3389), or to every port or protocol, opens
// every instance of the subnets behind it to remote administration or to anything at all (SC-7,
// SC-7(5), AC-17, CM-7). Security Hub reports it as EC2.21 (AWS Config nacl-no-unrestricted-ssh-rdp:
// "an inbound entry allows a source TCP or UDP CIDR block for ports 22 or 3389",
// https://docs.aws.amazon.com/config/latest/developerguide/nacl-no-unrestricted-ssh-rdp.html); KICS as
// "Network ACL With Unrestricted Access To SSH/RDP".
//
// ACL rules are evaluated in rule-number order and the first match wins, so inside one ACL's inline
// list an allow whose port range includes 22 or 3389 (the usual ephemeral 1024-65535) passes when a
// lower-numbered deny for the same protocol and the whole internet shadows that port. A standalone
// aws.ec2.NetworkAclRule is judged on its own: a deny in another resource can be removed without
// touching it. An allow of all protocols, or of every tcp/udp port, from the internet is blocked
// whatever precedes it: name the ports the subnets serve.

import {
    ARRAY,
    BOOLEAN,
    DEFAULT_NETWORK_ACL,
    describeRange,
    Guard,
    isUnknown,
    Malformed,
    NACL_PROTOCOL,
    NETWORK_ACL,
    NETWORK_ACL_RULE,
    NUMBER,
    OBJECT,
    oneOf,
    portRange,
    readTyped,
    resourcePolicy,
    STRING,
    Typed,
    UNKNOWN,
    worldSources,
} from "../../lib";

// EC2's RuleAction (botocore: allow, deny), in any letter case as the provider takes it; anything
// else is malformed (mandatory, never waived), never "not an allow".
const ACTION = oneOf(["allow", "deny"], { ignoreCase: true });

/**
 * One inbound ACL entry. Every field is typed: a value of its type (the action in its canonical
 * spelling), undefined when absent, or the unknown sentinel; an entry with a malformed field is
 * never built (the field is reported instead).
 */
interface AclEntry {
    /** `ingress[0]` for an inline entry, "" for a standalone rule. */
    readonly label: string;
    readonly ruleNo: unknown;
    readonly action: unknown;
    /** The protocol NUMBER (-1 = all; NACL_PROTOCOL turns a keyword into it), undefined, or unknown. */
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** Source CIDRs: strings or unknown sentinels. */
    readonly cidrs: readonly unknown[];
}

type Protocol = "all" | "tcp" | "udp" | "other";
function protocolOf(value: unknown): Protocol {
    // Typed by then (NACL_PROTOCOL: a number; a name or number EC2 does not define never gets here).
    // An absent protocol (the provider requires one) is judged as every protocol: fail closed.
    return value === undefined || value === -1 ? "all" : value === 6 ? "tcp" : value === 17 ? "udp" : "other";
}

/** Collects typed fields: the value (or the unknown sentinel), recording a malformed one. */
class Fields {
    readonly malformed: Malformed[] = [];

    get<T>(result: Typed<T>): T | string | undefined {
        if (result.kind === "malformed") {
            this.malformed.push(result);
            return undefined;
        }
        return result.kind === "unknown" ? UNKNOWN : result.value;
    }

    read<T>(owner: unknown, path: string, guard: Guard<T>, at: string): T | string | undefined {
        return this.get(readTyped(owner, path, guard, at));
    }

    /** The source CIDRs of an entry: its IPv4 and IPv6 CIDR, each a string. */
    cidrs(owner: unknown, at: string, keys: readonly string[]): unknown[] {
        return keys.map((k) => this.read(owner, k, STRING, at)).filter((c) => c !== undefined);
    }
}

type Inbound = { entries: AclEntry[]; unknown: boolean; malformed: Malformed[] };

/** The inbound entries of an ACL (inline `ingress`) or a standalone rule ([] for an egress rule). */
function inboundEntries(type: string, props: unknown): Inbound {
    const f = new Fields();
    if (type === NETWORK_ACL_RULE) {
        const egress = readTyped(props, "egress", BOOLEAN);
        if (egress.kind === "malformed") {
            return { entries: [], unknown: false, malformed: [egress] };
        }
        if (egress.kind === "ok" && egress.value === true) {
            return { entries: [], unknown: false, malformed: [] };
        }
        const entry: AclEntry = {
            label: "",
            ruleNo: f.read(props, "ruleNumber", NUMBER, ""),
            action: f.read(props, "ruleAction", ACTION, ""),
            protocol: f.read(props, "protocol", NACL_PROTOCOL, ""),
            fromPort: f.read(props, "fromPort", NUMBER, ""),
            toPort: f.read(props, "toPort", NUMBER, ""),
            cidrs: f.cidrs(props, "", ["cidrBlock", "ipv6CidrBlock"]),
        };
        // An unknown `egress` may make it an inbound rule: judge it, but never as certain (below).
        return { entries: [entry], unknown: egress.kind === "unknown", malformed: f.malformed };
    }
    const ingress = readTyped(props, "ingress", ARRAY);
    if (ingress.kind !== "ok") {
        return { entries: [], unknown: ingress.kind === "unknown", malformed: ingress.kind === "malformed" ? [ingress] : [] };
    }
    const entries: AclEntry[] = [];
    let unknown = false;
    (ingress.value ?? []).forEach((e, i) => {
        const at = `ingress[${i}]`;
        const o = f.get(readTyped(e, "", OBJECT, at));
        if (o === UNKNOWN) {
            unknown = true;
            return;
        }
        if (o === undefined) {
            return;
        }
        entries.push({
            label: at,
            ruleNo: f.read(o, "ruleNo", NUMBER, at),
            action: f.read(o, "action", ACTION, at),
            protocol: f.read(o, "protocol", NACL_PROTOCOL, at),
            fromPort: f.read(o, "fromPort", NUMBER, at),
            toPort: f.read(o, "toPort", NUMBER, at),
            cidrs: f.cidrs(o, at, ["cidrBlock", "ipv6CidrBlock"]),
        });
    });
    return { entries, unknown, malformed: f.malformed };
}

const isAction = (e: AclEntry, action: "allow" | "deny") => typeof e.action === "string" && e.action.toLowerCase() === action;

const rangeOf = (e: AclEntry) => portRange({ label: e.label, protocol: e.protocol, fromPort: e.fromPort, toPort: e.toPort, cidrs: [], uncertain: false });

/**
 * Whether a deny entry numbered before `allow` in the same ACL drops `port` over `protocol` from
 * every source in `world` (the first matching rule wins): "maybe" when an entry's unknown values
 * could make it do so.
 */
function shadowed(entries: readonly AclEntry[], allow: AclEntry, port: number, protocol: Protocol, world: readonly string[]): "yes" | "maybe" | "no" {
    let result: "maybe" | "no" = "no";
    for (const deny of entries) {
        if (deny === allow || isAction(deny, "allow")) {
            continue;
        }
        if ([deny.action, deny.protocol, deny.fromPort, deny.toPort, deny.ruleNo, allow.ruleNo, ...deny.cidrs].some(isUnknown)) {
            result = "maybe";
            continue;
        }
        if (deny.protocol === undefined) {
            continue; // no protocol (the provider requires one): denies nothing for certain
        }
        const p = protocolOf(deny.protocol);
        const r = rangeOf(deny);
        const coversPort = p === "all" || (p === protocol && (r.kind === "all" || (r.kind === "range" && r.from <= port && port <= r.to)));
        const denied = worldSources(deny.cidrs);
        const coversWorld = world.every((w) => denied.some((d) => d.includes(":") === w.includes(":")));
        const before = typeof deny.ruleNo === "number" && typeof allow.ruleNo === "number" && deny.ruleNo < allow.ruleNo;
        if (coversPort && coversWorld && before) {
            return "yes";
        }
    }
    return result;
}

export const networkAclNoWorldAdminIngress = resourcePolicy({
    name: "network-acl-no-world-admin-ingress",
    description:
        "No network ACL (aws.ec2.NetworkAcl and aws.ec2.DefaultNetworkAcl inline `ingress`, aws.ec2.NetworkAclRule) may " +
        "allow inbound traffic from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389) over tcp or udp, or to all protocols or " +
        "all ports. Inside one ACL a lower-numbered deny of those ports from the internet counts (the first matching " +
        "rule wins); remote administration goes through SSM Session Manager or a VPN (SC-7, AC-17, CM-7).",
    summary: "No network ACL allows 0.0.0.0/0 or ::/0 in to 22, 3389, or all ports or protocols",
    severity: "high",
    controls: ["SC-7", "SC-7(5)", "AC-17", "CM-7"],
    remediationSteps:
        "Allow only the ports the subnets serve (e.g. tcp 443) from the sources that need them. For return traffic " +
        "(tcp 1024-65535 from 0.0.0.0/0) add lower-numbered `deny` rules for tcp and udp 22 and 3389 from 0.0.0.0/0 and " +
        "::/0 in the same ACL's `ingress` list, or split the range around them (1024-3388, 3390-65535). Never use " +
        "protocol `-1` from the internet.",
    resourceTypes: [NETWORK_ACL, DEFAULT_NETWORK_ACL, NETWORK_ACL_RULE],
    options: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 3389],
            description: "Remote-administration ports no ACL may open to the internet (tcp and udp).",
        },
    },
    noVerdict: [
        {
            when: "an inline allow that covers 22/3389 is shadowed by a lower-numbered deny of the same protocol from the whole internet",
            why: "ACL rules are evaluated in rule-number order and the first match wins, so the allow never applies to those ports",
        },
        {
            when: "an entry is outbound (an ACL's egress entries, a standalone rule with egress: true)",
            why: "the policy is about inbound reach to 22/3389; an outbound entry lets no connection in",
        },
        {
            when: "an allow's protocol is neither TCP (6), UDP (17) nor all (-1), e.g. ICMP or another IP protocol",
            why:
                "22 and 3389 are TCP/UDP ports; other protocols carry no ports. A protocol that is neither -1/all, a number 0-255 " +
                "nor a keyword the provider accepts is malformed (the unwaivable Cannot evaluate), never read as another protocol",
        },
    ],
    validate: (ctx) => {
        const standalone = ctx.type === NETWORK_ACL_RULE;
        const { entries, unknown, malformed } = inboundEntries(ctx.type, ctx.props);
        if (malformed.length > 0) {
            // A value of the wrong type (or an action EC2 does not define): mandatory, never waived.
            malformed.forEach((m) => ctx.settle(m));
            return;
        }
        const directionUnknown = standalone && unknown;
        if (unknown && !standalone) {
            ctx.cannotVerify("ingress");
        }
        const where = (e: AclEntry) =>
            `${standalone ? `Network ACL rule "${ctx.name}"` : `Network ACL "${ctx.name}" ${e.label}`}${typeof e.ruleNo === "number" ? ` (rule ${e.ruleNo})` : ""}`;

        for (const allow of entries) {
            const world = worldSources(allow.cidrs);
            if (isAction(allow, "deny") || (world.length === 0 && !allow.cidrs.some(isUnknown))) {
                continue;
            }
            if (isUnknown(allow.action) || isUnknown(allow.protocol) || world.length === 0) {
                ctx.cannotVerify(`${allow.label || "the rule"}'s action, protocol or source CIDR`);
                continue;
            }
            const protocol = protocolOf(allow.protocol);
            const range = rangeOf(allow);
            const report = (message: string) => (directionUnknown ? ctx.cannotVerify(`whether rule "${ctx.name}" is inbound (egress)`) : ctx.violation(message));
            if (protocol === "all") {
                report(`${where(allow)} allows all protocols from ${world.join(", ")}; allow only the ports the subnets serve.`);
                continue;
            }
            if (protocol === "other") {
                continue;
            }
            if (range.kind === "unknown") {
                ctx.cannotVerify(`${allow.label || "the rule"}'s ports`);
                continue;
            }
            if (range.kind === "all" || (range.kind === "range" && range.from <= 1 && range.to >= 65535)) {
                report(`${where(allow)} allows all ${protocol} ports from ${world.join(", ")}; allow only the ports the subnets serve.`);
                continue;
            }
            const inRange = range.kind === "range" ? ctx.config.adminPorts.filter((p) => p >= range.from && p <= range.to) : [];
            // Inside one ACL, a lower-numbered deny of the port from the whole internet (same family) wins.
            const open: number[] = [];
            let maybeShadowed = false;
            for (const port of inRange) {
                const shadow = standalone ? "no" : shadowed(entries, allow, port, protocol, world);
                if (shadow === "no") {
                    open.push(port);
                } else if (shadow === "maybe") {
                    maybeShadowed = true;
                }
            }
            if (open.length > 0) {
                report(
                    `${where(allow)} allows ${protocol} ${describeRange(range)} from ${world.join(", ")}, which includes ` +
                        `remote-administration port(s) ${open.join(", ")}; deny ${open.join(" and ")} from the internet in a ` +
                        `lower-numbered rule of the same ACL, or narrow the range.`,
                );
            } else if (maybeShadowed) {
                ctx.cannotVerify(`whether a deny rule before ${allow.label || "the rule"} covers ports ${inRange.join(", ")}`);
            }
        }
    },
});
