// Small helpers shared by the two OSCAL documents govstack writes (the plan's assessment results
// and `npm run oscal`'s component definition). Validation against the official schemas happens in
// the tests (ajv), never in the plan's hot path.

import { createHash, randomUUID } from "crypto";

import { FEDRAMP_MODERATE_PROFILE } from "../../policies/fedramp-moderate";
import { BASELINE_PROFILE_URL } from "./baseline";

export const OSCAL_VERSION = "1.1.2";

/** Namespace of govstack's own OSCAL property names (`ns` on every prop that is not core OSCAL). */
export const GOVSTACK_NS = "https://github.com/govstack/govstack/ns/oscal";

/** Fixed UUID namespace for govstack's name-based (v5) UUIDs. */
const UUID_NAMESPACE = "5b7f1c3e-9a2d-4c6b-8e1f-0d3a7b9c2e41";

/** An RFC 4122 version-5 (SHA-1, name-based) UUID: the same name in the same namespace gives the same id. */
export function uuidV5(name: string, namespace: string = UUID_NAMESPACE): string {
    const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
    const hash = createHash("sha1").update(Buffer.concat([ns, Buffer.from(name, "utf8")])).digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function uuidV4(): string {
    return randomUUID();
}

export interface OscalProp {
    name: string;
    value: string;
    ns?: string;
    class?: string;
    remarks?: string;
}

/** A govstack property. OSCAL prop values are one line without surrounding whitespace. */
export function prop(name: string, value: string | number | boolean, extra: Omit<OscalProp, "name" | "value" | "ns"> = {}): OscalProp {
    const text = String(value).replace(/\s+/g, " ").trim();
    return { name, value: text === "" ? "(empty)" : text, ns: GOVSTACK_NS, ...extra };
}

/** The back-matter resource for the baseline profile: where GSA publishes it, where it is vendored, its sha256. */
export function profileResource(): Record<string, unknown> {
    const hashes = [{ algorithm: "SHA-256", value: FEDRAMP_MODERATE_PROFILE.sha256 }];
    return {
        uuid: uuidV5(`profile:${FEDRAMP_MODERATE_PROFILE.sha256}`),
        title: `${FEDRAMP_MODERATE_PROFILE.title} (OSCAL profile ${FEDRAMP_MODERATE_PROFILE.version})`,
        rlinks: [{ href: BASELINE_PROFILE_URL, "media-type": "application/oscal+json", hashes }],
        remarks: "Vendored byte for byte in the govstack repository at compliance/oscal/FedRAMP_rev5_MODERATE-baseline_profile.json (PROVENANCE.md there).",
    };
}

/**
 * Drops undefined values and empty arrays/objects everywhere: OSCAL's JSON schema requires at
 * least one item in every array it allows, so an empty list must be absent rather than `[]`.
 */
export function compact<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(compact) as T;
    }
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const c = compact(v);
            if (c === undefined || (Array.isArray(c) && c.length === 0) || (c !== null && typeof c === "object" && !Array.isArray(c) && Object.keys(c).length === 0)) {
                continue;
            }
            out[k] = c;
        }
        return out as T;
    }
    return value;
}

/** Date-time with a time zone, as OSCAL requires ("2025-01-31T12:00:00.000Z"). */
export function oscalDateTime(d: Date): string {
    return d.toISOString();
}
