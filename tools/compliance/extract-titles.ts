// Derives compliance/oscal/FedRAMP_rev5_MODERATE-control-titles.json from a resolved-profile
// catalog of the baseline (the vendored profile has ids but no titles; the full catalog is 4 MB).
// Run only when the vendored profile changes:
//
//   node -r ts-node/register/transpile-only tools/compliance/extract-titles.ts <catalog.json> \
//        --source <owner/repo>@<commit>:<path>
//
// Every control the vendored profile selects must have a title in the catalog; titles are copied
// verbatim. PROVENANCE.md records the source and both files' sha256.

import { createHash } from "crypto";
import * as fs from "fs";

import { BASELINE_PROFILE_FILE, CONTROL_TITLES_FILE, ControlTitlesFile, loadBaselineProfile, toOscalId } from "./baseline";

interface CatalogControl {
    id: string;
    title: string;
    controls?: CatalogControl[];
}

function walk(controls: CatalogControl[] | undefined, into: Map<string, string>): void {
    for (const c of controls ?? []) {
        into.set(c.id, c.title);
        walk(c.controls, into);
    }
}

export function extractTitles(catalogFile: string, source: string): ControlTitlesFile {
    const bytes = fs.readFileSync(catalogFile);
    const catalog = (JSON.parse(bytes.toString("utf8")) as { catalog?: { metadata: Record<string, string>; groups?: { controls?: CatalogControl[] }[]; controls?: CatalogControl[] } }).catalog;
    if (!catalog) {
        throw new Error(`${catalogFile} is not an OSCAL catalog`);
    }
    const all = new Map<string, string>();
    for (const group of catalog.groups ?? []) {
        walk(group.controls, all);
    }
    walk(catalog.controls, all);
    const m = /^([^@]+)@([0-9a-f]{40}):(.+)$/.exec(source);
    if (!m) {
        throw new Error(`--source must be <owner/repo>@<40-hex commit>:<path>, got ${JSON.stringify(source)}`);
    }
    const titles: Record<string, string> = {};
    const missing: string[] = [];
    for (const id of loadBaselineProfile(BASELINE_PROFILE_FILE).controls.map(toOscalId)) {
        const title = all.get(id);
        if (title === undefined) {
            missing.push(id);
        } else {
            titles[id] = title;
        }
    }
    if (missing.length > 0) {
        throw new Error(`${catalogFile} has no title for ${missing.join(", ")}`);
    }
    return {
        source: {
            repository: m[1],
            commit: m[2],
            path: m[3],
            sha256: createHash("sha256").update(bytes).digest("hex"),
            title: catalog.metadata.title,
            version: catalog.metadata.version,
        },
        titles,
    };
}

if (require.main === module) {
    const [catalog, flag, source] = process.argv.slice(2);
    if (!catalog || flag !== "--source" || !source) {
        console.error("usage: extract-titles.ts <resolved-profile-catalog.json> --source <owner/repo>@<commit>:<path>");
        process.exit(2);
    }
    const result = extractTitles(catalog, source);
    fs.writeFileSync(CONTROL_TITLES_FILE, JSON.stringify(result, null, 2) + "\n");
    console.log(`Wrote ${CONTROL_TITLES_FILE} (${Object.keys(result.titles).length} titles).`);
}
