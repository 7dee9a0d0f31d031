// Hostile values for the property-based tests: wrong JSON types, objects whose keys are the names
// JavaScript's conversions and lookups trip over (toString, valueOf, __proto__, constructor …),
// huge and deeply nested values, malformed JSON documents, unknown sentinels and secrets in any
// position. Everything here is data a program (or an attacker editing one) can send.

import fc from "fast-check";

import { UNKNOWN_SENTINELS } from "../../../policies/lib";
import { secret } from "../helpers";

/** The names JavaScript consults on its own: a key with one of these names must never be called or followed. */
export const TRAP_KEYS = ["toString", "valueOf", "toJSON", "__proto__", "constructor", "hasOwnProperty", "then", "length", "Symbol.iterator", "prototype"];

/** An object with an own property `key` (an own "__proto__" key, as JSON.parse makes it, not a prototype). */
function withKey(key: string, value: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> {
    const o: Record<string, unknown> = { ...rest };
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
    return o;
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
    let v = leaf;
    for (let i = 0; i < depth; i++) {
        v = asArray ? [v] : { a: v };
    }
    return v;
}

/** Interesting strings: near-miss enum values, wildcards, world CIDRs, policy variables, sentinel fragments. */
const STRINGS = [
    "",
    " ",
    "true",
    "false",
    "TRUE",
    "null",
    "undefined",
    "0",
    "-0",
    "+0",
    "00",
    "1e309",
    "NaN",
    "*",
    "?*",
    "**",
    "s3:*",
    "iam:PassRole",
    "arn:*",
    "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    "0.0.0.0/0",
    "::/0",
    "0::/0",
    "10.0.0.0/0",
    "host",
    " HOST ",
    "root",
    "0:0",
    ":1001",
    "KMS",
    "kms",
    "aws:kms",
    "AES256",
    "alias/aws/s3",
    "default.postgres14",
    "${aws:username}",
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "public-read",
    "Allow",
    "allow",
    "Deny",
    "HTTP",
    "https",
    "application",
    "igw-1",
    "__proto__",
    "constructor",
    `prefix-${UNKNOWN_SENTINELS[0]}-suffix`,
    "\u0000",
    "\ud800",
    "ſ",
    "K",
];

/** Malformed JSON documents (and JSON that is not a policy or container list). */
const DOCUMENTS = [
    "{",
    "[",
    "}",
    "nope",
    "null",
    "[]",
    "{}",
    '"x"',
    "5",
    "true",
    '{"Statement": 5}',
    '{"Statement": "x"}',
    '{"Statement": [null, 5, "x", [], true]}',
    '{"Statement": [{"Effect": {"toString": "Allow"}, "Action": {"valueOf": 1}, "Resource": [{}], "Principal": [1]}]}',
    '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": {"toString": "1"}}}}]}',
    '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": {"toString": "*"}}, "Action": "*", "Resource": "*"}]}',
    '{"__proto__": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}',
    '{"Statement": {"__proto__": {"Effect": "Allow"}}}',
    '[{"name": {"toString": "app"}, "user": {"valueOf": 0}, "image": ["x"], "environment": {"A": "b"}, "privileged": "true"}]',
    '[null, 5, "x", []]',
    '[{"__proto__": {"privileged": true}, "User": "0", "PRIVILEGED": true}]',
    `{"Statement": [${Array.from({ length: 200 }, () => '{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}').join(",")}]}`,
    `${"[".repeat(3000)}${"]".repeat(3000)}`,
    `{"Statement": ${"[".repeat(2500)}${"]".repeat(2500)}}`,
    `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
    // Deeper than a recursive walker's stack: JSON.parse copes, a recursive deep-freeze must not take the pack down.
    `${"[".repeat(200_000)}${"]".repeat(200_000)}`,
];

/**
 * Huge and deep values, built once. Containers cost ~20 µs per element to send through the
 * server's Struct path, so `npm test` uses thousands of elements and `npm run fuzz` (FUZZ_BIG)
 * tens of thousands.
 */
const SCALE = process.env.FUZZ_BIG ? 10 : 1;
const BIG: unknown[] = [
    "x".repeat(200_000 * SCALE),
    Array.from({ length: 2_000 * SCALE }, (_, i) => i),
    Array.from({ length: 500 * SCALE }, () => ({ toString: "x" })),
    Object.fromEntries(Array.from({ length: 500 * SCALE }, (_, i) => [`k${i}`, i])),
    nested(60, { toString: "x" }, false),
    nested(60, "0.0.0.0/0", true),
    nested(60, { valueOf: 0 }, true),
];

/** A few values that tripped real policies, for the exhaustive sweep over every path. */
export const TRAPS: readonly unknown[] = [
    { toString: "x" },
    { valueOf: 0, toString: { a: 1 } },
    [{ toString: "x" }],
    5,
    true,
    UNKNOWN_SENTINELS[0],
    secret({ toString: "x" }),
    "",
    "{",
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...UNKNOWN_SENTINELS) },
    { weight: 2, arbitrary: fc.integer({ min: -70000, max: 70000 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 65535, 65536, 22, 443, 5432) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
);

/** Any hostile value: nested a few levels, with trap keys, secrets and sentinels anywhere. */
export const hostile: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { weight: 6, arbitrary: leaf },
        { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
        { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...TRAP_KEYS), fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...TRAP_KEYS), tie("value")).map(([k, v]) => withKey(k, v)) },
        { weight: 1, arbitrary: tie("value").map((v) => secret(v)) },
        { weight: 2, arbitrary: fc.constantFrom<unknown>(...DOCUMENTS) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(...BIG) },
    ),
})).value;

/**
 * Garbage of the wrong JSON type for a field whose compliant value is `example`: never a value
 * the field's guard could accept (a string where a boolean belongs may be "true"; an object
 * where a string belongs never is), so a known-bad resource must stay blocked.
 */
export function wrongTypeFor(example: unknown): fc.Arbitrary<unknown> {
    const objects = fc.oneof(
        fc.constantFrom<unknown>({ toString: "x" }, { valueOf: 0 }, withKey("__proto__", { polluted: true }), { constructor: "Object" }, {}),
        fc.tuple(fc.constantFrom(...TRAP_KEYS), leaf).map(([k, v]) => withKey(k, v)),
    );
    const badArrays = fc.constantFrom<unknown>([{}], [[1]], [{ toString: "x" }], [null, { valueOf: 1 }]);
    const numbersAndBooleans = fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom<unknown>(0, 1, -1));
    if (Array.isArray(example)) {
        return fc.oneof(objects, numbersAndBooleans);
    }
    if (example !== null && typeof example === "object") {
        return fc.oneof(numbersAndBooleans, badArrays, fc.constantFrom<unknown>("x", "{not json"));
    }
    return fc.oneof(objects, badArrays);
}

/** URNs that name no resource of the stack (and some that are not URNs at all). */
export const danglingUrn: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom(
        "urn:pulumi:test::govstack::aws:ec2/subnet:Subnet::ghost",
        "urn:pulumi:test::govstack::aws:ec2/internetGateway:InternetGateway::ghost-igw",
        "urn:pulumi:other::other::aws:s3/bucket:Bucket::x",
        "",
        "not-a-urn",
        UNKNOWN_SENTINELS[0],
    ),
    fc.string({ maxLength: 30 }).map((s) => `urn:pulumi:test::govstack::aws:x/y:Z::${s}`),
);
