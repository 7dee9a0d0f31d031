import * as assert from "node:assert/strict";

import { callerPairs, conditionNarrowsCaller, Narrowing } from "../../../policies/lib/conditions";
import { UNKNOWN } from "../../../policies/lib/unknowns";

const ACCOUNT = "123456789012";

function kind(condition: unknown): Narrowing["kind"] {
    return conditionNarrowsCaller(condition).kind;
}

function reasons(condition: unknown): readonly string[] {
    const n = conditionNarrowsCaller(condition);
    assert.equal(n.kind, "open", JSON.stringify(n));
    return n.kind === "open" ? n.reasons : [];
}

describe("lib/conditions", () => {
    it("treats a missing, null or empty Condition (or empty operator blocks) as absent", () => {
        for (const c of [undefined, null, {}, { StringEquals: {} }]) {
            assert.equal(kind(c), "absent", JSON.stringify(c));
        }
    });

    it("narrows on positive operators that fix a caller key, keys case-insensitive", () => {
        const cases: Record<string, unknown>[] = [
            { StringEquals: { "aws:SourceAccount": ACCOUNT } },
            { StringEquals: { "AWS:SOURCEACCOUNT": Number(ACCOUNT) } },
            { stringequals: { "aws:sourceaccount": ACCOUNT } },
            { StringEqualsIgnoreCase: { "aws:PrincipalOrgID": "o-abc123def4" } },
            { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-abc123def4/r-ab12/ou-ab12-11111111/*"] } },
            { ArnLike: { "aws:SourceArn": `arn:aws-us-gov:cloudtrail:us-gov-west-1:${ACCOUNT}:trail/*` } },
            { ArnEquals: { "aws:PrincipalArn": `arn:aws-us-gov:iam::${ACCOUNT}:role/app` } },
            { ArnLike: { "aws:SourceArn": "arn:aws-us-gov:s3:::access-logs-bucket" } },
            { StringEquals: { "aws:SourceVpce": "vpce-0abc", "aws:SecureTransport": "true" } },
            { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.us-gov-west-1.amazonaws.com" } },
            { StringLike: { "aws:userid": "AROAEXAMPLEROLEID:*" } },
            { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] } },
            { StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } },
        ];
        for (const c of cases) {
            assert.equal(kind(c), "narrowed", JSON.stringify(c));
        }
        assert.deepEqual(conditionNarrowsCaller({ Bool: { "aws:SecureTransport": "true" }, StringEquals: { "aws:SourceAccount": ACCOUNT } }), {
            kind: "narrowed",
            by: "StringEquals aws:SourceAccount",
        });
    });

    it("does not narrow on keys that say how or where rather than who", () => {
        assert.deepEqual(reasons({ Bool: { "aws:SecureTransport": "true" } }), ["Bool aws:SecureTransport: the key does not identify the caller"]);
        for (const key of ["kms:ViaService", "aws:username", "lambda:FunctionArn", "aws:RequestedRegion", "s3:prefix"]) {
            assert.equal(kind({ StringEquals: { [key]: "x" } }), "open", key);
        }
    });

    it("does not narrow on negated, IfExists, ForAllValues, Null, Bool or mismatched operators", () => {
        assert.deepEqual(reasons({ StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } }), [
            "StringNotEquals aws:PrincipalAccount: a negated operator lets every other value through",
        ]);
        assert.deepEqual(reasons({ StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }), ["StringEqualsIfExists aws:SourceAccount: IfExists is true when the key is absent"]);
        assert.deepEqual(reasons({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc123def4" } }), [
            "ForAllValues:StringEquals aws:PrincipalOrgID: ForAllValues is true when the key is absent or empty",
        ]);
        for (const c of [
            { ArnNotLike: { "aws:SourceArn": `arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:t` } },
            { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
            { IpAddressIfExists: { "aws:SourceIp": "203.0.113.0/24" } },
            { "ForAllValues:ArnLike": { "aws:PrincipalArn": `arn:aws-us-gov:iam::${ACCOUNT}:role/*` } },
            { Null: { "aws:SourceAccount": "false" } },
            { Bool: { "aws:PrincipalOrgID": "true" } },
            { NumericEquals: { "aws:SourceAccount": ACCOUNT } },
            { StringEquals: { "aws:SourceIp": "203.0.113.5" } },
            { IpAddress: { "aws:SourceAccount": ACCOUNT } },
        ]) {
            assert.equal(kind(c), "open", JSON.stringify(c));
        }
    });

    it("does not narrow on wildcards, policy variables, open accounts or the whole address space", () => {
        const open: [Record<string, unknown>, string][] = [
            [{ StringLike: { "aws:PrincipalArn": "*" } }, 'StringLike aws:PrincipalArn: "*" matches any caller'],
            [{ StringEquals: { "aws:SourceAccount": [ACCOUNT, "*"] } }, 'StringEquals aws:SourceAccount: "*" matches any caller'],
            [{ StringLike: { "aws:PrincipalOrgID": "o-*" } }, 'StringLike aws:PrincipalOrgID: "o-*" is a pattern, not a fixed value'],
            [{ ArnLike: { "aws:PrincipalArn": "arn:aws-us-gov:iam::*:role/admin" } }, 'ArnLike aws:PrincipalArn: "arn:aws-us-gov:iam::*:role/admin" leaves the account open'],
            [{ ArnLike: { "aws:SourceArn": "arn:aws-us-gov:s3:::*" } }, 'ArnLike aws:SourceArn: "arn:aws-us-gov:s3:::*" leaves the account open'],
            [{ StringLike: { "aws:PrincipalOrgPaths": "o-*/r-ab12/*" } }, 'StringLike aws:PrincipalOrgPaths: "o-*/r-ab12/*" leaves the organization open'],
            [{ StringEquals: { "aws:SourceAccount": "${aws:PrincipalAccount}" } }, 'StringEquals aws:SourceAccount: "${aws:PrincipalAccount}" is a policy variable, not a fixed value'],
            [{ StringEquals: { "aws:userid": "anonymous" } }, 'StringEquals aws:userid: "anonymous" is every anonymous caller'],
            [{ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, 'IpAddress aws:SourceIp: "0.0.0.0/0" is every address'],
            [{ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "::/0"] } }, 'IpAddress aws:SourceIp: "::/0" is every address'],
            [{ IpAddress: { "aws:SourceIp": "10.0.0.0/33" } }, 'IpAddress aws:SourceIp: "10.0.0.0/33" is not an IP address or CIDR'],
            [{ StringEquals: { "aws:SourceAccount": [] } }, "StringEquals aws:SourceAccount: no values"],
            [{ StringEquals: { "aws:SourceAccount": "" } }, 'StringEquals aws:SourceAccount: "" is not a value'],
            [{ StringEquals: { "aws:SourceAccount": { a: 1 } } }, 'StringEquals aws:SourceAccount: {"a":1} is not a string'],
        ];
        for (const [c, why] of open) {
            assert.deepEqual(reasons(c), [why]);
        }
        assert.deepEqual(reasons("nope"), ["Condition: not an operator block"]);
        assert.deepEqual(reasons({ StringEquals: "aws:SourceAccount" }), ["StringEquals: not a key/value block"]);
    });

    it("says unknown only when an unknown could decide, and never throws", () => {
        assert.deepEqual(conditionNarrowsCaller(UNKNOWN), { kind: "unknown", what: "Condition" });
        assert.deepEqual(conditionNarrowsCaller({ StringEquals: { "aws:SourceAccount": UNKNOWN } }), { kind: "unknown", what: "Condition StringEquals aws:SourceAccount" });
        assert.deepEqual(conditionNarrowsCaller({ ArnLike: { "aws:SourceArn": [`arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:t`, UNKNOWN] } }), {
            kind: "unknown",
            what: "Condition ArnLike aws:SourceArn",
        });
        assert.deepEqual(conditionNarrowsCaller({ StringEquals: UNKNOWN }), { kind: "unknown", what: "Condition StringEquals" });
        assert.deepEqual(conditionNarrowsCaller({ "ForAnyValue:IpAddress": UNKNOWN }), { kind: "unknown", what: "Condition ForAnyValue:IpAddress" });
        // A known narrowing pair decides even next to an unknown one.
        assert.equal(kind({ StringEquals: { "aws:SourceAccount": ACCOUNT }, StringLike: { "aws:PrincipalArn": UNKNOWN } }), "narrowed");
        // Unknowns that cannot narrow whatever they are do not hide the finding.
        assert.equal(kind({ Bool: { "aws:SecureTransport": UNKNOWN } }), "open");
        assert.equal(kind({ StringEqualsIfExists: UNKNOWN }), "open");
        assert.equal(kind({ StringEquals: { "aws:SourceAccount": ["*", UNKNOWN] } }), "open");
    });
});

describe("callerPairs", () => {
    it("lists the narrowing pairs with their keys as AWS spells them, marking network keys and unknown values", () => {
        const r = callerPairs({
            StringEquals: { "AWS:SOURCEVPCE": "vpce-1", "aws:PrincipalAccount": [ACCOUNT, UNKNOWN] },
            IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
            Bool: { "aws:SecureTransport": "true" },
            StringLike: UNKNOWN,
        });
        assert.deepEqual(r, {
            kind: "ok",
            pairs: [
                { operator: "StringEquals", key: "aws:SourceVpce", network: true, known: true, values: ["vpce-1"] },
                { operator: "StringEquals", key: "aws:PrincipalAccount", network: false, known: false, values: [ACCOUNT, UNKNOWN] },
            ],
            unknownOperator: "StringLike",
        });
    });
    it("is unknown for an unknown Condition and empty for none", () => {
        assert.deepEqual(callerPairs(UNKNOWN), { kind: "unknown" });
        assert.deepEqual(callerPairs(undefined), { kind: "ok", pairs: [] });
    });
});
