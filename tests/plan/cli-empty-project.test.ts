import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { main } from "../../tools/plan";

// `npm run plan -- --all` on a folder with no stack files: a settings error (exit 2) that names the
// folder, before any pack is started — not an empty, green run that checked nothing.
describe("npm run plan -- --all on a project with no stacks", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govstack-plan-empty-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 2 and says there is no Pulumi.<stack>.yaml there", async () => {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: empty\nruntime: nodejs\n");
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(["--all", "--root", dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
        assert.strictEqual(code, 2);
        assert.deepStrictEqual(err, [`plan: No Pulumi.<stack>.yaml in ${dir}`]);
        assert.deepStrictEqual(out, []);
    });
});
