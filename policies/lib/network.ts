// Security group ingress, normalised across the three ways to write it (inline `ingress` on
// aws:ec2/securityGroup, aws:vpc/securityGroupIngressRule, aws:ec2/securityGroupRule with
// type "ingress"), and the question every boundary rule asks (SC-7): which ports does an entry
// open to the whole internet? Unknown-safe: an unknown protocol, port or CIDR makes an exposure
// "possible", never "definite".

import { isIP } from "node:net";

import { ARRAY, Guard, Malformed, NUMBER, oneOf, readTyped, STRING, STRING_OR_NUMBER, Typed, typed } from "./guards";
import { isUnknown, UNKNOWN } from "./unknowns";
import { SECURITY_GROUP, SECURITY_GROUP_EGRESS_RULE, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE } from "./resource-types";

export const INGRESS_TYPES = [SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE] as const;

/** The CIDRs that mean "anyone on the internet" (canonical spellings; see worldSources for all). */
export const WORLD_CIDRS: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

/** A CIDR as a [first, last] address range, or undefined when it is not a valid CIDR. */
function cidrRange(cidr: string): { v6: boolean; first: bigint; last: bigint } | undefined {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
    const kind = m ? isIP(m[1]) : 0;
    if (!m || kind === 0) {
        return undefined;
    }
    const bits = kind === 6 ? 128 : 32;
    const len = Number(m[2]);
    if (len > bits) {
        return undefined;
    }
    const value = kind === 6 ? ipv6Value(m[1]) : m[1].split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
    const host = (1n << BigInt(bits - len)) - 1n;
    const first = value & ~host & ((1n << BigInt(bits)) - 1n);
    return { v6: kind === 6, first, last: first | host };
}

function ipv6Value(address: string): bigint {
    let text = address;
    // An embedded IPv4 tail ("::ffff:1.2.3.4") is two groups.
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
        const n = v4[1].split(".").map(Number);
        text = `${text.slice(0, -v4[1].length)}${((n[0] << 8) | n[1]).toString(16)}:${((n[2] << 8) | n[3]).toString(16)}`;
    }
    const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
    const h = head === "" ? [] : head.split(":");
    const t = tail === undefined || tail === "" ? [] : tail.split(":");
    const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
    return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Whether the ranges cover the whole address space of `bits` bits. */
