import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

// No Docker engine runs where the tests run, so the image cannot be built here; these checks read
// the Dockerfile itself for what the task definition and the policy pack rely on.
const APP = path.resolve(__dirname, "..");
const dockerfile = fs.readFileSync(path.join(APP, "Dockerfile"), "utf8");
const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
const stages = instructions.filter((l) => /^FROM /i.test(l));
const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));

describe("app: Dockerfile", () => {
    it("is multi-stage, every base pinned to an explicit Node and Alpine release", () => {
        assert.ok(stages.length >= 2, "a build stage and a runtime stage");
        for (const from of stages) {
            assert.match(from, /^FROM node:\d+\.\d+\.\d+-alpine\d+\.\d+( AS \w+)?$/, from);
        }
        assert.doesNotMatch(dockerfile, /:latest\b/);
    });

    it("runs the final stage as uid 1001, not root", () => {
        const users = finalStage.filter((l) => /^USER /i.test(l));
        assert.equal(users[users.length - 1], "USER 1001:1001");
    });

    it("has a HEALTHCHECK on the app's own probe and a JSON-form CMD", () => {
        const health = finalStage.find((l) => /^HEALTHCHECK /i.test(l));
        assert.match(String(health), /CMD \["node", "\/app\/dist\/healthcheck\.js"\]/);
        assert.ok(finalStage.includes('CMD ["node", "/app/dist/main.js"]'));
    });

    it("copies only compiled output into the runtime stage, owned by root (read-only for uid 1001)", () => {
        const copies = finalStage.filter((l) => /^COPY /i.test(l));
        assert.ok(copies.length > 0);
        for (const copy of copies) {
            assert.match(copy, /--chown=root:root/, copy);
        }
        assert.ok(copies.some((c) => c.includes("--from=build") && c.includes("/build/dist/")));
    });

    it("installs from the lockfile and keeps dependencies and tests out of the build context", () => {
        assert.ok(instructions.some((l) => /^RUN npm ci\b/.test(l)));
        assert.ok(fs.existsSync(path.join(APP, "package-lock.json")));
        const ignored = fs.readFileSync(path.join(APP, ".dockerignore"), "utf8").split("\n");
        for (const entry of ["node_modules", "dist", "test"]) {
            assert.ok(ignored.includes(entry), entry);
        }
    });

    it("has no runtime dependencies", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(APP, "package.json"), "utf8")) as Record<string, unknown>;
        assert.equal(pkg.private, true);
        assert.equal(pkg.dependencies, undefined);
    });
});
