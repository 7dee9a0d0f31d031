// How the offline plan reads ESC environments (tools/lib/esc-environment.ts): ESC's two top-level
// keys only, imports followed and merged by JSON Merge Patch under the importer's own values, the
// stack's environments composed the same way, and every mistake a SettingsError naming the file.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { isSettingsError } from "../../tools/plan/errors";
import { mergePatch } from "../../tools/lib/esc-environment";
import { readStackConfig } from "../../tools/lib/stack-config";
import { suiteTempDir } from "./helpers";

describe("ESC environments in the offline plan", () => {
    const dir = suiteTempDir("esc-env");
    let n = 0;

    /** A project with stack `dev` importing `envs`, and the environment files given. */
    function project(envs: string[], files: Record<string, string>, stackConfig = ""): string {
        const root = path.join(dir, `p${n++}`);
        fs.mkdirSync(path.join(root, "environments"), { recursive: true });
        fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
        fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), `environment: ${JSON.stringify(envs)}\n${stackConfig}`);
        for (const [name, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(root, "environments", `${name}.yaml`), text);
        }
        return root;
    }

    const mistake = (root: string, ...fragments: string[]) =>
        assert.throws(
            () => readStackConfig("dev", root),
            (e: Error) => isSettingsError(e) && fragments.every((f) => e.message.includes(f)) && !e.message.includes("\n"),
        );

    it("applies RFC 7396 merge patch: objects merge key by key, null deletes, anything else replaces", () => {
        assert.deepStrictEqual(mergePatch({ a: 1, o: { x: 1, y: 1 }, l: [1, 2], gone: true }, { o: { y: 2, z: 3 }, l: [3], gone: null, b: "new" }), {
            a: 1,
            o: { x: 1, y: 2, z: 3 },
            l: [3],
            b: "new",
        });
        assert.strictEqual(mergePatch({ a: 1 }, "text"), "text");
        assert.deepStrictEqual(mergePatch("text", { a: 1 }), { a: 1 });
    });

    it("follows an environment's imports, merging them under its own values, and names the file that set each key", () => {
        const root = project(["org/dev"], {
            base: "values:\n  pulumiConfig:\n    p:region: us-gov-west-1\n    p:service: { cpu: 256, memory: 512 }\n",
            shared: "values:\n  pulumiConfig:\n    p:unmerged: true\n",
            dev: "imports:\n  - org/base\n  - org/shared: { merge: false }\nvalues:\n  pulumiConfig:\n    p:service: { memory: 1024 }\n",
        });
        const config = readStackConfig("dev", root);
        assert.deepStrictEqual(config.values, { "p:region": "us-gov-west-1", "p:service": { cpu: 256, memory: 1024 } });
        assert.deepStrictEqual(config.sources, { "p:region": path.join("environments", "base.yaml"), "p:service": path.join("environments", "dev.yaml") });
    });

    it("composes the stack's environments in order (a later one merges over an earlier), and the stack file wins key by key", () => {
        const root = project(
            ["org/a", "org/b"],
            {
                a: "values:\n  pulumiConfig:\n    p:obj: { x: 1, y: 1 }\n    p:own: env\n",
                b: "values:\n  pulumiConfig:\n    p:obj: { y: 2 }\n",
            },
            "config:\n  p:own: stack\n",
        );
        const config = readStackConfig("dev", root);
        assert.deepStrictEqual(config.values, { "p:obj": { x: 1, y: 2 }, "p:own": "stack" });
        assert.deepStrictEqual(config.sources, { "p:obj": path.join("environments", "b.yaml"), "p:own": "Pulumi.dev.yaml" });
    });

    it("refuses a top-level key ESC does not define, naming the file and the key it meant", () => {
        const root = project(["org/dev"], { dev: "valeus:\n  pulumiConfig:\n    p:x: 1\n" });
        mistake(root, `${path.join("environments", "dev.yaml")}: unknown top-level key "valeus" (did you mean "values"?); an ESC environment holds imports and values`);
    });

    it("refuses imports that are not a list of names, an import entry of another shape, and a cycle", () => {
        mistake(project(["org/dev"], { dev: "imports: org/base\nvalues: {}\n" }), 'dev.yaml: "imports" is "org/base"; expected a list of environment names');
        mistake(project(["org/dev"], { dev: "imports:\n  - 5\nvalues: {}\n" }), 'dev.yaml: "imports[0]" is 5; expected a list');
        mistake(project(["org/dev"], { dev: "imports:\n  - org/base: { merge: maybe }\nvalues: {}\n", base: "values: {}\n" }), '"imports[0]" is {"org/base":{"merge":"maybe"}}');
        mistake(
            project(["org/a"], { a: "imports: [org/b]\nvalues: {}\n", b: "imports: [org/a]\nvalues: {}\n" }),
            "a.yaml: the environments import each other in a cycle (org/a → org/b → org/a)",
        );
        // The same file under another name (environments/<last segment>.yaml) is the same environment.
        mistake(project(["org/a"], { a: "imports: [govstack/a]\nvalues: {}\n" }), "a.yaml: the environments import each other in a cycle (org/a → govstack/a)");
    });

    it("refuses values or values.pulumiConfig that are not mappings, naming the environment that holds them", () => {
        mistake(project(["org/dev"], { dev: "values: [1]\n" }), 'dev.yaml: "values" must be a mapping of key: value, got [1]');
        mistake(project(["org/dev"], { base: "values:\n  pulumiConfig: oops\n", dev: "imports: [org/base]\nvalues: {}\n" }), 'base.yaml: "values.pulumiConfig" must be a mapping of key: value, got "oops"');
        mistake(project(["org/dev"], { dev: "imports: [org/missing]\nvalues: {}\n" }), "missing.yaml does not exist");
    });
});
