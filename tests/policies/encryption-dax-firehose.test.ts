// The encryption area's DAX and Firehose policies (issue 17 items 4 and 5).

import { daxClusterEncrypted, firehoseDeliveryStreamCmk } from "../../policies/rules/encryption";
import {
    assertClean,
    assertViolations,
    CANNOT_EVALUATE_SUFFIX as SUFFIX,
    itHonoursWaivers,
    itIsAdvisoryOnly,
    runResourcePolicy,
    unknown,
} from "./helpers";
import { DAX_CLUSTER, KINESIS_FIREHOSE_DELIVERY_STREAM } from "../../policies/lib";

const KEY_ARN = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("encryption: DAX and Firehose", () => {
    describe("dax-cluster-encrypted", () => {
        const p = daxClusterEncrypted;
        it("blocks a DAX cluster without encryption at rest", async () => {
            for (const props of [{}, { serverSideEncryption: {} }, { serverSideEncryption: { enabled: false } }]) {
                assertViolations(await runResourcePolicy(p, { type: DAX_CLUSTER, name: "cache", props }), [
                    'DAX cluster "cache" is not encrypted at rest; set serverSideEncryption.enabled: true.',
                ]);
            }
        });
        it("passes an encrypted cluster", async () => {
            assertClean(await runResourcePolicy(p, { type: DAX_CLUSTER, props: { serverSideEncryption: { enabled: true } } }));
        });
        itIsAdvisoryOnly("is advisory when unknown", p, { type: DAX_CLUSTER, props: { serverSideEncryption: { enabled: unknown() } } });
        itHonoursWaivers(p, { type: DAX_CLUSTER, name: "cache", props: {} });
    });

    describe("firehose-delivery-stream-cmk", () => {
        const p = firehoseDeliveryStreamCmk;
        it("blocks a direct-put stream without SSE, with an AWS-owned key, or a customer key type without a key", async () => {
            assertViolations(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: { destination: "extended_s3" } }), [
                'Firehose delivery stream "events" is not encrypted at rest; set serverSideEncryption.enabled: true with a customer-managed key.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: { serverSideEncryption: { enabled: true } } }), [
                'Firehose delivery stream "events" is encrypted with an AWS-owned key; set serverSideEncryption.keyType to "CUSTOMER_MANAGED_CMK" and keyArn to a customer-managed KMS key.',
            ]);
            assertViolations(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" } } }), [
                'Firehose delivery stream "events" has no keyArn, so it is encrypted with an AWS-managed key; set keyArn to a customer-managed KMS key.',
            ]);
        });
        it("passes a customer-managed key (known or computed), an AWS-owned key where config allows it, and a stream with a Kinesis or MSK source", async () => {
            assertClean(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN } } }));
            assertClean(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: unknown() } } }));
            assertClean(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { serverSideEncryption: { enabled: true } }, config: { requireCmk: false } }));
            assertClean(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { kinesisSourceConfiguration: { kinesisStreamArn: "arn:x", roleArn: "arn:y" } } }));
            assertClean(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { mskSourceConfiguration: { mskClusterArn: "arn:x" } } }));
        });
        it("a key type Firehose does not define cannot be evaluated", async () => {
            assertViolations(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_CMK", keyArn: KEY_ARN } } }), [
                `Cannot evaluate Firehose delivery stream "events": serverSideEncryption.keyType is "CUSTOMER_CMK", expected one of "AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"${SUFFIX}`,
            ]);
        });
        it("a source that is not an object is never a silent exemption", async () => {
            assertViolations(await runResourcePolicy(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: { kinesisSourceConfiguration: "arn:x" } }), [
                `Cannot evaluate Firehose delivery stream "events": kinesisSourceConfiguration is "arn:x", expected an object${SUFFIX}`,
            ]);
        });
        itIsAdvisoryOnly("is advisory when encryption is unknown", p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, props: { serverSideEncryption: { enabled: unknown() } } });
        itHonoursWaivers(p, { type: KINESIS_FIREHOSE_DELIVERY_STREAM, name: "events", props: {} });
    });
});
