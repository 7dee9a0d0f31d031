// No rule area imports from another (issue 13 item 2): code two areas need lives in policies/lib,
// with one meaning per name. A rule file's relative imports stay inside its own area folder or
// leave policies/rules altogether (lib, controls).

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const RULES = path.join(ROOT, "policies", "rules");

interface RuleFile {
    /** Relative to policies/rules, with forward slashes: `storage-hygiene/purpose-tag.ts`. */
    readonly file: string;
    readonly text: string;
}

/** Every import or re-export of `file` that reaches into another area: `<file>:<line> imports <specifier>`. */
export function crossAreaImports(files: readonly RuleFile[]): string[] {
    const problems: string[] = [];
    for (const { file, text } of files) {
        const area = file.includes("/") ? file.split("/")[0] : undefined; // undefined: rules/index.ts
        const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
        for (const statement of sf.statements) {
            const spec = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
            if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith(".")) {
                continue;
            }
            // Where the specifier lands, relative to policies/rules.
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec.text));
            const targetArea = target.startsWith("../") ? undefined : target.split("/")[0];
            // rules/index.ts gathers the areas' indexes; an area file may reach only its own folder or outside rules/.
            const allowed = area === undefined ? target.split("/").length <= 2 : targetArea === undefined || targetArea === area;
            if (!allowed) {
                const line = sf.getLineAndCharacterOfPosition(statement.getStart(sf)).line + 1;
                problems.push(`policies/rules/${file}:${line} imports "${spec.text}" (area ${targetArea}); move what both areas need to policies/lib`);
            }
        }
    }
    return problems;
}

function ruleFiles(): RuleFile[] {
    return fs
        .readdirSync(RULES, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith(".ts"))
        .map((e) => {
            const full = path.join(e.parentPath, e.name);
            return { file: path.relative(RULES, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") };
        });
}

describe("rule areas (policies/rules/<area>/)", () => {
    it("import nothing from another area", () => {
        const files = ruleFiles();
        assert.ok(files.length > 150, `only ${files.length} rule files read`);
        assert.deepEqual(crossAreaImports(files), []);
    });

    it("would report an area reaching into another, and allow its own folder, lib and the rules index", () => {
        assert.deepEqual(
            crossAreaImports([
                { file: "storage-hygiene/x.ts", text: 'import { a } from "../baseline/backup-selection";\nimport { b } from "./purpose-tag";\nimport { c } from "../../lib";\n' },
                { file: "keys/y.ts", text: 'export { KEY_SPECS } from "../identity/kms-key-rotation-enabled";\n' },
                { file: "index.ts", text: 'import { baselinePolicies } from "./baseline";\nimport { x } from "./baseline/deep/file";\n' },
            ]),
            [
                'policies/rules/storage-hygiene/x.ts:1 imports "../baseline/backup-selection" (area baseline); move what both areas need to policies/lib',
                'policies/rules/keys/y.ts:1 imports "../identity/kms-key-rotation-enabled" (area identity); move what both areas need to policies/lib',
                'policies/rules/index.ts:2 imports "./baseline/deep/file" (area baseline); move what both areas need to policies/lib',
            ],
        );
    });
});
