// Each Pulumi program compiles under the Pulumi CLI as it does in `npm run typecheck`. The CLI's
// Node.js runtime (@pulumi/pulumi cmd/run) changes to the program's directory (the folder of
// Pulumi.yaml's `main`, or the project folder) and gives ts-node `./tsconfig.json` from there; when
// there is none, ts-node compiles with TypeScript's defaults (ES5 libraries) and the program fails
// to compile at the first preview. tests/infra/language-host.test.ts runs infra/ that way end to end;
// for delivery/, `npm run typecheck` compiles the same files with the options this test holds equal.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as ts from "typescript";
import * as YAML from "yaml";

import { PROJECT_ROOT } from "../../tools/lib/stack-config";

/** The Pulumi projects of the repository: the folder of each Pulumi.yaml, and its `main`. */
const PROJECTS = ["Pulumi.yaml", path.join("delivery", "Pulumi.yaml")].map((file) => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8")) as { name: string; main?: string; runtime: { options?: { typescript?: boolean } } };
    const dir = path.dirname(path.join(PROJECT_ROOT, file));
    const main = path.join(dir, project.main ?? "index.ts");
    // cmd/run's working directory: a file `main` splits into its folder and base name.
    const programDir = fs.statSync(main).isDirectory() ? main : path.dirname(main);
    return { name: project.name, typescript: project.runtime.options?.typescript === true, main, programDir };
});

function compilerOptions(configFile: string): ts.CompilerOptions {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")) });
    assert.ok(parsed, configFile);
    return parsed.options;
}

describe("the Pulumi programs compile under the CLI's ts-node", () => {
    const root = compilerOptions(path.join(PROJECT_ROOT, "tsconfig.json"));

    for (const project of PROJECTS) {
        describe(`${project.name} (${path.relative(PROJECT_ROOT, project.main)})`, () => {
            const file = path.join(project.programDir, "tsconfig.json");

            it("is a TypeScript program with a tsconfig.json in the directory the CLI runs it from", () => {
                assert.ok(project.typescript, "runtime.options.typescript is true");
                assert.ok(fs.existsSync(file), `${path.relative(PROJECT_ROOT, file)} is missing: ts-node would compile with TypeScript's ES5 defaults`);
            });

            it("compiles with the repository's strict options and libraries, type-checked (no noCheck, no mocha types)", () => {
                const options = compilerOptions(file);
                for (const key of ["target", "module", "strict", "esModuleInterop", "noUnusedLocals", "noImplicitReturns"] as const) {
                    assert.strictEqual(options[key], root[key], key);
                }
                assert.deepStrictEqual(options.lib, root.lib);
                assert.deepStrictEqual(options.types, ["node"]);
                // cmd/run turns a tsconfig's own noCheck into ts-node's transpileOnly: the program would go unchecked.
                assert.notStrictEqual(options.noCheck, true);
            });
        });
    }
});
