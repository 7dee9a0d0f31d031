// `npm run sbom`: CycloneDX SBOMs (JSON, spec 1.6) of the project and of the policy pack, written to
// out/sbom/, by OWASP CycloneDX's cyclonedx-npm (locked in security/sbom/). Offline once that tool
// is installed; installs it first if needed (--omit=optional --ignore-scripts: its optional XML
// validator is a native build we do not need for JSON). Then checks each SBOM names every
// production package of package-lock.json; exit 1 if one is missing, 2 if the tool failed.
// The container image's SBOM comes from the image scanner in CI (Trivy), not from here.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

import { Lockfile, missingFromBom, PackageRef, productionClosure, productionPackages } from "./gates/sbom";
import { PROJECT_ROOT } from "./lib/stack-config";

export const TOOL_DIR = path.join(PROJECT_ROOT, "security", "sbom");
const TOOL_CLI = path.join(TOOL_DIR, "node_modules", "@cyclonedx", "cyclonedx-npm", "bin", "cyclonedx-npm-cli.js");
export const SBOM_DIR = path.join(PROJECT_ROOT, "out", "sbom");

export interface SbomTarget {
    /** The file written under out/sbom/. */
    file: string;
    /** What the SBOM must name: "" = every production package of the project, else that workspace's production closure. */
    lockPath: string;
    /** cyclonedx-npm arguments beyond the common ones. */
    args: string[];
}

export const TARGETS: SbomTarget[] = [
    // The project as deployed: its production dependencies and the pack workspace's.
    { file: "govstack.cdx.json", lockPath: "", args: ["--mc-type", "application"] },
    // The pack as published (`pulumi policy publish` ships it with these dependencies).
    { file: "govstack-guard.cdx.json", lockPath: "policies", args: ["--workspace", "policies", "--mc-type", "library"] },
];

function npm(args: string[], cwd: string): void {
    const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (r.status !== 0) {
        throw new Error(`npm ${args.join(" ")} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ")}`);
    }
}

/** Installs the locked generator unless the installed one matches the lock. */
export function ensureTool(): void {
    const locked = (JSON.parse(fs.readFileSync(path.join(TOOL_DIR, "package-lock.json"), "utf8")) as Lockfile).packages["node_modules/@cyclonedx/cyclonedx-npm"]?.version;
    const manifest = path.join(TOOL_DIR, "node_modules", "@cyclonedx", "cyclonedx-npm", "package.json");
    const installed = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version : undefined;
    if (installed === undefined || installed !== locked) {
        npm(["ci", "--omit=optional", "--ignore-scripts", "--no-audit", "--no-fund"], TOOL_DIR);
    }
}

/** Writes one SBOM and returns the production packages it fails to name. */
export function generate(target: SbomTarget, outDir = SBOM_DIR): { file: string; missing: PackageRef[]; components: number } {
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, target.file);
    const args = [TOOL_CLI, "--omit", "dev", "--spec-version", "1.6", "--output-format", "JSON", "--flatten-components", "--output-reproducible", "--validate", ...target.args, "--output-file", file];
    const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (r.status !== 0 || !fs.existsSync(file)) {
        throw new Error(`cyclonedx-npm failed for ${target.file} (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
    }
    const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package-lock.json"), "utf8")) as Lockfile;
    const bom = JSON.parse(fs.readFileSync(file, "utf8")) as { components?: unknown[] };
    return { file, missing: missingFromBom(bom, (target.lockPath === "" ? productionPackages(lock) : productionClosure(lock, target.lockPath)).values()), components: bom.components?.length ?? 0 };
}

export function main(): number {
    try {
        ensureTool();
        let missing = 0;
        for (const target of TARGETS) {
            const r = generate(target);
            process.stdout.write(`sbom: ${path.relative(PROJECT_ROOT, r.file)}: ${r.components} components\n`);
            for (const p of r.missing) {
                process.stderr.write(`sbom: ${target.file} does not name production package ${p.name}@${p.version}\n`);
            }
            missing += r.missing.length;
        }
        return missing > 0 ? 1 : 0;
    } catch (e) {
        process.stderr.write(`sbom: ${(e as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main();
}