function coversAll(ranges: { first: bigint; last: bigint }[], bits: number): boolean {
    const end = (1n << BigInt(bits)) - 1n;
    let next = 0n;
    for (const r of [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
        if (r.first > next) {
            return false;
        }
        if (r.last + 1n > next) {
            next = r.last + 1n;
        }
        if (next > end) {
            return true;
        }
    }
    return false;
}

/**
 * The sources in `cidrs` that open an entry to the whole internet: any /0 however spelled
 * ("0.0.0.0/0", "10.0.0.0/0", "0::/0"), or a set of CIDRs whose union is every IPv4 or every
 * IPv6 address ("0.0.0.0/1" + "128.0.0.0/1"), reported joined by " + ". Unknown elements and
 * non-strings are ignored (callers check those).
 */
export function worldSources(cidrs: readonly unknown[]): string[] {
    const out: string[] = [];
    const byFamily: Record<"v4" | "v6", { cidr: string; first: bigint; last: bigint }[]> = { v4: [], v6: [] };
    for (const c of cidrs) {
        if (typeof c !== "string" || isUnknown(c)) {
            continue;
        }
        const r = cidrRange(c);
        if (r === undefined) {
            continue;
        }
        if (WORLD_CIDRS.has(c) || r.last - r.first === (1n << BigInt(r.v6 ? 128 : 32)) - 1n) {
            out.push(c);
        } else {
            byFamily[r.v6 ? "v6" : "v4"].push({ cidr: c, ...r });
        }
    }
    for (const [family, bits] of [["v4", 32], ["v6", 128]] as const) {
        const ranges = byFamily[family];
        if (ranges.length > 1 && !out.some((c) => cidrRange(c)?.v6 === (family === "v6")) && coversAll(ranges, bits)) {
            out.push(ranges.map((r) => r.cidr).join(" + "));
        }
    }
    return out;
}

export interface IngressEntry {
    /** Where it came from, for messages: `ingress[0]` for inline rules, "" for a standalone rule. */
    readonly label: string;
    /** A string or number protocol ("tcp", "-1", "6"), undefined, or the unknown sentinel. */
    readonly protocol: unknown;
    /** A number, undefined, or the unknown sentinel. */
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** Source CIDRs (IPv4 and IPv6): strings or unknown sentinels. */
    readonly cidrs: readonly unknown[];
    /** True when the entry itself might not be ingress or might not exist (unknown `type` or element). */
    readonly uncertain: boolean;
}

export interface IngressEntries {
    readonly entries: readonly IngressEntry[];
    /** True when some ingress could not be enumerated at all (the whole list unknown). */
    readonly unknown: boolean;
    /**
     * Values of the wrong type (a protocol that is an object, a port that is a string, a CIDR list
     * that is not a list): the policy reports each as a mandatory "Cannot evaluate"; the entry
     * holding one is left out of `entries` (its exposure cannot be judged).
     */
    readonly malformed: readonly Malformed[];
}

const RULE_TYPE = oneOf(["ingress", "egress"]);

/** Collects a field's typed value: the value (or the unknown sentinel), or records it as malformed. */
class FieldReader {
    readonly malformed: Malformed[] = [];
    bad = false;

    field<T>(result: Typed<T>): T | string | undefined {
        if (result.kind === "malformed") {
            this.malformed.push(result);
            this.bad = true;
            return undefined;
        }
        return result.kind === "unknown" ? UNKNOWN : result.value;
    }

    /** A CIDR list (or single CIDR) as source CIDRs: strings and unknown sentinels only. */
    cidrs(owner: unknown, path: string, shown: string, guard: Guard<unknown>): unknown[] {
        const r = readTyped(owner, path, guard, shown);
        if (r.kind === "unknown") {
            return [UNKNOWN];
        }
        if (r.kind === "malformed") {
            this.malformed.push(r);
            this.bad = true;
            return [];
        }
        if (r.value === undefined) {
            return [];
        }
        const list = Array.isArray(r.value) ? (r.value as unknown[]) : [r.value];
        const label = shown === "" ? path : `${shown}.${path}`;
        return list.flatMap((c, i) => {
            const t = typed(c, STRING, Array.isArray(r.value) ? `${label}[${i}]` : label);
            if (t.kind === "malformed") {
                this.malformed.push(t);
                this.bad = true;
                return [];
            }
            return t.kind === "unknown" ? [UNKNOWN] : t.value === undefined ? [] : [t.value];
        });
    }
}

/** The ingress entries of a security group or standalone rule ([] for other types and for egress rules). */
export function ingressEntries(type: string, props: unknown): IngressEntries {
    return ruleEntries("ingress", type, props);
}

/** Where an entry keeps its protocol and CIDRs (the ports are fromPort/toPort everywhere). */
interface EntryFields {
    readonly protocol: string;
    readonly ipv4: string;
    readonly ipv6: string;
    /** A CIDR list, or a single CIDR. */
    readonly cidrs: Guard<unknown>;
}

/** An inline ingress/egress block and an aws.ec2.SecurityGroupRule: EC2's names, CIDR lists. */
const EC2_FIELDS: EntryFields = { protocol: "protocol", ipv4: "cidrBlocks", ipv6: "ipv6CidrBlocks", cidrs: ARRAY };
/** An aws.vpc.SecurityGroupIngressRule / EgressRule: its own names, one CIDR each. */
const VPC_RULE_FIELDS: EntryFields = { protocol: "ipProtocol", ipv4: "cidrIpv4", ipv6: "cidrIpv6", cidrs: STRING };

/**
 * The entries of one direction: a security group's inline `ingress`/`egress` list, a standalone
 * aws.vpc.SecurityGroupIngressRule/EgressRule, or an aws.ec2.SecurityGroupRule of that type.
 * Every field is typed (FieldReader); an entry holding a malformed value is left out and reported.
 */
function ruleEntries(direction: "ingress" | "egress", type: string, props: unknown): IngressEntries {
    const f = new FieldReader();
    const port = (owner: unknown, path: string, shown: string) => f.field(readTyped(owner, path, NUMBER, shown));
    const protocol = (owner: unknown, path: string, shown: string) => f.field(readTyped(owner, path, STRING_OR_NUMBER, shown));
    // One entry's fields, read in this order (so malformed ones are reported alike); `at` labels it ("" for a standalone rule).
    const readEntry = (owner: unknown, at: string, names: EntryFields, uncertain: boolean): IngressEntry => ({
        label: at,
        protocol: protocol(owner, names.protocol, at),
        fromPort: port(owner, "fromPort", at),
        toPort: port(owner, "toPort", at),
        cidrs: [...f.cidrs(owner, names.ipv4, at, names.cidrs), ...f.cidrs(owner, names.ipv6, at, names.cidrs)],
        uncertain,
    });
    if (type === SECURITY_GROUP) {
        const list = readTyped(props, direction, ARRAY);
        if (list.kind === "unknown") {
            return { entries: [], unknown: true, malformed: [] };
        }
        if (list.kind === "malformed") {
            return { entries: [], unknown: false, malformed: [list] };
        }
        let unknown = false;
        const entries: IngressEntry[] = [];
        (list.value ?? []).forEach((e: unknown, i: number) => {
            const at = `${direction}[${i}]`;
            if (isUnknown(e)) {
                unknown = true;
                return;
            }
            if (e === undefined || e === null) {
                return;
            }
            f.bad = false;
            const entry = readEntry(e, at, EC2_FIELDS, false);
            if (!f.bad) {
                entries.push(entry);
            }
        });
        return { entries, unknown, malformed: f.malformed };
    }
    if (type === (direction === "ingress" ? SECURITY_GROUP_INGRESS_RULE : SECURITY_GROUP_EGRESS_RULE)) {
        const entry = readEntry(props, "", VPC_RULE_FIELDS, false);
        return { entries: f.bad ? [] : [entry], unknown: false, malformed: f.malformed };
    }
    if (type === SECURITY_GROUP_RULE) {
        const ruleType = f.field(readTyped(props, "type", RULE_TYPE));
        if (f.bad || (ruleType !== undefined && !isUnknown(ruleType) && ruleType !== direction)) {
            return { entries: [], unknown: false, malformed: f.malformed };
        }
        // An absent type is rejected by AWS; judged as this direction (fail closed), like an unknown one but certain.
        const entry = readEntry(props, "", EC2_FIELDS, isUnknown(ruleType));
        return { entries: f.bad ? [] : [entry], unknown: false, malformed: f.malformed };
    }
    return { entries: [], unknown: false, malformed: [] };
}

/** Port range of an entry: all ports, none (ICMP), a range, or unknown. */
export type PortRange = { readonly kind: "all" } | { readonly kind: "none" } | { readonly kind: "range"; readonly from: number; readonly to: number } | { readonly kind: "unknown" };

const ALL_PROTOCOLS = new Set(["-1", "all"]);
const PORTLESS = new Set(["icmp", "1", "icmpv6", "58"]);

export function portRange(entry: IngressEntry): PortRange {
    if (isUnknown(entry.protocol)) {
        return { kind: "unknown" };
    }
    // ingressEntries types the protocol (string or number); anything else is judged as every protocol (fail closed).
    const raw = entry.protocol;
    const protocol = typeof raw === "string" ? raw.toLowerCase() : typeof raw === "number" ? raw.toString() : raw === undefined ? "" : "-1";
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
    const sources = worldSources(entry.cidrs);
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

export const EGRESS_TYPES = [SECURITY_GROUP, SECURITY_GROUP_EGRESS_RULE, SECURITY_GROUP_RULE] as const;

/**
 * The egress entries of a security group (inline `egress`), an aws.vpc.SecurityGroupEgressRule or
 * an aws.ec2.SecurityGroupRule of type "egress", in the same shape as ingress entries (`cidrs` are
 * the destinations, `malformed` as for ingress). [] for other types and for ingress rules.
 */
export function egressEntries(type: string, props: unknown): IngressEntries {
    return ruleEntries("egress", type, props);
}
