import { rdsNotPubliclyAccessible } from "../../policies/rules/databases";
import { assertClean, assertNoMandatory, assertViolations, itHonoursWaivers, runResourcePolicy, unknown } from "./helpers";

describe("databases", () => {
    describe("rds-not-publicly-accessible", () => {
        const type = "aws:rds/instance:Instance";
        it("flags a publicly accessible instance", async () => {
            const diags = await runResourcePolicy(rdsNotPubliclyAccessible, { type, name: "db", props: { publiclyAccessible: true } });
            assertViolations(diags, ['DB instance "db" has publiclyAccessible = true; set it to false.']);
        });
        it("passes a private instance", async () => {
            assertClean(await runResourcePolicy(rdsNotPubliclyAccessible, { type, props: { publiclyAccessible: false } }));
        });
        it("covers DocumentDB cluster instances", async () => {
            const diags = await runResourcePolicy(rdsNotPubliclyAccessible, {
                type: "aws:docdb/clusterInstance:ClusterInstance",
                name: "doc",
                props: { publiclyAccessible: true },
            });
            assertViolations(diags, ['DB instance "doc" has publiclyAccessible = true; set it to false.']);
        });
        it("is advisory when the flag is unknown", async () => {
            assertNoMandatory(await runResourcePolicy(rdsNotPubliclyAccessible, { type, props: { publiclyAccessible: unknown() } }));
        });
        itHonoursWaivers(rdsNotPubliclyAccessible, { type, name: "db", props: { publiclyAccessible: true } });
    });
});
