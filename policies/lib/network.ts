// Security group ingress, normalised across the three ways to write it (inline `ingress` on
// aws:ec2/securityGroup, aws:vpc/securityGroupIngressRule, aws:ec2/securityGroupRule with
// type "ingress"), and the question every boundary rule asks (SC-7): which ports does an entry
// open to the whole internet? Unknown-safe: an unknown protocol, port or CIDR makes an exposure
// "possible", never "definite".

import { isUnknown, read } from "./unknowns";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const INGRESS_TYPES = [SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE] as const;

/** The CIDRs that mean "anyone on the internet". */
export const WORLD_CIDRS: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

export interface IngressEntry {
    /** Where it came from, for messages: `ingress[0]` for inline rules, "" for a standalone rule. */
    readonly label: string;
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** Source CIDRs (IPv4 and IPv6); elements may be unknown sentinels. */
    readonly cidrs: readonly unknown[];
    /** True when the entry itself might not be ingress or might not exist (unknown `type` or element). */
    readonly uncertain: boolean;
}

export interface IngressEntries {
    readonly entries: readonly IngressEntry[];
    /** True when some ingress could not be enumerated at all (the whole list unknown). */
    readonly unknown: boolean;
}

function cidrList(...values: unknown[]): unknown[] {
    const out: unknown[] = [];
    for (const v of values) {
        if (Array.isArray(v)) {
            out.push(...v);
        } else if (v !== undefined && v !== null) {
            out.push(v);
        }
    }
    return out;
}

/** The ingress entries of a security group or standalone rule ([] for other types and for egress rules). */
export function ingressEntries(type: string, props: unknown): IngressEntries {
    if (type === SECURITY_GROUP) {
        const ingress = read(props, "ingress");
        if (!ingress.known) {
            return { entries: [], unknown: true };
        }
        const list = Array.isArray(ingress.value) ? ingress.value : [];
        let unknown = false;
        const entries: IngressEntry[] = [];
        list.forEach((e: unknown, i: number) => {
            if (isUnknown(e)) {
                unknown = true;
                return;
            }
            const o = (e ?? {}) as Record<string, unknown>;
            entries.push({
                label: `ingress[${i}]`,
                protocol: o.protocol,
                fromPort: o.fromPort,
                toPort: o.toPort,
                cidrs: isUnknown(o.cidrBlocks) || isUnknown(o.ipv6CidrBlocks) ? [o.cidrBlocks, o.ipv6CidrBlocks] : cidrList(o.cidrBlocks, o.ipv6CidrBlocks),
                uncertain: false,
            });
        });
        return { entries, unknown };
    }
    const whole = read<Record<string, unknown>>(props);
    const p = (whole.known && whole.value) || {};
    if (type === SECURITY_GROUP_INGRESS_RULE) {
        return {
            entries: [{ label: "", protocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort, cidrs: cidrList(p.cidrIpv4, p.cidrIpv6), uncertain: false }],
            unknown: false,
        };
    }
    if (type === SECURITY_GROUP_RULE) {
        if (!isUnknown(p.type) && p.type !== "ingress") {
            return { entries: [], unknown: false };
        }
        const cidrs = isUnknown(p.cidrBlocks) || isUnknown(p.ipv6CidrBlocks) ? [p.cidrBlocks, p.ipv6CidrBlocks] : cidrList(p.cidrBlocks, p.ipv6CidrBlocks);
        return {
            entries: [{ label: "", protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort, cidrs, uncertain: isUnknown(p.type) }],
            unknown: false,
        };
    }
    return { entries: [], unknown: false };
}

/** Port range of an entry: all ports, none (ICMP), a range, or unknown. */
export type PortRange = { readonly kind: "all" } | { readonly kind: "none" } | { readonly kind: "range"; readonly from: number; readonly to: number } | { readonly kind: "unknown" };

const ALL_PROTOCOLS = new Set(["-1", "all"]);
const PORTLESS = new Set(["icmp", "1", "icmpv6", "58"]);

export function portRange(entry: IngressEntry): PortRange {
    if (isUnknown(entry.protocol)) {
        return { kind: "unknown" };
    }
    const protocol = String(entry.protocol ?? "").toLowerCase();
    if (ALL_PROTOCOLS.has(protocol)) {
        return { kind: "all" };
    }
    if (PORTLESS.has(protocol)) {
        return { kind: "none" };
    }
    if (isUnknown(entry.fromPort) || isUnknown(entry.toPort)) {
        return { kind: "unknown" };
    }
    // AWS requires ports for tcp/udp; absent ports are read as the widest range (fail closed).
    const from = typeof entry.fromPort === "number" ? entry.fromPort : 0;
    const to = typeof entry.toPort === "number" ? entry.toPort : 65535;
    if ((from === 0 && to === 65535) || (from === -1 && to === -1)) {
        return { kind: "all" };
    }
    return { kind: "range", from, to };
}

export function describeRange(range: PortRange): string {
    switch (range.kind) {
        case "all":
            return "all ports";
        case "none":
            return "no ports";
        case "unknown":
            return "unknown ports";
        default:
            return range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
    }
}

export interface Exposure {
    /** Ports from the candidate list the entry certainly opens to the world. */
    readonly ports: readonly number[];
    /** The world CIDRs it opens them to. */
    readonly sources: readonly string[];
    /** True when unknown values mean a candidate port might be open to the world. */
    readonly possible: boolean;
}

/** Which of the `candidates` ports the entry opens to 0.0.0.0/0 or ::/0 (certainly, or possibly when values are unknown). */
export function worldExposure(entry: IngressEntry, candidates: readonly number[]): Exposure {
    const sources = entry.cidrs.filter((c): c is string => typeof c === "string" && WORLD_CIDRS.has(c));
    const unknownSource = entry.cidrs.some((c) => isUnknown(c));
    if (sources.length === 0 && !unknownSource) {
        return { ports: [], sources, possible: false };
    }
    const range = portRange(entry);
    const inRange =
        range.kind === "all" ? [...candidates] : range.kind === "range" ? candidates.filter((p) => p >= range.from && p <= range.to) : [];
    if (range.kind === "none") {
        return { ports: [], sources, possible: false };
    }
    if (range.kind === "unknown") {
        return { ports: [], sources, possible: candidates.length > 0 };
    }
    if (sources.length > 0 && !entry.uncertain) {
        return { ports: inRange, sources, possible: false };
    }
    return { ports: [], sources, possible: inRange.length > 0 };
}
