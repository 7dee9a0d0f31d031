import * as path from "path";

import { SettingsError } from "./errors";
import { buildPack, packFreshness } from "./pack-build";
import { PackProcess, startPack } from "./pack-process";

export interface LaunchOptions {
    /** "auto" compiles a missing or stale pack first (default); "never" refuses to run a stale pack. */
    build?: "auto" | "never";
    log?: (line: string) => void;
}

export interface LaunchedPack {
    process: PackProcess;
    /** Milliseconds spent compiling a stale pack before starting it (0 when it was current). */
    buildMs: number;
}

/**
 * Spawns the pack as the CLI does, first compiling it when its JavaScript is missing or older than
 * its TypeScript (so the plan never judges with stale rules). Light on imports on purpose: the CLI
 * calls it before loading the Pulumi SDK, so the pack boots while this process is still starting.
 */
export async function launchPack(packDir: string, options: LaunchOptions = {}): Promise<LaunchedPack> {
    const log = options.log ?? (() => undefined);
    let buildMs = 0;
    const freshness = packFreshness(packDir);
    if (freshness.stale) {
        if (options.build === "never") {
            throw new SettingsError(`The policy pack is not built: ${freshness.stale}. Run \`npm run build\` (or drop --no-build).`);
        }
        log(`pack: ${freshness.stale}; compiling it (npm run build)…`);
        const started = Date.now();
        await buildPack(packDir);
        buildMs = Date.now() - started;
        log(`pack: compiled in ${buildMs} ms`);
    }
    const shown = path.relative(process.cwd(), packDir);
    log(`pack: starting ${shown && !shown.startsWith("..") ? shown : packDir} (run-policy-pack, as the Pulumi CLI does)`);
    return { process: await startPack(packDir), buildMs };
}
