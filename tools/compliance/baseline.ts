// The FedRAMP rev5 Moderate baseline as data: the OSCAL profile GSA publishes (vendored verbatim in
// compliance/oscal/, see PROVENANCE.md there) and the control titles derived from GSA's resolved
// catalog for the same baseline. The pack itself never reads these files: it ships only the list
// of ids generated from them (policies/fedramp-moderate.ts, `npm run compliance:baseline`).

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

import { PROJECT_ROOT } from "../lib/stack-config";

export const OSCAL_DIR = path.join(PROJECT_ROOT, "compliance", "oscal");
export const BASELINE_PROFILE_FILE = path.join(OSCAL_DIR, "FedRAMP_rev5_MODERATE-baseline_profile.json");
export const CONTROL_TITLES_FILE = path.join(OSCAL_DIR, "FedRAMP_rev5_MODERATE-control-titles.json");
export const AR_SCHEMA_FILE = path.join(OSCAL_DIR, "oscal_assessment-results_schema.json");
export const COMPONENT_SCHEMA_FILE = path.join(OSCAL_DIR, "oscal_component_schema.json");

/** Where GSA publishes the profile (the `source` the OSCAL documents cite, next to the vendored copy). */
export const BASELINE_PROFILE_URL =
    "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_MODERATE-baseline_profile.json";

/** "ac-2.4" (OSCAL) → "AC-2(4)" (how SP 800-53, the pack and the reports write it). */
export function fromOscalId(id: string): string {
    const m = /^([a-z]{2})-(\d+)(?:\.(\d+))?$/.exec(id);
    if (!m) {
        throw new Error(`"${id}" is not an OSCAL SP 800-53 control id (e.g. "ac-2" or "ac-2.4")`);
    }
    return `${m[1].toUpperCase()}-${m[2]}${m[3] ? `(${m[3]})` : ""}`;
}

/** "AC-2(4)" → "ac-2.4". */
export function toOscalId(id: string): string {
    const m = /^([A-Z]{2})-(\d+)(?:\((\d+)\))?$/.exec(id);
    if (!m) {
        throw new Error(`"${id}" is not an SP 800-53 control id (e.g. "AC-2" or "AC-2(4)")`);
    }
    return `${m[1].toLowerCase()}-${m[2]}${m[3] ? `.${m[3]}` : ""}`;
}

/** "SC-28" < "SC-28(1)" < "SI-4": family, then number, then enhancement. */
export function compareControlIds(a: string, b: string): number {
    const parse = (c: string): [string, number, number] => {
        const m = /^([A-Z]+)-(\d+)(?:\((\d+)\))?/.exec(c);
        return m ? [m[1], Number(m[2]), Number(m[3] ?? 0)] : [c, 0, 0];
    };
    const [fa, na, ea] = parse(a);
    const [fb, nb, eb] = parse(b);
    return fa.localeCompare(fb) || na - nb || ea - eb || a.localeCompare(b);
}

export interface BaselineProfile {
    title: string;
    version: string;
    oscalVersion: string;
    lastModified: string;
    /** sha256 of the profile file as read. */
    sha256: string;
    /** Control ids the profile selects, in the profile's order, written "AC-2(4)". */
    controls: string[];
}

function fail(file: string, what: string): never {
    throw new Error(`${path.relative(PROJECT_ROOT, file)}: ${what}`);
}

/**
 * Reads an OSCAL profile and lists the controls it selects. Only `include-controls` with `with-ids`
 * is supported (how FedRAMP's baselines select); `include-all`, `exclude-controls` or `matching`
 * patterns would need the catalog to resolve, so they are refused rather than half-read.
 */
export function loadBaselineProfile(file: string = BASELINE_PROFILE_FILE): BaselineProfile {
    const bytes = fs.readFileSync(file);
    const doc = JSON.parse(bytes.toString("utf8")) as { profile?: Record<string, unknown> };
    const profile = doc.profile;
    if (!profile || typeof profile !== "object") {
        fail(file, "not an OSCAL profile (no top-level \"profile\")");
    }
    const metadata = profile.metadata as Record<string, string> | undefined;
    const imports = profile.imports as Record<string, unknown>[] | undefined;
    if (!metadata || !Array.isArray(imports) || imports.length === 0) {
        fail(file, "the profile has no metadata or no imports");
    }
    const controls: string[] = [];
    for (const imp of imports) {
        for (const unsupported of ["include-all", "exclude-controls"]) {
            if (unsupported in imp) {
                fail(file, `"${unsupported}" in an import is not supported (it needs the catalog to resolve)`);
            }
        }
        for (const selection of (imp["include-controls"] as Record<string, unknown>[] | undefined) ?? []) {
            if ("matching" in selection) {
                fail(file, "\"matching\" control selections are not supported (they need the catalog to resolve)");
            }
            for (const id of (selection["with-ids"] as string[] | undefined) ?? []) {
                controls.push(fromOscalId(id));
            }
        }
    }
    if (controls.length === 0) {
        fail(file, "the profile selects no control");
    }
    if (new Set(controls).size !== controls.length) {
        fail(file, "the profile selects a control more than once");
    }
    return {
        title: metadata.title,
        version: metadata.version,
        oscalVersion: metadata["oscal-version"],
        lastModified: metadata["last-modified"],
        sha256: createHash("sha256").update(bytes).digest("hex"),
        controls,
    };
}

export interface ControlTitlesFile {
    source: { repository: string; commit: string; path: string; sha256: string; title: string; version: string };
    /** OSCAL id → the catalog's own title ("ac-2.4" → "Automated Audit Actions"). */
    titles: Record<string, string>;
}

let titlesCache: Map<string, string> | undefined;

/**
 * Control id → title as SP 800-53 lists it: an enhancement is "<control> | <enhancement>"
 * ("AC-2(4)" → "Account Management | Automated Audit Actions").
 */
export function controlTitles(file: string = CONTROL_TITLES_FILE): Map<string, string> {
    if (file === CONTROL_TITLES_FILE && titlesCache) {
        return titlesCache;
    }
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as ControlTitlesFile;
    const result = new Map<string, string>();
    for (const [oscalId, title] of Object.entries(parsed.titles)) {
        const base = oscalId.split(".")[0];
        const parent = parsed.titles[base];
        result.set(fromOscalId(oscalId), oscalId === base || !parent ? title : `${parent} | ${title}`);
    }
    if (file === CONTROL_TITLES_FILE) {
        titlesCache = result;
    }
    return result;
}
