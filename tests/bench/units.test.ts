import * as assert from "assert";

import { Args, parseArgs } from "../../tools/bench";
import { parseGnuTimeMaxRss } from "../../tools/bench/proc-memory";
import { median } from "../../tools/bench/stats";
import { syntheticEstate, typeMix } from "../../tools/bench/synthetic-estate";
import { checkTargets, targetsFor } from "../../tools/bench/targets";
import { UsageError } from "../../tools/lib/cli-args";
import { PlannedResource, plannedResource } from "../../tools/plan/types";
import { guarddutyDetectorEnabled } from "../../policies/rules/detection";
import { assertClean, runStackPolicy, TestResource } from "../policies/helpers";

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

    describe("each full copy is self-consistent: value ties by known id or ARN stay inside it, enum names stay AWS's", () => {
        const DETECTOR_ID = "12abc34d567e8fa901bc2d34e56789f0";
        const DETECTOR_ARN = `arn:aws-us-gov:guardduty:us-gov-west-1:111122223333:detector/${DETECTOR_ID}`;
        const tied = (): PlannedResource[] => {
            const provider = resource("pulumi:providers:aws", "default_7_48_0", { custom: true, inputs: { region: "us-gov-west-1" } });
            const workload = resource("aws:ecs/cluster:Cluster", "app", { provider: provider.urn, inputs: { name: "govstack-prod-app" } });
            const detector = resource("aws:guardduty/detector:Detector", "detector", {
                provider: provider.urn,
                inputs: { enable: true },
                outputs: { enable: true, id: DETECTOR_ID, arn: DETECTOR_ARN },
            });
            // Tied by value only (no property dependency): the shape that used to resolve to the first copy alone.
            const feature = (name: string) =>
                resource("aws:guardduty/detectorFeature:DetectorFeature", name, {
                    provider: provider.urn,
                    inputs: { detectorId: DETECTOR_ID, name, status: "ENABLED" },
                    outputs: { detectorId: DETECTOR_ID, name, status: "ENABLED", note: `of ${DETECTOR_ARN}` },
                });
            return [provider, workload, detector, feature("S3_DATA_EVENTS"), feature("EBS_MALWARE_PROTECTION")];
        };
        const asStack = (estate: readonly PlannedResource[]): TestResource[] =>
            estate.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.outputs as Record<string, unknown>, propertyDependencies: r.propertyDependencies }));

        it("suffixes a copy's own ids and ARNs wherever they appear as a whole token, and keeps copy 0's", () => {
            const estate = syntheticEstate(tied(), 10);
            const [detector0, feature0] = [estate[2], estate[3]];
            const [detector1, feature1] = [estate[7], estate[8]];
            assert.strictEqual(detector0.outputs.id, DETECTOR_ID);
            assert.strictEqual(feature0.inputs.detectorId, DETECTOR_ID);
            assert.strictEqual(detector1.outputs.id, `${DETECTOR_ID}-b1`);
            assert.strictEqual(feature1.inputs.detectorId, `${DETECTOR_ID}-b1`);
            assert.strictEqual(feature1.outputs.detectorId, `${DETECTOR_ID}-b1`);
            // The ARN holds the id: one suffix, the same in the detector and in every reference to it.
            assert.strictEqual(detector1.outputs.arn, `${DETECTOR_ARN}-b1`);
            assert.strictEqual(feature1.outputs.note, `of ${DETECTOR_ARN}-b1`);
            // An upper-case `name` is an AWS enum value, not a physical name: suffixed, the feature was malformed.
            assert.strictEqual(feature1.inputs.name, "S3_DATA_EVENTS");
            assert.strictEqual(estate[6].inputs.name, "govstack-prod-app-b1");
        });

        it("a stack policy that ties by value sees every full copy consistent (the pack, not just the strings)", async () => {
            // Three full copies: each detector has its two features; nothing reports.
            assertClean(await runStackPolicy(guarddutyDetectorEnabled, asStack(syntheticEstate(tied(), 15))));
        });
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
