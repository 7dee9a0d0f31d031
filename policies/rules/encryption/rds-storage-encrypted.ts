// rds-storage-encrypted: RDS instances and RDS, Aurora, DocumentDB and Neptune clusters encrypt
// storage, snapshots and backups at rest (SC-28/SC-28(1)) under a customer-managed key (SC-12).
// Encryption cannot be added to a running database, so it has to be right at creation.

import { DOCDB_CLUSTER, labelOf, NEPTUNE_CLUSTER, RDS_CLUSTER, RDS_INSTANCE, requireTrue, resourcePolicy } from "../../lib";
import { checkCmk, CMK_NO_VERDICT, REQUIRE_CMK } from "./cmk";

export const rdsStorageEncrypted = resourcePolicy({
    name: "rds-storage-encrypted",
    description:
        "RDS instances and RDS, Aurora, DocumentDB and Neptune clusters must encrypt storage, snapshots and backups at rest " +
        "(storageEncrypted), with a customer-managed KMS key where config requires it. A kmsKeyId (Neptune: kmsKeyArn) without " +
        "storageEncrypted: true is blocked too, with the reason: AWS rejects that combination.",
    summary: "RDS, Aurora, DocumentDB and Neptune storage encrypted at rest with a customer-managed KMS key",
    severity: "high",
    controls: ["SC-28", "SC-28(1)", "SC-12", "SC-13"],
    remediationSteps:
        "Set `storageEncrypted: true` and `kmsKeyId` (Neptune: `kmsKeyArn`) to the data key's ARN. Encryption cannot be added in place: create the " +
        "encrypted instance from an encrypted snapshot copy.",
    resourceTypes: [RDS_INSTANCE, RDS_CLUSTER, DOCDB_CLUSTER, NEPTUNE_CLUSTER],
    options: REQUIRE_CMK,
    noVerdict: [
        ...CMK_NO_VERDICT,
        {
            when: "replicateSourceDb is set (a read replica)",
            why: "a read replica inherits its source's encryption (AWS refuses an unencrypted replica of an encrypted source), and the source is judged",
        },
    ],
    validate: (ctx) => {
        const what = labelOf(ctx, "Database");
        const replicaOf = ctx.readString("replicateSourceDb", { quiet: true });
        if (!replicaOf.ok && !replicaOf.unknown) {
            return; // malformed: reported
        }
        if (replicaOf.ok && replicaOf.value !== undefined && replicaOf.value !== "") {
            // A same-region read replica inherits its source's encryption; the source is judged.
            return;
        }
        // Neptune names the same input kmsKeyArn.
        const keyPath = ctx.type === NEPTUNE_CLUSTER ? "kmsKeyArn" : "kmsKeyId";
        // A key without storageEncrypted is not a quiet default to unencrypted: AWS rejects it
        // ("InvalidParameterCombination: You must enable StorageEncrypted when you specify KmsKeyId";
        // CloudFormation AWS::RDS::DBInstance KmsKeyId: "you must enable encryption by setting the
        // StorageEncrypted property to true"), so the message says so. A computed key is still set.
        const key = ctx.readString(keyPath, { quiet: true });
        const keySet = key.ok ? key.value !== undefined && key.value !== "" : key.unknown;
        const unencrypted = keySet
            ? `${what} sets ${keyPath} without storageEncrypted: true; AWS rejects that combination (a KMS key needs storage encryption on), so set storageEncrypted: true.`
            : `${what} is not encrypted at rest; set storageEncrypted: true.`;
        if (requireTrue(ctx, "storageEncrypted", unencrypted)) {
            checkCmk(ctx, keyPath, what);
        }
    },
});
