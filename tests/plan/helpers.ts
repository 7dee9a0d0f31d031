import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

export const FIXTURE_ROOT = path.join(PROJECT_ROOT, "tests", "fixtures", "plan-project");
export const FIXTURE_PACK = path.join(PROJECT_ROOT, "tests", "fixtures", "pack");

/** A fresh temporary directory for one test file's outputs (never out/). */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `govstack-${prefix}-`));
}

export function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
