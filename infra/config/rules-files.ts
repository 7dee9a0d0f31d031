import * as fs from "fs";
import * as path from "path";

import { PROJECT_ROOT } from "../lib/project-root";
import { RawSettings } from "./schema";

/**
 * Settings that name something on this machine, checked against the file system (the one check
 * that is not pure, so it is not in rules.ts). A build context that is not there used to fail only
 * when the service declared its image — a plain Error with a stack trace, after other resources were
 * declared — instead of the one line a settings mistake gets.
 *
 * @param raw the settings as written, to tell a given value from the schema's default
 * @returns one problem line per mistake (the loader's wording: key, value, what is allowed)
 */
export function fileRules(s: RawSettings, raw: Record<string, unknown>, root: string = PROJECT_ROOT): string[] {
    const service = s["govstack:service"];
    if (service.imageDigest !== undefined) {
        return []; // a pinned digest: nothing is built, the context is not read
    }
    const resolved = path.resolve(root, service.buildContext);
    const problem = buildContextProblem(resolved);
    if (problem === undefined) {
        return [];
    }
    const given = (raw["govstack:service"] as Record<string, unknown> | undefined)?.buildContext !== undefined;
    return [
        `Invalid setting "govstack:service.buildContext": ${JSON.stringify(service.buildContext)}${given ? "" : " (the default)"} ` +
            `resolves to ${resolved}, which ${problem}; must be a directory holding a Dockerfile, relative to the project root ` +
            `${root} (the directory of Pulumi.yaml), or set govstack:service.imageDigest to run an image already built`,
    ];
}

/** What is wrong with a build context directory, or undefined when Docker can build it. */
function buildContextProblem(dir: string): string | undefined {
    try {
        if (!fs.statSync(dir).isDirectory()) {
            return "is not a directory";
        }
    } catch {
        return "does not exist";
    }
    return fs.existsSync(path.join(dir, "Dockerfile")) ? undefined : "has no Dockerfile";
}
