import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { bomComponents, Lockfile, missingFromBom, productionClosure, productionPackages, resolveFrom } from "../../tools/gates/sbom";
import { PROJECT_ROOT } from "../../tools/lib/stack-config";
import { ensureTool, generate, TARGETS } from "../../tools/sbom";

/** A lockfile (v3) built in code: a project, one workspace, nesting, an alias and dev-only packages. */
function lock(): Lockfile {
    return {
        lockfileVersion: 3,
        packages: {
            "": { name: "proj", version: "1.0.0", dependencies: { a: "^1" }, workspaces: ["pack"] },
            pack: { name: "pack", version: "0.1.0", dependencies: { b: "^2", "b-alias": "npm:b@1" } },
            "node_modules/pack": { resolved: "pack", link: true },
            "node_modules/a": { version: "1.0.0", dependencies: { b: "^1" } },
            "node_modules/a/node_modules/b": { version: "1.5.0" },
            "node_modules/b": { version: "v2.0.0", peerDependencies: { c: "*", d: "*" }, peerDependenciesMeta: { d: { optional: true } } },
            "node_modules/b-alias": { name: "b", version: "1.0.0" },
            "node_modules/c": { version: "3.0.0" },
            "node_modules/d": { version: "4.0.0", devOptional: true },
            "node_modules/mocha": { version: "12.0.0", dev: true },
        },
    };
}

const keys = (m: Map<string, unknown>) => [...m.keys()].sort();

describe("SBOM (tools/gates/sbom, npm run sbom)", () => {
    describe("what the SBOM must name, from package-lock.json", () => {
        it("every installed package that is not dev-only, under its real name (aliases resolved)", () => {
            assert.deepStrictEqual(keys(productionPackages(lock())), ["a@1.0.0", "b@1.0.0", "b@1.5.0", "b@v2.0.0", "c@3.0.0", "d@4.0.0"]);
        });

        it("resolves a dependency the way Node does: the nearest node_modules first, then the root's", () => {
            assert.strictEqual(resolveFrom(lock(), "node_modules/a", "b"), "node_modules/a/node_modules/b");
            assert.strictEqual(resolveFrom(lock(), "pack", "b"), "node_modules/b");
            assert.strictEqual(resolveFrom(lock(), "", "pack"), "pack", "a workspace link resolves to its folder");
            assert.strictEqual(resolveFrom(lock(), "pack", "nope"), undefined);
        });

        it("a workspace's closure: its dependencies and required peers, not optional peers, not other packages", () => {
            assert.deepStrictEqual(keys(productionClosure(lock(), "pack")), ["b@1.0.0", "b@v2.0.0", "c@3.0.0"]);
        });

        it("matches components by name and version, a leading v ignored, nested components included, and lists what is missing", () => {
            const bom = { components: [{ name: "a", version: "1.0.0", components: [{ group: "@scope", name: "x", version: "v1.0.0" }] }] };
            assert.deepStrictEqual(bomComponents(bom), [
                { name: "a", version: "1.0.0" },
                { name: "@scope/x", version: "v1.0.0" },
            ]);
            assert.deepStrictEqual(
                missingFromBom(bom, [
                    { name: "a", version: "1.0.0" },
                    { name: "@scope/x", version: "1.0.0" },
                    { name: "a", version: "2.0.0" },
                ]),
                [{ name: "a", version: "2.0.0" }],
            );
        });
    });

    describe("npm run sbom on this repository", function () {
        this.timeout(180000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-sbom-"));
        const root = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string; version: string; devDependencies: Record<string, string> };
        const results: Record<string, ReturnType<typeof generate>> = {};

        before(() => {
            ensureTool();
            for (const target of TARGETS) {
                results[target.file] = generate(target, dir);
            }
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));

        it("writes CycloneDX 1.6 JSON for the project, naming the project", () => {
            const bom = read("govstack.cdx.json");
            assert.strictEqual(bom.bomFormat, "CycloneDX");
            assert.strictEqual(bom.specVersion, "1.6");
            assert.strictEqual(bom.metadata.component.name, root.name);
            assert.strictEqual(bom.metadata.component.version, root.version);
            assert.strictEqual(bom.metadata.component.type, "application");
        });

        it("names every production package of package-lock.json, each with a package URL", () => {
            assert.deepStrictEqual(results["govstack.cdx.json"].missing, []);
            const bom = read("govstack.cdx.json");
            for (const c of bom.components as Array<{ name: string; purl?: string }>) {
                assert.match(c.purl ?? "", /^pkg:npm\//, c.name);
            }
        });

        it("leaves out what only develops the project (mocha, eslint, c8)", () => {
            const names = bomComponents(read("govstack.cdx.json")).map((c) => c.name);
            for (const dev of ["mocha", "eslint", "c8"]) {
                assert.ok(root.devDependencies[dev], `${dev} is a devDependency`);
                assert.ok(!names.includes(dev), `${dev} is not in the SBOM`);
            }
        });

        it("the pack's SBOM names the pack and everything it runs with (@pulumi/policy, @pulumi/pulumi and their closure)", () => {
            assert.deepStrictEqual(results["govstack-guard.cdx.json"].missing, []);
            const names = bomComponents(read("govstack-guard.cdx.json")).map((c) => c.name);
            for (const name of ["govstack-guard", "@pulumi/policy", "@pulumi/pulumi"]) {
                assert.ok(names.includes(name), name);
            }
            assert.ok(!names.includes("@pulumi/aws"), "the program's providers are not the pack's dependencies");
        });
    });
});
