import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { SettingsError } from "./errors";

/** Raised when the pack's TypeScript does not compile. */
export class PackBuildError extends Error {
    override name = "PackBuildError";
}

export interface PackFreshness {
    /** The file package.json `main` points at. */
    main: string;
    /** Why the compiled pack cannot be used as it is, or undefined when it is current. */
    stale: string | undefined;
}

function newestSource(dir: string, skip: Set<string>): { file: string; mtime: number } | undefined {
    let newest: { file: string; mtime: number } | undefined;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!skip.has(full) && entry.name !== "node_modules" && !entry.name.startsWith(".")) {
                const inner = newestSource(full, skip);
                if (inner && (!newest || inner.mtime > newest.mtime)) {
                    newest = inner;
                }
            }
        } else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
            const mtime = fs.statSync(full).mtimeMs;
            if (!newest || mtime > newest.mtime) {
                newest = { file: full, mtime };
            }
        }
    }
    return newest;
}

/**
 * Top-level folders of the pack that its tsconfig does not compile (e.g. policies/coverage/, data
 * for the docs and tests): editing them must not make the compiled pack look stale. Only the
 * simple `include` forms the pack uses are understood (the root's "*.ts", a folder's recursive "*.ts"); anything else
 * leaves every folder in (a needless rebuild, never a stale pack).
 */
function uncompiledDirs(packDir: string, tsconfig: string): string[] {
    let include: unknown;
    try {
        include = (JSON.parse(fs.readFileSync(tsconfig, "utf8")) as { include?: unknown }).include;
    } catch {
        return [];
    }
    if (!Array.isArray(include) || !include.every((i) => typeof i === "string" && /^(\*\.ts|[\w-]+\/\*\*\/\*\.ts)$/.test(i))) {
        return [];
    }
    const compiled = new Set(include.map((i: string) => i.split("/")[0]));
    return fs
        .readdirSync(packDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !compiled.has(e.name))
        .map((e) => path.join(packDir, e.name));
}

/**
 * Is the pack's compiled JavaScript (package.json `main`) present and newer than every TypeScript
 * source? The pack is started from `main`, so a stale build would judge the estate with old rules.
 */
export function packFreshness(packDir: string): PackFreshness {
    const manifest = path.join(packDir, "package.json");
    const main = String((JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: unknown }).main ?? "index.js");
    const mainFile = path.resolve(packDir, main);
    const resolved = [mainFile, `${mainFile}.js`].find((f) => fs.existsSync(f));
    const tsconfig = path.join(packDir, "tsconfig.json");
    if (!resolved) {
        return { main: mainFile, stale: `${path.relative(process.cwd(), mainFile)} does not exist (the pack is not compiled)` };
    }
    if (!fs.existsSync(tsconfig) || /\.ts$/.test(resolved)) {
        return { main: resolved, stale: undefined }; // a plain-JS pack: nothing to compile
    }
    const outDir = path.dirname(resolved);
    const newest = newestSource(packDir, new Set([outDir, ...uncompiledDirs(packDir, tsconfig)]));
    const built = fs.statSync(resolved).mtimeMs;
    if (newest && newest.mtime > built) {
        return {
            main: resolved,
            stale: `${path.relative(process.cwd(), newest.file)} is newer than ${path.relative(process.cwd(), resolved)}`,
        };
    }
    return { main: resolved, stale: undefined };
}

/** Compiles the pack with its own tsconfig (what `npm run build` does). */
export function buildPack(packDir: string): Promise<void> {
    const tsc = require.resolve("typescript/bin/tsc");
    const tsconfig = path.join(packDir, "tsconfig.json");
    if (!fs.existsSync(tsconfig)) {
        return Promise.reject(new SettingsError(`${tsconfig} does not exist; cannot compile the pack`));
    }
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [tsc, "-p", tsconfig], { stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
        child.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
        child.once("error", (e) => reject(new PackBuildError(`could not run tsc: ${e.message}`)));
        child.once("exit", (code) =>
            code === 0 ? resolve() : reject(new PackBuildError(`the policy pack does not compile (tsc exit ${code}):\n${output.trim()}`)),
        );
    });
}
