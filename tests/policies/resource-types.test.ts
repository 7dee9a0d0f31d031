// One home for each type token (issue 13): a Pulumi type token ("aws:rds/instance:Instance") is
// written once in policies/ — in policies/lib/resource-types.ts when policies/lib or more than one
// rule area names it, else in its area's policies/rules/<area>/resource-types.ts — and everything
// else imports the constant. Two copies of a token drift apart silently (a typo in one of them is
// a policy that never runs), so a second declaration fails here, naming the token and the files.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const POLICIES = path.join(ROOT, "policies");

/** A type token: `pkg:module/name:Type` (aws:rds/instance:Instance), `pkg:module:Type` (awsx:ec2:Vpc) or a provider. */
const TYPE_TOKEN = /^(?:[a-z][a-z0-9-]*:[a-z][A-Za-z0-9]*(?:\/[a-z][A-Za-z0-9]*)?:[A-Z][A-Za-z0-9]*|pulumi:providers:[a-z0-9-]+)$/;

/** A token file: the shared one, or one area's. */
const TOKEN_FILE = /^policies\/(?:lib|rules\/[a-z0-9-]+)\/resource-types\.ts$/;

interface Source {
    readonly file: string; // relative to the repository, with "/"
    readonly text: string;
}

/** The type tokens a file writes as string literals (comments do not count), each with its first line. */
function tokenLiterals(source: Source): Map<string, number> {
    const sf = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
    const found = new Map<string, number>();
    const visit = (node: ts.Node): void => {
        if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && TYPE_TOKEN.test(node.text) && !found.has(node.text)) {
            found.set(node.text, sf.getLineAndCharacterOfPosition(node.getStart()).line + 1);
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
}

/** The area a file of policies/rules belongs to ("keys"), "lib" for policies/lib, undefined elsewhere. */
function areaOf(file: string): string | undefined {
    const m = /^policies\/(?:(lib)\/|rules\/([a-z0-9-]+)\/)/.exec(file);
    return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * Every breach of the rule, one message each: a token written in more than one file, a token
 * written outside a token file, and an area's token file imported from another area or from lib
 * (a token two areas name belongs in policies/lib/resource-types.ts).
 */
function tokenHomeProblems(sources: readonly Source[]): string[] {
    const problems: string[] = [];
    const where = new Map<string, string[]>();
    for (const source of sources) {
        for (const [token, line] of tokenLiterals(source)) {
            const at = `${source.file}:${line}`;
            where.set(token, [...(where.get(token) ?? []), at]);
            if (!TOKEN_FILE.test(source.file)) {
                problems.push(`${at} writes the type token "${token}": import its constant from policies/lib/resource-types.ts or the area's resource-types.ts`);
            }
        }
        const area = areaOf(source.file);
        const imports = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true).statements.filter(ts.isImportDeclaration);
        for (const st of imports) {
            const spec = (st.moduleSpecifier as ts.StringLiteral).text;
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(source.file), spec));
            const m = /^policies\/rules\/([a-z0-9-]+)\/resource-types$/.exec(target);
            if (m && area !== undefined && area !== m[1]) {
                problems.push(`${source.file} (${area}) imports ${target}: a token another area names belongs in policies/lib/resource-types.ts`);
            }
        }
    }
    for (const [token, files] of where) {
        if (files.length > 1) {
            problems.push(`type token "${token}" is declared in ${files.length} files: ${files.join(", ")}; keep one declaration and import it`);
        }
    }
    return problems;
}

/**
 * Named constants a test declares for a token the pack declares (`const RDS = "aws:rds/instance:Instance"`):
 * tests import the pack's constant. A literal inside a fixture object stays test data.
 */
function testRedeclarations(tests: readonly Source[], packTokens: ReadonlySet<string>): string[] {
    const problems: string[] = [];
    for (const source of tests) {
        const sf = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
            if (
                ts.isVariableDeclaration(node) &&
                ts.isIdentifier(node.name) &&
                /^[A-Z][A-Z0-9_]*$/.test(node.name.text) &&
                node.initializer !== undefined &&
                (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer)) &&
                packTokens.has(node.initializer.text)
            ) {
                const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
                problems.push(`${source.file}:${line} redeclares "${node.initializer.text}" as ${node.name.text}: import the pack's constant`);
            }
            ts.forEachChild(node, visit);
        };
        visit(sf);
    }
    return problems;
}

/** Every .ts file under `dir` but build output (policies/bin) and node_modules. */
function sourcesUnder(dir: string): Source[] {
    const out: Source[] = [];
    const walk = (at: string): void => {
        for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
            const full = path.join(at, entry.name);
            const rel = path.relative(ROOT, full).split(path.sep).join("/");
            if (entry.isDirectory()) {
                if (rel !== "policies/bin" && entry.name !== "node_modules") {
                    walk(full);
                }
            } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
                out.push({ file: rel, text: fs.readFileSync(full, "utf8") });
            }
        }
    };
    walk(dir);
    return out;
}

describe("type tokens: one declaration each (issue 13)", () => {
    it("every type token under policies/ is declared once, in a resource-types.ts, and shared ones in policies/lib", () => {
        const sources = sourcesUnder(POLICIES);
        assert.ok(sources.some((s) => s.file === "policies/lib/resource-types.ts"), "policies/lib/resource-types.ts was not read");
        assert.deepEqual(tokenHomeProblems(sources), []);
    });

    it("tests import the pack's token constants instead of declaring their own", () => {
        const packTokens = new Set(sourcesUnder(POLICIES).flatMap((s) => [...tokenLiterals(s).keys()]));
        assert.ok(packTokens.has("aws:rds/instance:Instance"), "the pack's tokens were not read");
        assert.deepEqual(testRedeclarations(sourcesUnder(path.join(ROOT, "tests")), packTokens), []);
        assert.deepEqual(testRedeclarations([{ file: "tests/x.test.ts", text: 'describe("x", () => {\n    const RDS = "aws:rds/instance:Instance";\n});\n' }], packTokens), [
            'tests/x.test.ts:2 redeclares "aws:rds/instance:Instance" as RDS: import the pack\'s constant',
        ]);
    });

    it("the check fails on a second declaration, a literal in a rule file, and an area's tokens used by another area", () => {
        const sources: Source[] = [
            { file: "policies/lib/resource-types.ts", text: 'export const RDS_INSTANCE = "aws:rds/instance:Instance";\n' },
            { file: "policies/rules/keys/resource-types.ts", text: 'export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";\n// "aws:kms/key:Key" in a comment is no declaration\n' },
            { file: "policies/rules/data-stores/resource-types.ts", text: '\nexport const RDS_INSTANCE = "aws:rds/instance:Instance";\n' },
            { file: "policies/rules/identity/kms.ts", text: 'import { KMS_REPLICA_KEY } from "../keys/resource-types";\nconst TYPES = [`awsx:ec2:Vpc`];\n' },
        ];
        assert.deepEqual(tokenHomeProblems(sources), [
            "policies/rules/identity/kms.ts:2 writes the type token \"awsx:ec2:Vpc\": import its constant from policies/lib/resource-types.ts or the area's resource-types.ts",
            "policies/rules/identity/kms.ts (identity) imports policies/rules/keys/resource-types: a token another area names belongs in policies/lib/resource-types.ts",
            'type token "aws:rds/instance:Instance" is declared in 2 files: policies/lib/resource-types.ts:1, policies/rules/data-stores/resource-types.ts:2; keep one declaration and import it',
        ]);
    });
});
