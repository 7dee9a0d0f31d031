// kms-key-explicit-policy: every key carries a key policy the program wrote, never KMS's implicit
// default (AC-3, AC-6, SC-12): the key policy is the primary access control of a KMS key, so it is
// reviewed with the code and judged (kms-key-policy-least-privilege) like any other access policy.

import { resourcePolicy } from "../../lib";
import { KEY_TYPES } from "./resource-types";

/**
 * Decided: the policy is declared on the key itself (`policy`), judged on the key's inputs. A
 * separate aws.kms.KeyPolicy is not accepted in its place, because no policy could prove the tie
 * before the key exists: a resource policy sees one resource, and a stack policy sees outputs, where
 * an unset `policy` is unknown during a preview (the provider computes it) and, once KMS has created
 * the key, holds the default policy KMS attached — indistinguishable from a declared document. A rule
 * built on that would block nothing in a real preview and pass every key after creation. Declared
 * on the key, the document is known at preview and checked before the key is created; the
 * KeyPolicy resource, if any, is still judged by kms-key-policy-least-privilege and
 * kms-key-policy-lockout-check (and setting both makes the two fight over one document anyway).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const kmsKeyExplicitPolicy = resourcePolicy({
    name: "kms-key-explicit-policy",
    description:
        "Every KMS key (Key, ExternalKey, ReplicaKey, ReplicaExternalKey) must declare its key policy in `policy` instead of leaving KMS " +
        "to attach its implicit default (the account root with kms:*). The key policy is a key's primary access control: a declared " +
        "one is reviewed with the code and judged before the key exists by kms-key-policy-least-privilege; the default one is neither " +
        "(AC-3, AC-6, SC-12). The document belongs on the key: a separate aws.kms.KeyPolicy cannot be tied to its key before the key " +
        "exists (a stack policy sees only outputs, where KMS's default looks declared), so it does not count.",
    summary: "Every KMS key declares its key policy (policy on the key): no implicit default key policy",
    severity: "high",
    controls: ["AC-3", "AC-6", "SC-12"],
    remediationSteps:
        "Set `policy` on the aws.kms.Key (ExternalKey, ReplicaKey) to a key policy document: the account root administers the key and " +
        "IAM grants use (narrowed with kms:ViaService and kms:CallerAccount), plus any service principal the key's purpose needs. Move " +
        "a document kept in an aws.kms.KeyPolicy onto the key and remove the KeyPolicy.",
    resourceTypes: [...KEY_TYPES],
    noVerdict: [
        {
            when: "policy is unknown at preview",
            why: "an unknown input is a document computed from other resources' outputs, i.e. declared; kms-key-policy-least-privilege judges it when it is known",
        },
    ],
    validate: (ctx) => {
        const policy = ctx.readString("policy", { quiet: true });
        if (policy.ok && (policy.value === undefined || policy.value.trim() === "")) {
            ctx.violation(`${ctx.label} declares no key policy, so KMS attaches its default policy; set policy on the key.`);
        }
    },
});
