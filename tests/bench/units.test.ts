import * as assert from "assert";

import { Args, parseArgs } from "../../tools/bench";
import { parseGnuTimeMaxRss } from "../../tools/bench/proc-memory";
import { median } from "../../tools/bench/stats";
import { syntheticEstate, typeMix } from "../../tools/bench/synthetic-estate";
import { checkTargets, targetsFor } from "../../tools/bench/targets";
import { UsageError } from "../../tools/lib/cli-args";
import { PlannedResource, plannedResource } from "../../tools/plan/types";

const STACK = "urn:pulumi:prod::govstack";

function resource(type: string, name: string, extra: Partial<PlannedResource> = {}): PlannedResource {
    return plannedResource({ urn: `${STACK}::${type}::${name}`, type, name, ...extra });
}

function base(): PlannedResource[] {
    const provider = resource("pulumi:providers:aws", "default_7_48_0", { custom: true, inputs: { region: "us-gov-west-1" } });
    const bucket = resource("aws:s3/bucket:Bucket", "logs", { provider: provider.urn, inputs: { bucket: "govstack-prod-logs" } });
    const policy = resource("aws:s3/bucketPolicy:BucketPolicy", "logs-policy", {
        provider: provider.urn,
        parent: bucket.urn,
        dependencies: [bucket.urn],
        propertyDependencies: { bucket: [bucket.urn] },
        inputs: {
            bucket: "govstack-prod-logs",
            policy: '{"Resource":"arn:aws-us-gov:s3:::govstack-prod-logs/*","Principal":{"Service":"logging.s3.amazonaws.com"}}',
            ref: bucket.urn,
        },
    });
    return [provider, bucket, policy];
}

describe("bench: synthetic estates", () => {
    it("has exactly the size asked for, with every URN unique", () => {
        const estate = syntheticEstate(base(), 8);
        assert.strictEqual(estate.length, 8);
        assert.strictEqual(new Set(estate.map((r) => r.urn)).size, 8);
    });

    it("keeps the base's resource mix (whole copies)", () => {
        const mix = typeMix(syntheticEstate(base(), 9));
        assert.deepStrictEqual(mix, { "pulumi:providers:aws": 3, "aws:s3/bucket:Bucket": 3, "aws:s3/bucketPolicy:BucketPolicy": 3 });
    });

    it("points each copy's references at the same copy: parent, provider, dependencies, URNs and physical names in inputs", () => {
        const [provider, bucket, policy] = syntheticEstate(base(), 6).slice(3);
        assert.strictEqual(bucket.inputs.bucket, "govstack-prod-logs-b1");
        assert.strictEqual(bucket.provider, provider.urn);
        assert.strictEqual(policy.parent, bucket.urn);
        assert.deepStrictEqual(policy.dependencies, [bucket.urn]);
        assert.deepStrictEqual(policy.propertyDependencies, { bucket: [bucket.urn] });
        assert.strictEqual(policy.inputs.ref, bucket.urn);
        assert.strictEqual(policy.inputs.bucket, "govstack-prod-logs-b1");
        // The ARN follows the bucket's new name; a service principal is not a name and stays.
        assert.strictEqual(
            policy.inputs.policy,
            '{"Resource":"arn:aws-us-gov:s3:::govstack-prod-logs-b1/*","Principal":{"Service":"logging.s3.amazonaws.com"}}',
        );
    });

    it("leaves the base (copy 0) untouched and refuses nonsense sizes", () => {
        const b = base();
        const estate = syntheticEstate(b, 4);
        assert.strictEqual(estate[1], b[1]);
        assert.strictEqual(b[1].inputs.bucket, "govstack-prod-logs");
        assert.throws(() => syntheticEstate(b, 0), /Invalid estate size 0/);
        assert.throws(() => syntheticEstate([], 10), /empty plan/);
    });
});

describe("bench: targets, statistics, arguments", () => {
    it("checks each target against the field it names, n/a when not measured", () => {
        const result = { analyze_per_s: { "10000": 1400 }, analyze_stack_ms: { "10000": 900 }, pack_start_ms: 2600, scaling_ratio: 11.9 };
        const status = Object.fromEntries(checkTargets(result, targetsFor([1000, 10000], ["prod"])).map((t) => [t.field, t.status]));
        assert.deepStrictEqual(status, {
            "plan_wall_ms.prod": "n/a",
            pack_start_ms: "FAIL",
            "analyze_per_s.10000": "FAIL",
            "analyze_stack_ms.10000": "PASS",
            plan_peak_rss_mb: "n/a",
            scaling_ratio: "PASS",
        });
    });

    it("drops the plan target when prod's plan is not timed", () => {
        assert.ok(!targetsFor([1000, 10000], []).some((t) => t.field.startsWith("plan_wall_ms")));
    });

    it("takes medians of odd and even sample counts", () => {
        assert.strictEqual(median([5, 1, 3]), 3);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
        assert.ok(Number.isNaN(median([])));
    });

    it("reads GNU time's peak RSS", () => {
        assert.strictEqual(parseGnuTimeMaxRss("\tMaximum resident set size (kbytes): 254564\n"), 254564);
        assert.strictEqual(parseGnuTimeMaxRss("no report"), undefined);
    });

    it("parses options and names a bad value", () => {
        const args = parseArgs(["--runs", "3", "--sizes", "500,5000", "--in-flight", "64", "--no-plan"]) as Args;
        assert.deepStrictEqual([args.runs, args.sizes, args.inFlight, args.plan], [3, [500, 5000], 64, false]);
        assert.deepStrictEqual((parseArgs(["--quick"]) as Args).sizes, [100, 1000]);
        assert.throws(() => parseArgs(["--runs", "0"]), (e: Error) => e instanceof UsageError && /Invalid --runs "0"/.test(e.message));
        assert.throws(() => parseArgs(["--sizes", "10,x"]), /Invalid --sizes entry "x"/);
        assert.throws(() => parseArgs(["--fast"]), /Unknown option --fast/);
        assert.throws(() => parseArgs(["--out"]), (e: Error) => e instanceof UsageError && e.message === "--out needs a value");
        assert.throws(() => parseArgs(["--runs", "--quick"]), /^Error: --runs needs a value$/);
        assert.throws(() => parseArgs(["--check=yes"]), /--check takes no value/);
        assert.throws(() => parseArgs(["prod"]), /Unexpected argument prod/);
        assert.deepStrictEqual((parseArgs(["--runs", "2", "--quick"]) as Args).runs, 2, "an explicit --runs wins over --quick");
    });
});
